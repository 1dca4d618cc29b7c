"""Number-symbols of administrative documents (Decree 30/2020/NĐ-CP).

Examples: ``25/KH-KHCN`` (number / kind - issuer), ``43/2022/NQ-HĐND`` (with year), ``05/BNV-VP`` (an
official letter has no kind abbreviation), ``36-NQ/TW`` (Party documents), ``/KH-KHCN`` (a draft with the
number left blank). One function parses and normalises them so that matching works however they were typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

# Kind abbreviations and the kind they stand for (DOMAIN.md).
KIND_ABBREVIATIONS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "CTR": "Chương trình",
    "BC": "Báo cáo",
    "TTR": "Tờ trình",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "QC": "Quy chế",
    "QYĐ": "Quy định",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "PA": "Phương án",
    "BB": "Biên bản",
    "HĐ": "Hợp đồng",
    "GM": "Giấy mời",
    "CĐ": "Công điện",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "KL": "Kết luận",
}

_DASHES = re.compile(r"\s*[‐‑‒–—−-]\s*")
_SLASH = re.compile(r"\s*/\s*")
_STANDARD = re.compile(
    r"^(?P<number>\d+[a-zA-Z]?)?/(?:(?P<year>(?:19|20)\d{2})/)?(?P<symbol>[^\s/]+(?:-[^\s/]+)*)$"
)
_PARTY = re.compile(r"^(?P<number>\d+)-(?P<kind>[^\s/-]+)/(?P<issuer>[^\s/]+)$")


class NumberSymbolError(ValueError):
    """The text is not a recognisable number-symbol."""


@dataclass(frozen=True)
class NumberSymbol:
    number: str | None  # "25", "05"; None for a draft with a blank number
    year: int | None  # 2022 in "43/2022/NQ-HĐND"
    symbol: str  # "KH-KHCN", "NQ-HĐND", "BNV-VP", "NQ/TW"
    kind: str | None  # "Kế hoạch", … when the symbol starts with a known kind abbreviation

    @property
    def text(self) -> str:
        """Canonical printed form."""
        if "/" in self.symbol and self.number:  # Party style "36-NQ/TW"
            return f"{self.number}-{self.symbol}"
        middle = f"{self.year}/" if self.year else ""
        return f"{self.number or ''}/{middle}{self.symbol}"

    @property
    def key(self) -> str:
        """Diacritic- and case-insensitive key; leading zeros of the number are not significant."""
        number = (self.number or "").lstrip("0") or ("0" if self.number else "")
        middle = f"{self.year}/" if self.year else ""
        if "/" in self.symbol and self.number:
            return fold(f"{number}-{self.symbol}").replace(" ", "")
        return fold(f"{number}/{middle}{self.symbol}").replace(" ", "")


def _kind_of(symbol: str) -> str | None:
    head = symbol.split("-", 1)[0].split("/", 1)[0].upper()
    return KIND_ABBREVIATIONS.get(head)


def parse_number_symbol(raw: str) -> NumberSymbol:
    """Parse ``raw`` (e.g. " Số: 25 / KH–KHCN") into its parts; raise NumberSymbolError when impossible."""
    if raw is None:
        raise NumberSymbolError("empty")
    text = raw.strip().rstrip(".;,")
    text = re.sub(r"^(?:số|so)\s*[:.]?\s*", "", text, flags=re.IGNORECASE)
    text = _SLASH.sub("/", _DASHES.sub("-", text)).replace(" ", "")
    if not text:
        raise NumberSymbolError("empty")
    party = _PARTY.match(text)
    if party:
        symbol = f"{party['kind'].upper()}/{party['issuer'].upper()}"
        return NumberSymbol(party["number"], None, symbol, _kind_of(party["kind"]))
    match = _STANDARD.match(text)
    if not match:
        raise NumberSymbolError(f"not a number-symbol: {raw!r}")
    number = match["number"]
    if number and number.isdigit() and len(number) == 1:
        number = f"0{number}"  # numbers below 10 are written with a leading zero
    symbol = match["symbol"].upper()
    return NumberSymbol(number, int(match["year"]) if match["year"] else None, symbol, _kind_of(symbol))


def normalise_number_symbol(raw: str) -> str:
    """Canonical printed form of ``raw``: ``"25 / kh-khcn"`` → ``"25/KH-KHCN"``."""
    return parse_number_symbol(raw).text
