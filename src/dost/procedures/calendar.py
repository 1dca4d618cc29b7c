"""Vietnamese working days: the lunar calendar, statutory holidays and working-day arithmetic.

Pure Python with no Django import, so the arithmetic is testable (and usable) without a database; the
stored official calendar is handed in as an :class:`Overrides` value built by ``dost.procedures.services``.

Lunar calendar
    Vietnam uses the same rules as the Chinese calendar but for the meridian of UTC+7, so a new moon or a
    solar term close to midnight can fall on a different day than in China (UTC+8). That shifts Tết in
    some years (1968: 29/01 here, 30/01 in China; 1985: 21/01 here, 20/02 in China; 2007: 17/02 here,
    18/02 in China). The rules:

    * a lunar month starts on the (local) day of a new moon;
    * the month containing the December solstice (sun longitude 270°) is month 11;
    * when there are 13 new moons from one month 11 to the next, the first month after month 11 during
      which the sun enters no new 30° sector of longitude (no "major solar term") is a leap month and
      repeats the number of the month before it.

    New moons come from Jean Meeus's truncated series (*Astronomical Formulae for Calculators*, epoch
    1900) and the sun's longitude from his low-precision solar theory, the approximations behind Hồ Ngọc
    Đức's widely published conversion routine, so dates agree with the calendars printed in Vietnam. The
    approximations are good to a few minutes in 1900–2199; outside that range we refuse rather than guess.

Holidays (Labour Code 2019, art. 112 §1) and what we compute when no official decision is stored
    * 1/1 — Tết Dương lịch;
    * Tết Âm lịch, 5 days. The law leaves the exact days to the Prime Minister each year (art. 112 §3); we
      take the last day of the 12th lunar month (the 30th, or the 29th when that month is short) and the
      1st–4th of the 1st month, the usual shape of the yearly decisions;
    * 10/3 lunar — Giỗ Tổ Hùng Vương;
    * 30/4 — Ngày Chiến thắng; 1/5 — Ngày Quốc tế lao động;
    * 2/9 — Quốc khánh, plus one adjoining day fixed yearly. We take the adjoining day that joins the
      holiday to the weekend, as the decisions of 2021–2025 did: 3/9 when 2/9 is a Monday, Thursday or
      Sunday, otherwise 1/9 (when 2/9 is a Wednesday neither side joins a weekend and we default to 1/9).

    The current law is applied to every year, also before it took effect (2021; before, 2/9 was one day
    and Giỗ Tổ a holiday only from 2007): dossiers are recent, and a past year that matters can be stored.

    Weekly rest of state bodies is Saturday and Sunday. A holiday falling on a weekly rest day is
    compensated on the next working day(s) (art. 111 §3): we walk the year's holidays in date order and
    give each such holiday the first later weekday that is neither a holiday nor already a compensatory day.

Stored official calendar (:class:`Overrides`)
    * A stored day entry decides its date outright (a swapped Saturday becomes a working day, a bridge
      Friday a day off), whatever the rules above say.
    * A year without stored entries, or whose stored calendar is not marked complete, keeps the computed
      holidays and compensatory days for every date without an entry.
    * A year whose stored calendar is marked complete drops the computed holidays and compensatory days:
      its days off are exactly the weekends plus the stored days off (minus the stored working days). This
      is for a year whose decisions have been entered in full, so that a computed compensatory day the
      government did not grant (e.g. Monday 03/02/2025) cannot leak in.

Holiday names are returned in Vietnamese: they are the holidays' legal names (data), not interface text.
"""

from __future__ import annotations

import bisect
import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

VIETNAM_UTC_OFFSET = 7.0
MIN_YEAR = 1900
MAX_YEAR = 2199

_SYNODIC_MONTH = 29.530588853  # mean length of a lunation, days
_NEW_MOON_EPOCH = 2415021.076998695  # Julian day of the mean new moon k = 0 (6 January 1900), as a day count
_JDN_OFFSET = 1721425  # date.toordinal() + this = Julian day number (noon-based) of that civil date
_RAD = math.pi / 180

Day = datetime.date


class CalendarRangeError(ValueError):
    """A date outside the years whose lunar calendar we can compute reliably."""


# --------------------------------------------------------------------------------------------------------
# Astronomy
# --------------------------------------------------------------------------------------------------------


