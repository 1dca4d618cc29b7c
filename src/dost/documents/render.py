"""The renderer's public API in one place: content in, .docx / PDF / .xlsx / page images out."""

from __future__ import annotations

from .docx import measure_mm, render_docx
from .images import ImageDifference, compare_images, diff_image, pdf_page_count, pdf_page_png
from .model import format_date_line, format_number_line
from .pdf import docx_to_pdf, render_pdf
from .xlsx import render_xlsx

__all__ = [
    "ImageDifference",
    "compare_images",
    "diff_image",
    "docx_to_pdf",
    "format_date_line",
    "format_number_line",
    "measure_mm",
    "pdf_page_count",
    "pdf_page_png",
    "render_docx",
    "render_pdf",
    "render_xlsx",
]
