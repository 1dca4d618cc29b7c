"""Reading files of every type the Department receives, detected by content rather than by extension.

.txt (UTF-8, BOM, CRLF), .docx (paragraphs and tables in document order), .pdf with a text layer, scanned
.pdf and images (Tesseract OCR), and old .doc / .rtf (converted by LibreOffice). Every failure caused by the
file is a :class:`ParseError` naming the file and the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ParseError, ToolMissingError
from .layout import GridTable, Page, Word, pages_to_text

MAX_BYTES = 200 * 1024 * 1024
IMAGE_TYPES = {"png", "jpeg", "tiff", "bmp", "gif"}


@dataclass
class Loaded:
    text: str
    kind: str
    warnings: list[str] = field(default_factory=list)


def sniff(head: bytes, name: str = "") -> str:
    """File type from its first bytes: pdf, docx, zip, ole, rtf, png, jpeg, tiff, bmp, gif, text or binary."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"BM") and name.lower().endswith(".bmp"):
        return "bmp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if b"\x00" in head[:4096]:
        return "utf16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "binary"
    return "text"


def load(path: str | os.PathLike[str]) -> Loaded:
    p = Path(path)
    name = p.name
    try:
        if not p.exists():
            raise ParseError(f"{name}: không tìm thấy tệp (file not found)")
        if p.is_dir():
            raise ParseError(f"{name}: là thư mục, không phải tệp (is a directory)")
        size = p.stat().st_size
        if size == 0:
            raise ParseError(f"{name}: tệp rỗng (empty file)")
        if size > MAX_BYTES:
            raise ParseError(f"{name}: tệp quá lớn ({size} bytes)")
        with p.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise ParseError(f"{name}: không đọc được tệp ({exc.strerror or exc})") from exc
    kind = sniff(head, name)
    try:
        if kind == "pdf":
            return load_pdf(p)
        if kind == "zip":
            return load_docx(p)
        if kind in ("ole", "rtf"):
            return load_via_soffice(p, kind)
        if kind in IMAGE_TYPES:
            return load_image(p)
        if kind == "utf16":
            return Loaded(_decode(p.read_bytes(), name, "utf-16"), "txt")
        if kind == "text":
            return Loaded(_decode(p.read_bytes(), name), "txt")
    except ParseError:
        raise
    except MemoryError as exc:
        raise ParseError(f"{name}: tệp quá lớn để đọc") from exc
    except Exception as exc:  # third-party readers raise anything on corrupt input
        raise ParseError(f"{name}: tệp hỏng hoặc không đọc được ({type(exc).__name__}: {exc})") from exc
    raise ParseError(f"{name}: định dạng không được hỗ trợ (unsupported file type)")


def _decode(data: bytes, name: str, encoding: str = "utf-8") -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError(f"{name}: không phải văn bản UTF-8 (not UTF-8 text at byte {exc.start})") from exc
    if not text.strip():
        raise ParseError(f"{name}: tệp không có nội dung (no text)")
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:20000])
    if printable < 0.9 * min(len(text), 20000):
        raise ParseError(f"{name}: nội dung nhị phân, không phải văn bản (binary content)")
    return text


# ------------------------------------------------------------------------------------------------- docx


