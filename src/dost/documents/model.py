"""What an administrative document says, independent of how it is printed.

Apps (reports, procedures, grants, research, councils) fill these dataclasses; the renderers in this package
turn them into .docx, PDF and .xlsx laid out as Decree 30/2020/NĐ-CP requires. Keeping the content free of
layout means every app gets the same, legally correct presentation without knowing Word.

Pure Python: no Django, so the renderer can be tested and used from background tasks and the CLI alike.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

PARAGRAPH_STYLES = ("body", "heading1", "heading2", "heading3", "italic", "bullet", "center", "note")
ALIGNMENTS = ("left", "right", "center")


class RenderError(RuntimeError):
    """A document could not be rendered (converter failed or timed out); the message is Vietnamese."""


@dataclass
class Signer:
    """Who signs, and in which capacity.

    ``capacity`` is the authority line printed above the title: "KT. GIÁM ĐỐC" (a deputy signing for the head),
    "TM. ỦY BAN NHÂN DÂN" (for a collective body), "Q. GIÁM ĐỐC", "TL. GIÁM ĐỐC", or "" when the head signs.
    A collective body signed by a deputy needs two lines; separate them with a newline:
    "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH".
    """

    title: str
    name: str
    capacity: str = ""

    @property
    def capacity_lines(self) -> list[str]:
        return [line.strip() for line in self.capacity.splitlines() if line.strip()]


@dataclass
class Paragraph:
    """One paragraph of running text.

    Styles: body (justified, first-line indent), heading1 ("I. …", bold), heading2 ("1. …", bold), heading3
    (bold italic), italic, bullet (a "- " item, as Vietnamese documents write lists), center (no indent,
    centred) and note (smaller italic, e.g. "Ghi chú: …").
    """

    text: str
    style: str = "body"

    def __post_init__(self) -> None:
        if self.style not in PARAGRAPH_STYLES:
            raise ValueError(f"unknown paragraph style {self.style!r}; expected one of {PARAGRAPH_STYLES}")


@dataclass
class HeaderCell:
    """A header cell that may span several columns and/or header rows (merged in Word and Excel)."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Row:
    """A body row; ``level`` indents the first text column for sub-items (1.1, a), …)."""

    cells: list[str]
    bold: bool = False
    italic: bool = False
    level: int = 0


@dataclass
class Table:
    """A table with one or more header rows (merged cells allowed) and plain body rows.

    ``column_widths`` are relative (scaled to the printable width); ``align`` gives 'left' | 'right' | 'center'
    per column; without it, the "STT" column is centred and columns whose body cells are all numbers
    (Vietnamese notation, "1.022,16", "47,5%") are right-aligned. ``unit_note`` ("ĐVT: triệu đồng") is printed right-aligned above the table and
    ``caption`` (if any) centred in bold above that.
    """

    header: list[list[HeaderCell | str]]
    rows: list[Row]
    column_widths: list[float] | None = None
    align: list[str] | None = None
    unit_note: str = ""
    caption: str = ""

    @property
    def column_count(self) -> int:
        widths = [sum(_cell(c).colspan for c in hrow) for hrow in self.header]
        widths += [len(r.cells) for r in self.rows]
        return max(widths, default=0)

    def header_grid(self) -> list[tuple[int, int, HeaderCell]]:
        """Place header cells on the grid: (row, column, cell) with rowspans pushing later cells right.

        Both the Word and the Excel renderer need the same placement, so it lives with the data.
        """
        taken: set[tuple[int, int]] = set()
        placed: list[tuple[int, int, HeaderCell]] = []
        for r, hrow in enumerate(self.header):
            c = 0
            for raw in hrow:
                cell = _cell(raw)
                while (r, c) in taken:
                    c += 1
                placed.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return placed

    def column_alignments(self) -> list[str]:
        n = self.column_count
        if self.align:
            for a in self.align:
                if a not in ALIGNMENTS:
                    raise ValueError(f"unknown alignment {a!r}; expected one of {ALIGNMENTS}")
            return [*self.align, *["left"] * (n - len(self.align))][:n]
        ordinal = {c for _, c, cell in self.header_grid() if cell.text.strip().upper() in ("STT", "TT", "SỐ TT")}
        result = []
        for i in range(n):
            if i in ordinal:  # the running number "1", "2", "I" is centred, whatever it looks like
                result.append("center")
                continue
            values = [r.cells[i].strip() for r in self.rows if i < len(r.cells) and r.cells[i].strip()]
            numeric = [v for v in values if v not in ("-", "–", "x", "X")]
            if numeric and all(parse_vn_number(v) is not None for v in numeric):
                result.append("right")
            else:
                result.append("left")
        return result


