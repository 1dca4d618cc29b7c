"""Background generation of periodic reports (django-tasks-db queue)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from dost.core.audit import acting_as
from dost.core.status import PeriodicReportStatus

from .models import PeriodicReport

STALE_AFTER = datetime.timedelta(minutes=10)


@task()
def generate_report(report_id: int) -> None:
    from .services import generate

    report = PeriodicReport.objects.select_related("organisation", "created_by").get(pk=report_id)
    with acting_as(report.created_by, "task"):
        generate(report)


def enqueue(report: PeriodicReport) -> None:
    transaction.on_commit(lambda: generate_report.enqueue(report.pk))


def reap_stale_reports(now: datetime.datetime | None = None) -> int:
    """Reports whose worker died while rendering are marked failed (they can be generated again)."""
    now = now or timezone.now()
    return PeriodicReport.objects.filter(
        status=PeriodicReportStatus.RENDERING, heartbeat_at__lt=now - STALE_AFTER
    ).update(status=PeriodicReportStatus.FAILED, error="Tiến trình tạo báo cáo đã dừng giữa chừng; hãy tạo lại.")
