"""Title similarity shared by task merging and the evaluator.

Task titles appear twice in a plan (body and appendix) with small differences: typos ("chuyên giao"),
truncation at a page break, an added "Nhiệm vụ 1:" prefix. A token-set score that rewards containment copes
with all three, where a character diff would punish the long-vs-short case.
"""

from __future__ import annotations

import re

from .text import fold

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("va cua cac cho tren dia ban tinh theo tai trong voi nhung duoc la co the".split())


def tokens(text: str | None) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if w not in _STOP}


def similarity(a: str | None, b: str | None) -> float:
    """0..1 score: Dice of token sets, or containment of the shorter title when it has 4+ tokens."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    inter = len(ta & tb)
    dice = 2 * inter / (len(ta) + len(tb))
    short = min(len(ta), len(tb))
    contain = inter / short if short >= 4 else 0.0
    return max(dice, 0.9 * contain)


def match_pairs(left: list[str], right: list[str], threshold: float = 0.5) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching of two title lists, best pairs first."""
    scored = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            s = similarity(a, b)
            if s >= threshold:
                scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for s, i, j in scored:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        out.append((i, j, s))
    return out
