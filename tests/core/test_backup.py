"""``dost backup`` / ``dost restore``: a full round trip, and every refusal leaving the instance unchanged.

The round trip and the failure cases flush the database, so they run as transactional tests: the restore's
own transaction really commits or rolls back, as it does in production.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from dost.core.audit import acting_as
from dost.core.backup import MANIFEST, archived_models
from dost.core.models import Attachment, AuditEntry, Organisation
from dost.core.services import attach_file
from dost.figures.demo import seed_sample_figures
from dost.plans.models import Plan

DOST = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "dost"
PDF = b"%PDF-1.4\n% bao cao tien do quy I\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def _build(world) -> Attachment:
    """The world, an edit history, a group with a permission, an attachment with a real file, figures."""
    admin = world.users["admin"]
    with acting_as(world.users["officer"]):
        attachment = attach_file(world.plan, SimpleUploadedFile("bao-cao-quy-1.pdf", PDF), world.users["officer"])
        world.plan.title = "Kế hoạch thử nghiệm năm 2026 (sửa đổi)"
        world.plan.save()
    group = Group.objects.create(name="Lãnh đạo Sở")
    group.permissions.add(Permission.objects.get(codename="view_plan"))
    world.users["leader"].groups.add(group)
    seed_sample_figures(world.department, admin)
    return attachment


def _counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in archived_models()}


def _business_counts() -> dict[str, int]:
    return {label: n for label, n in _counts().items() if label not in ("contenttypes.ContentType", "auth.Permission")}


def _audit_trail() -> list[tuple]:
    return [
        (e.pk, e.at, e.actor_id, e.action, e.content_type.natural_key(), e.object_id, e.before, e.after)
        for e in AuditEntry.objects.select_related("content_type").order_by("pk")
    ]


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _wipe(media_root: Path) -> None:
    """An empty instance whose content type ids differ from the archive's (as on another server)."""
    call_command("flush", interactive=False, verbosity=0)
    Permission.objects.all().delete()
    ContentType.objects.all().delete()
    for n in range(7):
        ContentType.objects.create(app_label="khac", model=f"lech_id_{n}")
    ContentType.objects.clear_cache()
    shutil.rmtree(media_root)
    media_root.mkdir()


