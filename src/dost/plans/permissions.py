"""Rights over plans, tasks and progress reports, decided against the owning organisations.

- Everyone signed in sees the plans of organisations in their scope, and the plans they are party to
  (their units lead or partner one of its tasks).
- Officers and leaders edit the plans their scope owns, and the tasks their scope leads.
- Officers and leaders of the lead unit submit progress; leaders of the plan's owner accept or return it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from dost.core.permissions import WRITE_ROLES, Scope, scope_for
from dost.core.status import Role

from .models import Plan, ProgressReport, Task


def visible_plans(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Plan.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    if not scope.paths():
        return queryset.none()
    party = Task.objects.filter(plan=OuterRef("pk")).filter(scope.q("lead") | Q(Exists(
        Task.partners.through.objects.filter(task=OuterRef("pk")).filter(scope.q("organisation"))
    )))
    return queryset.filter(scope.q("owner") | Q(Exists(party)))


def visible_tasks(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Task.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    return queryset.filter(plan__in=visible_plans(user).values("pk"))


def can_view_plan(user: Any, plan: Plan) -> bool:
    return visible_plans(user).filter(pk=plan.pk).exists()


def can_edit_plan(user: Any, plan: Plan | None = None, owner: Any = None) -> bool:
    scope = scope_for(user)
    if scope.is_admin:
        return True
    organisation = plan.owner if plan is not None else owner
    if organisation is None:
        return bool(scope.paths(WRITE_ROLES))
    return scope.covers(organisation, WRITE_ROLES)


def can_edit_task(user: Any, task: Task) -> bool:
    scope = scope_for(user)
    return scope.is_admin or can_edit_plan(user, task.plan) or scope.covers(task.lead, WRITE_ROLES)


def can_report_progress(user: Any, task: Task) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(task.lead, WRITE_ROLES) or scope.covers(task.plan.owner, WRITE_ROLES)


def can_review_report(user: Any, report: ProgressReport) -> bool:
    scope: Scope = scope_for(user)
    return scope.is_admin or scope.covers(report.task.plan.owner, {Role.LEADER})


def can_edit_report(user: Any, report: ProgressReport) -> bool:
    return report.author_id == getattr(user, "pk", None) and report.status in ("draft", "returned")
