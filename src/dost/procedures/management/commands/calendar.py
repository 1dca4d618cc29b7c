"""``dost calendar``: working-day arithmetic from the command line (behaviour fixed by CONTRACTS.md).

* ``dost calendar add-workdays DATE N [--json]`` prints the N-th working day after DATE (DATE itself for 0);
* ``dost calendar is-workday DATE [--json]`` prints ``true`` or ``false`` and exits 0 either way;
* ``dost calendar holidays YEAR [--json]`` lists the year's days off (and its swapped working days);
* ``dost calendar seed [--json]`` stores the official calendars we know for years not stored yet.

Bad input exits 2 with a Vietnamese message on stderr. If the database cannot be read (e.g. not migrated
yet) the answers fall back to the statutory rules, with a warning on stderr, so stdout stays one answer.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from dost.core.audit import acting_as
from dost.procedures import calendar as cal
from dost.procedures import services

T = TypeVar("T")

_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def parse_date(text: str) -> datetime.date:
    """``2028-04-03`` (ISO, as in JSON) or ``03/04/2028`` (as Vietnamese documents write it)."""
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            return datetime.date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise CommandError(
        _("Ngày không hợp lệ: “%(text)s”. Nhập theo dạng NNNN-TT-NN (ví dụ 2028-04-03) hoặc NN/TT/NNNN.")
        % {"text": text},
        returncode=2,
    )


def parse_count(text: str) -> int:
    if not re.fullmatch(r"\s*\+?\d+\s*", text):
        raise CommandError(
            _("Số ngày làm việc không hợp lệ: “%(text)s”. Nhập một số nguyên không âm (0, 1, 2, …).")
            % {"text": text},
            returncode=2,
        )
    return int(text)


def parse_year(text: str) -> int:
    if not re.fullmatch(r"\s*\d{4}\s*", text):
        raise CommandError(_("Năm không hợp lệ: “%(text)s”. Nhập năm gồm 4 chữ số.") % {"text": text},
                           returncode=2)
    return int(text)


def _day_json(day: datetime.date, name: str | None) -> dict[str, Any]:
    return {"date": day.isoformat(), "weekday": cal.WEEKDAY_NAMES[day.weekday()], "name": name}


class Command(BaseCommand):
    help = "Vietnamese working days: add working days, test a date, list a year's holidays."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add-workdays", help="The N-th working day after DATE (DATE itself for N=0).")
        add.add_argument("date", help="YYYY-MM-DD or DD/MM/YYYY")
        add.add_argument("n", help="number of working days, 0 or more")
        test = sub.add_parser("is-workday", help="Print true or false.")
        test.add_argument("date", help="YYYY-MM-DD or DD/MM/YYYY")
        year = sub.add_parser("holidays", help="The days off of a year, with their names.")
        year.add_argument("year")
        sub.add_parser("seed", help="Store the official calendars dost knows, for years not stored yet.")
        for action_parser in sub.choices.values():
            action_parser.add_argument("--json", action="store_true", help="Print one JSON document.")

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "add-workdays":
                data, text = self._add_workdays(parse_date(options["date"]), parse_count(options["n"]))
            elif action == "is-workday":
                data, text = self._is_workday(parse_date(options["date"]))
            elif action == "holidays":
                data, text = self._holidays(parse_year(options["year"]))
            else:
                with acting_as(None, "seed"):
                    data = services.seed_official_calendars()
                text = _("Đã lưu %(years)s năm, %(days)s ngày.") % data
        except cal.CalendarRangeError as error:
            raise CommandError(
                _("Chỉ tính được lịch cho các năm %(min)s–%(max)s.") % {"min": cal.MIN_YEAR, "max": cal.MAX_YEAR},
                returncode=2,
            ) from error
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(text)

    def _stored(self, load: Callable[[], T], fallback: Callable[[], T]) -> T:
        """Answer with the stored official calendar, or by the statutory rules if it cannot be read."""
        try:
            return load()
        except DatabaseError as error:
            self.stderr.write(
                _("Cảnh báo: không đọc được lịch nghỉ chính thức từ cơ sở dữ liệu (%(error)s); "
                  "tính theo quy định của Bộ luật Lao động.") % {"error": str(error).splitlines()[0]}
            )
            return fallback()

    def _add_workdays(self, start: datetime.date, n: int) -> tuple[dict, str]:
        result = self._stored(lambda: services.add_workdays(start, n), lambda: cal.add_workdays(start, n))
        return {"start": start.isoformat(), "n": n, "result": result.isoformat()}, result.isoformat()

    def _is_workday(self, day: datetime.date) -> tuple[dict, str]:
        overrides = self._stored(lambda: services.stored_overrides(day.year, day.year), lambda: cal.NO_OVERRIDES)
        working = cal.is_workday(day, overrides)
        lunar = cal.to_lunar(day)
        data = {
            "date": day.isoformat(),
            "is_workday": working,
            "weekday": cal.WEEKDAY_NAMES[day.weekday()],
            "name": cal.day_name(day, overrides),
            "lunar": {"year": lunar.year, "month": lunar.month, "day": lunar.day, "leap": lunar.leap},
            "official": day.year in overrides.years,
        }
        return data, "true" if working else "false"

    def _holidays(self, year: int) -> tuple[dict, str]:
        overrides = self._stored(lambda: services.stored_overrides(year, year), lambda: cal.NO_OVERRIDES)
        days_off = cal.holidays(year, overrides)
        worked = cal.working_weekend_days(year, overrides)
        data = {
            "year": year,
            "official": year in overrides.years,
            "complete": year in overrides.complete_years,
            "days_off": [_day_json(d, name) for d, name in days_off],
            "working_days": [_day_json(d, name) for d, name in worked],
        }
        lines = [f"{d.isoformat()}  {cal.WEEKDAY_NAMES[d.weekday()]:<8}  {name}" for d, name in days_off]
        if worked:
            lines.append(_("Ngày làm bù:"))
            lines += [f"{d.isoformat()}  {cal.WEEKDAY_NAMES[d.weekday()]:<8}  {name}" for d, name in worked]
        return data, "\n".join(lines)
