"""Read-side querysets of the plans pages and API, shaped so that each page has a fixed query count."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from dost.core.permissions import scope_for

from .models import Milestone, Plan, ProgressReport, Task
from .permissions import visible_plans, visible_tasks
from .status import with_status


def plan_list(user: Any) -> QuerySet:
    return (
        visible_plans(user)
        .select_related("owner", "issuer")
        .annotate(task_count=Count("tasks", distinct=True))
    )


def plans_with_progress(user: Any) -> QuerySet:
    """Plans with the mean effective progress of their top-level tasks (for progress bars)."""
    return plan_list(user).annotate(
        progress_value=Avg(
            Coalesce("tasks__progress_override", "tasks__progress"), filter=Q(tasks__parent__isnull=True)
        )
    )


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
    queryset = visible_tasks(user)
    if not scope.is_admin:
        queryset = queryset.filter(scope.q("lead"))
    return with_status(queryset, today).select_related("lead", "plan")


def pending_reviews(user: Any) -> QuerySet:
    from dost.core.status import ReportStatus, Role

    scope = scope_for(user)
    queryset = ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
    if not scope.is_admin:
        queryset = queryset.filter(scope.q("task__plan__owner", {Role.LEADER}))
    return queryset.select_related("task", "task__plan", "author").order_by("submitted_at")