def _jdn(d: Day) -> int:
    return d.toordinal() + _JDN_OFFSET


def _date(jdn: int) -> Day:
    return Day.fromordinal(jdn - _JDN_OFFSET)


def _new_moon(k: int) -> float:
    """Julian date (UT) of the k-th new moon after the one of January 1900.

    Meeus's series: the mean phase corrected by the main periodic terms of the sun's and the moon's
    anomalies and the moon's argument of latitude, then converted from dynamical to universal time.
    """
    t = k / 1236.85  # Julian centuries from 1900
    t2, t3 = t * t, t * t * t
    mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    mean += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _RAD)
    sun_anomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * _RAD
    moon_anomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * _RAD
    latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * _RAD
    m, mp, f = sun_anomaly, moon_anomaly, latitude
    correction = (
        (0.1734 - 0.000393 * t) * math.sin(m)
        + 0.0021 * math.sin(2 * m)
        - 0.4068 * math.sin(mp)
        + 0.0161 * math.sin(2 * mp)
        - 0.0004 * math.sin(3 * mp)
        + 0.0104 * math.sin(2 * f)
        - 0.0051 * math.sin(m + mp)
        - 0.0074 * math.sin(m - mp)
        + 0.0004 * math.sin(2 * f + m)
        - 0.0004 * math.sin(2 * f - m)
        - 0.0006 * math.sin(2 * f + mp)
        + 0.0010 * math.sin(2 * f - mp)
        + 0.0005 * math.sin(2 * mp + m)
    )
    if t < -11:  # ΔT (dynamical minus universal time), days
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return mean + correction - delta_t


def _sun_longitude(jd: float) -> float:
    """The sun's geometric longitude in radians, [0, 2π), at Julian date ``jd`` (UT)."""
    t = (jd - 2451545.0) / 36525  # Julian centuries from J2000
    t2 = t * t
    anomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * _RAD
    mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    centre = (
        (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly)
        + 0.000290 * math.sin(3 * anomaly)
    )
    return ((mean_longitude + centre) * _RAD) % (2 * math.pi)


@lru_cache(maxsize=4096)
def _new_moon_day(k: int, tz: float) -> int:
    """Julian day number of the local civil day on which new moon ``k`` happens."""
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_sector(jdn: int, tz: float) -> int:
    """Which 30° sector of longitude (0–11) the sun is in at local midnight starting day ``jdn``.

    A month "contains a major solar term" exactly when this sector differs between its first day and the
    first day of the next month.
    """
    return math.floor(_sun_longitude(jdn - 0.5 - tz / 24) / (math.pi / 6))


def _lunation_at_or_before(jdn: int, tz: float) -> int:
    """Index k of the last new moon whose local day is on or before ``jdn``."""
    k = math.floor((jdn - _NEW_MOON_EPOCH) / _SYNODIC_MONTH)
    while _new_moon_day(k + 1, tz) <= jdn:
        k += 1
    while _new_moon_day(k, tz) > jdn:
        k -= 1
    return k


@lru_cache(maxsize=1024)
def _month11_lunation(year: int, tz: float) -> int:
    """Index k of the new moon that starts month 11 of ``year`` (the month holding the December solstice)."""
    k = _lunation_at_or_before(_jdn(Day(year, 12, 31)), tz)
    if _sun_sector(_new_moon_day(k, tz), tz) >= 9:
        # The sun passed 270° before this month began, so the solstice is in the month before.
        k -= 1
    return k


@dataclass(frozen=True)
class _Month:
    start: int  # Julian day number of day 1
    number: int  # 1–12
    leap: bool


@lru_cache(maxsize=512)
def _sui(year: int, tz: float) -> tuple[tuple[_Month, ...], int]:
    """The months from month 11 of ``year - 1`` up to month 11 of ``year``, and the start of the latter.

    The months numbered 11 and 12 belong to lunar year ``year - 1``, the others to lunar year ``year``.
    """
    first, last = _month11_lunation(year - 1, tz), _month11_lunation(year, tz)
    starts = [_new_moon_day(k, tz) for k in range(first, last + 1)]
    count = len(starts) - 1  # 12, or 13 in a leap year
    leap_index = None
    if count == 13:
        leap_index = next(
            (i for i in range(1, count) if _sun_sector(starts[i], tz) == _sun_sector(starts[i + 1], tz)), None
        )
        if leap_index is None:  # pragma: no cover - 13 months always leave one without a major term
            raise CalendarRangeError(f"no leap month found in the lunar year ending {year}")
    months = []
    number = 10
    for i in range(count):
        leap = i == leap_index
        if not leap:
            number = number % 12 + 1
        months.append(_Month(starts[i], number, leap))
    return tuple(months), starts[-1]


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarRangeError(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}")


