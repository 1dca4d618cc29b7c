"""Deadlines and periods written the Vietnamese way.

Plans write time as "Tháng 3/2022", "Quý II/2024", "Từ ngày 01/3 đến ngày 31/3/2019", "2021-2023", "Hàng năm"
or "Thường xuyên"; the contract turns each into ``(start, due)`` strings: "YYYY-MM-DD", "YYYY-MM", "YYYY",
"annual" or "ongoing". A month without a year takes the plan's year.
"""

from __future__ import annotations

import re

from .text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18,
         "xix": 19, "xx": 20}

_Y = r"(?:19|20)\d{2}"
_SEP = r"\s*(?:/|-|\.|\s+nam\s+|\s+)\s*"  # "3/2022", "3-2022", "3 năm 2022" (folded)

_RANGE_DAYS = re.compile(
    rf"tu\s+(?:ngay\s+)?(\d{{1,2}})\s*/\s*(\d{{1,2}})(?:\s*/\s*({_Y}))?\s*(?:den|-|–)\s*(?:het\s+)?(?:ngay\s+)?"
    rf"(\d{{1,2}})\s*/\s*(\d{{1,2}})(?:\s*/\s*({_Y}))?")
_RANGE_MONTHS = re.compile(
    rf"(?:tu\s+)?thang\s+(\d{{1,2}})(?:\s*/\s*({_Y}))?\s*(?:den|-|–)\s*(?:het\s+)?(?:thang\s+)?(\d{{1,2}})"
    rf"(?:{_SEP}({_Y}))?(?!\d)")
_DAY = re.compile(rf"(?<![\d/])(\d{{1,2}})\s*/\s*(\d{{1,2}})\s*/\s*({_Y})(?!\d)")
_DAY_WORDS = re.compile(rf"ngay\s+(\d{{1,2}})\s+thang\s+(\d{{1,2}})\s+nam\s+({_Y})")
_MONTH = re.compile(rf"thang\s+(\d{{1,2}})(?:\s*(?:/|-|\.)\s*(?:nam\s+)?({_Y})|\s+nam\s+({_Y}))?(?![\d/])")
_MONTH_BARE = re.compile(rf"(?<![\d/])(\d{{1,2}})\s*/\s*({_Y})(?!\d)")
_QUARTER = re.compile(rf"quy\s+([ivxl1|]+|[1-4])(?:{_SEP}({_Y}))?(?![\w])")
_HALF = re.compile(rf"6\s+thang\s+(dau|cuoi)\s+nam(?:\s+({_Y}))?")
_YEARS = re.compile(rf"(?<!\d)({_Y})\s*(?:-|–|den)\s*(?:nam\s+)?({_Y})(?!\d)")
_YEAR = re.compile(rf"(?<![\d/])({_Y})(?![\d/])")


def _month(m: int | str | None) -> int | None:
    try:
        value = int(m) if m is not None else None
    except ValueError:
        return None
    return value if value is not None and 1 <= value <= 12 else None


def _valid_day(day: int, month: int) -> bool:
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _ym(year: int | None, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if year else None


def parse_period(text: str | None, plan_year: int | None = None) -> tuple[str | None, str | None]:
    """Return ``(start, due)`` for a time expression; ``(None, None)`` when none is found.

    The most specific form found wins (day range, month range, day, month, quarter, half-year, year range,
    year); "Hàng năm"/"Thường xuyên" only count when no concrete time is given.
    """
    if not text:
        return None, None
    f = fold(text)
    m = _RANGE_DAYS.search(f)
    if m:
        d1, m1, y1, d2, m2, y2 = m.groups()
        year2 = int(y2) if y2 else plan_year
        year1 = int(y1) if y1 else year2
        mo1, mo2 = _month(m1), _month(m2)
        if mo1 and mo2 and year2 and _valid_day(int(d1), mo1) and _valid_day(int(d2), mo2):
            start = f"{year1:04d}-{mo1:02d}-{int(d1):02d}" if year1 else None
            return start, f"{year2:04d}-{mo2:02d}-{int(d2):02d}"
    m = _RANGE_MONTHS.search(f)
    if m:
        m1, y1, m2, y2 = m.groups()
        mo1, mo2 = _month(m1), _month(m2)
        year2 = int(y2) if y2 else (int(y1) if y1 else plan_year)
        year1 = int(y1) if y1 else year2
        if mo1 and mo2 and year2:
            return _ym(year1, mo1), _ym(year2, mo2)
    m = _DAY.search(f) or _DAY_WORDS.search(f)
    if m:
        d, mo, y = int(m.group(1)), _month(m.group(2)), int(m.group(3))
        if mo and _valid_day(d, mo):
            return None, f"{y:04d}-{mo:02d}-{d:02d}"
    m = _MONTH.search(f)
    if m:
        mo = _month(m.group(1))
        year = int(m.group(2) or m.group(3)) if (m.group(2) or m.group(3)) else plan_year
        if mo and year:
            return None, _ym(year, mo)
    m = _QUARTER.search(f)
    if m:
        token = m.group(1)
        q = int(token) if token in ("2", "3", "4") else ROMAN.get(re.sub(r"[l1|]", "i", token))
        year = int(m.group(2)) if m.group(2) else plan_year
        if q and 1 <= q <= 4 and year:
            return _ym(year, (q - 1) * 3 + 1), _ym(year, q * 3)
    m = _HALF.search(f)
    if m:
        year = int(m.group(2)) if m.group(2) else plan_year
        if year:
            return (_ym(year, 1), _ym(year, 6)) if m.group(1) == "dau" else (_ym(year, 7), _ym(year, 12))
    m = _MONTH_BARE.search(f)
    if m and _month(m.group(1)):
        return None, _ym(int(m.group(2)), int(m.group(1)))
    m = _YEARS.search(f)
    if m and int(m.group(1)) <= int(m.group(2)):
        return m.group(1), m.group(2)
    if re.search(r"\b(hang|hang)\s+nam\b|\bhang nam\b|\bhằng năm\b|moi nam|hang quy|dinh ky", f):
        return None, "annual"
    if re.search(r"thuong xuyen|lien tuc|suot", f):
        return None, "ongoing"
    m = _YEAR.search(f)
    if m:
        return None, m.group(1)
    return None, None


def parse_due(text: str | None, plan_year: int | None = None) -> str | None:
    """The due part of :func:`parse_period`."""
    return parse_period(text, plan_year)[1]


def month_label(text: str, plan_year: int | None) -> str | None:
    """Month of a roadmap item such as "Tháng 4-5" (end of the range) as "YYYY-MM"."""
    return parse_period(text, plan_year)[1]


def part_date(year: int | None, month: int | None, day: int | None) -> dict[str, int | None]:
    """A document's own possibly partial date, in the shape the contract fixes."""
    return {"year": year, "month": month, "day": day}
