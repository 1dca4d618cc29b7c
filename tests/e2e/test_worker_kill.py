"""A real ``dost db_worker`` is killed (SIGKILL) in the middle of an import and of a report generation.

Afterwards nothing half-done is left in the records, ``dost tick`` (with the clock past the stale threshold)
marks the job failed, its page offers the retry, and the retry works with a fresh worker. The worker is
stopped at a known point through the test-only pause of ``dost.core.testhooks`` (``DOST_TEST_PAUSE``), which
also tells the test that the point is reached, so the kill always lands mid-run rather than by luck.
"""

from __future__ import annotations

import datetime
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dost.core.services import attach_file
from dost.core.status import PeriodicReportStatus
from dost.core.storage_sweep import sweep_orphan_files
from dost.plans import tasks as plan_tasks
from dost.plans.models import ImportJob, ImportStatus, Plan, Task
from dost.reports import services as report_services
from dost.reports import tasks as report_tasks
from dost.reports.models import PeriodicReport

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("00[0-4]_*.txt"))[:3]
WAIT = 90  # seconds: a cold worker start plus parsing or rendering on a busy 2-core machine


class Workers:
    """Real worker processes on the test database and on a file storage of the test's own (``data_dir``, the
    worker's ``DOST_DATA_DIR``), so that a sweep never sees another instance's files; every one still alive is
    stopped at teardown."""

    def __init__(self, marker_dir: Path, data_dir: Path) -> None:
        self.marker_dir = marker_dir
        self.data_dir = data_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, pause: str = "", env: dict[str, str] | None = None) -> subprocess.Popen:
        """A worker, held at the test pause points of ``pause``, with ``env`` added to its environment."""
        settings_dict = connection.settings_dict
        if connection.vendor == "sqlite":
            url = f"sqlite:///{settings_dict['NAME']}"
        else:
            url = (f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
                   f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")
        environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "dost.settings.test",
                       "DOST_DATA_DIR": str(self.data_dir)}
        environment.pop("DOST_TEST_PAUSE", None)
        if pause:
            environment.update(DOST_TEST_PAUSE=pause, DOST_TEST_PAUSE_DIR=str(self.marker_dir))
        environment.update(env or {})
        process = subprocess.Popen(
            [sys.executable, "-m", "dost.cli", "db_worker", "--no-reload", "--interval", "0.2",
             "--no-startup-delay"],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def workers(tmp_path, settings):
    data_dir = tmp_path / "data"
    settings.MEDIA_ROOT = data_dir / "files"  # what the workers' settings make of DOST_DATA_DIR
    pool = Workers(tmp_path, data_dir)
    yield pool
    pool.stop_all()


def _wait_for(condition, what: str, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            pytest.fail(f"the worker exited ({process.returncode}) before {what}")
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def _kill(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


def _tick_after(stale_after: datetime.timedelta) -> None:
    """``dost tick`` as cron would run it once the heartbeat is older than the threshold."""
    with time_machine.travel(timezone.now() + stale_after + datetime.timedelta(minutes=1), tick=False):
        call_command("tick", stdout=io.StringIO())


def _stored_files() -> set[str]:
    """Every file now under the upload folders of storage."""
    from dost.core.storage_sweep import _walk, upload_prefixes

    return {name for prefix in upload_prefixes() for name in _walk(prefix.rstrip("/"))}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_import_killed_mid_run_leaves_no_plan_and_can_be_retried(world, workers):
    leader = world.users["leader"]
    plans, tasks = Plan.objects.count(), Task.objects.count()
    job = ImportJob.objects.create(owner=world.department, created_by=leader, total=len(SAMPLES))
    for sample in SAMPLES:
        attach_file(job, SimpleUploadedFile(sample.name, sample.read_bytes(), content_type="text/plain"), leader,
                    purpose="import")
    worker = workers.start(pause="import-file=300")
    plan_tasks.enqueue(job)

    _wait_for(lambda: (workers.marker_dir / "import-file").exists(), "the first document is parsed", worker)
    job.refresh_from_db()
    assert (job.status, job.done, job.heartbeat_at is not None) == (ImportStatus.RUNNING, 1, True)
    _kill(worker)

    _tick_after(plan_tasks.STALE_AFTER)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "thử lại" in job.error
    assert (Plan.objects.count(), Task.objects.count()) == (plans, tasks)  # nothing of a half-read import
    client = _client(leader)
    page = client.get(reverse("import_job", args=[job.pk])).content.decode()
    assert reverse("import_retry", args=[job.pk]) in page and "Thử lại" in page
    client.post(reverse("import_confirm", args=[job.pk]), {"doc": "0"})  # a failed job's part cannot be confirmed
    assert (Plan.objects.count(), Task.objects.count()) == (plans, tasks)

    client.post(reverse("import_retry", args=[job.pk]))
    fresh = workers.start()
    _wait_for(lambda: ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PARSED).exists(),
              "the retried import is parsed", fresh)
    job.refresh_from_db()
    assert job.done == len(SAMPLES) and [r["name"] for r in job.results] == [s.name for s in SAMPLES]
    assert not any("error" in r for r in job.results)


@pytest.mark.django_db(transaction=True)
def test_report_killed_while_storing_leaves_nothing_half_written_and_can_be_generated_again(world, workers):
    leader = world.users["leader"]
    stored_before = _stored_files()
    worker = workers.start(pause="report-store=300")
    report = report_services.request_report(leader, world.department, "h1", year=2026)

    _wait_for(lambda: (workers.marker_dir / "report-store").exists(), "the first report file is stored", worker)
    _kill(worker)

    report.refresh_from_db()
    assert report.status == PeriodicReportStatus.RENDERING  # the store's transaction never committed
    assert (report.findings, report.notes, report.summary) == ([], [], {})
    assert not report_services.files_of(report).exists()
    _tick_after(report_tasks.STALE_AFTER)
    report.refresh_from_db()
    assert report.status == PeriodicReportStatus.FAILED and report.error
    assert not report_services.files_of(report).exists()
    client = _client(leader)
    page = client.get(reverse("periodic_report_detail", args=[report.pk])).content.decode()
    assert 'data-testid="regenerate"' in page and reverse("periodic_report_regenerate", args=[report.pk]) in page

    client.post(reverse("periodic_report_regenerate", args=[report.pk]))
    fresh = workers.start()
    done = (PeriodicReportStatus.CHECKED, PeriodicReportStatus.FINDINGS)
    _wait_for(lambda: PeriodicReport.objects.filter(pk=report.pk, status__in=done).exists(),
              "the report is generated again", fresh)
    purposes = list(report_services.files_of(report).values_list("purpose", flat=True))  # (+ the PDF, later)
    assert purposes.count("report-docx") == 1 and purposes.count("report-xlsx") == 1

    # The file the killed worker had written is in storage with no record; the daily sweep removes it (and
    # only it) once its grace period is over, and leaves the retried report's files alone. The PDF is waited
    # for first: a sweep told it is two hours later would take a file written that very moment.
    _wait_for(lambda: report_services.files_of(report).filter(purpose="report-pdf").exists()
              or PeriodicReport.objects.exclude(error="").filter(pk=report.pk).exists(),
              "the retried report's PDF (or its error)", fresh)
    kept = set(report_services.files_of(report).values_list("file", flat=True))
    orphaned = _stored_files() - stored_before - kept
    assert len(orphaned) == 1  # the .docx, written before the kill inside the store's transaction
    swept = sweep_orphan_files(now=timezone.now() + datetime.timedelta(hours=2))
    assert set(swept.orphans) == orphaned and swept.deleted == 1
    assert not any(default_storage.exists(name) for name in orphaned)
    assert all(default_storage.exists(name) for name in kept | stored_before)


@pytest.mark.django_db(transaction=True)
def test_a_long_render_keeps_its_heartbeat_and_is_not_reaped(world, workers):
    """A render that outlasts the stale limit is alive as long as its worker is: the heartbeat thread moves
    ``heartbeat_at`` while the worker sits in the render (held there by the test pause)."""
    worker = workers.start(pause="report-render=300", env={"DOST_HEARTBEAT_SECONDS": "0.5"})
    report = report_services.request_report(world.users["leader"], world.department, "h1", year=2026)
    _wait_for(lambda: (workers.marker_dir / "report-render").exists(), "the render starts", worker)
    first = PeriodicReport.objects.values_list("heartbeat_at", flat=True).get(pk=report.pk)
    _wait_for(lambda: PeriodicReport.objects.filter(pk=report.pk, heartbeat_at__gt=first).exists(),
              "the heartbeat moves", worker)

    beat = PeriodicReport.objects.values_list("heartbeat_at", flat=True).get(pk=report.pk)
    assert report_tasks.reap_stale_reports(now=beat + report_tasks.STALE_AFTER - datetime.timedelta(seconds=1)) == 0
    report.refresh_from_db()
    assert report.status == PeriodicReportStatus.RENDERING
    _kill(worker)
