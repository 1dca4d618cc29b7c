"""Background import of Excel sheets (Django's tasks framework, django-tasks-db queue)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from dost.core.audit import acting_as
from dost.core.heartbeat import beating
from dost.core.status import ImportStatus

from . import services, sheets
from .models import SheetImport

STALE_AFTER = datetime.timedelta(minutes=5)


def run_import(job: SheetImport) -> SheetImport:
    """Read the file, check every row, and write all lines in one transaction, or nothing with the errors."""
    job.status, job.heartbeat_at, job.errors, job.error = ImportStatus.RUNNING, timezone.now(), [], ""
    job.save()
    try:
        data = job.file.read()
        with acting_as(job.created_by, "import"), beating(SheetImport, job.pk):
            if job.indicator_set_id:
                specs = sheets.parse_indicator_sheet(job.indicator_set, data)
                services.replace_indicators(job.created_by, job.indicator_set, specs)
            else:
                specs = sheets.parse_budget_sheet(job.budget_table, data)
                services.replace_budget_lines(job.created_by, job.budget_table, specs)
    except sheets.SheetRejected as rejected:
        job.status, job.errors = ImportStatus.FAILED, [e.as_dict() for e in rejected.errors]
        job.error = _("Tệp có %(n)s lỗi; chưa có số liệu nào được ghi.") % {"n": len(rejected.errors)}
    except Exception as error:  # a bug must not leave the job "running" forever
        job.status, job.error = ImportStatus.FAILED, str(error)[:2000]
        job.save(update_fields=["status", "error"])
        raise
    else:
        job.status, job.rows = ImportStatus.DONE, len(specs)
    job.save(update_fields=["status", "errors", "error", "rows"])
    return job


@task()
def import_sheet(job_id: int) -> None:
    run_import(SheetImport.objects.select_related("indicator_set", "budget_table", "created_by").get(pk=job_id))


def enqueue(job: SheetImport) -> None:
    transaction.on_commit(lambda: import_sheet.enqueue(job.pk))


def reap_stale_imports(now: datetime.datetime | None = None) -> int:
    """Mark imports whose worker died as failed; the page offers to upload again."""
    now = now or timezone.now()
    return SheetImport.objects.filter(status=ImportStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER).update(
        status=ImportStatus.FAILED, error="Tiến trình xử lý đã dừng giữa chừng; hãy tải tệp lên lại."
    )
