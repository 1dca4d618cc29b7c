"""``dost report``: the operator's way to render a report, with --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from dost.reports.management.commands.report import parse_period


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-H1", ("h1", "2023-01-01", "2023-06-30")),
    ("2023", ("annual", "2023-01-01", "2023-12-31")),
    ("2023-03-01:2023-09-30", ("range", "2023-03-01", "2023-09-30")),
])
def test_periods(text, expected):
    kind, start, end = parse_period(text)
    assert (str(kind), start.isoformat(), end.isoformat()) == expected


def test_bad_period_is_refused():
    with pytest.raises(ValueError):
        parse_period("2023-Q5")


@pytest.mark.django_db
def test_report_command_writes_files_and_prints_one_json(world, capsys, tmp_path: Path):
    from dost.figures.demo import seed_sample_figures

    seed_sample_figures(world.department, world.users["admin"])
    call_command("report", "--organisation", str(world.department.pk), "--period", "2023-H1",
                 "--format", "docx,xlsx", "--output", str(tmp_path), "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["period"] == {"kind": "h1", "start": "2023-01-01", "end": "2023-06-30"}
    assert [Path(f).suffix for f in result["files"]] == [".docx", ".xlsx"]
    assert all(Path(f).exists() for f in result["files"])
    assert result["findings"][0]["row"].startswith("1 Cấp Quốc gia")


@pytest.mark.django_db
def test_unknown_organisation_exits_2(world):
    with pytest.raises(SystemExit) as exit_info:
        call_command("report", "--organisation", "999999", "--period", "2023")
    assert exit_info.value.code == 2
