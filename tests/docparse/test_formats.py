"""Every input path: txt (BOM, CRLF), docx, text-layer pdf, old .doc, scanned pdf and images; detection by
content; and errors for empty, corrupt, encrypted or unsupported files."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from dost.docparse import ParseError, ToolMissingError, loaders, ocr, parse_file, parse_text

from .conftest import EXTRA, EXTRA_GOLD, SAMPLES, gold, needs_soffice, needs_tesseract, parsed

KTDN = gold("ktdn_2025", EXTRA_GOLD)
KHOINGHIEP = gold("khoinghiep_2024", EXTRA_GOLD)


def _check_header(result: dict, want: dict, fields=("number", "symbol", "title", "budget_vnd")) -> None:
    for f in fields:
        assert result[f] == want[f], f


def _leads(result: dict) -> list:
    return [t["lead"] for t in result["tasks"]]


def test_txt_with_bom_and_crlf() -> None:
    r = parsed(str(EXTRA / "khoinghiep_2024.txt"))
    _check_header(r, KHOINGHIEP, ("number", "symbol", "place", "date", "title", "signer", "budget_vnd"))
    assert "\r" not in r["text"] and not r["text"].startswith("\ufeff")


def test_txt_prose_tasks_with_lead_partners_and_quarter() -> None:
    tasks = parsed(str(EXTRA / "khoinghiep_2024.txt"))["tasks"]
    assert [(t["lead"], t["due"]) for t in tasks] == [(t["lead"], t["due"]) for t in KHOINGHIEP["tasks"]]
    assert tasks[0]["partners"] == ["Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh"]


def test_signer_with_two_authorities() -> None:
    assert parsed(str(EXTRA / "khoinghiep_2024.txt"))["signer"]["on_behalf"] == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"


def test_docx_paragraphs_and_tables_in_order() -> None:
    r = parsed(str(EXTRA / "ktdn_2025.docx"))
    _check_header(r, KTDN, ("issuer", "number", "place", "date", "title", "signer", "budget_vnd", "replaces"))
    assert _leads(r) == [t["lead"] for t in KTDN["tasks"]]
    assert [t["due"] for t in r["tasks"]] == [t["due"] for t in KTDN["tasks"]]


def test_docx_layout_tables_read_column_by_column() -> None:
    r = parsed(str(EXTRA / "ktdn_2025.docx"))
    assert r["recipients"] == KTDN["recipients"]
    assert r["tables"][0]["title"] == "III. NHIỆM VỤ VÀ GIẢI PHÁP"


def test_pdf_text_layer() -> None:
    r = parsed(str(EXTRA / "ktdn_2025.pdf"))
    _check_header(r, KTDN, ("issuer", "number", "place", "date", "title", "signer", "budget_vnd"))
    assert _leads(r) == [t["lead"] for t in KTDN["tasks"]]
    assert r["recipients"] == KTDN["recipients"]


@needs_soffice
def test_old_doc_through_libreoffice() -> None:
    r = parsed(str(EXTRA / "ktdn_2025.doc"))
    _check_header(r, KTDN, ("number", "title", "signer", "budget_vnd"))
    assert len(r["tasks"]) == 6


@needs_tesseract
def test_scanned_pdf_through_ocr() -> None:
    r = parsed(str(EXTRA / "ktdn_2025.scan.pdf"))
    _check_header(r, KTDN, ("number", "symbol", "budget_vnd"))
    assert len(r["tasks"]) == 6
    assert any("OCR" in w for w in r["warnings"])


@needs_tesseract
def test_multipage_tiff_through_ocr() -> None:
    r = parsed(str(EXTRA / "ktdn_2025.scan.tif"))
    assert r["number"] == KTDN["number"]
    assert [t["due"] for t in r["tasks"]] == [t["due"] for t in KTDN["tasks"]]


@needs_tesseract
def test_png_through_ocr() -> None:
    r = parsed(str(EXTRA / "khoinghiep_2024.png"))
    _check_header(r, KHOINGHIEP, ("number", "place", "date", "title", "budget_vnd"))
    assert _leads(r) == [t["lead"] for t in KHOINGHIEP["tasks"]]


def test_type_is_detected_by_content_not_extension(tmp_path: Path) -> None:
    fake_txt = tmp_path / "plan.txt"
    shutil.copyfile(EXTRA / "ktdn_2025.docx", fake_txt)
    assert parse_file(fake_txt)["number"] == "47/KH-KHCN"
    fake_pdf = tmp_path / "plan.pdf"
    shutil.copyfile(SAMPLES / "003_939a8cc7529e5ded.txt", fake_pdf)
    assert parse_file(fake_pdf)["number"] == "25/KH-KHCN"


def test_sniff_magic_bytes() -> None:
    assert loaders.sniff(b"%PDF-1.7\n") == "pdf"
    assert loaders.sniff(b"PK\x03\x04rest") == "zip"
    assert loaders.sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "ole"
    assert loaders.sniff(b"\x89PNG\r\n\x1a\nxx") == "png"
    assert loaders.sniff("Số: 1/KH".encode()) == "text"


# ------------------------------------------------------------------------------------------------ errors


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ParseError, match="empty.txt"):
        parse_file(p)


def test_whitespace_only_text_is_empty() -> None:
    with pytest.raises(ParseError):
        parse_text(" \n\t\n")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="nope.docx"):
        parse_file(tmp_path / "nope.docx")


def test_corrupt_zip_renamed_docx(tmp_path: Path) -> None:
    p = tmp_path / "broken.docx"
    data = (EXTRA / "ktdn_2025.docx").read_bytes()
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError, match="broken.docx"):
        parse_file(p)


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    p = tmp_path / "archive.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(ParseError, match="archive.docx"):
        parse_file(p)


def test_binary_garbage(tmp_path: Path) -> None:
    p = tmp_path / "noise.bin"
    p.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ParseError, match="noise.bin"):
        parse_file(p)


def test_latin1_text_is_rejected_with_reason(tmp_path: Path) -> None:
    p = tmp_path / "old.txt"
    p.write_bytes("Kế hoạch".encode()[:2] + b"\xe9\xe8 caf\xe9")
    with pytest.raises(ParseError, match="UTF-8"):
        parse_file(p)


def _encrypted_pdf() -> bytes:
    """A minimal PDF with a Standard security handler whose user password is not empty."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length 8 >>\nstream\n\x8a\x1b\x99\x02\x11\x00\x7f\x33\nendstream",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> "
            b"<00112233445566778899aabbccddeeff>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return bytes(out)


def test_encrypted_pdf(tmp_path: Path) -> None:
    p = tmp_path / "secret.pdf"
    p.write_bytes(_encrypted_pdf())
    with pytest.raises(ParseError, match=r"secret\.pdf.*(mã hóa|encrypted)"):
        parse_file(p)


def test_corrupt_pdf(tmp_path: Path) -> None:
    p = tmp_path / "cut.pdf"
    p.write_bytes((EXTRA / "ktdn_2025.pdf").read_bytes()[:300])
    with pytest.raises(ParseError, match="cut.pdf"):
        parse_file(p)


def test_missing_tesseract_is_tool_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(ToolMissingError, match="Tesseract"):
        parse_file(EXTRA / "khoinghiep_2024.png")


def test_missing_libreoffice_is_tool_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders.shutil, "which", lambda name: None)
    with pytest.raises(ToolMissingError, match="LibreOffice"):
        parse_file(EXTRA / "ktdn_2025.doc")


def test_docx_without_text(tmp_path: Path) -> None:
    p = tmp_path / "blank.docx"
    docx.Document().save(str(p))
    with pytest.raises(ParseError, match="blank.docx"):
        parse_file(p)