def load_docx(path: Path) -> Loaded:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                if "EncryptedPackage" in names:
                    raise ParseError(f"{name}: tệp Word được mã hóa (encrypted)")
                raise ParseError(f"{name}: tệp nén không phải tài liệu Word .docx (unsupported zip content)")
            bad = zf.testzip()
            if bad:
                raise ParseError(f"{name}: tệp .docx hỏng ({bad})")
    except zipfile.BadZipFile as exc:
        raise ParseError(f"{name}: tệp .docx hỏng (corrupt zip: {exc})") from exc
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    body = document.element.body
    out: list[str] = []

    def walk(parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(_para_text(Paragraph(child, document)))
            elif tag == "tbl":
                out.extend(_docx_table(Table(child, document)))
            elif tag == "sdt":
                content = child.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent")
                if content is not None:
                    walk(content)

    walk(body)
    text = "\n".join(out)
    if not text.strip():
        raise ParseError(f"{name}: tài liệu Word không có nội dung văn bản (no text)")
    return Loaded(text, "docx")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _para_text(paragraph) -> str:
    """Paragraph text with every kind of break as a new line (LibreOffice turns layout tables of old .doc
    files into columns separated by column breaks, which python-docx's ``.text`` drops)."""
    parts: list[str] = []
    for el in paragraph._p.iter():
        tag = el.tag
        if tag == _W + "t":
            parts.append(el.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _cell_text(cell) -> str:
    paras = [" ".join(_para_text(p).split()) for p in cell.paragraphs]
    paras = [p for p in paras if p]
    if len(paras) <= 1:
        return paras[0] if paras else ""
    return " ".join(f"<p>{p}</p>" for p in paras)


_LAYOUT_MARKS = ("CỘNG HÒA", "CỘNG HOÀ", "Nơi nhận", "Số:", "Độc lập")


def _docx_table(table) -> list[str]:
    grid: list[list] = []
    for row in table.rows:
        try:
            grid.append(list(row.cells))
        except Exception:  # nosec B112
            continue
    if not grid:
        return []
    flat = " ".join(c.text for r in grid for c in r[:3])
    width = max(len(r) for r in grid)
    is_layout = any(m in flat for m in _LAYOUT_MARKS) or (width <= 2 and len(grid) <= 3)
    if is_layout:
        # layout table (header or signature block): read column by column, one line per paragraph
        lines: list[str] = []
        seen: set[int] = set()
        for col in range(width):
            for r in grid:
                if col < len(r) and id(r[col]._tc) not in seen:
                    seen.add(id(r[col]._tc))
                    for p in r[col].paragraphs:
                        lines.append(_para_text(p))
            lines.append("")
        return lines
    rows: list[str] = []
    above: list = [None] * width
    for r in grid:
        cells: list[str] = []
        prev_tc = None
        for col in range(width):
            if col >= len(r):
                cells.append("")
                continue
            tc = r[col]._tc
            if tc is prev_tc or (above[col] is tc):
                cells.append("")
            else:
                cells.append(_cell_text(r[col]).replace("\t", " "))
            prev_tc = tc
            above[col] = tc
        rows.append("\t".join(cells))
    return [""] + rows + [""]


# -------------------------------------------------------------------------------------------------- pdf


def load_pdf(path: Path) -> Loaded:
    name = path.name
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(str(path))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ParseError(f"{name}: PDF được mã hóa, cần mật khẩu (encrypted PDF)") from exc
    except Exception as exc:
        inner = exc.args[0] if exc.args else None
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or \
                re.search(r"password|encrypt", f"{exc!r} {inner!r}", re.I):
            raise ParseError(f"{name}: PDF được mã hóa, cần mật khẩu (encrypted PDF)") from exc
        raise ParseError(f"{name}: PDF hỏng (corrupt PDF: {type(exc).__name__})") from exc
    warnings: list[str] = []
    pages: list[Page] = []
    scanned: list[int] = []
    with pdf:
        if not pdf.pages:
            raise ParseError(f"{name}: PDF không có trang nào (no pages)")
        for i, pg in enumerate(pdf.pages):
            words = [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
                     for w in pg.extract_words(keep_blank_chars=False, use_text_flow=False)]
            if sum(len(w.text) for w in words) < 15:
                scanned.append(i)
                pages.append(Page(float(pg.width), float(pg.height), []))
                continue
            tables: list[GridTable] = []
            for t in pg.find_tables():
                rows = [[c or "" for c in row] for row in t.extract()]
                if rows and max(len(r) for r in rows) >= 2:
                    tables.append(GridTable(tuple(t.bbox), rows))
            pages.append(Page(float(pg.width), float(pg.height), words, tables))
    if scanned:
        ocr_pages = _ocr_pdf_pages(path, scanned)
        for i, page in zip(scanned, ocr_pages, strict=True):
            pages[i] = page
        warnings.append(f"Đọc bằng OCR {len(scanned)} trang không có lớp chữ; cần kiểm tra lại nội dung.")
    text = pages_to_text(pages)
    if not text.strip():
        raise ParseError(f"{name}: PDF không có nội dung đọc được (no text)")
    return Loaded(text, "pdf", warnings)


def _ocr_pdf_pages(path: Path, indexes: list[int]) -> list[Page]:
    from .ocr import OCR_DPI, ocr_image, tesseract_path

    tesseract_path()  # fail fast with ToolMissingError before rendering
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in indexes:
            image = doc[i].render(scale=OCR_DPI / 72).to_pil()
            out.append(ocr_image(image, f"{path.name} trang {i + 1}"))
        return out
    finally:
        doc.close()


# ------------------------------------------------------------------------------------------------ image


def load_image(path: Path) -> Loaded:
    from PIL import Image, ImageSequence

    from .ocr import ocr_image, tesseract_path

    tesseract_path()
    pages: list[Page] = []
    with Image.open(path) as img:
        for k, frame in enumerate(ImageSequence.Iterator(img)):
            frame = frame.convert("L")
            dpi = img.info.get("dpi", (300, 300))[0] or 300
            if dpi and dpi < 250:
                scale = 300 / float(dpi)
                if scale > 1.05 and frame.width * scale < 6000:
                    frame = frame.resize((int(frame.width * scale), int(frame.height * scale)))
            pages.append(ocr_image(frame, f"{path.name} trang {k + 1}"))
            if k >= 200:
                break
    text = pages_to_text(pages)
    if not text.strip():
        raise ParseError(f"{path.name}: không nhận dạng được chữ trong ảnh (no text recognised)")
    return Loaded(text, "image", ["Đọc bằng OCR; cần kiểm tra lại nội dung."])


# --------------------------------------------------------------------------------------- doc via soffice


def soffice_path() -> str:
    for exe in ("soffice", "libreoffice"):
        path = shutil.which(exe)
        if path:
            return path
    raise ToolMissingError("Thiếu LibreOffice (soffice) để chuyển tệp .doc/.rtf sang .docx; "
                           "cài đặt: apt-get install libreoffice-writer-nogui")


def load_via_soffice(path: Path, kind: str) -> Loaded:
    exe = soffice_path()
    with tempfile.TemporaryDirectory(prefix="dost-soffice-") as tmp:
        src = Path(tmp) / ("input." + ("rtf" if kind == "rtf" else "doc"))
        shutil.copyfile(path, src)
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=180, env={**os.environ, "HOME": tmp})  # nosec B603
        except subprocess.TimeoutExpired as exc:
            raise ParseError(f"{path.name}: LibreOffice chuyển đổi quá thời gian") from exc
        except OSError as exc:
            raise ToolMissingError(f"Không chạy được LibreOffice: {exc}") from exc
        out = Path(tmp) / "input.docx"
        if proc.returncode != 0 or not out.exists():
            raise ParseError(f"{path.name}: không chuyển đổi được tệp .{'rtf' if kind == 'rtf' else 'doc'} "
                             f"(hỏng, được mã hóa hoặc không phải tài liệu Word)")
        loaded = load_docx(out)
    loaded.kind = "doc" if kind == "ole" else "rtf"
    return Loaded(loaded.text, loaded.kind, loaded.warnings)


__all__ = ["Loaded", "load", "sniff"]
