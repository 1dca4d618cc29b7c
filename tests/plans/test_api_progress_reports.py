"""The progress-report API list: by default the reports of plans still running, older ones on request."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from tests.factories import PlanFactory, ProgressReportFactory, TaskFactory

TODAY = datetime.datetime(2026, 11, 22, 9, tzinfo=datetime.UTC)


@pytest.fixture
def old_report(world):
    plan = PlanFactory(owner=world.department, date_year=2019, period_start=2019, period_end=2019)
    task = TaskFactory(plan=plan, lead=world.unit)
    return ProgressReportFactory(task=task, author=world.users["officer"], report_date=datetime.date(2019, 6, 30))


def _ids(world, query: str = "") -> set[int]:
    client = APIClient()
    client.force_authenticate(world.users["leader"])
    with time_machine.travel(TODAY, tick=False):
        response = client.get(f"/api/v1/progress-reports/{query}")
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_default_list_holds_reports_of_running_plans_only(world, old_report):
    ids = _ids(world)
    assert world.report.pk in ids and old_report.pk not in ids


def test_year_reaches_older_plans(world, old_report):
    assert _ids(world, "?year=2019") == {old_report.pk}


def test_plan_reaches_an_older_plan(world, old_report):
    assert _ids(world, f"?plan={old_report.task.plan_id}") == {old_report.pk}


def test_task_reaches_an_older_task(world, old_report):
    assert _ids(world, f"?task={old_report.task_id}") == {old_report.pk}


def test_an_old_report_is_still_found_by_its_id(world, old_report):
    client = APIClient()
    client.force_authenticate(world.users["leader"])
    assert client.get(f"/api/v1/progress-reports/{old_report.pk}/").status_code == 200


def test_a_plan_without_period_counts_by_its_date(world):
    plan = PlanFactory(owner=world.department, date_year=2025, period_start=None, period_end=None)
    report = ProgressReportFactory(task=TaskFactory(plan=plan, lead=world.unit), author=world.users["officer"])
    assert report.pk in _ids(world)
