"""Rights over plans, tasks and progress reports, decided against the owning organisations.

- Everyone signed in sees the plans of organisations in their scope, and the plans they are party to
  (their units lead or partner one of its tasks).
- Officers and leaders edit the plans their scope owns, and the tasks their scope leads.
- Officers and leaders of the lead unit submit progress; leaders of the plan's owner accept or return it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dost.core.permissions import WRITE_ROLES, Scope, scope_for
from dost.core.status import Role

from .models import Plan, ProgressReport, Task

# A user's visible plans are read once (one query) and written into the page's queries as literal ids, up
# to this many; beyond it they stay a subquery so that the SQL stays bounded.
LITERAL_IDS_MAX = 5000


def _plan_ids(scope: Scope) -> QuerySet:
    """The ids of the plans ``scope`` owns or is party to, as one UNION driven from the organisations (the
    plans they own, the tasks they lead, the tasks they partner: indexed look-ups), not a per-plan check
    of every task, which walked all the tasks of the database on each page."""
    owned = Plan.objects.filter(scope.q("owner")).order_by().values_list("pk", flat=True)
    led = Task.objects.filter(scope.q("lead")).order_by().values_list("plan_id", flat=True)
    partnered = (Task.partners.through.objects.filter(scope.q("organisation")).order_by()
                 .values_list("task__plan_id", flat=True))
    return owned.union(led, partnered).order_by()


def visible_plans(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """Plans the user may see. The ids are read when this is called (literal ids tell PostgreSQL's planner
    how many rows follow: with a subquery it guessed ten times too many and scanned whole tables)."""
    queryset = Plan.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    if not scope.paths():
        return queryset.none()
    ids = _plan_ids(scope)
    literal = list(ids)
    return queryset.filter(pk__in=ids if len(literal) > LITERAL_IDS_MAX else literal)


def visible_tasks(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Task.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    return queryset.filter(plan__in=visible_plans(user).values("pk"))


def can_view_plan(user: Any, plan: Plan) -> bool:
    """The rule of ``visible_plans`` for one plan: its owner in scope, or a task of it led or partnered."""
    scope = scope_for(user)
    if scope.is_admin or scope.covers(plan.owner):
        return True
    if not scope.paths():
        return False
    partnered = Task.partners.through.objects.filter(scope.q("organisation")).values("task_id")
    return Task.objects.filter(plan=plan).filter(scope.q("lead") | Q(pk__in=partnered)).exists()


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
