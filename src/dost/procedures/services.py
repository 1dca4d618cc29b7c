"""Working days with the stored official calendar applied: the functions the rest of dost calls.

The arithmetic lives in the pure ``dost.procedures.calendar`` module; this module only loads the stored
calendar of the years concerned (one query, whatever the number of days) and hands it in.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from dost.core.memo import remember

from . import calendar as cal
from .models import CalendarDay, CalendarYear
from .official import OFFICIAL_CALENDARS, OfficialYear

# A year has at least this many working days even in a generous official calendar, so ``n`` working days
# never span more than ``n // _MIN_WORKDAYS_PER_YEAR + 1`` further years (we check the result anyway).
_MIN_WORKDAYS_PER_YEAR = 200


def stored_overrides(start_year: int, end_year: int) -> cal.Overrides:
    """The stored official calendars of ``start_year``–``end_year`` (inclusive), in one query.

    Kept across requests (``dost.core.memo``) until a calendar year or day changes: every queue page asks
    for the same three years. Years come with their days through a LEFT JOIN, so a year marked complete
    without any stored day (weekends only) is still seen.
    """
    return remember(("calendar", start_year, end_year), lambda: _read_overrides(start_year, end_year))


def _read_overrides(start_year: int, end_year: int) -> cal.Overrides:
    rows = CalendarYear.objects.filter(year__range=(start_year, end_year)).values_list(
        "year", "complete", "days__date", "days__is_workday", "days__name"
    )
    days: dict[datetime.date, bool] = {}
    names: dict[datetime.date, str] = {}
    years: set[int] = set()
    complete: set[int] = set()
    for year, is_complete, day, is_workday, name in rows:
        years.add(year)
        if is_complete:
            complete.add(year)
        if day is not None:
            days[day] = is_workday
            if name:
                names[day] = name
    return cal.Overrides(days=days, names=names, years=frozenset(years), complete_years=frozenset(complete))


def is_workday(day: datetime.date) -> bool:
    return cal.is_workday(day, stored_overrides(day.year, day.year))


def add_workdays(start: datetime.date, n: int) -> datetime.date:
    """``calendar.add_workdays`` under the stored calendars of every year the count runs through."""
    end_year = start.year + max(n, 0) // _MIN_WORKDAYS_PER_YEAR + 1
    while True:
        result = cal.add_workdays(start, n, stored_overrides(start.year, end_year))
        if result.year <= end_year:
            return result
        end_year = result.year  # a calendar with unusually many days off: load the years we ran into


def workdays_between(a: datetime.date, b: datetime.date) -> int:
    """``calendar.workdays_between`` under the stored calendars (e.g. how many working days overdue)."""
    low, high = min(a, b), max(a, b)
    return cal.workdays_between(a, b, stored_overrides(low.year, high.year))


def holidays(year: int) -> list[tuple[datetime.date, str]]:
    return cal.holidays(year, stored_overrides(year, year))


@transaction.atomic
def seed_official_calendars(calendars: tuple[OfficialYear, ...] = OFFICIAL_CALENDARS) -> dict[str, int]:
    """Store the official calendars we know (``dost.procedures.official``) for years not stored yet.

    A year already stored is left entirely alone (its days included), so re-running never undoes an
    administrator's edit or deletion. Writes go through the audited models; the caller sets the actor
    (``acting_as``).
    """
    created = {"years": 0, "days": 0}
    stored = set(CalendarYear.objects.filter(year__in=[c.year for c in calendars]).values_list("year", flat=True))
    for spec in calendars:
        if spec.year in stored:
            continue
        year = CalendarYear(year=spec.year, complete=spec.complete, note=spec.note)
        year.save()
        created["years"] += 1
        for day in spec.days:
            CalendarDay(calendar=year, date=day.date, is_workday=day.is_workday, name=day.name).save()
            created["days"] += 1
    return created


def late_by(due: datetime.date | None, today: datetime.date) -> int:
    """Working days past the deadline, by the stored calendar."""
    from .deadlines import overdue_by

    return overdue_by(due, today, stored_overrides(today.year - 1, today.year + 1))


def mark_late(dossiers, today: datetime.date):
    """Set ``late_by`` on each dossier (one calendar query for all of them)."""
    from .deadlines import overdue_by

    overrides = stored_overrides(today.year - 1, today.year + 1)
    for dossier in dossiers:
        dossier.late_by = overdue_by(dossier.due_date, today, overrides)
    return dossiers
