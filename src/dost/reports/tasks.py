"""Background generation of periodic reports (django-tasks-db queue)."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.tasks import task
from django.utils import timezone

from dost.core.audit import acting_as
from dost.core.models import Attachment
from dost.core.status import PeriodicReportStatus

from .models import PeriodicReport

STALE_AFTER = datetime.timedelta(minutes=10)


@task()
def generate_report(report_id: int) -> None:
    from .services import generate

    report = PeriodicReport.objects.select_related("organisation", "created_by").get(pk=report_id)
    with acting_as(report.created_by, "task"):
        generate(report)


@task()
def render_report_pdf(report_id: int, docx_id: int) -> None:
    from .services import attach_pdf

    report = PeriodicReport.objects.select_related("organisation", "created_by").get(pk=report_id)
    with acting_as(report.created_by, "task"):
        attach_pdf(report, docx_id)


def enqueue(report: PeriodicReport) -> None:
    transaction.on_commit(lambda: generate_report.enqueue(report.pk))


def enqueue_pdf(report: PeriodicReport, docx_id: int) -> None:
    transaction.on_commit(lambda: render_report_pdf.enqueue(report.pk, docx_id))


def reap_stale_reports(now: datetime.datetime | None = None) -> int:
    """Reports whose worker died while rendering are marked failed (they can be generated again)."""
    now = now or timezone.now()
    reaped = PeriodicReport.objects.filter(
        status=PeriodicReportStatus.RENDERING, heartbeat_at__lt=now - STALE_AFTER
    ).update(status=PeriodicReportStatus.FAILED, error="Tiến trình tạo báo cáo đã dừng giữa chừng; hãy tạo lại.")
    # A PDF whose conversion never ended: the report stays checked, and says so (it can be rendered again).

    pdfs = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(PeriodicReport),
                                     object_id=OuterRef("pk"), purpose="report-pdf")
    reaped += PeriodicReport.objects.filter(
        status__in=[PeriodicReportStatus.CHECKED, PeriodicReportStatus.FINDINGS], error="",
        heartbeat_at__lt=now - STALE_AFTER,
    ).exclude(Exists(pdfs)).update(error="Chưa tạo được bản PDF (tiến trình đã dừng); hãy tạo lại báo cáo.")
    return reaped
