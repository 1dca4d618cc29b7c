"""Tasks of a plan, from prose sections, task tables and detailed appendices.

A plan states its tasks in one or more of four shapes: numbered task sections ("1.1. Nhiệm vụ 1: …" followed
by "b) Thời gian hoàn thành: Tháng 3/2022."), task tables (STT / Nội dung / Thời gian / Chủ trì / Phối hợp),
a detailed appendix with a monthly roadmap, and time-boxed step lists ("1. Từ ngày 01/3 đến ngày 31/3/2019").
The same task often appears both in the body and in the appendix: they are merged by title similarity and the
appendix's detailed values win, with a warning for each contradiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import parse_period
from .similarity import match_pairs, similarity
from .structure import Heading, Section, heading_of, is_report_title, is_task_section
from .tables import Table, logical_rows
from .text import Line, cell_paragraphs, cell_text, fold, squash, strip_marker


@dataclass
class Task:
    ref: str
    title: str
    lead: str | None = None
    partners: list[str] = field(default_factory=list)
    start: str | None = None
    due: str | None = None
    milestones: list[dict[str, str | None]] = field(default_factory=list)
    deliverables: list[str] = field(default_factory=list)
    source: str = "body"

    def as_dict(self) -> dict:
        return {"ref": self.ref, "title": self.title, "lead": self.lead, "partners": self.partners,
                "start": self.start, "due": self.due, "milestones": self.milestones,
                "deliverables": self.deliverables}


# ------------------------------------------------------------------------------------------- partners

_GENERIC_TAIL = re.compile(r"^(ngành|ban|ban, ngành|đoàn thể|địa phương|đơn vị|cơ quan|hội)$", re.I)


def split_units(text: str | None) -> list[str]:
    """Split a printed list of units on commas/semicolons, keeping "Các sở, ngành" together."""
    if not text:
        return []
    text = squash(cell_text(text))
    text = re.sub(r"\s*\n\s*", "; ", text)
    parts: list[str] = []
    depth = 0
    cur = ""
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out: list[str] = []
    chain = False
    for p in parts:
        p = strip_marker(p)
        p = re.sub(r"^(và|với)\s+", "", p).strip()
        if not p:
            continue
        lower = p[:1].islower() and len(p.split()) <= 4
        # "Các sở, ngành", "UBND các huyện, thị xã, thành phố", "Các phòng, đơn vị thuộc Sở" are one unit
        if out and (_GENERIC_TAIL.match(p) or (lower and (chain or re.search(r"(^|\s)[Cc]ác\s+\S+$", out[-1])))):
            out[-1] = f"{out[-1]}, {p}"
            chain = True
            continue
        chain = False
        out.append(p)
    return out


# ----------------------------------------------------------------------------------------- prose tasks

_ATTR_TIME = re.compile(r"^(?:[-+•]\s*)?(?:thời gian|thời hạn|tiến độ)(?:\s+(?:hoàn thành|thực hiện|triển khai))?"
                        r"(?:\s*\([^)]*\))?\s*:\s*(.+)$", re.I)
_ATTR_LEAD = re.compile(r"^(?:[-+•]\s*)?(?:(?:đơn vị|cơ quan)\s+)?(?:chủ trì(?: thực hiện)?|thực hiện|"
                        r"(?:đơn vị|cơ quan) chịu trách nhiệm|trách nhiệm thực hiện)\s*:\s*(.+)$", re.I)
_ATTR_PARTNERS = re.compile(r"^(?:[-+•]\s*)?(?:(?:đơn vị|cơ quan)\s+)?phối hợp(?: thực hiện)?\s*:\s*(.+)$", re.I)
_ATTR_RESULT = re.compile(r"^(?:[-+•]\s*)?(?:kết quả|sản phẩm)(?:\s+(?:đạt được|dự kiến|chính|đầu ra))?\s*:\s*(.*)$",
                          re.I)
_TIME_LEAD = re.compile(r"^(?:từ\s+(?:ngày|tháng)|tháng\s+\d|quý\s+[IVX1-4]|trước\s+ngày|đến\s+ngày|ngày\s+\d|"
                        r"năm\s+(?:19|20)\d\d|(?:19|20)\d\d\s*[-–])", re.I)
_ATTR_LETTER = re.compile(r"^(giải pháp|thời gian|thời hạn|tiến độ|kết quả|sản phẩm|đơn vị|cơ quan|chủ trì|"
                          r"phối hợp|nội dung|kinh phí|mục tiêu|yêu cầu|phương pháp|cách thức|hình thức|"
                          r"trách nhiệm)", re.I)
_TASK_PREFIX = re.compile(r"^nhiệm vụ\s+(?:số\s+)?\d+\s*[:.\-–]\s*", re.I)


def _split_time_heading(text: str) -> tuple[str, str] | None:
    """ "Từ ngày 01/9 đến ngày 30/9/2019: Hoàn chỉnh …" → (time part, rest)."""
    if not _TIME_LEAD.match(text):
        return None
    m = re.match(r"^(.{4,80}?(?:\d{4}|\d{1,2}/\d{1,2}|tháng\s+\d{1,2}))\s*[:\-–]\s*(.*)$", text, re.I)
    if m:
        return m.group(1), m.group(2)
    return text, ""


_INLINE_ATTR = re.compile(r"\(([^()]*(?:chủ trì|thời gian|thời hạn|hoàn thành|phối hợp)[^()]*)\)\s*[.;]?\s*$", re.I)


def _apply_inline(task: Task, text: str, plan_year: int | None) -> str:
    """Read "(Chủ trì: X; phối hợp: Y; thời gian: Quý II/2024)" at the end of a task line; return the rest."""
    m = _INLINE_ATTR.search(text)
    if not m:
        return text
    for part in re.split(r"[;]\s*", m.group(1)):
        _apply_attr(task, part.strip(), plan_year)
    return text[: m.start()].rstrip(" ,;:")


def _apply_attr(task: Task, text: str, plan_year: int | None) -> bool:
    """Apply one attribute line (time, lead, partners) to ``task``; False when the line is not one."""
    m = _ATTR_TIME.match(text)
    if m:
        start, due = parse_period(m.group(1), plan_year)
        task.start, task.due = start or task.start, due or task.due
        return True
    m = _ATTR_PARTNERS.match(text)
    if m:
        task.partners = split_units(m.group(1))
        return True
    m = _ATTR_LEAD.match(text)
    if m and len(m.group(1)) < 200:
        lead = m.group(1)
        split = re.split(r"[;,]\s*(?:(?:đơn vị|cơ quan)\s+)?phối hợp(?: thực hiện)?\s*(?:với)?\s*:?\s*", lead,
                         maxsplit=1, flags=re.I)
        task.lead = strip_marker(split[0]) or None
        if len(split) > 1:
            task.partners = split_units(split[1])
        return True
    return False


def prose_tasks(lines: list[Line], sections: list[Section], plan_year: int | None) -> list[Task]:
    """Tasks written as numbered parts of the task sections of the body."""
    tasks: list[Task] = []
    for sec in sections:
        if not is_task_section(sec.title):
            continue
        heads: list[Heading] = []
        for ln in lines[sec.start:sec.end]:
            h = heading_of(ln)
            if h is None:
                if not ln.is_row and re.match(r"^Nhiệm vụ\s+\d+\s*:", ln.clean):
                    heads.append(Heading(ln.index, "arabic", "", ln.clean))
                continue
            if h.kind == "roman":
                continue
            if h.kind == "letter" and _ATTR_LETTER.match(h.text):
                continue
            heads.append(h)
        if not heads:
            tasks.extend(_bullet_tasks(lines, sec, plan_year))
            continue
        for i, h in enumerate(heads):
            nxt = heads[i + 1] if i + 1 < len(heads) else None
            if nxt is not None and _is_child(h, nxt):
                continue  # a group heading: its children are the tasks
            if h.kind == "arabic" and re.search(r"^(mục đích|yêu cầu|mục tiêu)\b", h.text, re.I):
                continue
            end = nxt.line if nxt is not None else sec.end
            task = _task_from_heading(lines, h, end, plan_year)
            if task is not None:
                tasks.append(task)
    return tasks


def _bullet_tasks(lines: list[Line], sec: Section, plan_year: int | None) -> list[Task]:
    """A task section written as a flat list of "- " items: each item is a task."""
    out: list[Task] = []
    k = 0
    for ln in lines[sec.start:sec.end]:
        if ln.is_row or not re.match(r"^[-•–]\s", ln.clean):
            continue
        task = Task(ref=str(k + 1), title="")
        if _apply_attr(task, strip_marker(ln.clean), plan_year) and out:
            # an attribute bullet belongs to the previous task
            prev = out[-1]
            prev.start, prev.due = task.start or prev.start, task.due or prev.due
            prev.lead, prev.partners = task.lead or prev.lead, task.partners or prev.partners
            continue
        title = strip_marker(_apply_inline(task, ln.clean, plan_year))
        if len(title) < 8:
            continue
        task.title = title
        k += 1
        task.ref = str(k)
        out.append(task)
    return out


def _is_child(parent: Heading, child: Heading) -> bool:
    if parent.kind == "arabic" and child.kind == "arabic" and parent.number and child.number:
        return child.number.startswith(parent.number + ".")
    if parent.kind == "arabic" and child.kind == "letter":
        return True
    return False


def _task_from_heading(lines: list[Line], h: Heading, end: int, plan_year: int | None) -> Task | None:
    text = _TASK_PREFIX.sub("", h.text).strip()
    ref = h.number
    task = Task(ref=ref, title="")
    body: list[str] = []
    timed = _split_time_heading(text)
    if timed:
        task.start, task.due = parse_period(timed[0], plan_year)
        text = timed[1]
    text = _apply_inline(task, text, plan_year)
    results_mode = False
    for ln in lines[h.line + 1:end]:
        if ln.is_row or not ln.clean:
            continue
        c = ln.clean
        inner = re.sub(r"^[a-zđ]\)\s*", "", c)
        if _apply_attr(task, inner, plan_year):
            results_mode = False
            continue
        m = _ATTR_RESULT.match(inner)
        if m:
            results_mode = True
            if m.group(1).strip():
                task.deliverables.append(strip_marker(m.group(1)))
            continue
        if re.match(r"^[a-zđ]\)", c):
            results_mode = False
            continue
        if results_mode:
            task.deliverables.append(strip_marker(c))
            continue
        body.append(c)
    if timed and not text:
        items = [strip_marker(b) for b in body]
        text = "; ".join(i for i in items if i)
    title = strip_marker(squash(text)) if text else ""
    if not title:
        return None
    task.title = title
    return task


# ----------------------------------------------------------------------------------------- table tasks


def is_task_table(table: Table) -> bool:
    if table.width < 3:
        return False
    title_col = table.column(r"noi dung|nhiem vu|cong viec|^ten\b|hoat dong|giai phap")
    lead = table.column(r"chu tri|chiu trach nhiem|don vi thuc hien|co quan thuc hien|don vi thuc|phu trach")
    due = table.column(r"thoi gian|thoi han|hoan thanh|tien do|bat dau|lo trinh")
    if title_col is None or (lead is None and due is None):
        return False
    return not is_report_title(table.title)


def table_tasks(table: Table, plan_year: int | None) -> list[Task]:
    """Tasks of a task table; group rows (Roman numerals, headings without attributes) are skipped."""
    c_title = table.label_col
    c_ref = table.ref_col
    c_lead = table.column(r"chu tri|chiu trach nhiem|don vi thuc hien|co quan thuc hien|phu trach",
                          exclude=(r"thoi gian",))
    c_part = table.column(r"phoi hop")
    c_start = table.column(r"bat dau")
    c_due = table.column(r"hoan thanh|thoi han|han hoan", exclude=(r"bat dau",))
    if c_due is None:
        c_due = table.column(r"thoi gian|tien do thuc hien", exclude=(r"bat dau",))
    c_road = table.column(r"lo trinh")
    c_result = table.column(r"ket qua|san pham")
    due_is_period = c_due is not None and "hoan thanh" not in fold(" ".join(h[c_due] for h in table.header))
    rows = logical_rows(table)
    tasks: list[Task] = []
    for k, row in enumerate(rows):
        cells = row.cells
        ref = cell_text(cells[c_ref]).rstrip(".") if c_ref is not None else ""
        title = squash(cell_text(cells[c_title]))
        if not title:
            continue

        def val(col: int | None, cells: list[str] = cells) -> str:
            return squash(cell_text(cells[col])) if col is not None else ""

        has_attr = any(val(c) for c in (c_lead, c_part, c_start, c_due, c_road))
        nxt_ref = cell_text(rows[k + 1].cells[c_ref]).rstrip(".") if c_ref is not None and k + 1 < len(rows) else ""
        is_group = (re.fullmatch(r"[IVX]{1,5}|[A-H]", ref) is not None and not has_attr) or \
            (not has_attr and ref and nxt_ref.startswith(ref + "."))
        if is_group or (not has_attr and re.fullmatch(r"[IVX]{1,5}|[A-H]", ref or "")):
            continue
        task = Task(ref=ref, title=strip_marker(title), source="table")
        task.lead = val(c_lead) or None
        task.partners = split_units(val(c_part))
        if c_start is not None and val(c_start):
            s, d = parse_period(val(c_start), plan_year)
            task.start = s or d
        if c_due is not None and val(c_due):
            s, d = parse_period(val(c_due), plan_year)
            task.due = d
            if due_is_period and s and not task.start:
                task.start = s
        if c_road is not None:
            task.milestones = parse_roadmap(cells[c_road], plan_year)
        if c_result is not None:
            task.deliverables = [strip_marker(p) for p in cell_paragraphs(cells[c_result]) if strip_marker(p)]
        tasks.append(task)
    return tasks


_MILESTONE = re.compile(r"^[-+•]?\s*Tháng\s+(\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:\s*/\s*\d{4})?)\s*:\s*(.*)$", re.I)


def parse_roadmap(cell: str, plan_year: int | None) -> list[dict[str, str | None]]:
    """Roadmap cell ("- Tháng 1: + … + …", "Tháng 4-5: …") → [{"month": "2022-01", "text": "…"}]."""
    out: list[dict[str, str | None]] = []
    parts: list[str] = []
    month: str | None = None
    started = False

    def flush() -> None:
        if started:
            out.append({"month": month, "text": "; ".join(p for p in parts if p)})

    for para in cell_paragraphs(cell):
        m = _MILESTONE.match(para)
        if m:
            flush()
            started = True
            month = parse_period("tháng " + m.group(1), plan_year)[1]
            parts = [strip_marker(m.group(2))] if strip_marker(m.group(2)) else []
        elif started:
            item = strip_marker(para)
            if item:
                parts.append(item)
    flush()
    return out


# ------------------------------------------------------------------------------------------- merging


def merge_tasks(body: list[Task], detailed: list[Task], warnings: list[str]) -> list[Task]:
    """Merge the body's tasks with the tables' (appendix) tasks; the appendix's values win on conflict."""
    if not detailed:
        return body
    if not body:
        return detailed
    pairs = match_pairs([t.title for t in body], [t.title for t in detailed], threshold=0.45)
    by_body = {i: j for i, j, _ in pairs}
    used = {j for _, j, _ in pairs}
    out: list[Task] = []
    for i, b in enumerate(body):
        if i not in by_body:
            out.append(b)
            continue
        d = detailed[by_body[i]]
        for name in ("due", "start", "lead"):
            bv, dv = getattr(b, name), getattr(d, name)
            if bv and dv and fold(bv) != fold(dv):
                warnings.append(
                    f"Nhiệm vụ “{_short(b.title)}”: {_FIELD_VI[name]} ở phần nội dung là {bv}, ở phụ lục là {dv}; "
                    f"lấy theo phụ lục ({dv}).")
        merged = Task(ref=b.ref or d.ref, title=b.title if len(b.title) >= len(d.title) else d.title,
                      lead=d.lead or b.lead, partners=d.partners or b.partners, start=d.start or b.start,
                      due=d.due or b.due, milestones=d.milestones or b.milestones,
                      deliverables=d.deliverables or b.deliverables, source="merged")
        out.append(merged)
    for j, d in enumerate(detailed):
        if j not in used:
            out.append(d)
    return out


