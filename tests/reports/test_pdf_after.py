"""The PDF of a generated report follows in a task of its own, converted from the checked .docx."""

from __future__ import annotations

import datetime

import pytest

from dost.core.status import PeriodicReportStatus
from dost.reports import services, tasks
from dost.reports.models import PeriodKind
from tests.documents.conftest import needs_soffice


def _generated(world, django_capture_on_commit_callbacks):
    report = services.request_report(world.users["leader"], world.department, PeriodKind.FIRST_HALF, 2023)
    with django_capture_on_commit_callbacks() as callbacks:
        services.generate(report)
    return report, callbacks


def _purposes(report) -> set[str]:
    return {f.purpose for f in services.files_of(report)}


@pytest.mark.django_db
def test_generated_report_is_checked_with_docx_and_xlsx_and_its_pdf_is_queued(world, consistent_sample,
                                                                                django_capture_on_commit_callbacks):
    report, callbacks = _generated(world, django_capture_on_commit_callbacks)
    assert report.status == PeriodicReportStatus.CHECKED
    assert _purposes(report) == {"report-docx", "report-xlsx"}
    assert callbacks  # the PDF task is enqueued when the files are committed
    assert services.pdf_pending(report, list(services.files_of(report)))


@needs_soffice
@pytest.mark.django_db
def test_pdf_task_attaches_the_pdf_of_the_checked_docx(world, consistent_sample, django_capture_on_commit_callbacks):
    report, _ = _generated(world, django_capture_on_commit_callbacks)
    docx = services.files_of(report).get(purpose="report-docx")
    assert services.attach_pdf(report, docx.pk)
    assert _purposes(report) == {"report-docx", "report-xlsx", "report-pdf"}
    assert not services.pdf_pending(report, list(services.files_of(report)))


@pytest.mark.django_db
def test_pdf_of_a_replaced_docx_is_not_attached(world, consistent_sample, django_capture_on_commit_callbacks):
    report, _ = _generated(world, django_capture_on_commit_callbacks)
    old = services.files_of(report).get(purpose="report-docx").pk
    services.generate(report)  # rendered again: the first rendering's PDF must not be attached
    assert services.attach_pdf(report, old) is False
    assert "report-pdf" not in _purposes(report)


@pytest.mark.django_db
def test_a_pdf_that_never_came_is_reported_by_the_reaper(world, consistent_sample, django_capture_on_commit_callbacks):
    report, _ = _generated(world, django_capture_on_commit_callbacks)
    later = report.heartbeat_at + tasks.STALE_AFTER + datetime.timedelta(minutes=1)
    assert tasks.reap_stale_reports(later) == 1
    report.refresh_from_db()
    assert report.status == PeriodicReportStatus.CHECKED and "PDF" in report.error
