"""Text normalisation and line model.

Documents reach the parser as UTF-8 exports mixing plain lines, Markdown marks (``## KẾ HOẠCH``, ``**bold**``),
tab-separated table rows and HTML fragments. Parsers work on lines whose *clean* form has the marks removed,
while keeping the offsets of the raw text so that ``spans`` point into the exact ``text`` we return.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_EMPHASIS = re.compile(r"(\*\*|__)")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_TAG = re.compile(r"<[^<>\n]{0,300}?>")
_SUPERSCRIPT = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_HAS_SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def normalise_document(text: str) -> str:
    """Canonical form of a whole document: NFC, LF line ends, no BOM or control characters.

    Pipe tables (Markdown) and ``<table>`` blocks are turned into tab-separated rows so that one table reader
    serves every input; the returned string is the ``text`` every span refers to.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if "Ð" in text or "ð" in text:  # Icelandic eth from OCR and some fonts stands for Vietnamese "Đ/đ"
        text = text.replace("Ð", "Đ").replace("ð", "đ")
    if "<table" in text.lower():
        text = _html_tables_to_rows(text)
    if "|" in text:
        text = _pipe_tables_to_rows(text)
    return text


_COMBINING = re.compile("[\u0300-\u036f]")


def fold(text: str | None) -> str:
    """Lower-case, diacritic-free, single-spaced form used for keyword tests and comparisons.

    "đ/Đ" does not decompose and is mapped explicitly. Decomposition plus one regex runs in C, which matters
    because folding runs on every line and the parser must stay fast (≥ 50 documents per second).
    """
    if not text:
        return ""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")
    return " ".join(text.lower().split())


def squash(text: str | None) -> str:
    """Collapse whitespace (including non-breaking spaces) to single spaces."""
    return " ".join((text or "").split())


def clean_inline(text: str) -> str:
    """Remove Markdown/HTML marks and superscript footnote digits from one line of prose."""
    if _HAS_SUPERSCRIPT.search(text):
        text = text.translate(_SUPERSCRIPT)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub("", text)
    if "*" in text:
        text = _MD_ITALIC.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return squash(text)


@dataclass(slots=True)
class Line:
    """One line of the document with its offsets in ``text`` and its cleaned content."""

    index: int
    start: int
    end: int
    raw: str
    clean: str

    @property
    def is_row(self) -> bool:
        return "\t" in self.raw

    @property
    def blank(self) -> bool:
        return not self.clean and not self.is_row


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into :class:`Line` objects, keeping raw offsets."""
    lines: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        clean = "" if "\t" in raw else clean_inline(raw)
        lines.append(Line(i, pos, pos + len(raw), raw, clean))
        pos += len(raw) + 1
    return lines


def value_span(line: Line, value: str) -> list[int]:
    """Offsets of ``value`` inside ``line`` (falls back to the whole line when marks interrupt it)."""
    if value:
        at = line.raw.find(value)
        if at >= 0:
            return [line.start + at, line.start + at + len(value)]
        head = value[: min(len(value), 12)]
        at = line.raw.find(head)
        if at >= 0:
            return [line.start + at, line.end]
    stripped = len(line.raw) - len(line.raw.lstrip(" #*"))
    return [line.start + stripped, line.end]


# ----------------------------------------------------------------------------------------------- HTML cells

_BLOCK_TAG = re.compile(r"</?(p|ul|ol|li|div|br|tr)\b[^>]*>", re.I)


def cell_paragraphs(cell: str) -> list[str]:
    """Paragraphs of a table cell given as text or HTML fragments (``<p>..</p> <ul> - item``).

    Block tags become paragraph breaks; inline list items written as `` - Item`` / `` + Item`` inside one
    paragraph are split too, which is how exported roadmap cells ("- Tháng 1: ...") carry their structure.
    """
    text = _BLOCK_TAG.sub("\n", cell)
    text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if _HAS_SUPERSCRIPT.search(text):
        text = text.translate(_SUPERSCRIPT)
    out: list[str] = []
    for para in text.split("\n"):
        for piece in _INLINE_ITEM.split(para):
            piece = squash(piece)
            if piece:
                out.append(piece)
    return out


# An inline item marker: "-", "+", "•" after a space and before an upper-case letter (not "1 - 2" ranges).
_INLINE_ITEM = re.compile(r"(?<=\S)\s+(?=[-+•]\s*[A-ZĐÀ-Ỹ])")


def cell_text(cell: str) -> str:
    """A cell as printed: HTML removed, one paragraph per line."""
    if "<" not in cell and "&" not in cell:
        return squash(cell)
    return "\n".join(cell_paragraphs(cell))


def strip_marker(text: str) -> str:
    """Drop a leading list marker ("- ", "+ ", "• ") and trailing ";" / "," / "." ."""
    text = re.sub(r"^\s*(?:[-+•–*]\s*)+", "", text)
    return re.sub(r"[\s;,.:]+$", "", text).strip()


# ------------------------------------------------------------------------------------- table conversions


def _pipe_tables_to_rows(text: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
            if _PIPE_SEPARATOR.match(s):
                out.append("")
                continue
            cells = [c.strip() for c in s[1:-1].split("|")]
            out.append("\t".join(cells) if len(cells) > 1 else line)
        else:
            out.append(line)
    return "\n".join(out)


_TABLE_BLOCK = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table|$)", re.I | re.S)
_CELL = re.compile(r"<t([dh])\b([^>]*)>(.*?)(?=<t[dh]\b|</tr|$)", re.I | re.S)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.I)


def _html_tables_to_rows(text: str) -> str:
    def convert(match: re.Match[str]) -> str:
        rows: list[str] = []
        for row in _ROW.finditer(match.group(0)):
            cells: list[str] = []
            for cell in _CELL.finditer(row.group(1)):
                content = re.sub(r"</t[dh]\s*>", "", cell.group(3), flags=re.I)
                content = re.sub(r"\s*\n\s*", " ", content).replace("\t", " ").strip()
                cells.append(content)
                span = _COLSPAN.search(cell.group(2))
                if span:
                    cells.extend([""] * (min(int(span.group(1)), 50) - 1))
            if cells:
                rows.append("\t".join(cells) if len(cells) > 1 else cells[0] + "\t")
        return "\n" + "\n".join(rows) + "\n"

    return _TABLE_BLOCK.sub(convert, text)