@dataclass
class PageBreak:
    """Start the following blocks on a new page."""


Block = Paragraph | Table | PageBreak


@dataclass
class Appendix:
    """An appendix (phụ lục): starts on a new page, in its own section so it can be landscape."""

    heading: str
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False


@dataclass
class AdministrativeDocument:
    """A document as Decree 30/2020/NĐ-CP structures it.

    ``kind`` is the document's name ("BÁO CÁO", "QUYẾT ĐỊNH", "KẾ HOẠCH") or "" for an official letter (công
    văn), whose trích yếu is then printed under the number as "V/v …" and which is addressed with
    ``addressees`` ("Kính gửi"). ``number`` stays "" until the document is numbered at issue; ``date`` None
    leaves day and month blank for the signer to fill in (``year`` still prints the year when known).
    ``basis`` holds the legal bases ("Căn cứ …") printed in italics before the body; ``authority`` is the
    line a decision prints before them ("GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ").
    """

    issuer: str
    symbol: str
    place: str
    date: datetime.date | None
    kind: str
    title: str
    issuer_parent: str = ""
    number: str = ""
    blocks: list[Block] = field(default_factory=list)
    signer: Signer | None = None
    recipients: list[str] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    authority: str = ""
    basis: list[str] = field(default_factory=list)
    year: int | None = None

    @property
    def is_letter(self) -> bool:
        return not self.kind.strip()


def _cell(raw: HeaderCell | str) -> HeaderCell:
    return raw if isinstance(raw, HeaderCell) else HeaderCell(raw)


# ------------------------------------------------------------------------------------------------ formats

BLANK = "\u00a0" * 6  # room to write in a day, month or number by hand; non-breaking so it survives justification


def format_date_line(place: str, date: datetime.date | None, *, year: int | None = None) -> str:
    """"Bắc Ninh, ngày 05 tháng 02 năm 2019": the place-and-date line of Decree 30.

    The decree pads days below 10 and the months January and February with a zero ("ngày 05 tháng 02", but
    "tháng 3"), so that nobody can add a digit in front after signing. Without a date (a draft), day and month
    are left blank for the signer; so is the year unless ``year`` is given.
    """
    if date is None:
        y = str(year) if year else BLANK
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {y}"
    day = f"{date.day:02d}" if date.day < 10 else str(date.day)
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def format_number_line(number: str, symbol: str) -> str:
    """"Số: 05/BC-KHCN"; numbers below 10 get a leading zero, and a draft leaves room for the number."""
    number = number.strip()
    if not number:
        return f"Số:{BLANK}/{symbol}"
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"Số: {number}/{symbol}"


_VN_NUMBER = re.compile(r"^([-−+]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(%?)$")


@dataclass(frozen=True)
class VnNumber:
    """A number as printed in Vietnamese notation, with what is needed to show it the same way again."""

    value: float
    decimals: int
    grouped: bool
    percent: bool


def parse_vn_number(text: str) -> VnNumber | None:
    """Read "1.022,16", "800.000", "47,5%" or "-3" (thousands ".", decimal ","); None if not a number.

    "1.5" is not a number here: a dot is only a thousands separator when three digits follow it.
    """
    m = _VN_NUMBER.match(text.strip().replace("\u00a0", "").replace(" ", ""))
    if not m:
        return None
    sign, integer, frac, pct = m.groups()
    grouped = "." in integer
    digits = integer.replace(".", "")
    value = float(f"{digits}.{frac}" if frac else digits)
    if sign in ("-", "−"):
        value = -value
    if pct:
        value /= 100
    return VnNumber(value=value, decimals=len(frac or ""), grouped=grouped, percent=bool(pct))
