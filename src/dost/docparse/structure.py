"""Numbered headings and the sections they open.

Vietnamese plans number their parts "I. MỤC ĐÍCH", "1. Mục đích", "1.1. Nhiệm vụ 1: …", "a) Giải pháp …";
exports sometimes prefix Markdown marks ("#### I.") or write "III- Kinh phí". Tasks, targets and the budget are
found by what the sections are called, so this module only says where each numbered part starts and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Line, fold

_ROMAN_HEAD = re.compile(r"^(?:PHẦN\s+|Phần\s+)?([IVX]{1,5})\s*[.\-–:)]\s*(\S.*)$")
_ARABIC_HEAD = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(?:\s*[.)]\s*|\s+(?=\D))(?=[^\d\s])(.*)$")
_DOTTED_HEAD = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\s*\.?\s+(\S.*)$")
_LETTER_HEAD = re.compile(r"^([a-zđ])\s*\)\s*(\S.*)$")
_APPENDIX = re.compile(r"^(?:Phụ lục|PHỤ LỤC)(?:\s+(?:số\s+)?[IVX\d]+[a-z]?)?\s*[.:]?\s*(.*)$")


@dataclass(slots=True)
class Heading:
    line: int
    kind: str  # "roman", "arabic", "letter"
    number: str
    text: str

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1 if self.kind == "arabic" else 0


def heading_of(line: Line) -> Heading | None:
    """The numbered heading a line starts with, if any."""
    if line.is_row or not line.clean:
        return None
    text = line.clean
    m = _ROMAN_HEAD.match(text)
    if m:
        return Heading(line.index, "roman", m.group(1), m.group(2).strip())
    m = _DOTTED_HEAD.match(text) or _ARABIC_HEAD.match(text)
    if m:
        number = m.group(1)
        if int(number.split(".")[0]) == 0:
            return None
        return Heading(line.index, "arabic", number, m.group(2).strip())
    m = _LETTER_HEAD.match(text)
    if m:
        return Heading(line.index, "letter", m.group(1), m.group(2).strip())
    return None


def headings(lines: list[Line], start: int, end: int) -> list[Heading]:
    out = []
    for ln in lines[start:end]:
        h = heading_of(ln)
        if h:
            out.append(h)
    return out


@dataclass(slots=True)
class Section:
    heading: Heading
    start: int  # first line after the heading line
    end: int

    @property
    def title(self) -> str:
        return self.heading.text


def top_sections(lines: list[Line], start: int, end: int) -> list[Section]:
    """Top-level sections of the body: Roman-numbered if the document has them, else "1." headings."""
    heads = headings(lines, start, end)
    romans = [h for h in heads if h.kind == "roman"]
    if len(romans) >= 2:
        tops = romans
    else:
        tops = [h for h in heads if h.kind == "arabic" and h.depth == 1 and len(h.text) < 120]
    out = []
    for i, h in enumerate(tops):
        stop = tops[i + 1].line if i + 1 < len(tops) else end
        out.append(Section(h, h.line + 1, stop))
    return out


def is_appendix_line(line: Line) -> bool:
    if line.is_row or not line.clean or len(line.clean) > 160:
        return False
    m = _APPENDIX.match(line.clean)
    return bool(m) and not fold(line.clean).startswith(("phu luc kem theo", "phu luc chi tiet kem theo"))


_TASK_SECTION = re.compile(
    r"nhiem vu|giai phap|noi dung|ke hoach|thoi gian thuc hien|tien do|lo trinh|cac buoc|hoat dong|"
    r"phan cong|cong viec|chuong trinh")
_NOT_TASK_SECTION = re.compile(
    r"danh gia|ket qua|tinh hinh|muc dich|muc tieu|yeu cau|kinh phi|du toan|to chuc thuc hien|can cu|"
    r"che do bao cao|khen thuong|dieu khoan")


def is_task_section(title: str) -> bool:
    f = fold(title)
    return bool(_TASK_SECTION.search(f)) and not _NOT_TASK_SECTION.search(f)


def is_report_title(title: str) -> bool:
    """A heading that introduces results already achieved rather than work to do."""
    return bool(re.search(r"ket qua (trien khai|thuc hien)|danh gia|tinh hinh thuc hien|bao cao ket qua",
                          fold(title)))
