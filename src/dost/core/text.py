"""Text normalisation shared by search and matching.

Search must ignore diacritics: "ke hoach" finds "Kế hoạch" and "de an" finds "ĐỀ ÁN". NFKD strips the
combining marks, but "đ/Đ" is a letter of its own that does not decompose, so it is mapped explicitly.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, diacritic-free, single-spaced form of ``text`` (empty string for None)."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def normalise_spaces(text: str | None) -> str:
    """Collapse runs of whitespace; documents exported from Word carry hard line breaks everywhere."""
    return _SPACES.sub(" ", text or "").strip()
