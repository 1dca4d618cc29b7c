"""The pure working-day arithmetic: lunar conversion, statutory holidays, compensatory days, overrides."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dost.procedures import calendar as cal
from dost.procedures.calendar import (
    CalendarRangeError,
    LunarDate,
    Overrides,
    add_workdays,
    from_lunar,
    holidays,
    is_workday,
    leap_month,
    tet,
    to_lunar,
    workdays_between,
)

pytestmark = pytest.mark.pure

D = datetime.date


# ---------------------------------------------------------------------------------------------- lunar


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2019, D(2019, 2, 5)),
        (2020, D(2020, 1, 25)),
        (2021, D(2021, 2, 12)),
        (2022, D(2022, 2, 1)),
        (2023, D(2023, 1, 22)),
        (2024, D(2024, 2, 10)),
        (2025, D(2025, 1, 29)),
        (2026, D(2026, 2, 17)),
        (2027, D(2027, 2, 6)),
        (2028, D(2028, 1, 26)),
        (2029, D(2029, 2, 13)),
        # New moon 2 Feb 2030 16:07 UT = 23:07 in Vietnam, 00:07 on 3 Feb in China: Tết differs.
        (2030, D(2030, 2, 2)),
    ],
)
def test_tet(year, expected):
    assert tet(year) == expected
    assert to_lunar(expected) == LunarDate(year, 1, 1)


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [
        (1968, D(1968, 1, 29), D(1968, 1, 30)),
        (1985, D(1985, 1, 21), D(1985, 2, 20)),  # the 1984 solstice fell on different days: month 11 shifts
        (2007, D(2007, 2, 17), D(2007, 2, 18)),
        (2030, D(2030, 2, 2), D(2030, 2, 3)),
    ],
)
def test_vietnamese_calendar_differs_from_chinese(year, vietnam, china):
    assert tet(year) == vietnam
    assert tet(year, tz=8) == china


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2023, D(2023, 4, 29)),
        (2024, D(2024, 4, 18)),
        (2025, D(2025, 4, 7)),
        (2026, D(2026, 4, 26)),
        (2027, D(2027, 4, 16)),
        (2028, D(2028, 4, 4)),
    ],
)
def test_hung_kings_day(year, expected):
    assert from_lunar(year, 3, 10) == expected
    assert to_lunar(expected) == LunarDate(year, 3, 10)


@pytest.mark.parametrize(
    ("year", "month"), [(2020, 4), (2023, 2), (2025, 6), (2028, 5), (2024, None), (2026, None), (2027, None)]
)
def test_leap_months(year, month):
    assert leap_month(year) == month


def test_leap_month_dates():
    assert from_lunar(2023, 2, 1, leap=True) == D(2023, 3, 22)
    assert to_lunar(D(2023, 3, 22)) == LunarDate(2023, 2, 1, leap=True)
    assert to_lunar(D(2023, 3, 21)) == LunarDate(2023, 2, 30)
    assert from_lunar(2025, 6, 1, leap=True) == D(2025, 7, 25)
    assert str(to_lunar(D(2025, 7, 25))) == "01/06n/2025"
    with pytest.raises(ValueError):
        from_lunar(2024, 2, 1, leap=True)


def test_short_and_long_months():
    assert to_lunar(D(2025, 1, 28)) == LunarDate(2024, 12, 29)  # month 12 of Giáp Thìn has 29 days
    assert cal.lunar_month_length(2024, 12) == 29
    assert to_lunar(D(2024, 2, 9)) == LunarDate(2023, 12, 30)
    with pytest.raises(ValueError):
        from_lunar(2024, 12, 30)


def test_supported_range():
    with pytest.raises(CalendarRangeError):
        to_lunar(D(1899, 12, 31))
    with pytest.raises(CalendarRangeError):
        is_workday(D(2200, 1, 5))
    assert to_lunar(D(1900, 1, 31)) == LunarDate(1900, 1, 1)
    assert tet(2199)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1901, 1, 1), max_value=D(2198, 12, 31)))
def test_lunar_round_trip_and_continuity(day):
    lunar = to_lunar(day)
    assert from_lunar(lunar.year, lunar.month, lunar.day, lunar.leap) == day
    following = to_lunar(day + datetime.timedelta(days=1))
    if following.day == 1:
        assert 29 <= lunar.day <= 30
    else:
        assert (following.year, following.month, following.leap, following.day) == (
            lunar.year, lunar.month, lunar.leap, lunar.day + 1
        )


# ------------------------------------------------------------------------------------------ holidays


def test_holidays_2026():
    assert holidays(2026) == [
        (D(2026, 1, 1), "Tết Dương lịch"),
        (D(2026, 2, 16), "Tết Âm lịch (29 tháng Chạp)"),
        (D(2026, 2, 17), "Tết Âm lịch (mùng 1 tháng Giêng)"),
        (D(2026, 2, 18), "Tết Âm lịch (mùng 2 tháng Giêng)"),
        (D(2026, 2, 19), "Tết Âm lịch (mùng 3 tháng Giêng)"),
        (D(2026, 2, 20), "Tết Âm lịch (mùng 4 tháng Giêng)"),
        (D(2026, 4, 26), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        (D(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        (D(2026, 4, 30), "Ngày Chiến thắng (30/4)"),
        (D(2026, 5, 1), "Ngày Quốc tế lao động (1/5)"),
        (D(2026, 9, 1), "Quốc khánh (ngày liền kề, 1/9)"),
        (D(2026, 9, 2), "Quốc khánh (2/9)"),
    ]


def test_tet_eve_is_the_30th_when_month_12_is_long():
    assert (D(2024, 2, 9), "Tết Âm lịch (30 tháng Chạp)") in holidays(2024)


@pytest.mark.parametrize(
    ("year", "adjoining"),
    [
        (2024, D(2024, 9, 3)),  # 2/9 Monday
        (2025, D(2025, 9, 1)),  # Tuesday: Monday joins the weekend (as decreed)
        (2026, D(2026, 9, 1)),  # Wednesday: neither side does, default 1/9
        (2027, D(2027, 9, 3)),  # Thursday: Friday joins the weekend (as 2021)
        (2022, D(2022, 9, 1)),  # Friday (as decreed)
        (2023, D(2023, 9, 1)),  # Saturday (as decreed)
        (2029, D(2029, 9, 3)),  # Sunday
    ],
)
def test_national_day_adjoining_day(year, adjoining):
    days = dict(holidays(year))
    assert days[adjoining] == f"Quốc khánh (ngày liền kề, {adjoining.day}/9)"


def test_every_year_has_eleven_statutory_days():
    for year in range(1900, 2200):
        days = cal.statutory_holidays(year)
        # 1947: Giỗ Tổ fell on 30/4, one day under both names.
        assert len(days) == (10 if year == 1947 else 11), year
        assert all(d.year == year for d, _ in days)


def test_compensatory_days():
    days = dict(holidays(2029))
    assert days[D(2029, 9, 2)] == "Quốc khánh (2/9)"  # a Sunday
    assert days[D(2029, 9, 4)] == "Nghỉ bù Quốc khánh (2/9)"  # Monday 3/9 is the adjoining day already
    days = dict(holidays(2028))
    assert days[D(2028, 1, 3)] == "Nghỉ bù Tết Dương lịch"  # 1/1 a Saturday
    assert days[D(2028, 5, 2)] == "Nghỉ bù Ngày Chiến thắng (30/4)"  # 30/4 Sunday, 1/5 Monday
    assert days[D(2028, 9, 4)] == "Nghỉ bù Quốc khánh (2/9)"  # 2/9 Saturday, 1/9 Friday


# -------------------------------------------------------------------------------------- arithmetic


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Contract example: 04/04/2028 is Hùng Kings' day.
        (D(2028, 4, 3), 1, D(2028, 4, 5)),
        # Tết 2024: 30 Chạp Fri 09/02, mùng 1–2 on the weekend → compensated Wed 14 and Thu 15.
        (D(2024, 2, 8), 1, D(2024, 2, 16)),
        (D(2024, 2, 8), 5, D(2024, 2, 22)),
        # Tết 2025 by the rules: 28/01–01/02 (mùng 4 a Saturday → Monday 03/02).
        (D(2025, 1, 27), 1, D(2025, 2, 4)),
        # Tết 2026: Monday 16/02–Friday 20/02.
        (D(2026, 2, 13), 1, D(2026, 2, 23)),
        # Tết 2027: 05/02–09/02 with Sat/Sun mùng 1–2 → compensated Wed 10 and Thu 11.
        (D(2027, 2, 4), 1, D(2027, 2, 12)),
        # Tết 2028: 25/01–29/01 (mùng 4 a Saturday → Monday 31/01).
        (D(2028, 1, 24), 1, D(2028, 2, 1)),
        # Tết 2030 (Vietnam: 02/02, a Saturday): 01/02–05/02, compensated 06 and 07.
        (D(2030, 1, 31), 1, D(2030, 2, 8)),
        # Hùng Kings' day.
        (D(2024, 4, 17), 1, D(2024, 4, 19)),
        (D(2025, 4, 4), 1, D(2025, 4, 8)),
        (D(2026, 4, 24), 1, D(2026, 4, 28)),  # Sunday 26/04 → Monday 27/04 off
        (D(2027, 4, 15), 1, D(2027, 4, 19)),
        # 30/4–1/5.
        (D(2024, 4, 29), 1, D(2024, 5, 2)),
        (D(2026, 4, 29), 1, D(2026, 5, 4)),
        (D(2027, 4, 29), 1, D(2027, 5, 4)),  # 1/5 Saturday → Monday 3/5
        (D(2028, 4, 28), 1, D(2028, 5, 3)),  # 30/4 Sunday, 1/5 Monday → Tuesday 2/5
        (D(2029, 4, 27), 1, D(2029, 5, 2)),
        (D(2030, 4, 29), 1, D(2030, 5, 2)),
        # 2/9.
        (D(2024, 8, 30), 1, D(2024, 9, 4)),
        (D(2026, 8, 31), 1, D(2026, 9, 3)),
        (D(2027, 9, 1), 1, D(2027, 9, 6)),
        (D(2028, 8, 31), 1, D(2028, 9, 5)),
        (D(2029, 8, 31), 1, D(2029, 9, 5)),  # Sunday 2/9: 3/9 adjoining, 4/9 compensatory
        (D(2030, 8, 30), 1, D(2030, 9, 4)),
        # Across the year end: 1/1/2028 a Saturday → Monday 3/1 off.
        (D(2027, 12, 31), 1, D(2028, 1, 4)),
        # Ordinary weeks.
        (D(2028, 4, 7), 1, D(2028, 4, 10)),
        (D(2028, 4, 10), 5, D(2028, 4, 17)),
    ],
)
def test_add_workdays(start, n, expected):
    assert add_workdays(start, n) == expected
    assert workdays_between(start, expected) == n


@pytest.mark.parametrize("start", [D(2028, 4, 4), D(2028, 4, 8), D(2028, 4, 9), D(2028, 4, 5)])
def test_zero_returns_the_start_itself(start):
    assert add_workdays(start, 0) == start


def test_counting_starts_the_day_after_a_holiday_or_weekend():
    assert add_workdays(D(2028, 4, 4), 1) == D(2028, 4, 5)  # received on Hùng Kings' day
    assert add_workdays(D(2028, 4, 8), 1) == D(2028, 4, 10)  # received on a Saturday
    assert add_workdays(D(2028, 4, 9), 2) == D(2028, 4, 11)  # received on a Sunday


def test_bad_counts():
    with pytest.raises(ValueError):
        add_workdays(D(2028, 4, 3), -1)
    with pytest.raises(TypeError):
        add_workdays(D(2028, 4, 3), 1.5)  # type: ignore[arg-type]


def test_workdays_between_is_signed():
    assert workdays_between(D(2028, 4, 3), D(2028, 4, 3)) == 0
    assert workdays_between(D(2028, 4, 3), D(2028, 4, 7)) == 3  # 05, 06, 07 (04 is a holiday)
    assert workdays_between(D(2028, 4, 7), D(2028, 4, 3)) == -3
    assert workdays_between(D(2028, 4, 8), D(2028, 4, 9)) == 0


# --------------------------------------------------------------------------------------- overrides


def test_override_turns_a_saturday_into_a_working_day():
    overrides = {D(2025, 4, 26): True}
    assert not is_workday(D(2025, 4, 26))
    assert is_workday(D(2025, 4, 26), overrides)
    assert add_workdays(D(2025, 4, 25), 1, overrides) == D(2025, 4, 26)
    assert cal.working_weekend_days(2025, overrides) == [(D(2025, 4, 26), cal.OFFICIAL_WORKDAY)]


def test_override_turns_a_weekday_into_a_day_off():
    overrides = {D(2025, 5, 2): False}
    assert add_workdays(D(2025, 4, 29), 2) == D(2025, 5, 5)
    assert add_workdays(D(2025, 4, 29), 2, overrides) == D(2025, 5, 6)
    assert (D(2025, 5, 2), cal.OFFICIAL_DAY_OFF) in holidays(2025, overrides)


def test_override_can_cancel_a_computed_holiday():
    overrides = Overrides(days={D(2025, 2, 3): True}, names={D(2025, 2, 3): "Đi làm lại"}, years=frozenset({2025}))
    assert is_workday(D(2025, 2, 3), overrides)
    assert D(2025, 2, 3) not in dict(holidays(2025, overrides))
    assert cal.day_name(D(2025, 2, 3), overrides) == "Đi làm lại"


TET_2025 = {
    D(2025, 1, 27): False,
    D(2025, 1, 28): False,
    D(2025, 1, 29): False,
    D(2025, 1, 30): False,
    D(2025, 1, 31): False,
    D(2025, 2, 1): False,
    D(2025, 2, 8): True,
}


def test_partial_calendar_keeps_the_computed_holidays():
    partial = Overrides(days=TET_2025, years=frozenset({2025}))
    assert not is_workday(D(2025, 2, 3), partial)  # computed compensatory day survives
    assert not is_workday(D(2025, 4, 7), partial)  # Hùng Kings' day, not entered, still computed
    assert add_workdays(D(2025, 1, 24), 1, partial) == D(2025, 2, 4)


def test_complete_calendar_replaces_the_computed_holidays():
    complete = Overrides(days=TET_2025, years=frozenset({2025}), complete_years=frozenset({2025}))
    assert is_workday(D(2025, 2, 3), complete)  # the government granted no compensatory day
    assert is_workday(D(2025, 4, 7), complete)  # not entered in a complete calendar → an ordinary Monday
    assert not is_workday(D(2025, 2, 1), complete)
    assert is_workday(D(2025, 2, 8), complete)
    assert add_workdays(D(2025, 1, 24), 1, complete) == D(2025, 2, 3)
    assert [d for d, _ in holidays(2025, complete)] == sorted(d for d, working in TET_2025.items() if not working)
    # Other years keep the rules.
    assert not is_workday(D(2026, 2, 17), complete)


# -------------------------------------------------------------------------------------- properties

START = st.dates(min_value=D(2020, 1, 1), max_value=D(2031, 12, 31))
COUNT = st.integers(min_value=0, max_value=300)
OVERRIDES = st.dictionaries(st.dates(min_value=D(2020, 1, 1), max_value=D(2033, 12, 31)), st.booleans(), max_size=40)


@settings(max_examples=150, deadline=None)
@given(START, st.integers(min_value=1, max_value=300), OVERRIDES)
def test_result_is_a_workday(start, n, overrides):
    assert is_workday(add_workdays(start, n, overrides), overrides)


@settings(max_examples=150, deadline=None)
@given(START, COUNT, OVERRIDES)
def test_between_inverts_add(start, n, overrides):
    end = add_workdays(start, n, overrides)
    assert end >= start
    assert workdays_between(start, end, overrides) == n
    assert workdays_between(end, start, overrides) == -n


@settings(max_examples=150, deadline=None)
@given(START, START, COUNT, COUNT)
def test_monotonic(a, b, m, n):
    a, b = min(a, b), max(a, b)
    m, n = min(m, n), max(m, n)
    assert add_workdays(a, m) <= add_workdays(a, n)
    assert add_workdays(a, n) <= add_workdays(b, n)
    assert workdays_between(a, b) >= 0


@settings(max_examples=100, deadline=None)
@given(START, START, START)
def test_between_is_additive(a, b, c):
    assert workdays_between(a, b) + workdays_between(b, c) == workdays_between(a, c)


@given(st.dates(D(2015, 1, 1), D(2035, 12, 31)), st.integers(0, 2000),
       st.dictionaries(st.dates(D(2015, 1, 1), D(2035, 12, 31)), st.booleans(), max_size=12),
       st.booleans())
def test_workdays_between_equals_the_day_by_day_count(a, span, stored, complete):
    """The year-at-a-time count (queues compute it for every row) agrees with counting day by day."""
    b = a + datetime.timedelta(days=span)
    overrides = cal.Overrides(days=stored, years=frozenset(d.year for d in stored),
                          complete_years=frozenset(d.year for d in stored) if complete else frozenset())
    expected = sum(cal.is_workday(a + datetime.timedelta(days=i), overrides) for i in range(1, span + 1))
    assert workdays_between(a, b, overrides) == expected
    assert workdays_between(b, a, overrides) == -expected
