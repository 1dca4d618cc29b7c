"""Factories of programmes, contents and envelopes (applications go through the services)."""

from __future__ import annotations

from decimal import Decimal

import factory

from dost.core.status import OrganisationKind
from dost.grants.models import CapUnit, Envelope, Programme, SupportContent


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"CT-{n}")
    name = factory.Sequence(lambda n: f"Chương trình hỗ trợ {n}")
    start_year = 2023
    end_year = 2030


class SupportContentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportContent

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Nội dung {n}")
    share_percent = Decimal("50")
    cap_vnd = 50_000_000
    cap_unit = CapUnit.PER_ITEM
    eligible_kinds = factory.LazyFunction(lambda: [OrganisationKind.ENTERPRISE.value,
                                                   OrganisationKind.COOPERATIVE.value])


class EnvelopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Envelope

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2026
    amount_vnd = 100_000_000
