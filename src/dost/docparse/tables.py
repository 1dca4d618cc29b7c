"""Tables written as tab-separated rows (with HTML fragments inside cells).

Exports split a table at page breaks: the header row is repeated, a row continues on the next page as a row
whose first cell is empty, and stray "--" rows appear. This module rebuilds one logical table per block with
its title (the heading lines above it), header rows and data rows carrying label, level and printed cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .amounts import parse_number
from .text import Line, cell_text, clean_inline, fold, squash

_REF = re.compile(r"^(?:[IVX]{1,5}|[A-H]|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]?$")
_META = re.compile(r"^\(?\s*(Kèm theo|Ban hành kèm|Đơn vị tính|ĐVT|Đvt)", re.I)


@dataclass
class RawRow:
    cells: list[str]
    line: int


@dataclass
class Table:
    title: str
    header: list[list[str]]
    rows: list[RawRow]
    start: int  # line index of the first row
    end: int  # line index after the last row
    title_lines: list[int] = field(default_factory=list)
    unit: str | None = None

    @property
    def width(self) -> int:
        return len(self.header[0]) if self.header else 0

    def column(self, *patterns: str, exclude: tuple[str, ...] = ()) -> int | None:
        """Index of the first header column whose folded text matches one of ``patterns``."""
        for i in range(self.width):
            f = fold(" ".join(h[i] for h in self.header if i < len(h)))
            if any(re.search(p, f) for p in patterns) and not any(re.search(p, f) for p in exclude):
                return i
        return None

    @property
    def ref_col(self) -> int | None:
        first = fold(self.header[0][0]) if self.header and self.header[0] else ""
        return 0 if re.fullmatch(r"(s\.?\s?)?tt|so tt|so thu tu|thu tu|#", first) else None

    @property
    def label_col(self) -> int:
        col = self.column(r"noi dung|chi tieu|^ten|ten (nhiem vu|de tai|du an)|cong viec|nhiem vu|danh muc|"
                          r"hang muc|linh vuc", exclude=(r"thoi gian", r"tien do", r"ket qua"))
        if col is not None:
            return col
        return 1 if self.ref_col == 0 and self.width > 1 else 0


def _is_dash_row(cells: list[str]) -> bool:
    return all(re.fullmatch(r"\s*-*\s*", c) for c in cells)


def _is_numeric(cell: str) -> bool:
    s = cell_text(cell).replace(" ", "")
    return bool(s) and parse_number(s.lstrip("+-")) is not None


def find_tables(lines: list[Line]) -> list[Table]:
    """All table blocks of the document, in order."""
    tables: list[Table] = []
    i = 0
    n = len(lines)
    while i < n:
        if not lines[i].is_row:
            i += 1
            continue
        start = i
        block: list[RawRow] = []
        last = i
        while i < n and (lines[i].is_row or lines[i].blank):
            if lines[i].is_row:
                cells = lines[i].raw.split("\t")  # trailing empties kept: they carry column positions
                if not _is_dash_row(cells):
                    block.append(RawRow(cells, i))
                last = i
            i += 1
        i = last + 1
        if block:
            tables.append(_build(lines, block, start, last + 1))
    return tables


def _title_above(lines: list[Line], start: int) -> tuple[str, list[int], str | None]:
    j = start - 1
    parts: list[tuple[int, str]] = []
    unit: str | None = None
    gaps = 0
    while j >= 0 and len(parts) < 5:
        ln = lines[j]
        if ln.is_row:
            break
        if ln.blank:
            if parts and any(not _META.match(t) for _, t in parts):
                break
            gaps += 1
            if gaps > 2:
                break
            j -= 1
            continue
        text = ln.clean
        if len(text) > 300 or re.match(r"^[-+•–]\s", text) or (len(text) > 120 and text.endswith((".", ";", ":"))):
            break  # prose or a list item above the table, not its title
        parts.append((j, text))
        j -= 1
        if re.match(r"^([IVX]{1,5}\s*[.\-–]|Phụ lục|PHỤ LỤC|Biểu|BIỂU|Bảng|BẢNG)", text):
            break  # the heading that introduces the table
    parts.reverse()
    title_bits: list[str] = []
    idx: list[int] = []
    for k, text in parts:
        m = re.match(r"^\(?\s*(?:Đơn vị tính|ĐVT|Đvt)\s*:?\s*([^)]*)\)?$", text)
        if m:
            unit = squash(m.group(1)) or None
            continue
        if _META.match(text):
            continue
        title_bits.append(text)
        idx.append(k)
    return squash(" ".join(title_bits)), idx, unit


def _build(lines: list[Line], block: list[RawRow], start: int, end: int) -> Table:
    title, title_lines, unit = _title_above(lines, start)
    first = block[0].cells
    width = max(len(first), max(len(r.cells) for r in block[: min(len(block), 4)]))
    header = [_pad(first, width)]
    k = 1
    if any(not c.strip() for c in first):
        while k < len(block) and k < 4:
            cells = block[k].cells
            if cells[0].strip() == "" and (len(cells) < 2 or cells[1].strip() == "") \
                    and not any(_is_numeric(c) for c in cells) and any(c.strip() for c in cells):
                header.append(_pad(cells, width))
                k += 1
            else:
                break
    header = [[cell_text(c) for c in row] for row in header]
    signature = [fold(c) for c in header[0]]
    rows: list[RawRow] = []
    for raw in block[k:]:
        cells = raw.cells
        if [fold(cell_text(c)) for c in _pad(cells, width)] == signature:
            continue  # header repeated after a page break
        if len(cells) < width and cells and cells[0].strip() == "":
            cells = [""] * (width - len(cells)) + cells  # continuation rows lose a leading cell: right-align
        rows.append(RawRow(_pad(cells, width), raw.line))
    return Table(title, header, rows, start, end, title_lines, unit)


def _pad(cells: list[str], width: int) -> list[str]:
    cells = list(cells[:width]) if len(cells) > width and not any(c.strip() for c in cells[width:]) else list(cells)
    return cells + [""] * (width - len(cells))


def _join(prev: str, cont: str) -> str:
    """Append a cell continued on the next page: the first paragraph of ``cont`` continues ``prev``."""
    if not cont.strip():
        return prev
    if not prev.strip():
        return cont
    cont = re.sub(r"^\s*<p[^>]*>", "", cont, count=1)
    p = prev.rstrip()
    p = re.sub(r"(</p>|</li>|</ul>)\s*$", "", p)
    sep = "" if re.search(r"[\wÀ-ỹ]-$", p) else " "
    return p + sep + cont.lstrip()


def is_continuation(table: Table, cells: list[str]) -> bool:
    """A row split by a page break: no reference number and a label that is empty or starts lower-case."""
    ref = table.ref_col
    if ref is None or cells[ref].strip():
        return False
    label = cell_text(cells[table.label_col]).lstrip("-+• ")
    if not label:
        return any(c.strip() for c in cells)
    first = label[0]
    return first.isalpha() and first.islower() and not cell_text(cells[table.label_col]).startswith(("-", "+"))


def logical_rows(table: Table) -> list[RawRow]:
    """Rows with page-break continuations merged into the row they continue."""
    out: list[RawRow] = []
    for row in table.rows:
        if out and is_continuation(table, row.cells):
            prev = out[-1]
            prev.cells = [_join(a, b) for a, b in zip(prev.cells, row.cells, strict=False)]
            continue
        out.append(RawRow(list(row.cells), row.line))
    return out


def _level(ref: str, label: str, last_numbered: int) -> int:
    ref = ref.strip().rstrip(".)")
    if re.fullmatch(r"[A-H]", ref):
        return 0
    if re.fullmatch(r"[IVX]{1,5}", ref):
        return 1
    if re.fullmatch(r"\d{1,2}(\.\d{1,2})*", ref):
        return 2 + ref.count(".")
    if re.fullmatch(r"[a-zđ]", ref):
        return 3
    if label.startswith("+"):
        return 4
    if label.startswith(("-", "•", "–")):
        return 3
    return last_numbered + 1


def table_to_dict(table: Table) -> dict:
    rows = []
    last = 0
    ref_col = table.ref_col
    for row in logical_rows(table):
        cells = [cell_text(c) for c in row.cells]
        ref = cells[ref_col] if ref_col is not None else ""
        label = squash(clean_inline(cells[table.label_col]))
        level = _level(ref, label, last)
        if ref.strip():
            last = level
        rows.append({"label": label, "level": level, "cells": cells})
    return {"title": table.title, "header": table.header, "rows": rows}
