"""Groups of proposals whose titles say the same thing (a simple, explainable method; pure Python).

A title is folded (no diacritics, "đ" → "d", lower case), cut into syllables, and stripped of the words
every S&T title carries ("nghiên cứu", "ứng dụng", "xây dựng mô hình", "trên địa bàn tỉnh"…: they would make
any two titles look alike). Two titles are similar when the Jaccard index of their remaining syllables —
shared / all distinct — reaches ``THRESHOLD``. Similar pairs are joined transitively into groups
(union-find), and each pair's score and shared words are kept to show why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from dost.core.text import fold

THRESHOLD = Fraction(3, 5)

# Folded syllables of the boilerplate of S&T titles, and the usual function words ("trong" stays: folded, it is also "trồng", to plant).
STOP_WORDS = frozenset("""
nghien cuu ung dung xay dung mo hinh phat trien tien bo khoa hoc cong nghe ky thuat giai phap de xuat
tren dia ban tai tinh huyen thi xa thanh pho cua cho va voi theo huong nham cac nhung mot so
phuc vu gop phan nang cao hieu qua danh gia thuc trang san xuat
bac giang ninh
""".split())

_WORD = re.compile(r"[a-z0-9]+")


def tokens(title: str) -> frozenset[str]:
    """The significant syllables of a title."""
    return frozenset(w for w in _WORD.findall(fold(title)) if w not in STOP_WORDS and len(w) > 1)


def jaccard(a: frozenset[str], b: frozenset[str]) -> Fraction:
    if not a and not b:
        return Fraction(0)
    return Fraction(len(a & b), len(a | b))


@dataclass
class Pair:
    left: int
    right: int
    score: Fraction
    shared: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass
class Group:
    ids: list[int]
    pairs: list[Pair] = field(default_factory=list)

    @property
    def best(self) -> int:
        return max((p.percent for p in self.pairs), default=0)


def group_duplicates(items: Sequence[tuple[int, str]], threshold: Fraction = THRESHOLD) -> list[Group]:
    """Groups (two or more ids, in input order) of titles similar at ``threshold`` or above."""
    toks = [(key, tokens(title)) for key, title in items]
    parent = {key: key for key, _t in toks}

    def find(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    pairs: list[Pair] = []
    for i, (a, ta) in enumerate(toks):
        for b, tb in toks[i + 1:]:
            if not ta or not tb:
                continue
            score = jaccard(ta, tb)
            if score >= threshold:
                pairs.append(Pair(a, b, score, tuple(sorted(ta & tb))))
                parent[find(b)] = find(a)
    order = {key: i for i, (key, _t) in enumerate(toks)}
    groups: dict[int, Group] = {}
    for key, _t in toks:
        root = find(key)
        groups.setdefault(root, Group(ids=[])).ids.append(key)
    for pair in pairs:
        groups[find(pair.left)].pairs.append(pair)
    result = [g for g in groups.values() if len(g.ids) > 1]
    return sorted(result, key=lambda g: order[g.ids[0]])


def similar_to(title: str, others: Iterable[tuple[int, str]], threshold: Fraction = THRESHOLD) -> list[Pair]:
    """Existing titles similar to a new one (shown when a proposal is entered)."""
    mine = tokens(title)
    found = []
    for key, other in others:
        theirs = tokens(other)
        score = jaccard(mine, theirs)
        if mine and theirs and score >= threshold:
            found.append(Pair(0, key, score, tuple(sorted(mine & theirs))))
    return sorted(found, key=lambda p: -p.score)
