"""Orchestration: from normalised text to the contract's output object.

The document is cut into regions (header, preamble, body, closing block, appendices) once; each extractor
reads only its region, which is what keeps appendix figures out of the budget and report sections out of
the tasks.
"""

from __future__ import annotations

import re

from .budget import find_budget, find_targets
from .errors import ParseError
from .header import (
    find_recipients_line,
    is_signer_line,
    parse_bases,
    parse_header,
    parse_recipients,
    parse_replaces,
    parse_signer,
)
from .structure import is_appendix_line, top_sections
from .tables import find_tables, table_to_dict
from .tasks import assign_leads_from_organisation, is_task_table, merge_tasks, prose_tasks, table_tasks
from .text import normalise_document, split_lines


def parse_document(text: str, *, warnings: list[str] | None = None) -> dict:
    """Parse the text of a plan into the output object (see package docstring)."""
    if not isinstance(text, str):
        raise ParseError("input is not text")
    text = normalise_document(text)
    if not text.strip():
        raise ParseError("văn bản rỗng (empty document)")
    warnings = list(warnings or [])
    lines = split_lines(text)
    n = len(lines)

    header = parse_header(lines, limit=min(n, 150))
    if header.kind is None:
        warnings.append("Không tìm thấy tên loại văn bản (KẾ HOẠCH) ở phần đầu.")
    body_start = header.title_end if header.title_end is not None else _after_header(lines)

    appendix = next((ln.index for ln in lines[body_start:] if is_appendix_line(ln)
                     and _appendix_is_after_closing(lines, body_start, ln.index)), n)
    rec_line = find_recipients_line(lines, body_start, appendix)
    closing = rec_line if rec_line is not None else _signer_start(lines, body_start, appendix)
    body_end = closing if closing is not None else appendix
    # a signer block printed before "Nơi nhận:" ends the body too
    sign_before = _signer_start(lines, max(body_start, body_end - 14), body_end)
    if sign_before is not None and rec_line is not None:
        body_end = sign_before

    sections = top_sections(lines, body_start, body_end)
    preamble_end = sections[0].heading.line if sections else min(body_end, body_start + 8)
    plan_year = header.date.get("year") or _year_from(header.title)

    bases = parse_bases(lines, body_start, preamble_end)
    replaces = parse_replaces(lines[body_start:body_end])

    recipients: list[str] = []
    spans = dict(header.spans)
    rec_end = body_end
    if rec_line is not None:
        recipients, rec_end = parse_recipients(lines, rec_line, appendix)
        spans["recipients"] = [lines[rec_line].start, lines[max(rec_line, rec_end - 1)].end]
    sign_from = body_end if sign_before is not None else (rec_end if rec_line is not None else body_end)
    signer, sign_span = parse_signer(lines, sign_from, appendix)
    if signer is None and rec_line is not None:
        signer, sign_span = parse_signer(lines, max(body_start, rec_line - 14), rec_line)
    if sign_span:
        spans["signer"] = sign_span

    budget, budget_span = find_budget(lines, sections, body_start, body_end, warnings)
    if budget_span:
        spans["budget_vnd"] = budget_span
    targets = find_targets(lines, sections, plan_year)

    tables = find_tables(lines)
    body_tasks = prose_tasks(lines, sections, plan_year)
    detailed = []
    for t in tables:
        if is_task_table(t):
            detailed.extend(table_tasks(t, plan_year))
    tasks = merge_tasks(body_tasks, detailed, warnings)
    assign_leads_from_organisation(lines, sections, tasks)

    return {
        "kind": header.kind,
        "issuer": header.issuer,
        "number": header.number,
        "symbol": header.symbol,
        "place": header.place,
        "date": header.date,
        "title": header.title,
        "bases": bases,
        "replaces": replaces,
        "budget_vnd": budget,
        "signer": signer,
        "recipients": recipients,
        "tasks": [t.as_dict() for t in tasks],
        "targets": targets,
        "tables": [table_to_dict(t) for t in tables],
        "warnings": warnings,
        "text": text,
        "spans": spans,
    }


def _after_header(lines: list) -> int:
    for ln in lines[:80]:
        if re.match(r"^(Căn cứ|Thực hiện)", ln.clean):
            return ln.index
    return 0


def _signer_start(lines: list, start: int, end: int) -> int | None:
    for ln in lines[start:end]:
        if not ln.is_row and is_signer_line(ln.clean) and len(ln.clean) < 60:
            return ln.index
    return None


def _appendix_is_after_closing(lines: list, start: int, at: int) -> bool:
    """An appendix heading counts once the closing block (Nơi nhận / signer) lies above it."""
    for ln in lines[start:at]:
        if not ln.is_row and (ln.clean.startswith("Nơi nhận") or is_signer_line(ln.clean)):
            return True
    return False


def _year_from(title: str | None) -> int | None:
    if not title:
        return None
    m = re.search(r"năm\s+((?:19|20)\d{2})", title)
    return int(m.group(1)) if m else None
