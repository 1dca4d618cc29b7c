"""Read side of S&T tasks: the portfolio's derived schedule, counts in one aggregate each, and the counts
the reports' indicator tables take from here (``counts_by_level_and_field``).

The schedule (``timing``) is derived in SQL from indexed dates on read, never stored (CONTRACTS.md):
late (implementing or suspended, end date passed) → check overdue (a scheduled progress check passed
without a result) → ending soon (end within ``ENDING_SOON_DAYS``) → check due (a check within
``CHECK_SOON_DAYS``) → on schedule; anything not implementing or suspended is "not running".
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dost.core.models import Organisation
from dost.core.status import ProjectStatus, ProjectTiming

from .models import Level, ProgressCheck, Project, ProjectApplication, ScienceField
from .permissions import visible_projects

ENDING_SOON_DAYS = 90
CHECK_SOON_DAYS = 60
RUNNING = (ProjectStatus.IMPLEMENTING, ProjectStatus.SUSPENDED)
# States that count as "a task carried out" in the indicator tables: the contract was signed.
STARTED = (ProjectStatus.IMPLEMENTING, ProjectStatus.SUSPENDED, ProjectStatus.ACCEPTANCE, ProjectStatus.COMPLETED,
           ProjectStatus.NOT_PASSED, ProjectStatus.REGISTERED, ProjectStatus.APPLIED, ProjectStatus.TERMINATED)


def timing_expression(today: datetime.date | None = None) -> Case:
    today = today or timezone.localdate()
    open_checks = ProgressCheck.objects.filter(project=OuterRef("pk"), done_on__isnull=True)
    running = Q(status__in=RUNNING)
    return Case(
        When(~running, then=Value(ProjectTiming.NOT_RUNNING.value)),
        When(Q(end_date__lt=today), then=Value(ProjectTiming.LATE.value)),
        When(Exists(open_checks.filter(due_date__lt=today)), then=Value(ProjectTiming.CHECK_OVERDUE.value)),
        When(Q(end_date__lte=today + datetime.timedelta(days=ENDING_SOON_DAYS)),
             then=Value(ProjectTiming.ENDING_SOON.value)),
        When(Exists(open_checks.filter(due_date__lte=today + datetime.timedelta(days=CHECK_SOON_DAYS))),
             then=Value(ProjectTiming.CHECK_DUE.value)),
        default=Value(ProjectTiming.ON_SCHEDULE.value),
    )


CHECK_STATES = {"done": _("Đã kiểm tra"), "late": _("Quá hạn"), "due_soon": _("Sắp đến hạn"),
                "scheduled": _("Đã lên lịch")}


def with_check_state(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Annotate each progress check's ``state`` (done, late, due soon, scheduled) from its dates."""
    today = today or timezone.localdate()
    return queryset.annotate(state=Case(
        When(done_on__isnull=False, then=Value("done")),
        When(due_date__lt=today, then=Value("late")),
        When(due_date__lte=today + datetime.timedelta(days=CHECK_SOON_DAYS), then=Value("due_soon")),
        default=Value("scheduled")))


def with_timing(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Annotate ``timing`` and ``next_check`` (the earliest open progress check)."""
    next_check = (ProgressCheck.objects.filter(project=OuterRef("pk"), done_on__isnull=True)
                  .order_by("due_date").values("due_date")[:1])
    return queryset.annotate(timing=timing_expression(today), next_check=Subquery(next_check))


def portfolio(user: Any, today: datetime.date | None = None) -> QuerySet:
    return with_timing(visible_projects(user), today).select_related("host", "organisation")


def count_by_status(queryset: QuerySet) -> dict[str, int]:
    """Projects per state in one GROUP BY; every state present, zero when absent."""
    counts = {value: 0 for value in ProjectStatus.values}
    for row in queryset.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def count_by_timing(queryset: QuerySet, today: datetime.date | None = None) -> dict[str, int]:
    counts = {value: 0 for value in ProjectTiming.values}
    rows = with_timing(queryset.order_by(), today).values("timing").annotate(n=Count("id")).order_by()
    for row in rows:
        counts[row["timing"]] = row["n"]
    return counts


def level_field_matrix(queryset: QuerySet) -> list[dict[str, Any]]:
    """Rows per level with counts per field and a total, in one GROUP BY (for the portfolio's summary)."""
    counts: dict[tuple[str, str], int] = {}
    for row in queryset.order_by().values("level", "field").annotate(n=Count("id")):
        counts[(row["level"], row["field"])] = row["n"]
    rows = []
    for level, label in Level.choices:
        cells = [counts.get((level, f), 0) for f in ScienceField.values]
        rows.append({"level": level, "label": label, "cells": cells, "total": sum(cells)})
    return rows


def upcoming_checks(user: Any, today: datetime.date | None = None, days: int = CHECK_SOON_DAYS) -> QuerySet:
    """Open progress checks of running projects due up to ``days`` ahead, overdue ones included."""
    today = today or timezone.localdate()
    return (ProgressCheck.objects.filter(done_on__isnull=True, due_date__lte=today + datetime.timedelta(days=days),
                                         project__in=visible_projects(user).filter(status__in=RUNNING))
            .select_related("project").order_by("due_date", "id"))


def upcoming_ends(user: Any, today: datetime.date | None = None, days: int = ENDING_SOON_DAYS) -> QuerySet:
    today = today or timezone.localdate()
    return (visible_projects(user).filter(status__in=RUNNING, end_date__gte=today,
                                          end_date__lte=today + datetime.timedelta(days=days))
            .select_related("host").order_by("end_date", "id"))


def late_projects(user: Any, today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return (visible_projects(user).filter(status__in=RUNNING, end_date__lt=today)
            .select_related("host").order_by("end_date", "id"))


def _scope_q(organisation: Organisation, lookup: str = "organisation") -> Q:
    """The organisation's subtree and, after a merger, those of the organisations it succeeded."""
    paths, frontier, seen = {organisation.path}, [organisation.pk], {organisation.pk}
    while frontier:
        rows = list(Organisation.objects.filter(successor_id__in=frontier).exclude(pk__in=seen)
                    .values_list("pk", "path"))
        frontier = [pk for pk, _path in rows]
        seen.update(frontier)
        paths.update(path for _pk, path in rows)
    query = Q(pk__in=[])
    for path in sorted(paths):
        query |= Q(**{f"{lookup}__path__startswith": path})
    return query


def counts_by_level_and_field(organisation: Organisation, year: int) -> dict[str, dict[str, dict[str, int]]]:
    """The indicator tables' figures for ``year`` (Phụ lục "Chỉ tiêu kế hoạch KH-CN"), from the projects the
    organisation (and its units, and the bodies it succeeded) manages:

    - ``started``: "Số đề tài, dự án" — tasks whose contract period starts in ``year`` (contract signed);
    - ``applied``: "Số đề tài, dự án được hỗ trợ ứng dụng, nhân rộng" — tasks with an application or
      replication recorded for ``year``.

    Shape: ``{"started": {level: {field: n, …, "total": n}, …, "total": {field: n, …, "total": n}},
    "applied": {…}}`` with every level and field present (zeros included). One aggregate query.
    """
    applied = ProjectApplication.objects.filter(project=OuterRef("pk"), year=year)
    rows = (Project.objects.filter(_scope_q(organisation))
            .annotate(applied_in_year=Exists(applied))
            .order_by().values("level", "field")
            .annotate(started=Count("id", filter=Q(status__in=STARTED, start_date__year=year)),
                      applied=Count("id", filter=Q(applied_in_year=True))))
    result: dict[str, dict[str, dict[str, int]]] = {}
    for measure in ("started", "applied"):
        table = {level: {f: 0 for f in [*ScienceField.values, "total"]} for level in [*Level.values, "total"]}
        result[measure] = table
    for row in rows:
        for measure in ("started", "applied"):
            n = row[measure]
            table = result[measure]
            table[row["level"]][row["field"]] += n
            table[row["level"]]["total"] += n
            table["total"][row["field"]] += n
            table["total"]["total"] += n
    return result
