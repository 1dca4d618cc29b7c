"""Background work of the plans app (Django's tasks framework, django-tasks-db queue)."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from dost.core.heartbeat import beating
from dost.core.models import Attachment
from dost.core.testhooks import pause

from .models import ImportJob, ImportStatus

STALE_AFTER = datetime.timedelta(minutes=5)


def job_files(job: ImportJob):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(ImportJob), object_id=job.pk
    ).order_by("id")


@task()
def parse_import_job(job_id: int) -> None:
    """Parse every file of the job; results are stored per file, with the parser's error when it failed."""
    job = ImportJob.objects.get(pk=job_id)
    job.status, job.heartbeat_at, job.done, job.results = ImportStatus.RUNNING, timezone.now(), 0, []
    job.save()
    try:
        with beating(ImportJob, job.pk):  # one long document must not look like a dead worker
            _parse_files(job)
    except Exception as error:  # a bug must not leave the job "running" forever
        job.status, job.error = ImportStatus.FAILED, str(error)[:2000]
        job.save(update_fields=["status", "error"])
        raise
    job.status = ImportStatus.PARSED
    job.save(update_fields=["status"])


def _parse_files(job: ImportJob) -> None:
    """Parse the job's files one by one; each result is saved as soon as it is known."""
    from dost.docparse import ParseError, parse_file

    for attachment in job_files(job):
        try:
            result = {"attachment": attachment.pk, "name": attachment.original_name,
                      "data": parse_file(attachment.file.path)}
            result["verify"] = _verify(attachment.file.path)
        except ParseError as error:
            result = {"attachment": attachment.pk, "name": attachment.original_name, "error": str(error)}
        job.results = [*job.results, result]
        job.done += 1
        job.heartbeat_at = timezone.now()
        job.save(update_fields=["results", "done", "heartbeat_at"])
        pause("import-file")


def _verify(path: str) -> dict:
    """The figures check of the uploaded document, shown on the review page; never blocks an import."""
    from dost.docparse.verify import verify_file

    try:
        return verify_file(path)
    except Exception as error:  # a checker problem must not fail the import of a readable document
        return {"findings": [], "notes": [f"Không kiểm tra được số liệu: {error}"]}


def enqueue(job: ImportJob) -> None:
    transaction.on_commit(lambda: parse_import_job.enqueue(job.pk))


def reap_stale_jobs(now: datetime.datetime | None = None) -> int:
    """Mark jobs whose worker stopped heartbeating as failed (they can be retried)."""
    now = now or timezone.now()
    return ImportJob.objects.filter(status=ImportStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER).update(
        status=ImportStatus.FAILED, error="Tiến trình xử lý đã dừng giữa chừng; hãy thử lại."
    )