# --------------------------------------------------------------------------------------------------------
# Solar ↔ lunar
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class LunarDate:
    year: int
    month: int
    day: int
    leap: bool = False

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}{'n' if self.leap else ''}/{self.year}"


def to_lunar(d: Day, tz: float = VIETNAM_UTC_OFFSET) -> LunarDate:
    """The lunar date of civil date ``d`` (Vietnamese calendar by default; ``tz=8`` gives the Chinese one)."""
    _check_year(d.year)
    jdn = _jdn(d)
    sui_year = d.year + 1 if jdn >= _new_moon_day(_month11_lunation(d.year, tz), tz) else d.year
    months, _end = _sui(sui_year, tz)
    month = months[bisect.bisect_right([m.start for m in months], jdn) - 1]
    year = sui_year - 1 if month.number >= 11 else sui_year
    return LunarDate(year, month.number, jdn - month.start + 1, month.leap)


def _lunar_month(year: int, month: int, leap: bool, tz: float) -> tuple[int, int]:
    """First day (JDN) and length of lunar month ``month`` (``leap``) of lunar year ``year``."""
    if not 1 <= month <= 12:
        raise ValueError(f"lunar month {month} is not 1–12")
    _check_year(year)
    sui_year = year + 1 if month >= 11 else year
    months, end = _sui(sui_year, tz)
    for i, m in enumerate(months):
        if m.number == month and m.leap == leap:
            following = months[i + 1].start if i + 1 < len(months) else end
            return m.start, following - m.start
    raise ValueError(f"lunar year {year} has no leap month {month}")


def from_lunar(year: int, month: int, day: int, leap: bool = False, tz: float = VIETNAM_UTC_OFFSET) -> Day:
    """The civil date of a lunar date; ``ValueError`` for a day or leap month that does not exist."""
    start, length = _lunar_month(year, month, leap, tz)
    if not 1 <= day <= length:
        raise ValueError(f"lunar month {month}{' (leap)' if leap else ''}/{year} has {length} days, not {day}")
    result = _date(start + day - 1)
    _check_year(result.year)
    return result


def lunar_month_length(year: int, month: int, leap: bool = False, tz: float = VIETNAM_UTC_OFFSET) -> int:
    """29 or 30."""
    return _lunar_month(year, month, leap, tz)[1]


def leap_month(year: int, tz: float = VIETNAM_UTC_OFFSET) -> int | None:
    """The number of the month that is doubled in lunar year ``year``, or None in a common year."""
    _check_year(year)
    found = None
    for sui_year in (year, year + 1):
        months, _end = _sui(sui_year, tz)
        for m in months:
            if m.leap and (sui_year - 1 if m.number >= 11 else sui_year) == year:
                found = m.number
    return found


def tet(year: int, tz: float = VIETNAM_UTC_OFFSET) -> Day:
    """Lunar New Year's day (1/1 lunar) falling in civil year ``year``."""
    return from_lunar(year, 1, 1, tz=tz)


# --------------------------------------------------------------------------------------------------------
# Holidays and the stored official calendar
# --------------------------------------------------------------------------------------------------------

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_TET_DAY_NAMES = ("mùng 1", "mùng 2", "mùng 3", "mùng 4")
COMPENSATORY_PREFIX = "Nghỉ bù"
OFFICIAL_DAY_OFF = "Ngày nghỉ theo lịch chính thức"
OFFICIAL_WORKDAY = "Ngày làm việc theo lịch chính thức"


def is_weekend(d: Day) -> bool:
    """Saturday and Sunday: the weekly rest of state bodies."""
    return d.weekday() >= 5


def _national_day_adjoining(year: int) -> Day:
    """1/9 or 3/9: the day that joins 2/9 to a weekend (see the module docstring)."""
    national_day = Day(year, 9, 2)
    return national_day + datetime.timedelta(days=1 if national_day.weekday() in (0, 3, 6) else -1)