def _restore(archive: Path, *args: str) -> dict:
    out = io.StringIO()
    call_command("restore", str(archive), "--json", *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def _rewrite(archive: Path, target: Path, change) -> None:
    """Copy ``archive`` member by member; ``change(name, data)`` returns the new bytes of a member."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            copy.writestr(info.filename, change(info.filename, source.read(info.filename)))


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_rows_files_audit_trail_and_sequences(world, media, tmp_path):
    attachment = _build(world)
    counts = _counts()
    trail = _audit_trail()
    assert len(trail) > 50 and counts["figures.Indicator"] > 10
    plan = Plan.objects.get(pk=world.plan.pk)
    leader_hash = world.users["leader"].password
    archive = tmp_path / "sao-luu.zip"

    out = io.StringIO()
    call_command("backup", str(archive), "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["file"] == str(archive) and summary["bytes"] == archive.stat().st_size
    assert summary["files"] == 1 and summary["models"]["core.AuditEntry"] == counts["core.AuditEntry"]
    assert "sessions.Session" not in summary["models"]
    assert not any(label.startswith("django_tasks") for label in summary["models"])
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        assert zf.read(f"files/{attachment.file.name}") == PDF
    assert manifest["files"][0]["name"] == attachment.file.name
    assert manifest["migrations"]["core"][0] == "0001_initial" and manifest["schema_version"]
    assert manifest["database"]["vendor"] in ("sqlite", "postgresql")

    _wipe(media)
    assert sum(_business_counts().values()) == 0 and _files(media) == []
    assert ContentType.objects.get_for_model(Attachment).pk != attachment.content_type_id

    result = _restore(archive)

    assert result["verified"] is True and result["files"] == 1
    assert result["models"] == summary["models"]
    assert _business_counts() == {k: v for k, v in counts.items() if k in _business_counts()}
    assert _audit_trail() == trail
    restored_plan = Plan.objects.get(pk=plan.pk)
    assert (restored_plan.title, restored_plan.updated_at, restored_plan.version) == (
        plan.title, plan.updated_at, plan.version)
    restored = Attachment.objects.get(pk=attachment.pk)
    assert restored.target == restored_plan and restored.file.read() == PDF
    assert _files(media) == [media / attachment.file.name]
    leader = world.users["leader"].__class__.objects.get(username="leader")
    assert leader.password == leader_hash and leader.has_perm("plans.view_plan")

    # Sequences continue after the restored ids (PostgreSQL needs them reset), and auditing goes on.
    with acting_as(leader):
        new = Organisation.objects.create(name="Phòng mới sau khôi phục", kind=world.unit.kind)
    assert new.pk > max(pk for pk in Organisation.objects.exclude(pk=new.pk).values_list("pk", flat=True))
    assert AuditEntry.objects.latest("pk").pk == trail[-1][0] + 1
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=trail[0][0]).delete()


@pytest.mark.django_db
def test_restore_refuses_an_instance_with_business_data(world, media, tmp_path):
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    before = _counts()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), stdout=io.StringIO())
    assert refused.value.returncode == 2 and "đã có dữ liệu" in str(refused.value)
    assert _counts() == before


@pytest.mark.django_db
def test_restore_refuses_an_archive_from_a_newer_schema(world, media, tmp_path):
    archive, newer = tmp_path / "sao-luu.zip", tmp_path / "moi-hon.zip"
    call_command("backup", str(archive), stdout=io.StringIO())

    def add_migration(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["migrations"]["core"].append("9999_tu_phien_ban_moi")
        return json.dumps(manifest).encode()

    _rewrite(archive, newer, add_migration)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(newer), stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert "mới hơn" in str(refused.value) and "core.9999_tu_phien_ban_moi" in str(refused.value)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("target", ["file", "data"])
def test_tampered_archive_exits_2_and_leaves_database_and_media_empty(world, media, tmp_path, target):
    attachment = _build(world)
    archive, tampered = tmp_path / "sao-luu.zip", tmp_path / "bi-sua.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    changed = f"files/{attachment.file.name}" if target == "file" else "data/core.AuditEntry.jsonl"

    def tamper(name: str, data: bytes) -> bytes:
        if name != changed:
            return data
        if target == "file":
            return data.replace(b"bao cao", b"BAO CAO")  # same size: only the SHA-256 can tell
        return data.replace(b'"action": "update"', b'"action": "delete"', 1)

    _rewrite(archive, tampered, tamper)
    _wipe(media)
    with pytest.raises(CommandError) as refused:
        _restore(tampered)
    assert refused.value.returncode == 2 and "SHA-256" in str(refused.value)
    assert sum(_business_counts().values()) == 0
    assert list(media.iterdir()) == []  # neither files nor the folders made for them


@pytest.mark.django_db
@pytest.mark.parametrize("content", [None, b"khong phai zip", b"PK\x03\x04 hong"])
def test_missing_or_corrupt_archive_exits_2(tmp_path, content):
    path = tmp_path / "sao-luu.zip"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), stdout=io.StringIO())
    assert refused.value.returncode == 2


@pytest.mark.pure  # its own throw-away SQLite database: never the test database, so once is enough
def test_dost_backup_json_prints_one_document(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'dost.sqlite3'}", DOST_DATA_DIR=str(tmp_path / "var"))
    migrated = subprocess.run([str(DOST), "migrate", "--noinput", "-v", "0"], env=env, capture_output=True,
                              text=True, timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    archive = tmp_path / "sao-luu.zip"
    result = subprocess.run([str(DOST), "backup", str(archive), "--json"], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"file", "models", "files", "bytes"}
    assert document["file"] == str(archive) and document["bytes"] == archive.stat().st_size
    assert document["files"] == 0 and document["models"]["core.Organisation"] == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left behind
