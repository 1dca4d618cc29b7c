"""Task status, derived in SQL on read from dates, milestones and accepted progress; never stored.

Precedence: done (effective progress 100 %) → overdue (due date passed, or a roadmap milestone passed
unachieved) → due soon (due within ``DUE_SOON_DAYS``, or an annual task in December) → not started (no
accepted progress yet) → on track.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull
from django.utils import timezone

from dost.core.status import TaskStatus

from .models import Milestone, Recurrence

DUE_SOON_DAYS = 30


def status_expression(today: datetime.date | None = None) -> Case:
    """The CASE expression; it reads the ``_effective_progress`` annotation added by ``with_status``."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    late_milestone = _late_milestone(today)
    whens = [
        When(Q(_effective_progress__gte=100), then=Value(TaskStatus.DONE.value)),
        When(Q(due_date__lt=today), then=Value(TaskStatus.OVERDUE.value)),
        When(late_milestone, then=Value(TaskStatus.OVERDUE.value)),
        When(Q(due_date__lte=soon), then=Value(TaskStatus.DUE_SOON.value)),
    ]
    if today.month == 12:  # an annual task falls due at the end of every year
        whens.append(
            When(Q(recurrence=Recurrence.ANNUAL, due_date__isnull=True), then=Value(TaskStatus.DUE_SOON.value))
        )
    whens.append(When(Q(_effective_progress__lte=0), then=Value(TaskStatus.NOT_STARTED.value)))
    return Case(*whens, default=Value(TaskStatus.ON_TRACK.value))


def overdue_q(today: datetime.date | None = None) -> Q:
    """``status == "overdue"`` as a condition on the columns (for a queryset annotated by ``with_status``):
    not done, and past its due date or a roadmap milestone. Unlike a filter on the CASE expression, it
    lets PostgreSQL walk the due-date index for "the ten most overdue"."""
    today = today or timezone.localdate()
    return ~Q(_effective_progress__gte=100) & (Q(due_date__lt=today) | Q(_late_milestone(today)))


def _late_milestone(today: datetime.date) -> Exists:
    """A roadmap milestone of the task passed unachieved. The always-true "task id IS NOT NULL" keeps
    PostgreSQL from turning this per-task look-up into a hash of every late milestone in the database,
    built even when the CASE or the OR rarely reaches it."""
    return Exists(Milestone.objects.filter(IsNull(OuterRef("pk"), False), task=OuterRef("pk"), achieved=False,
                                           due_date__lt=today))


EFFECTIVE_PROGRESS = Coalesce(F("progress_override"), F("progress"))


def with_status(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Annotate ``status`` (and ``_effective_progress``) on a Task queryset."""
    return queryset.annotate(_effective_progress=EFFECTIVE_PROGRESS).annotate(status=status_expression(today))


def count_by_status(queryset: QuerySet, today: datetime.date | None = None) -> dict[str, int]:
    """Counts per derived status in one aggregate query; every status present, zero when absent."""
    rows = with_status(queryset, today).order_by().values("status").annotate(n=Count("id"))
    counts = {value: 0 for value in TaskStatus.values}
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts
