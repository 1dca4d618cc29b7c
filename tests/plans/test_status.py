import datetime
from decimal import Decimal

import pytest

from dost.core.status import TaskStatus
from dost.plans.models import Recurrence, Task
from dost.plans.status import count_by_status, with_status
from tests.factories import MilestoneFactory, TaskFactory

TODAY = datetime.date(2026, 11, 22)


def _status(task) -> str:
    return with_status(Task.objects.filter(pk=task.pk), TODAY).get().status


@pytest.mark.django_db
def test_task_past_due_is_overdue():
    assert _status(TaskFactory(due_date=datetime.date(2026, 10, 31))) == TaskStatus.OVERDUE


@pytest.mark.django_db
def test_task_due_within_thirty_days_is_due_soon():
    assert _status(TaskFactory(due_date=datetime.date(2026, 12, 15))) == TaskStatus.DUE_SOON


@pytest.mark.django_db
def test_task_without_progress_far_from_due_is_not_started():
    assert _status(TaskFactory(due_date=datetime.date(2027, 6, 30))) == TaskStatus.NOT_STARTED


@pytest.mark.django_db
def test_task_with_progress_far_from_due_is_on_track():
    assert _status(TaskFactory(due_date=datetime.date(2027, 6, 30), progress=Decimal("30"))) == TaskStatus.ON_TRACK


@pytest.mark.django_db
def test_completed_task_is_done_even_past_due():
    assert _status(TaskFactory(due_date=datetime.date(2025, 1, 31), progress=Decimal("100"))) == TaskStatus.DONE


@pytest.mark.django_db
def test_override_counts_as_progress():
    task = TaskFactory(due_date=datetime.date(2025, 1, 31), progress_override=Decimal("100"), override_reason="x")
    assert _status(task) == TaskStatus.DONE


@pytest.mark.django_db
def test_unachieved_past_milestone_makes_task_overdue():
    task = TaskFactory(due_date=datetime.date(2027, 6, 30), progress=Decimal("10"))
    MilestoneFactory(task=task, due_date=datetime.date(2026, 9, 30), achieved=False)
    assert _status(task) == TaskStatus.OVERDUE


@pytest.mark.django_db
def test_achieved_milestone_does_not_make_task_overdue():
    task = TaskFactory(due_date=datetime.date(2027, 6, 30), progress=Decimal("10"))
    MilestoneFactory(task=task, due_date=datetime.date(2026, 9, 30), achieved=True)
    assert _status(task) == TaskStatus.ON_TRACK


@pytest.mark.django_db
def test_ongoing_task_is_never_overdue():
    task = TaskFactory(due_date=None, start_date=None, recurrence=Recurrence.ONGOING, progress=Decimal("20"))
    assert _status(task) == TaskStatus.ON_TRACK


@pytest.mark.django_db
def test_annual_task_is_due_soon_in_december():
    task = TaskFactory(due_date=None, recurrence=Recurrence.ANNUAL, progress=Decimal("20"))
    status = with_status(Task.objects.filter(pk=task.pk), datetime.date(2026, 12, 5)).get().status
    assert status == TaskStatus.DUE_SOON


@pytest.mark.django_db
def test_counts_by_status_is_one_query(django_assert_num_queries):
    TaskFactory(due_date=datetime.date(2026, 1, 31))
    TaskFactory(due_date=datetime.date(2026, 12, 1))
    with django_assert_num_queries(1):
        counts = count_by_status(Task.objects.all(), TODAY)
    assert counts[TaskStatus.OVERDUE] == 1 and counts[TaskStatus.DUE_SOON] == 1 and counts[TaskStatus.DONE] == 0


@pytest.mark.django_db
def test_overdue_condition_selects_exactly_the_overdue_status():
    """``overdue_q`` (the dashboard's index-friendly filter) agrees with the CASE expression."""
    from dost.plans.status import overdue_q

    TaskFactory(due_date=datetime.date(2026, 10, 31))  # past due
    TaskFactory(due_date=datetime.date(2025, 1, 31), progress=Decimal("100"))  # done
    TaskFactory(due_date=datetime.date(2027, 6, 30))  # not started
    TaskFactory(due_date=None)  # no deadline
    late = TaskFactory(due_date=datetime.date(2027, 6, 30), progress=Decimal("30"))
    MilestoneFactory(task=late, due_date=datetime.date(2026, 9, 30), achieved=False)  # a passed milestone
    annotated = with_status(Task.objects.all(), TODAY)
    expected = {t.pk for t in annotated if t.status == TaskStatus.OVERDUE}
    assert expected and set(annotated.filter(overdue_q(TODAY)).values_list("pk", flat=True)) == expected
