"""Read-side querysets of the plans pages and API, shaped so that each page has a fixed query count."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from dost.core.models import Organisation
from dost.core.permissions import scope_for

from .models import Milestone, Plan, ProgressReport, Task
from .permissions import visible_plans
from .status import with_status


def _per_plan(aggregate, **filters) -> Subquery:
    """``aggregate`` over one plan's tasks, as a correlated subquery: PostgreSQL evaluates it for the rows
    of the page only (after the sort and limit), where a join and GROUP BY aggregated every visible plan."""
    tasks = Task.objects.filter(plan=OuterRef("pk"), **filters).order_by().values("plan")
    return Subquery(tasks.annotate(value=aggregate).values("value"))


def plan_list(user: Any) -> QuerySet:
    return (
        visible_plans(user)
        .select_related("owner", "issuer")
        .annotate(task_count=Coalesce(_per_plan(Count("id")), 0))
    )


def plans_with_progress(user: Any) -> QuerySet:
    """Plans with the mean effective progress of their top-level tasks (for progress bars)."""
    return plan_list(user).annotate(
        progress_value=_per_plan(Avg(Coalesce("progress_override", "progress")), parent__isnull=True)
    )


def organisation_choices(user: Any, selected: list[str]) -> list[tuple[Any, str]]:
    """Options of the plan list's organisation selects: the organisations of the user's own trees (the
    top-level organisations above their memberships, with everything beneath) and the top-level ones,
    plus any currently selected; administrators get all. Every organisation of a national database would
    be thousands of options on every page view. Filtering still accepts any organisation."""
    scope = scope_for(user)
    organisations = Organisation.objects.all()
    if not scope.is_admin:
        query = Q(parent__isnull=True) | Q(pk__in=[int(s) for s in selected if s.isdigit() and len(s) < 16])
        for root in sorted({"/" + path.strip("/").split("/")[0] + "/" for path in scope.paths()}):
            query |= Q(path__startswith=root)
        organisations = organisations.filter(query)
    return [("", "---------"), *((o.pk, str(o)) for o in organisations.only("id", "name", "path"))]


def plan_tasks(plan: Plan, today: datetime.date | None = None) -> list[Task]:
    return list(
        with_status(Task.objects.filter(plan=plan), today)
        .select_related("lead")
        .prefetch_related("partners", Prefetch("milestones", queryset=Milestone.objects.order_by("due_date")))
        .order_by("order", "id")
    )


def build_tree(tasks: list[Task]) -> list[tuple[Task, int]]:
    """Depth-first (task, depth) pairs from a flat list, keeping the printed order among siblings."""
    children: dict[int | None, list[Task]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    ordered: list[tuple[Task, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for task in children.get(parent_id, []):
            ordered.append((task, depth))
            walk(task.pk, depth + 1)

    walk(None, 0)
    known = {t.pk for t, _ in ordered}
    ordered.extend((t, 0) for t in tasks if t.pk not in known)  # orphans whose parent is invisible
    return ordered


def my_tasks(user: Any, today: datetime.date | None = None) -> QuerySet:
    """Tasks led by the organisations in the user's scope (all of them for administrators)."""
    scope = scope_for(user)
    # A task led in the user's scope is on a plan they may see (visible_plans counts its leads as parties),
    # so the lead filter alone decides; no visibility subquery over every plan.
    queryset = Task.objects.all() if scope.is_admin else Task.objects.filter(scope.q("lead"))
    return with_status(queryset, today).select_related("lead", "plan")


def pending_reviews(user: Any) -> QuerySet:
    from dost.core.status import ReportStatus, Role

    scope = scope_for(user)
    queryset = ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
    if not scope.is_admin:
        queryset = queryset.filter(scope.q("task__plan__owner", {Role.LEADER}))
    return queryset.select_related("task", "task__plan", "author").order_by("submitted_at")
