"""The plan's total budget and its quantified targets.

A plan states one total ("Tổng kinh phí: 800.000.000 đồng", "với tổng số kinh phí là 340.039 triệu đồng") in
its budget section; sub-totals follow it. Targets ("Đào tạo ít nhất 02 chuyên gia", "tăng từ 3-5%") sit in
the "Mục tiêu" section. Both are read from the body only: appendices repeat figures of other years.
"""

from __future__ import annotations

import re

from .amounts import NUMBER, find_amounts, parse_number
from .dates import parse_period
from .structure import Section, heading_of
from .text import Line, fold, strip_marker

_TOTAL = re.compile(r"tong\s+(?:so\s+)?(?:kinh phi|du toan|von|ngan sach|chi phi|nhu cau)|tong cong|"
                    r"kinh phi thuc hien(?:\s+ke hoach)?\s*(?:la|:)|tong\s*:\s*\d")
_BUDGET_SECTION = re.compile(r"kinh phi|du toan|nguon von|ngan sach")


def find_budget(lines: list[Line], sections: list[Section], start: int, end: int,
                warnings: list[str]) -> tuple[int | None, list[int] | None]:
    """Total budget in đồng and the span of the line it was read from."""
    budget_ranges = [(s.start, s.end) for s in sections if _BUDGET_SECTION.search(fold(s.title))]

    def in_budget(i: int) -> bool:
        return any(a <= i < b for a, b in budget_ranges)

    candidates: list[tuple[int, int, Line, int, str]] = []
    for ln in lines[start:end]:
        if ln.is_row or not ln.clean:
            continue
        f = fold(ln.clean)
        if "kinh phi" not in f and "du toan" not in f and "tong" not in f:
            continue
        m = _TOTAL.search(f)
        if not m or re.match(r"^(?:[-+•]\s*)?tong thu\b", f):
            continue
        amounts = [a for a in find_amounts(ln.clean) if a[2] >= m.start() - 2]
        if amounts:
            rank = 0 if in_budget(ln.index) else 1
            candidates.append((rank, ln.index, ln, amounts[0][0], amounts[0][1]))
    if not candidates:
        # a budget section stating a single amount without the word "tổng"
        for a, b in budget_ranges:
            found = [(ln, find_amounts(ln.clean)) for ln in lines[a:b] if not ln.is_row and ln.clean]
            found = [(ln, am) for ln, am in found if am]
            if len({am[0][0] for _, am in found}) == 1:
                ln, am = found[0]
                return am[0][0], [ln.start, ln.end]
        return None, None
    candidates.sort(key=lambda c: (c[0], c[1]))
    _, _, ln, value, unit = candidates[0]
    if unit == "dong" and value < 10**6:
        body_text = fold(" ".join(x.clean for x in lines[start:end] if not x.is_row))
        if "trieu dong" in body_text:
            warnings.append(f"Tổng kinh phí ghi “{_amount_text(ln.clean)}” — quá nhỏ cho một kế hoạch; "
                            "hiểu là triệu đồng như các khoản chi tiết.")
            value *= 10**6
    return value, [ln.start, ln.end]


def _amount_text(text: str) -> str:
    m = re.search(rf"({NUMBER})\s*(tỷ|triệu|nghìn)?\s*đồng", text)
    return m.group(0) if m else text[:40]


# ------------------------------------------------------------------------------------------- targets

_UNITS = sorted([
    "chuyên gia", "doanh nghiệp", "tổ chức khoa học và công nghệ", "tổ chức", "hợp tác xã", "HTX", "cơ quan",
    "đơn vị", "sản phẩm", "nhiệm vụ", "đề tài", "dự án", "mô hình", "sáng kiến", "sáng chế", "nhãn hiệu",
    "người", "lượt", "lớp", "hội nghị", "hội thảo", "cuộc", "xã", "huyện", "trường", "cơ sở", "tiêu chuẩn",
    "hồ sơ", "văn bản", "bài", "tin", "chương trình", "phương tiện đo", "mẫu", "ha", "tấn", "triệu đồng",
    "tỷ đồng", "học viên", "cán bộ", "doanh nghiệp khoa học và công nghệ", "chỉ dẫn địa lý", "tài sản trí tuệ",
    "kỹ thuật viên", "phòng thí nghiệm", "công nghệ", "đơn", "giải pháp", "thủ tục", "hệ thống",
], key=len, reverse=True)
_GE = re.compile(r"(ít nhất|tối thiểu|không ít hơn|không dưới|trên|hơn|tăng(?:\s+từ)?|trở lên|vượt)\s*$", re.I)
_LE = re.compile(r"(không quá|tối đa|dưới|giảm(?:\s+còn)?|không vượt quá)\s*$", re.I)
_TARGET_NUM = re.compile(rf"(?<![\d/.,])({NUMBER})(?:\s*[-–]\s*({NUMBER}))?\s*(%|phần trăm)?(?![\d/])")


def find_targets(lines: list[Line], sections: list[Section], plan_year: int | None) -> list[dict]:
    out: list[dict] = []
    for sec in sections:
        if "muc tieu" not in fold(sec.title):
            continue
        general = False
        for ln in lines[sec.start:sec.end]:
            if ln.is_row or not ln.clean:
                continue
            h = heading_of(ln)
            if h is not None and h.kind in ("arabic", "letter") and len(h.text) < 80:
                general = "chung" in fold(h.text) and "cu the" not in fold(h.text)
                continue
            if general:
                continue
            target = parse_target(ln.clean, plan_year)
            if target:
                out.append(target)
    return out


def parse_target(text: str, plan_year: int | None = None) -> dict | None:
    """One quantified target ("Có ít nhất 02 doanh nghiệp …" → value 2, unit "doanh nghiệp", ">=")."""
    clean = strip_marker(text)
    for m in _TARGET_NUM.finditer(clean):
        raw = m.group(1)
        if re.fullmatch(r"(19|20)\d{2}", raw) and not m.group(3):
            continue  # a year
        value = parse_number(raw)
        if value is None:
            continue
        before = clean[: m.start()]
        after = clean[m.end():].lstrip()
        if m.group(3):
            unit = "%"
        else:
            unit = None
            for u in _UNITS:
                if after.lower().startswith(u.lower()) and (len(after) == len(u) or not after[len(u)].isalpha()):
                    unit = after[: len(u)]
                    break
            if unit is None:
                word = re.match(r"[^\s,.;:()]+", after)
                unit = word.group(0) if word else None
        comparator = "="
        if _GE.search(before) or re.match(r"^trở lên", after[len(unit or ""):].strip(), re.I):
            comparator = ">="
        elif _LE.search(before):
            comparator = "<="
        if m.group(2) and comparator == "=":
            comparator = ">="  # a range "3-5%" is met from its lower bound
        due = None
        f = fold(clean)
        dm = re.search(r"(?:den|vao|truoc)\s+nam\s+((?:19|20)\d{2})", f)
        if dm:
            due = dm.group(1)
        elif re.search(r"hang nam|moi nam", f):
            due = "annual"
        elif plan_year is None:
            due = parse_period(clean, None)[1] if re.search(r"nam\s+(19|20)\d{2}", f) else None
        return {"text": clean, "value": value, "unit": unit, "comparator": comparator, "due": due}
    return None
