"""Turning a parsed document (``dost.docparse`` output) into a tracked plan, in one transaction.

Importing the same document twice updates the plan found by owner, number-symbol, year and title instead
of creating a duplicate; tasks are matched by their printed reference and title, so progress already
reported on them is kept.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from dost.core.models import Organisation
from dost.core.services import find_organisation, get_or_create_legal_document
from dost.core.status import PlanStatus
from dost.core.text import fold

from .models import Milestone, Plan, Precision, Recurrence, Task


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    tasks_created: int = 0
    tasks_kept: int = 0
    unknown_organisations: list[str] = field(default_factory=list)


def match_organisation(name: str | None, near: Organisation) -> Organisation | None:
    """The organisation a printed name refers to, preferring the owner's own tree."""
    return find_organisation(name, near)


def parse_period(value: str | None) -> tuple[datetime.date | None, str, str]:
    """("2022-03" → last day of March 2022, month precision); "annual"/"ongoing" are recurrences."""
    if not value:
        return None, Precision.MONTH, Recurrence.NONE
    if value in ("annual", "ongoing"):
        return None, Precision.YEAR, Recurrence.ANNUAL if value == "annual" else Recurrence.ONGOING
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts), Precision.DAY, Recurrence.NONE
    if len(parts) == 2:
        year, month = parts
        return datetime.date(year, month, calendar.monthrange(year, month)[1]), Precision.MONTH, Recurrence.NONE
    return datetime.date(parts[0], 12, 31), Precision.YEAR, Recurrence.NONE


def _start(value: str | None) -> tuple[datetime.date | None, str]:
    day, precision, _ = parse_period(value)
    if day and precision == Precision.MONTH:
        day = day.replace(day=1)
    if day and precision == Precision.YEAR:
        day = datetime.date(day.year, 1, 1)
    return day, precision


def find_existing(data: dict[str, Any], owner: Organisation) -> Plan | None:
    number, _, symbol = (data.get("number") or "").partition("/")
    symbol = data.get("symbol") or symbol
    year = (data.get("date") or {}).get("year")
    title = fold(data.get("title"))
    for plan in Plan.objects.filter(owner=owner, symbol=symbol or "", date_year=year):
        if fold(plan.title) == title and (plan.number or "") == (number or ""):
            return plan
    return None


@transaction.atomic
def import_plan(data: dict[str, Any], owner: Organisation,
                lead_overrides: dict[int, Organisation | None] | None = None) -> ImportResult:
    """Create (or update) the plan, its tasks, milestones and legal-document links from parsed data."""
    existing = find_existing(data, owner)
    plan = existing or Plan(owner=owner, status=PlanStatus.ISSUED)
    number = (data.get("number") or "").split("/", 1)[0]
    date = data.get("date") or {}
    signer = data.get("signer") or {}
    plan.issuer_name = data.get("issuer") or plan.issuer_name or ""
    plan.issuer = match_organisation(plan.issuer_name, owner) if plan.issuer_name else plan.issuer
    plan.number, plan.symbol = number, data.get("symbol") or ""
    plan.place = data.get("place") or ""
    plan.date_year, plan.date_month, plan.date_day = date.get("year"), date.get("month"), date.get("day")
    plan.title = data.get("title") or ""
    plan.budget_vnd = data.get("budget_vnd")
    plan.signer_name = signer.get("name") or ""
    plan.signer_title = signer.get("title") or ""
    plan.signer_on_behalf = signer.get("on_behalf") or ""
    plan.recipients = data.get("recipients") or []
    years = [plan.date_year] if plan.date_year else []
    plan.period_start = plan.period_start or (min(years) if years else None)
    plan.period_end = plan.period_end or (max(years) if years else None)
    plan.save()
    plan.legal_bases.set([get_or_create_legal_document(n) for n in data.get("bases") or []])
    plan.replaces.set([get_or_create_legal_document(n) for n in data.get("replaces") or []])

    result = ImportResult(plan=plan, created=existing is None)
    known = {(t.ref, fold(t.title)): t for t in plan.tasks.all()}
    for order, spec in enumerate(data.get("tasks") or [], start=1):
        key = (spec.get("ref") or "", fold(spec.get("title")))
        if key in known:
            result.tasks_kept += 1
            continue
        index = order - 1
        if lead_overrides is not None and index in lead_overrides:
            lead = lead_overrides[index]
        else:
            lead = match_organisation(spec.get("lead"), owner)
        if spec.get("lead") and lead is None and not (lead_overrides and index in lead_overrides):
            result.unknown_organisations.append(spec["lead"])
        due, due_precision, recurrence = parse_period(spec.get("due"))
        start, start_precision = _start(spec.get("start"))
        task = Task(
            plan=plan, ref=spec.get("ref") or "", order=order, title=spec.get("title") or "", lead=lead,
            lead_name=spec.get("lead") or "", partners_text=", ".join(spec.get("partners") or []),
            start_date=start, start_precision=start_precision, due_date=due, due_precision=due_precision,
            recurrence=recurrence, deliverables="\n".join(spec.get("deliverables") or []),
        )
        task.save()
        partners = [match_organisation(p, owner) for p in spec.get("partners") or []]
        task.partners.set([p for p in partners if p])
        result.unknown_organisations += [p for p, m in zip(spec.get("partners") or [], partners, strict=True) if not m]
        for milestone in spec.get("milestones") or []:
            day, _, _ = parse_period(milestone.get("month"))
            if day:
                Milestone(task=task, due_date=day, label=milestone.get("month", ""), text=milestone.get("text") or "").save()
        result.tasks_created += 1
    result.unknown_organisations = sorted(set(result.unknown_organisations))
    return result


def highlighted_segments(text: str, spans: dict[str, list[int]]) -> list[tuple[str, str | None]]:
    """The source text cut into (piece, field) pairs so the review page can mark where each field was read."""
    marks = sorted((start, end, name) for name, (start, end) in ((k, v) for k, v in spans.items()
                   if isinstance(v, list | tuple) and len(v) == 2) if 0 <= start < end <= len(text))
    segments, position = [], 0
    for start, end, name in marks:
        if start < position:
            continue  # overlapping spans: keep the first
        segments.append((text[position:start], None))
        segments.append((text[start:end], name))
        position = end
    segments.append((text[position:], None))
    return [(piece, name) for piece, name in segments if piece]