def statutory_holidays(year: int) -> list[tuple[Day, str]]:
    """The holidays of art. 112 §1 in ``year`` by our default reading, without compensatory days."""
    _check_year(year)
    new_year = tet(year)
    days = [(Day(year, 1, 1), "Tết Dương lịch")]
    eve = new_year - datetime.timedelta(days=1)
    days.append((eve, f"Tết Âm lịch ({to_lunar(eve).day} tháng Chạp)"))
    days += [
        (new_year + datetime.timedelta(days=i), f"Tết Âm lịch ({label} tháng Giêng)")
        for i, label in enumerate(_TET_DAY_NAMES)
    ]
    days.append((from_lunar(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"))
    days.append((Day(year, 4, 30), "Ngày Chiến thắng (30/4)"))
    days.append((Day(year, 5, 1), "Ngày Quốc tế lao động (1/5)"))
    adjoining = _national_day_adjoining(year)
    days.append((Day(year, 9, 2), "Quốc khánh (2/9)"))
    days.append((adjoining, f"Quốc khánh (ngày liền kề, {adjoining.day}/9)"))
    merged: dict[Day, str] = {}
    for d, name in sorted(days):
        # Two holidays on one date (e.g. Giỗ Tổ on 30/4) give one day off, under both names.
        merged[d] = f"{merged[d]}; {name}" if d in merged else name
    return sorted(merged.items())


@lru_cache(maxsize=256)
def _computed_days_off(year: int) -> Mapping[Day, str]:
    """Statutory holidays plus their compensatory days (art. 111 §3), by date."""
    holidays_ = statutory_holidays(year)
    days = dict(holidays_)
    for d, name in holidays_:
        if not is_weekend(d):
            continue
        candidate = d + datetime.timedelta(days=1)
        while is_weekend(candidate) or candidate in days:
            candidate += datetime.timedelta(days=1)
        days[candidate] = f"{COMPENSATORY_PREFIX} {name}"
    return MappingProxyType(dict(sorted(days.items())))  # cached: read-only for every caller


@dataclass(frozen=True)
class Overrides:
    """The stored official calendar, as plain data for the functions of this module.

    ``days`` maps a date to whether it is a working day; ``names`` optionally gives the reason shown for
    it; ``years`` are the years having a stored calendar; ``complete_years`` (a subset) are those whose
    stored days off replace the computed holidays (see the module docstring).
    """

    days: Mapping[Day, bool] = field(default_factory=dict)
    names: Mapping[Day, str] = field(default_factory=dict)
    years: frozenset[int] = frozenset()
    complete_years: frozenset[int] = frozenset()
    # Derived, filled on first use: a queue page asks for the working days of the same whole years once
    # per dossier (a dossier due years ago spans them all).
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def stored_in(self, year: int) -> list[Day]:
        """The stored days of ``year``, in order."""
        key = ("days", year)
        if key not in self._cache:
            self._cache[key] = sorted(d for d in self.days if d.year == year)
        return self._cache[key]


NO_OVERRIDES = Overrides()
OverridesLike = Overrides | Mapping[Day, bool] | None


def _as_overrides(overrides: OverridesLike) -> Overrides:
    if overrides is None:
        return NO_OVERRIDES
    if isinstance(overrides, Overrides):
        return overrides
    return Overrides(days=overrides, years=frozenset(d.year for d in overrides))


def is_workday(d: Day, overrides: OverridesLike = None) -> bool:
    """Whether a state body works on ``d``."""
    ov = _as_overrides(overrides)
    if d in ov.days:
        return bool(ov.days[d])
    _check_year(d.year)
    if d.year in ov.complete_years:
        return not is_weekend(d)
    return not is_weekend(d) and d not in _computed_days_off(d.year)


def day_name(d: Day, overrides: OverridesLike = None) -> str | None:
    """Why ``d`` is a day off (holiday name or weekday), or why a weekend day is worked; else None."""
    ov = _as_overrides(overrides)
    if d in ov.days:
        return ov.names.get(d) or (OFFICIAL_WORKDAY if ov.days[d] else OFFICIAL_DAY_OFF)
    _check_year(d.year)
    if d.year not in ov.complete_years and d in _computed_days_off(d.year):
        return _computed_days_off(d.year)[d]
    return WEEKDAY_NAMES[d.weekday()] if is_weekend(d) else None


def holidays(year: int, overrides: OverridesLike = None) -> list[tuple[Day, str]]:
    """The year's days off other than ordinary weekends, with their names, in date order.

    Holidays falling on a weekend are listed too (their compensatory days follow them), so the list reads
    like the official announcements. A stored working day removes its date from the list.
    """
    _check_year(year)
    ov = _as_overrides(overrides)
    days: dict[Day, str] = {} if year in ov.complete_years else dict(_computed_days_off(year))
    for d, working in ov.days.items():
        if d.year != year:
            continue
        if working:
            days.pop(d, None)
        else:
            days[d] = ov.names.get(d) or days.get(d) or OFFICIAL_DAY_OFF
    return sorted(days.items())


def working_weekend_days(year: int, overrides: OverridesLike = None) -> list[tuple[Day, str]]:
    """Saturdays and Sundays of ``year`` that the stored calendar makes working days (swapped days)."""
    ov = _as_overrides(overrides)
    return sorted(
        (d, ov.names.get(d) or OFFICIAL_WORKDAY)
        for d, working in ov.days.items()
        if working and d.year == year and is_weekend(d)
    )


def add_workdays(start: Day, n: int, overrides: OverridesLike = None) -> Day:
    """The ``n``-th working day after ``start`` (``start`` itself when ``n`` is 0).

    Counting starts the day after ``start`` whether or not ``start`` is a working day (Civil Code art. 147:
    a period in days starts the day after the event), so a dossier received on a Saturday with a 1-day
    limit is due on Monday, and one received on a Friday is due on the next working day as well.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("n must be an integer")
    if n < 0:
        raise ValueError("n must not be negative")
    ov = _as_overrides(overrides)
    day = start
    one = datetime.timedelta(days=1)
    while n:
        day += one
        if is_workday(day, ov):
            n -= 1
    return day


def workdays_between(a: Day, b: Day, overrides: OverridesLike = None) -> int:
    """Working days after ``a`` up to and including ``b``; negative (the same count) when ``b`` < ``a``.

    ``workdays_between(start, add_workdays(start, n)) == n``, so a dossier's delay is
    ``workdays_between(due, today)`` working days when positive.
    """
    if b < a:
        return -workdays_between(b, a, overrides)
    ov = _as_overrides(overrides)
    count = 0
    first = a + datetime.timedelta(days=1)
    while first <= b:  # one calendar year at a time: the days (first, last] of the span within it
        last = min(b, Day(first.year, 12, 31))
        if first.month == 1 and first.day == 1 and last.month == 12 and last.day == 31:
            key = ("year", first.year)
            if key not in ov._cache:
                ov._cache[key] = _workdays_in(first, last, ov)
            count += ov._cache[key]
        else:
            count += _workdays_in(first, last, ov)
        first = last + datetime.timedelta(days=1)
    return count


def _weekdays_in(first: Day, last: Day) -> int:
    """Monday to Friday days from ``first`` to ``last`` inclusive (arithmetic, no loop over the days)."""
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    start = first.weekday()
    return weeks * 5 + sum(1 for i in range(rest) if (start + i) % 7 < 5)


def _workdays_in(first: Day, last: Day, ov: Overrides) -> int:
    """``is_workday`` summed over ``first``..``last`` (one year), in time independent of the span's length:
    the weekdays, less the computed days off on weekdays, corrected by the stored days. A dossier decided
    years ago is in the queue too, so the day-by-day count cost milliseconds per row."""
    stored = [d for d in ov.stored_in(first.year) if first <= d <= last]
    if len(stored) == (last - first).days + 1:
        return sum(bool(ov.days[d]) for d in stored)
    _check_year(first.year)  # what is_workday raises for a day it has to compute
    complete = first.year in ov.complete_years

    def computed(d: Day) -> bool:
        return not is_weekend(d) and (complete or d not in _computed_days_off(d.year))

    count = _weekdays_in(first, last)
    if not complete:
        count -= sum(1 for d in _computed_days_off(first.year) if first <= d <= last and not is_weekend(d))
    for d in stored:
        count += int(bool(ov.days[d])) - int(computed(d))
    return count
