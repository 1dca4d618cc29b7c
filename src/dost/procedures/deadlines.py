"""A dossier's legal deadline, derived from its receipt, the procedure's time, clock stops and an extension.

Pure: takes dates and the calendar overrides, touches no database. The period is the N-th working day
after the day of receipt (Civil Code art. 147–148); a day inside a clock stop (a request for supplements, a
suspension) does not count; an extension adds working days. While a stop is open the deadline is unknown
(the clock is stopped), and ``legal_due`` answers None.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from . import calendar as cal

ONE_DAY = datetime.timedelta(days=1)
MAX_SPAN_DAYS = 3 * 366  # a safety bound: no statutory period runs longer than this


@dataclass(frozen=True)
class Stop:
    """The clock stopped from the day after ``start`` until ``end`` inclusive (None: still stopped)."""

    start: datetime.date
    end: datetime.date | None


def _stopped(day: datetime.date, stops: Iterable[Stop]) -> bool:
    return any(stop.start < day and (stop.end is None or day <= stop.end) for stop in stops)


def legal_due(received_on: datetime.date, working_days: int, stops: Iterable[Stop] = (), extension_days: int = 0,
              overrides: cal.Overrides | None = None) -> datetime.date | None:
    """The day the result is due; None while a stop is open after the receipt."""
    stops = list(stops)
    if any(stop.end is None for stop in stops):
        return None
    remaining = working_days + extension_days
    if remaining <= 0:
        return received_on
    day = received_on
    for _ in range(MAX_SPAN_DAYS):
        day += ONE_DAY
        if cal.is_workday(day, overrides) and not _stopped(day, stops):
            remaining -= 1
            if remaining == 0:
                return day
    raise ValueError("thời hạn vượt quá giới hạn tính toán")


def working_days_used(received_on: datetime.date, today: datetime.date, stops: Iterable[Stop] = (),
                      overrides: cal.Overrides | None = None) -> int:
    """Working days counted against the period from the day after receipt up to ``today`` inclusive."""
    stops = list(stops)
    used, day = 0, received_on
    while day < today:
        day += ONE_DAY
        if cal.is_workday(day, overrides) and not _stopped(day, stops):
            used += 1
    return used


def overdue_by(due: datetime.date | None, today: datetime.date, overrides: cal.Overrides | None = None) -> int:
    """Working days past the deadline (0 when not late, or while the clock is stopped)."""
    if due is None or today <= due:
        return 0
    return max(0, cal.workdays_between(due, today, overrides))
