"""Portfolio counts and the indicator tables' figures come from the projects, in one aggregate each."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dost.research import queries
from dost.research.models import Project
from dost.research.services import transition

D = datetime.date


@pytest.mark.django_db
def test_counts_by_level_and_field_count_started_and_applied_tasks(lab):
    lab.project("implementing")  # provincial agriculture, started 2023
    lab.project("implementing", level="national", field="culture_health_education")
    lab.project("applied", field="industry")  # started 2023, applied 2025
    lab.project("terminated")  # started 2023, terminated: it was carried out
    lab.project("contracting")  # not started: not counted
    lab.project("proposed", year=2023)
    other = lab.project("contracting")
    lab.move(other, "sign_contract", start_date=D(2024, 3, 1), end_date=D(2025, 2, 28))
    with CaptureQueriesContext(connection) as captured:
        counts = queries.counts_by_level_and_field(lab.world.department, 2023)
    assert len(captured) <= 2  # the successor look-up and one aggregate
    started = counts["started"]
    assert started["provincial"] == {"agriculture": 2, "industry": 1, "culture_health_education": 0, "other": 0,
                                     "total": 3}
    assert started["national"]["culture_health_education"] == 1
    assert started["total"]["total"] == 4 and started["grassroots"]["total"] == 0
    assert counts["applied"]["total"]["total"] == 0
    assert queries.counts_by_level_and_field(lab.world.department, 2025)["applied"]["provincial"]["industry"] == 1
    assert queries.counts_by_level_and_field(lab.world.department, 2024)["started"]["total"]["total"] == 1


@pytest.mark.django_db
def test_counts_follow_the_organisation_and_its_predecessors(lab):
    from tests.factories import OrganisationFactory

    lab.project("implementing")
    successor = OrganisationFactory(name="Sở KH&CN sau hợp nhất", kind="department")
    lab.world.department.successor = successor
    lab.world.department.save()
    assert queries.counts_by_level_and_field(successor, 2023)["started"]["total"]["total"] == 1
    assert queries.counts_by_level_and_field(lab.world.other_unit, 2023)["started"]["total"]["total"] == 0


@pytest.mark.django_db
def test_count_by_status_is_one_query_with_every_state(lab):
    lab.project("proposed")
    lab.project("implementing")
    lab.project("implementing")
    with CaptureQueriesContext(connection) as captured:
        counts = queries.count_by_status(Project.objects.all())
    assert len(captured) == 1
    assert counts["implementing"] == 2 and counts["proposed"] == 1 and counts["applied"] == 0


@pytest.mark.django_db
def test_timing_is_derived_from_dates(lab):
    late = lab.project("implementing")  # ended 31/12/2024
    running = lab.project("contracting")
    running = lab.move(running, "sign_contract", start_date=D(2026, 1, 1), end_date=D(2027, 12, 31))
    ending = lab.project("contracting")
    ending = lab.move(ending, "sign_contract", start_date=D(2025, 1, 1), end_date=D(2027, 1, 31))
    today = D(2026, 12, 1)
    timing = dict(queries.with_timing(Project.objects.all(), today).values_list("pk", "timing"))
    assert timing[late.pk] == "late"
    assert timing[ending.pk] == "check_overdue"  # its yearly check of 01/01/2026 has no result
    assert timing[running.pk] == "check_due"  # its check on 01/01/2027 is within 60 days
    check = ending.checks.get(due_date=D(2026, 1, 1))
    transition(ending, "check", lab.officer, lab.decision(), check=check, done_on=D(2026, 1, 3), outcome="on_track")
    timing = dict(queries.with_timing(Project.objects.all(), today).values_list("pk", "timing"))
    assert timing[ending.pk] == "ending_soon"
    counts = queries.count_by_timing(Project.objects.all(), today)
    assert (counts["late"], counts["ending_soon"], counts["check_due"]) == (1, 1, 1)


@pytest.mark.django_db
def test_upcoming_checks_and_late_projects(lab):
    late = lab.project("implementing")
    assert list(queries.late_projects(lab.officer, D(2025, 1, 15))) == [late]
    assert list(queries.upcoming_checks(lab.officer, D(2023, 12, 1)).values_list("project", flat=True)) == [late.pk]
    assert list(queries.upcoming_ends(lab.officer, D(2024, 11, 1))) == [late]
    assert list(queries.late_projects(lab.world.users["other_officer"], D(2025, 1, 15))) == []
