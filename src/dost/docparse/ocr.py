"""Optical character recognition of scanned pages through the ``tesseract`` program (``-l vie``).

Tesseract's own reading order mixes the two-column header and table cells, so only its word boxes (TSV) are
used; ruling lines are found in the image with Pillow so that table cells can be rebuilt the same way as from
a PDF text layer, and :mod:`layout` orders everything.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ParseError, ToolMissingError
from .layout import GridTable, Page, Word

OCR_DPI = 300
_TIMEOUT = 300


def tesseract_path() -> str:
    path = shutil.which("tesseract")
    if not path:
        raise ToolMissingError(
            "Thiếu chương trình Tesseract OCR (tesseract, gói ngôn ngữ 'vie') để đọc bản quét; "
            "cài đặt: apt-get install tesseract-ocr tesseract-ocr-vie")
    return path


def _check_language(exe: str) -> None:
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60).stdout  # nosec B603
    except (OSError, subprocess.SubprocessError) as exc:
        raise ToolMissingError(f"Không chạy được tesseract: {exc}") from exc
    if "vie" not in out.split():
        raise ToolMissingError("Tesseract thiếu dữ liệu tiếng Việt (tesseract-ocr-vie).")


def ocr_image(image, name: str = "image") -> Page:  # image: PIL.Image.Image
    """OCR one page image into positioned words and ruled tables."""
    exe = tesseract_path()
    _check_language(exe)
    image = image.convert("L")
    with tempfile.TemporaryDirectory(prefix="dost-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png, dpi=(OCR_DPI, OCR_DPI))
        try:
            proc = subprocess.run([exe, str(png), "stdout", "-l", "vie", "--psm", "3", "--dpi", str(OCR_DPI),  # nosec B603
                                   "tsv"], capture_output=True, timeout=_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            raise ParseError(f"{name}: OCR quá thời gian cho phép") from exc
        except OSError as exc:
            raise ToolMissingError(f"Không chạy được tesseract: {exc}") from exc
    if proc.returncode != 0:
        raise ParseError(f"{name}: tesseract lỗi: {proc.stderr.decode('utf-8', 'replace')[-300:]}")
    words = _read_tsv(proc.stdout.decode("utf-8", "replace"))
    page = Page(float(image.width), float(image.height), words)
    page.tables = find_grid_tables(image, words)
    return page


def _read_tsv(data: str) -> list[Word]:
    words: list[Word] = []
    reader = csv.reader(io.StringIO(data), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if not header:
        return words
    col = {name: i for i, name in enumerate(header)}
    for row in reader:
        if len(row) < len(header) or row[col["level"]] != "5":
            continue
        text = row[col["text"]].strip()
        try:
            conf = float(row[col["conf"]])
            left, top = int(row[col["left"]]), int(row[col["top"]])
            width, height = int(row[col["width"]]), int(row[col["height"]])
        except ValueError:
            continue
        text = text.strip("|")
        if not text or conf < 0:
            continue
        words.append(Word(text, left, left + width, top, top + height))
    return words


# -------------------------------------------------------------------------------------- ruling lines


def _runs(profile: list[float], threshold: float) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = None
    for i, v in enumerate(profile):
        if v >= threshold and start is None:
            start = i
        elif v < threshold and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(profile)))
    return out


def _longest_run(data: bytes) -> int:
    return max((len(part) for part in data.split(b"\x00")), default=0)


def find_grid_tables(image, words: list[Word]) -> list[GridTable]:
    """Ruled tables of a page image: horizontal rules joined by vertical rules form a grid of cells.

    A rule is one continuous dark run (long for horizontal rules, the band's full height for vertical ones);
    testing continuity rather than mean darkness keeps bold title lines and letter stems from passing as rules.
    """
    from PIL import Image

    gray = image.convert("L")
    w, h = gray.size
    dark = gray.point(lambda p: 255 if p < 160 else 0)
    rows_profile = [v / 255 for v in dark.resize((1, h), Image.Resampling.BOX).tobytes()]
    hlines: list[float] = []
    for a, b in _runs(rows_profile, 0.25):
        if b - a > 12:
            continue
        longest = max(_longest_run(dark.crop((0, y, w, y + 1)).tobytes()) for y in range(a, b))
        if longest >= 0.35 * w:
            hlines.append((a + b) / 2)
    if len(hlines) < 2:
        return []
    tables: list[GridTable] = []
    current: list[tuple[float, float, list[float]]] = []  # bands: (top, bottom, vertical rule xs)

    def flush() -> None:
        if len(current) >= 1:
            tables.append(_grid(current, words))
        current.clear()

    for y0, y1 in zip(hlines, hlines[1:], strict=False):
        top, bottom = int(y0) + 4, int(y1) - 4
        if bottom - top < 12:
            continue
        band = dark.crop((0, top, w, bottom))
        cols_profile = [v / 255 for v in band.resize((w, 1), Image.Resampling.BOX).tobytes()]
        vlines: list[float] = []
        for a, b in _runs(cols_profile, 0.9):
            if b - a > 12:
                continue
            x = (a + b) // 2
            if _longest_run(band.crop((x, 0, x + 1, bottom - top)).tobytes()) >= 0.95 * (bottom - top):
                if not vlines or x - vlines[-1] > 20:
                    vlines.append(float(x))
        if len(vlines) >= 3:
            if current and abs(current[-1][1] - y0) > 12:
                flush()
            current.append((y0, y1, vlines))
        else:
            flush()
    flush()
    return [t for t in tables if t.rows]


def _grid(bands: list[tuple[float, float, list[float]]], words: list[Word]) -> GridTable:
    xs: list[float] = []
    for _, _, vl in bands:
        for x in vl:
            if not any(abs(x - e) < 12 for e in xs):
                xs.append(x)
    xs.sort()
    rows: list[list[str]] = []
    for top, bottom, vl in bands:
        cells = [""] * (len(xs) - 1)
        edges = sorted(vl)
        for a, b in zip(edges, edges[1:], strict=False):
            inside = [wd for wd in words if a < (wd.x0 + wd.x1) / 2 < b and top < (wd.top + wd.bottom) / 2 < bottom]
            col = min(range(len(xs) - 1), key=lambda k: abs(xs[k] - a)) if len(xs) > 1 else 0
            cells[col] = _cell_lines(inside)
        rows.append(cells)
    box = (xs[0], bands[0][0], xs[-1], bands[-1][1])
    return GridTable(box, rows)


def _cell_lines(words: list[Word]) -> str:
    if not words:
        return ""
    words = sorted(words, key=lambda wd: (wd.top, wd.x0))
    lines: list[list[Word]] = []
    for wd in words:
        if lines and abs(((wd.top + wd.bottom) / 2) - ((lines[-1][0].top + lines[-1][0].bottom) / 2)) < \
                0.5 * max(1.0, wd.bottom - wd.top):
            lines[-1].append(wd)
        else:
            lines.append([wd])
    return "\n".join(" ".join(x.text for x in sorted(ln, key=lambda z: z.x0)) for ln in lines)
