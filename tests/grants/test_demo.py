"""The demo programme of Resolution 43/2022/NQ-HĐND: exactly the levels the sources state, seeded once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dost.grants.demo import PROCEDURE_CODE, seed_grants
from dost.grants.models import CapUnit, Envelope, Programme, SupportContent
from dost.procedures.models import ProcedureType, StepKind


@pytest.fixture
def seeded(world):
    return seed_grants(world.department, world.users["admin"])


@pytest.mark.django_db
def test_seeding_twice_adds_nothing(world, seeded):
    counts = (Programme.objects.count(), SupportContent.objects.count(), Envelope.objects.count(),
              ProcedureType.objects.count())
    assert seed_grants(world.department, world.users["admin"]) == seeded
    assert counts == (Programme.objects.count(), SupportContent.objects.count(), Envelope.objects.count(),
                      ProcedureType.objects.count()) == (1, 6, 1, 1)


@pytest.mark.django_db
def test_iso_standards_have_the_stated_level(seeded):
    iso = seeded.contents.get(code="1")
    assert "ISO 14000, ISO 50001, ISO 31000, ISO/IEC 17025, ISO 22000 hoặc ISO 15189" in iso.name
    assert (iso.share_percent, iso.cap_vnd, iso.cap_unit) == (Decimal("50"), 50_000_000, CapUnit.PER_ITEM)


@pytest.mark.django_db
def test_other_standards_have_the_share_but_no_invented_cap(seeded):
    other = seeded.contents.get(code="2")
    assert "SA8000, HACCP, GMP" in other.name and (other.share_percent, other.cap_vnd) == (Decimal("50"), None)


@pytest.mark.django_db
def test_contents_whose_level_is_not_stated_have_none(seeded):
    unknown = seeded.contents.exclude(code__in=["1", "2"])
    assert unknown.count() == 4 and not unknown.filter(share_percent__isnull=False).exists()
    assert not unknown.filter(cap_vnd__isnull=False).exists()


@pytest.mark.django_db
def test_envelope_2026_and_the_procedure(seeded, world):
    assert seeded.envelopes.get(year=2026).amount_vnd == 800_000_000
    procedure = ProcedureType.objects.get(code=PROCEDURE_CODE)
    assert seeded.procedure == procedure and procedure.organisation == world.department
    assert [s.kind for s in procedure.steps.all()] == [StepKind.RECEIVE, StepKind.APPRAISE, StepKind.APPROVE,
                                                       StepKind.RETURN]
    assert [d.accepted_formats for d in procedure.required_documents.all()] == ["pdf", "pdf,docx", "pdf"]
    assert all(s.public_name for s in procedure.steps.all())
