"""Administrative documents (Decree 30/2020/NĐ-CP): one renderer every app uses for its letters and reports.

``from dost.documents import AdministrativeDocument, render_docx, render_pdf`` — the names are loaded lazily
so that Django, which imports this package as an app at start-up, does not pay for python-docx and friends.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "AdministrativeDocument": "model", "Appendix": "model", "HeaderCell": "model", "PageBreak": "model",
    "Paragraph": "model", "RenderError": "model", "Row": "model", "Signer": "model", "Table": "model",
    "format_date_line": "model", "format_number_line": "model", "parse_vn_number": "model",
    "render_docx": "docx", "measure_mm": "docx", "render_pdf": "pdf", "docx_to_pdf": "pdf",
    "render_xlsx": "xlsx", "pdf_page_png": "images", "pdf_page_count": "images", "compare_images": "images",
    "diff_image": "images",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
