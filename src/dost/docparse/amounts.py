"""Vietnamese numbers and money.

"." groups thousands and "," marks decimals ("800.000.000 đồng", "47,5%", "1.022,16"); amounts are often given
in "triệu" (10⁶) or "tỷ" (10⁹) đồng. Everything returns integers of đồng so that budgets compare exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .text import fold

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER_RE = re.compile(rf"^(?:{NUMBER})$")
_SCALE = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "nghin": 10**3, "ngan": 10**3}
_AMOUNT = re.compile(
    rf"(?<![\d.,])({NUMBER})\s*(ty|ti|trieu|nghin|ngan)?\s*(?:({NUMBER})\s*(trieu|nghin|ngan)\s*)?"
    r"(dong|d\b|vnd)", re.I)


def parse_number(text: str) -> float | int | None:
    """Parse "800.000.000" → 800000000, "47,5" → 47.5, "1022,16" → 1022.16; None if not a number."""
    s = text.strip().replace(" ", "")
    if s.startswith(("+", "-")):
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    else:
        sign = 1
    if not s or not _NUMBER_RE.match(s):
        return None
    try:
        value = Decimal(s.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None
    value *= sign
    return int(value) if value == value.to_integral_value() else float(value)


def _to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def parse_amount(text: str) -> int | None:
    """First money amount in ``text`` as an integer of đồng ("1 tỷ đồng" → 1000000000)."""
    found = find_amounts(text)
    return found[0][0] if found else None


def find_amounts(text: str) -> list[tuple[int, str, int, int]]:
    """All money amounts in ``text``: (đồng, unit word as folded, start, end) in folded-offset terms."""
    f = fold(text)
    out: list[tuple[int, str, int, int]] = []
    for m in _AMOUNT.finditer(f):
        try:
            value = _to_decimal(m.group(1)) * _SCALE.get((m.group(2) or "").lower(), 1)
            if m.group(3):
                value += _to_decimal(m.group(3)) * _SCALE[m.group(4).lower()]
        except (InvalidOperation, KeyError):
            continue
        out.append((int(value), (m.group(2) or "dong").lower(), m.start(), m.end()))
    return out
