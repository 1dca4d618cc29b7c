"""A dossier's deadline: working days after receipt, clock stops excluded, extensions added."""

from __future__ import annotations

import datetime

import pytest

from dost.procedures import calendar as cal
from dost.procedures.deadlines import Stop, legal_due, overdue_by, working_days_used

pytestmark = pytest.mark.pure
D = datetime.date


def test_deadline_is_the_nth_working_day_after_receipt():
    # Received Friday 03/04/2028: Mon 03/04 → 04/04 is Hùng Kings' day.
    assert legal_due(D(2028, 4, 3), 1) == cal.add_workdays(D(2028, 4, 3), 1) == D(2028, 4, 5)


def test_a_supplement_request_stops_the_clock_until_the_complete_resubmission():
    received = D(2026, 3, 2)  # Monday
    plain = legal_due(received, 10)
    stopped = legal_due(received, 10, [Stop(D(2026, 3, 4), D(2026, 3, 11))])  # 5 working days stopped
    assert cal.workdays_between(plain, stopped) == 5


def test_the_deadline_is_unknown_while_the_clock_is_stopped():
    assert legal_due(D(2026, 3, 2), 10, [Stop(D(2026, 3, 4), None)]) is None


def test_an_extension_adds_working_days():
    received = D(2026, 3, 2)
    assert cal.workdays_between(legal_due(received, 10), legal_due(received, 10, extension_days=3)) == 3


def test_days_used_and_overdue():
    received = D(2026, 3, 2)
    due = legal_due(received, 5)
    assert working_days_used(received, due) == 5
    assert overdue_by(due, due) == 0
    assert overdue_by(due, cal.add_workdays(due, 2)) == 2
