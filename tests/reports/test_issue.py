"""Requesting, generating and issuing a report: only a checked report can be issued, by a leader."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dost.core.status import PeriodicReportStatus
from dost.reports import services
from dost.reports.models import PeriodKind


def _generated(world, user_key="leader"):
    report = services.request_report(world.users[user_key], world.department, PeriodKind.FIRST_HALF, 2023)
    return services.generate(report)


@pytest.mark.django_db
def test_report_with_findings_cannot_be_issued(world, sample):
    report = _generated(world)
    assert report.status == PeriodicReportStatus.FINDINGS
    with pytest.raises(ValidationError):
        services.issue(world.users["leader"], report, "12", datetime.date(2023, 7, 10))


@pytest.mark.django_db
def test_leader_issues_a_checked_report_with_number_date_and_capacity(world, consistent_sample):
    report = _generated(world)
    assert report.status == PeriodicReportStatus.CHECKED
    services.issue(world.users["leader"], report, "12", datetime.date(2023, 7, 10), report.version)
    report.refresh_from_db()
    assert report.status == PeriodicReportStatus.ISSUED
    assert report.number_symbol == "12/BC-KHCN"
    assert report.signer_capacity.startswith("KT.")  # a deputy signs for the head
    assert {f.purpose for f in services.files_of(report)} == {"report-docx", "report-xlsx", "report-pdf"}


@pytest.mark.django_db
def test_officer_cannot_issue(world, consistent_sample):
    report = _generated(world)
    with pytest.raises(PermissionDenied):
        services.issue(world.users["officer"], report, "12", datetime.date(2023, 7, 10))


@pytest.mark.django_db
def test_viewer_cannot_request_a_report(world):
    with pytest.raises(PermissionDenied):
        services.request_report(world.users["viewer"], world.department, PeriodKind.ANNUAL, 2023)


@pytest.mark.django_db
def test_range_must_be_ordered(world):
    with pytest.raises(ValidationError):
        services.request_report(world.users["leader"], world.department, PeriodKind.RANGE, None,
                                datetime.date(2023, 6, 30), datetime.date(2023, 1, 1))
