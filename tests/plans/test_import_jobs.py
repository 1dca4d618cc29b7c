import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dost.core.services import attach_file
from dost.plans.models import ImportJob, ImportStatus, Plan
from dost.plans.tasks import parse_import_job, reap_stale_jobs
from tests.factories import PASSWORD

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "002_970b213452c10acc.txt"


def _job(world, *files) -> ImportJob:
    job = ImportJob.objects.create(owner=world.department, created_by=world.users["leader"], total=len(files))
    for name, content in files:
        attach_file(job, SimpleUploadedFile(name, content), world.users["leader"], purpose="import")
    return job


@pytest.mark.django_db
def test_task_parses_every_file_and_keeps_errors(world):
    job = _job(world, ("kh.txt", SAMPLE.read_bytes()), ("hong.pdf", b"%PDF-1.4 hong"))
    parse_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.PARSED and job.done == 2
    assert len(job.results[0]["data"]["tasks"]) == 6 and job.results[1]["error"]


@pytest.mark.django_db
def test_reaper_fails_jobs_without_heartbeat(world):
    job = _job(world)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING,
                                               heartbeat_at=timezone.now() - datetime.timedelta(minutes=10))
    assert reap_stale_jobs() == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED


@pytest.mark.django_db
def test_upload_enqueues_a_background_task(world, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    client = Client()
    client.login(username="leader", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("import_new"), {
            "owner": world.department.pk, "files": [SimpleUploadedFile("kh.txt", SAMPLE.read_bytes())]})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and DBTaskResult.objects.filter(args_kwargs__args=[job.pk]).exists()


@pytest.mark.django_db
def test_confirm_creates_plan_with_edits_and_lead_choice(world):
    job = _job(world, ("kh.txt", SAMPLE.read_bytes()))
    parse_import_job.call(job.pk)
    client = Client()
    client.login(username="leader", password=PASSWORD)
    response = client.post(reverse("import_confirm", args=[job.pk]), {
        "doc": "0", "title": "Kế hoạch đã sửa tên", "number": "", "symbol": "KH-KHCN", "budget_vnd": "1.000.000",
        "lead_0": str(world.unit.pk), "skip_5": "on"})
    plan = Plan.objects.get(title="Kế hoạch đã sửa tên")
    assert response.status_code == 302 and plan.budget_vnd == 1_000_000 and plan.tasks.count() == 5
    assert plan.tasks.get(order=1).lead == world.unit


@pytest.mark.django_db
def test_confirming_twice_updates_the_same_plan(world):
    job = _job(world, ("kh.txt", SAMPLE.read_bytes()))
    parse_import_job.call(job.pk)
    client = Client()
    client.login(username="leader", password=PASSWORD)
    for _ in range(2):
        client.post(reverse("import_confirm", args=[job.pk]), {"doc": "0", "title": "Kế hoạch A", "symbol": "KH-KHCN"})
    assert Plan.objects.filter(title="Kế hoạch A").count() == 1


@pytest.mark.django_db
def test_review_page_highlights_source_spans(world):
    job = _job(world, ("kh.txt", SAMPLE.read_bytes()))
    parse_import_job.call(job.pk)
    client = Client()
    client.login(username="leader", password=PASSWORD)
    page = client.get(reverse("import_job", args=[job.pk])).content.decode()
    assert 'data-field="title"' in page and "180/QĐ-UBND" in page


@pytest.mark.django_db
def test_unknown_lead_can_be_created_on_confirm(world):
    from dost.core.models import Organisation

    text = "Số: 12/KH-KHCN\n\nBắc Ninh, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nThử nghiệm\n"
    job = _job(world, ("kh.txt", text.encode()))
    parse_import_job.call(job.pk)
    job.refresh_from_db()
    job.results[0]["data"]["tasks"] = [{"ref": "1", "title": "Việc A", "lead": "Ban Đổi mới sáng tạo", "due": "2026-06"}]
    job.save()
    client = Client()
    client.login(username="leader", password=PASSWORD)
    client.post(reverse("import_confirm", args=[job.pk]), {"doc": "0", "title": "Kế hoạch B", "lead_0": "new"})
    created = Organisation.objects.get(name="Ban Đổi mới sáng tạo")
    assert created.parent == world.department and Plan.objects.get(title="Kế hoạch B").tasks.get().lead == created