_FIELD_VI = {"due": "thời hạn", "start": "thời gian bắt đầu", "lead": "đơn vị chủ trì"}


def _short(title: str, n: int = 60) -> str:
    return title if len(title) <= n else title[: n - 1].rstrip() + "…"


# ------------------------------------------------------------------ leads from "Tổ chức thực hiện"


def assign_leads_from_organisation(lines: list[Line], sections: list[Section], tasks: list[Task]) -> None:
    """Fill missing leads from "IV. TỔ CHỨC THỰC HIỆN" where a unit "chủ trì thực hiện nhiệm vụ: <title>"."""
    if not any(t.lead is None for t in tasks):
        return
    for sec in sections:
        if "to chuc thuc hien" not in fold(sec.title):
            continue
        unit: str | None = None
        collecting = False
        for ln in lines[sec.start:sec.end]:
            if ln.is_row or not ln.clean:
                continue
            h = heading_of(ln)
            if h is not None and h.kind == "arabic":
                unit = strip_marker(h.text) if len(h.text) < 120 else None
                collecting = False
                continue
            c = ln.clean
            m = re.match(r"^(?:[-+•]\s*)?Chủ trì(?: thực hiện)?(?: các| \d+)?\s*(?:nhiệm vụ)?\s*:?\s*(.*)$", c, re.I)
            if m and unit:
                collecting = True
                rest = m.group(1).strip()
                if rest:
                    _give_lead(tasks, rest, unit)
                continue
            if collecting and unit and c.startswith(("-", "+", "•")):
                _give_lead(tasks, strip_marker(c), unit)


def _give_lead(tasks: list[Task], title: str, unit: str) -> None:
    best, score = None, 0.0
    for t in tasks:
        s = similarity(t.title, title)
        if s > score:
            best, score = t, s
    if best is not None and score >= 0.7 and best.lead is None:
        best.lead = unit
