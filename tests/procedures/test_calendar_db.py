"""The stored official calendar: loading, seeding, auditing, the admin and the ``dost calendar`` command."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from dost.core.models import AuditEntry
from dost.procedures import services
from dost.procedures.models import CalendarDay, CalendarYear

D = datetime.date


def _year(year: int, complete: bool = False, days: dict | None = None) -> CalendarYear:
    calendar = CalendarYear.objects.create(year=year, complete=complete)
    for day, working in (days or {}).items():
        CalendarDay.objects.create(calendar=calendar, date=day, is_workday=working, name=f"Lý do {day}")
    return calendar


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("calendar", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# ------------------------------------------------------------------------------------------ services


@pytest.mark.django_db
def test_stored_overrides_in_one_query(django_assert_num_queries):
    _year(2025, complete=True, days={D(2025, 4, 26): True, D(2025, 5, 2): False})
    _year(2026)  # a year stored without days
    _year(2027, complete=True)  # complete without days: weekends only
    _year(2031, days={D(2031, 1, 2): False})  # outside the requested range
    with django_assert_num_queries(1):
        overrides = services.stored_overrides(2025, 2027)
    assert dict(overrides.days) == {D(2025, 4, 26): True, D(2025, 5, 2): False}
    assert overrides.names[D(2025, 5, 2)] == "Lý do 2025-05-02"
    assert overrides.years == {2025, 2026, 2027}
    assert overrides.complete_years == {2025, 2027}


@pytest.mark.django_db
def test_services_apply_the_stored_days():
    assert services.add_workdays(D(2025, 4, 25), 1) == D(2025, 4, 28)
    _year(2025, days={D(2025, 4, 26): True, D(2025, 5, 2): False})
    assert services.is_workday(D(2025, 4, 26))
    assert not services.is_workday(D(2025, 5, 2))
    assert services.add_workdays(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert services.add_workdays(D(2025, 4, 29), 2) == D(2025, 5, 6)
    assert services.workdays_between(D(2025, 5, 6), D(2025, 4, 29)) == -2
    assert (D(2025, 5, 2), "Lý do 2025-05-02") in services.holidays(2025)


@pytest.mark.django_db
def test_complete_year_without_days_has_only_weekends_off():
    _year(2027, complete=True)
    assert services.is_workday(D(2027, 2, 8))  # mùng 3 Tết by the rules
    assert services.holidays(2027) == []


@pytest.mark.django_db
def test_add_workdays_loads_every_year_it_runs_through():
    _year(2027, days={D(2027, 1, 4): False})
    # 420 working days from June 2025 end in early 2027, so the count must see 2027's stored day off.
    start = D(2025, 6, 2)
    without = services.add_workdays(start, 420)
    CalendarDay.objects.filter(date=D(2027, 1, 4)).delete()
    assert services.add_workdays(start, 420) < without


@pytest.mark.django_db
def test_seed_official_calendars():
    created = services.seed_official_calendars()
    assert created == {"years": 2, "days": 20}
    assert CalendarYear.objects.get(year=2025).complete
    assert not CalendarYear.objects.get(year=2026).complete
    # Tết 2025: 25/01–02/02 off, Monday 27/01 swapped with Saturday 08/02, work resumes Monday 03/02.
    assert not services.is_workday(D(2025, 1, 27))
    assert services.is_workday(D(2025, 2, 3))
    assert services.is_workday(D(2025, 2, 8))
    assert services.add_workdays(D(2025, 1, 24), 1) == D(2025, 2, 3)
    # 30/4–1/5/2025: Friday 02/05 off, Saturday 26/04 worked.
    assert services.is_workday(D(2025, 4, 26))
    assert services.add_workdays(D(2025, 4, 29), 1) == D(2025, 5, 5)
    # 2/9/2025: Monday 01/09 and Tuesday 02/09.
    assert services.add_workdays(D(2025, 8, 29), 1) == D(2025, 9, 3)
    # Tết 2026: 14/02–22/02; the other 2026 holidays still follow the rules (Giỗ Tổ Sunday 26/04 → 27/04).
    assert services.add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert not services.is_workday(D(2026, 4, 27))
    # Writes are audited.
    kind = ContentType.objects.get_for_model(CalendarDay)
    assert AuditEntry.objects.filter(content_type=kind, action="create").count() == 20


@pytest.mark.django_db
def test_seed_leaves_stored_years_alone():
    _year(2025, days={D(2025, 2, 3): False})
    assert services.seed_official_calendars() == {"years": 1, "days": 5}
    assert list(CalendarDay.objects.filter(date__year=2025).values_list("date", flat=True)) == [D(2025, 2, 3)]
    assert services.seed_official_calendars() == {"years": 0, "days": 0}


@pytest.mark.django_db
def test_day_must_belong_to_its_year():
    calendar = _year(2025)
    with pytest.raises(ValidationError):
        CalendarDay(calendar=calendar, date=D(2026, 1, 1)).full_clean()


@pytest.mark.django_db
def test_edits_are_audited():
    calendar = _year(2025, days={D(2025, 5, 2): False})
    day = CalendarDay.objects.get(date=D(2025, 5, 2))
    day.is_workday = True
    day.save()
    CalendarDay.objects.filter(calendar=calendar).update(name="Đổi")
    CalendarDay.objects.filter(calendar=calendar).delete()
    kind = ContentType.objects.get_for_model(CalendarDay)
    actions = list(AuditEntry.objects.filter(content_type=kind).order_by("id").values_list("action", flat=True))
    assert actions == ["create", "update", "update", "delete"]


# --------------------------------------------------------------------------------------------- admin


@pytest.mark.django_db
def test_admin_edits_a_year_with_its_days(admin_client):
    assert admin_client.get("/admin/procedures/calendaryear/").status_code == 200
    assert admin_client.get("/admin/procedures/calendarday/").status_code == 200
    assert admin_client.get("/admin/procedures/calendaryear/add/").status_code == 200
    form = {
        "year": "2027",
        "decision": "Thông báo thử",
        "note": "",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2027-02-05",
        "days-0-name": "Nghỉ Tết",
        "days-1-date": "2028-02-06",
        "days-1-is_workday": "on",
        "days-1-name": "Làm bù",
    }
    response = admin_client.post("/admin/procedures/calendaryear/add/", form)
    assert response.status_code == 200  # the day of another year is refused
    assert not CalendarYear.objects.exists()
    form["days-1-date"] = "2027-02-20"
    response = admin_client.post("/admin/procedures/calendaryear/add/", form)
    assert response.status_code == 302
    assert services.is_workday(D(2027, 2, 20)) and not services.is_workday(D(2027, 2, 5))
    calendar = CalendarYear.objects.get(year=2027)
    assert admin_client.get(f"/admin/procedures/calendaryear/{calendar.pk}/change/").status_code == 200


# ------------------------------------------------------------------------------------------- command


@pytest.mark.django_db
def test_command_add_workdays():
    assert _run("add-workdays", "2028-04-03", "1") == "2028-04-05\n"
    assert _run("add-workdays", "2028-04-04", "0") == "2028-04-04\n"
    assert _run("add-workdays", "03/04/2028", "1") == "2028-04-05\n"
    assert json.loads(_run("add-workdays", "2028-04-03", "1", "--json")) == {
        "start": "2028-04-03", "n": 1, "result": "2028-04-05"
    }


@pytest.mark.django_db
def test_command_uses_the_stored_calendar():
    _year(2025, days={D(2025, 4, 26): True})
    assert _run("add-workdays", "2025-04-25", "1") == "2025-04-26\n"
    assert _run("is-workday", "2025-04-26") == "true\n"
    data = json.loads(_run("is-workday", "2025-04-26", "--json"))
    assert data["is_workday"] is True and data["official"] is True and data["name"] == "Lý do 2025-04-26"


@pytest.mark.django_db
def test_command_is_workday():
    assert _run("is-workday", "2028-04-04") == "false\n"
    assert _run("is-workday", "2028-04-05") == "true\n"
    data = json.loads(_run("is-workday", "2028-04-04", "--json"))
    assert data == {
        "date": "2028-04-04",
        "is_workday": False,
        "weekday": "Thứ Ba",
        "name": "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
        "lunar": {"year": 2028, "month": 3, "day": 10, "leap": False},
        "official": False,
    }


@pytest.mark.django_db
def test_command_holidays():
    services.seed_official_calendars()
    data = json.loads(_run("holidays", "2025", "--json"))
    assert data["year"] == 2025 and data["official"] and data["complete"]
    off = [d["date"] for d in data["days_off"]]
    assert "2025-01-27" in off and "2025-02-03" not in off and "2025-05-02" in off
    assert [d["date"] for d in data["working_days"]] == ["2025-02-08", "2025-04-26"]
    text = _run("holidays", "2029")
    assert "2029-09-04  Thứ Ba    Nghỉ bù Quốc khánh (2/9)" in text.splitlines()
    data = json.loads(_run("holidays", "2029", "--json"))
    assert data["official"] is False and data["working_days"] == []


@pytest.mark.django_db
def test_command_seed():
    assert json.loads(_run("seed", "--json")) == {"years": 2, "days": 20}
    assert json.loads(_run("seed", "--json")) == {"years": 0, "days": 0}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ("add-workdays", "2028-02-30", "1"),
        ("add-workdays", "tomorrow", "1", "--json"),
        ("add-workdays", "2028-04-03", "-1"),
        ("add-workdays", "2028-04-03", "1.5"),
        ("add-workdays", "2028-04-03", "một"),
        ("add-workdays", "2199-12-30", "5"),
        ("is-workday", "31/02/2028"),
        ("is-workday", "2200-01-01"),
        ("holidays", "20x5"),
        ("holidays", "1899"),
    ],
)
def test_command_bad_input_exits_2(args):
    with pytest.raises(CommandError) as error:
        _run(*args)
    assert error.value.returncode == 2
    assert str(error.value)[0].isupper()


def test_console_script(tmp_path):
    """The installed ``dost`` entry point, from another directory, on a database not yet migrated."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["DOST_DATA_DIR"] = str(tmp_path)
    dost = Path(sys.executable).with_name("dost")
    result = subprocess.run(
        [str(dost), "calendar", "add-workdays", "2028-04-03", "1"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2028-04-05\n"
    bad = subprocess.run(
        [str(dost), "calendar", "add-workdays", "2028-04-03", "-1", "--json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert bad.returncode == 2 and bad.stdout == "" and "Số ngày làm việc không hợp lệ" in bad.stderr
