"""``dost sweep-files``: stored files no record points to are removed after a grace period, nothing else."""

from __future__ import annotations

import datetime
import json
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from dost.core.models import Attachment, AuditEntry
from dost.core.services import attach_file
from dost.core.storage_sweep import sweep_orphan_files, upload_prefixes
from tests.factories import OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                          "OPTIONS": {"location": str(tmp_path / "files")}}}
    return tmp_path / "files"


def _write(name: str, age_hours: float = 0) -> str:
    stored = default_storage.save(name, SimpleUploadedFile(os.path.basename(name), b"orphan"))
    if age_hours:
        old = time.time() - age_hours * 3600
        os.utime(default_storage.path(stored), (old, old))
    return stored


def test_the_swept_folders_come_from_the_file_fields():
    assert {"attachments/", "imports/"} <= set(upload_prefixes())


@pytest.mark.django_db
def test_an_old_orphan_is_deleted():
    name = _write("attachments/2026/01/lost.pdf", age_hours=3)
    result = sweep_orphan_files()
    assert result.orphans == [name] and result.deleted == 1 and not default_storage.exists(name)


@pytest.mark.django_db
def test_a_referenced_file_is_kept():
    organisation = OrganisationFactory()
    attachment = attach_file(organisation, SimpleUploadedFile("kh.pdf", PDF, content_type="application/pdf"),
                             UserFactory())
    old = time.time() - 5 * 3600
    os.utime(default_storage.path(attachment.file.name), (old, old))
    assert sweep_orphan_files().orphans == []
    assert default_storage.exists(attachment.file.name) and Attachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.django_db
def test_a_fresh_orphan_is_kept_for_the_grace_period():
    name = _write("attachments/2026/11/being-stored.pdf")
    assert sweep_orphan_files().orphans == [] and default_storage.exists(name)


@pytest.mark.django_db
def test_a_dry_run_deletes_nothing():
    name = _write("imports/2026/01/old.xlsx", age_hours=3)
    result = sweep_orphan_files(dry_run=True)
    assert result.orphans == [name] and result.deleted == 0 and default_storage.exists(name)


@pytest.mark.django_db
def test_files_outside_the_upload_folders_are_never_touched():
    name = _write("backups/dost-2026-01-01.zip", age_hours=30)
    assert sweep_orphan_files().scanned == 0 and default_storage.exists(name)


@pytest.mark.django_db
def test_a_sweep_that_deletes_is_audited():
    _write("attachments/2026/01/lost.pdf", age_hours=3)
    sweep_orphan_files()
    entry = AuditEntry.objects.filter(object_repr="dost sweep-files").get()
    assert entry.after["deleted"] == 1


@pytest.mark.django_db
def test_the_command_prints_one_json_document(capsys):
    name = _write("attachments/2026/01/lost.pdf", age_hours=3)
    call_command("sweep_files", "--json", "--older-than-hours", "2")
    out = json.loads(capsys.readouterr().out)
    assert out == {"scanned": 1, "orphans": [name], "deleted": 1, "bytes": 6, "dry_run": False}


@pytest.mark.django_db
def test_the_grace_period_is_measured_from_now():
    name = _write("attachments/2026/01/recent.pdf", age_hours=0.5)
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=2)
    assert sweep_orphan_files(now=later).orphans == [name]


@pytest.mark.django_db
def test_the_documented_name_dost_sweep_files_runs_it(capsys):
    from dost.cli import main

    name = _write("imports/2026/01/old.xlsx", age_hours=3)
    main(["sweep-files", "--dry-run", "--json"])
    assert json.loads(capsys.readouterr().out)["orphans"] == [name] and default_storage.exists(name)
