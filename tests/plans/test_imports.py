import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dost.core.demo import seed_organisations
from dost.core.models import AuditEntry
from dost.plans.models import Plan

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
KEY_TASKS = str(SAMPLES / "002_970b213452c10acc.txt")


@pytest.fixture
def department(db):
    return seed_organisations()["bac_giang"]["so"]


def _import(*args) -> list[dict]:
    out = io.StringIO()
    call_command("import", *args, "--yes", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_import_creates_plan_with_tasks_matched_to_units(department):
    [row] = _import(KEY_TASKS, "--owner", str(department.pk))
    plan = Plan.objects.get(pk=row["plan_id"])
    leads = {t.lead.short_name for t in plan.tasks.all() if t.lead}
    assert row["created"] and plan.tasks.count() == 6
    assert leads == {"Phòng QLKH", "Chi cục TCĐLCL", "TTƯD KH&CN", "Phòng QLKHCN cơ sở và SHTT"}
    assert all(t.lead.parent_id == department.pk for t in plan.tasks.all())


def test_importing_twice_updates_instead_of_duplicating(department):
    _import(KEY_TASKS, "--owner", str(department.pk))
    [row] = _import(KEY_TASKS, "--owner", str(department.pk))
    assert not row["created"] and row["tasks_kept"] == 6 and Plan.objects.count() == 1


def test_import_links_legal_bases_and_milestones(department):
    [row] = _import(KEY_TASKS, "--owner", str(department.pk))
    plan = Plan.objects.get(pk=row["plan_id"])
    assert {d.number_symbol for d in plan.legal_bases.all()} == {"180/QĐ-UBND", "455/UBND-KGVX"}
    assert plan.tasks.filter(milestones__isnull=False).distinct().count() == 6


def test_import_is_audited(department):
    [row] = _import(KEY_TASKS, "--owner", str(department.pk))
    assert AuditEntry.objects.filter(object_id=str(row["plan_id"]), action="create", source="import").exists()


def test_bad_file_imports_nothing(department, tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as error:
        _import(KEY_TASKS, str(empty), "--owner", str(department.pk))
    assert error.value.returncode == 2 and Plan.objects.count() == 0
