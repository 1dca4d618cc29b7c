"""The PDF produced by LibreOffice: texts, embedded fonts, page size; errors when LibreOffice is missing."""

from __future__ import annotations

import io
import threading

import pdfplumber
import pytest

from dost.docparse.errors import ToolMissingError
from dost.documents.docx import render_docx
from dost.documents.model import RenderError
from dost.documents.pdf import docx_to_pdf

from .conftest import needs_soffice
from .samples import six_month_report

pytestmark = pytest.mark.pure

A4 = (595.3, 841.9)  # points


def page_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


@needs_soffice
def test_pdf_text_has_the_title_block_and_the_signer(report_pdf):
    first, *_ = page_texts(report_pdf)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 125/BC-KHCN",
                     "Bắc Ninh, ngày 05 tháng 6 năm 2024", "BÁO CÁO", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                     "Nguyễn Văn An", "Nơi nhận:", "- Lưu: VT, KHTC."):
        assert expected in first, f"{expected!r} missing from page 1"


@needs_soffice
def test_pdf_embeds_times_or_liberation_serif_only(report_pdf):
    with pdfplumber.open(io.BytesIO(report_pdf)) as document:
        fonts = {char["fontname"].split("+", 1)[-1] for page in document.pages for char in page.chars}
    assert fonts, "no text in the PDF"
    assert all(f.startswith(("LiberationSerif", "TimesNewRoman", "Times")) for f in fonts), fonts
    raw = report_pdf.decode("latin-1")
    assert "DejaVu" not in raw


@needs_soffice
def test_pdf_pages_are_a4_and_the_appendix_landscape(report_pdf):
    with pdfplumber.open(io.BytesIO(report_pdf)) as document:
        sizes = [(round(float(p.width), 1), round(float(p.height), 1)) for p in document.pages]
    assert len(sizes) == 2
    assert sizes[0] == pytest.approx(A4, abs=1)
    assert sizes[1] == pytest.approx(A4[::-1], abs=1)
    second = page_texts(report_pdf)[1]
    assert second.splitlines()[0].strip() == "2"  # page number in the header of page 2
    assert "Phụ lục I" in second and "Năm 2024" in second


@needs_soffice
def test_page_one_has_no_page_number(report_pdf):
    first_line = page_texts(report_pdf)[0].splitlines()[0]
    assert first_line.strip() != "1"


@needs_soffice
def test_conversions_run_concurrently():
    data = render_docx(six_month_report())
    results: list[bytes | BaseException] = []

    def convert() -> None:
        try:
            results.append(docx_to_pdf(data))
        except BaseException as exc:  # reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=convert) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert len(results) == 3
    assert all(isinstance(r, bytes) and r.startswith(b"%PDF") for r in results), results


@needs_soffice
def test_timeout_is_a_render_error():
    with pytest.raises(RenderError, match="quá"):
        docx_to_pdf(render_docx(six_month_report()), timeout=0.05)


@needs_soffice
def test_corrupt_docx_is_a_render_error():
    with pytest.raises(RenderError):
        docx_to_pdf(b"PK\x03\x04 not really a docx")


def test_missing_libreoffice_is_reported_in_vietnamese(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda *args, **kwargs: None)
    with pytest.raises(ToolMissingError, match="Thiếu LibreOffice"):
        docx_to_pdf(b"PK")


@needs_soffice
def test_long_appendix_table_repeats_its_header_on_every_page():
    from dost.documents.model import Appendix, Row
    from dost.documents.pdf import render_pdf

    from .samples import indicator_table

    doc = six_month_report()
    table = indicator_table()
    table.rows += [Row([str(i), f"Nhiệm vụ số {i}", "Nhiệm vụ", "1", "1", "100,0%"]) for i in range(3, 70)]
    doc.appendices.append(Appendix(heading="Phụ lục II", title="Danh mục nhiệm vụ", blocks=[table]))
    pages = page_texts(render_pdf(doc))
    assert len(pages) >= 4
    assert "Phụ lục II" in pages[2]
    for number, text in enumerate(pages[2:], start=3):
        lines = text.splitlines()
        assert lines[0].strip() == str(number)
        assert "Năm 2024" in text and "Kế hoạch" in text, f"no repeated header on page {number}"
    assert "Nhiệm vụ số 69" in pages[-1]
