"""``dost demo-data``: deterministic data through the real models, set-wise."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from dost.plans.models import ProgressReport, Task
from dost.procedures.models import Dossier


@pytest.mark.django_db
def test_tiny_scale_creates_every_kind_of_record(capsys):
    call_command("demo_data", "--scale", "tiny", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["counts"]["tasks"] == Task.objects.count() == 2 * 3 * 6
    assert result["counts"]["progress_reports"] == ProgressReport.objects.count()
    assert Dossier.objects.filter(status="approved").exists()


@pytest.mark.django_db
def test_generated_plans_are_found_by_diacritic_free_search(capsys):
    from dost.core.search import search
    from dost.plans.models import Plan

    call_command("demo_data", "--scale", "tiny")
    assert search(Plan.objects.all(), "ke hoach").count() == Plan.objects.count()


@pytest.mark.django_db
def test_running_twice_is_refused():
    call_command("demo_data", "--scale", "tiny")
    with pytest.raises(SystemExit) as exit_info:
        call_command("demo_data", "--scale", "tiny")
    assert exit_info.value.code == 2


@pytest.mark.django_db
def test_tiny_scale_has_research_projects_and_a_closed_acceptance_round(capsys):
    from dost.core.status import RoundStatus
    from dost.councils.models import Entry, Round, ScoreSheet
    from dost.research.models import Project

    call_command("demo_data", "--scale", "tiny", "--json")
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert counts["research_projects"] == Project.objects.count() == 2 * 6
    round_ = Round.objects.get()
    assert round_.status == RoundStatus.CLOSED
    assert round_.present.count() == 7
    entry = Entry.objects.filter(round=round_).first()
    assert entry.subject in Project.objects.all()
    assert ScoreSheet.objects.filter(entry=entry).count() == 7
    assert counts["score_sheets"] == ScoreSheet.objects.count()
