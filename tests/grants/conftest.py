"""A support programme over the procedures' ``desk``: contents of every kind of level, a 2026 envelope,
and helpers that bring an application to the state a test needs (through the real services)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.procedures.conftest import desk, pdf  # noqa: F401 (fixture re-exported for this package)

CONTACT = {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.test"}
YEAR = 2026


@dataclass
class Grants:
    world: object
    desk: object
    programme: object
    iso: object  # 50 %, 50.000.000 đ per standard
    per_org: object  # 50 %, 100.000.000 đ per organisation
    no_cap: object  # 50 %, cap not entered
    unknown: object  # level not entered
    envelope: object  # 2026: 100.000.000 đ
    outsider: object  # officer of another Department
    made: list = field(default_factory=list)

    @property
    def officer(self):
        return self.world.users["officer"]

    @property
    def leader(self):
        return self.world.users["leader"]

    def organisation(self, name: str, kind: str = "enterprise", parent=None):
        from tests.factories import OrganisationFactory

        return OrganisationFactory(name=name, kind=kind, parent=parent)

    def dossier(self, applicant=None, state: str = "received"):
        """A dossier submitted at the desk for ``applicant``, then received / sent for signature."""
        from dost.procedures import dossiers

        files = {self.desk.form.pk: [pdf()], self.desk.plan.pk: [pdf("tm.pdf")]}
        dossier = dossiers.submit(self.officer, self.desk.procedure, applicant or self.desk.enterprise, CONTACT,
                                  files, channel="desk")
        if state in ("received", "signature"):
            dossier = dossiers.receive(self.officer, dossier)
        if state == "signature":
            dossier = dossiers.advance(self.officer, dossier)
        return dossier

    def application(self, content=None, applicant=None, state: str = "received", year: int = YEAR, quantity=1):
        from dost.grants import services

        dossier = self.dossier(applicant, state)
        return services.create_application(self.officer, dossier, self.programme, content or self.iso, year,
                                           quantity)

    def appraised(self, cost: int = 80_000_000, content=None, applicant=None, quantity: int = 1,
                  state: str = "signature", year: int = YEAR):
        """An application appraised while received, then (by default) sent for the leader's signature."""
        from dost.grants import services
        from dost.procedures import dossiers

        application = self.application(content, applicant, "received", year, quantity)
        application = services.appraise(self.officer, application, cost, quantity)
        if state == "signature":
            dossiers.advance(self.officer, application.dossier)
            application.dossier.refresh_from_db()
        return application

    def decided(self, amount: int = 40_000_000, **kwargs):
        from dost.grants import services

        application = self.appraised(**kwargs)
        return services.decide(self.leader, application, amount)


@pytest.fixture
def grants(world, desk):  # noqa: F811 (the desk fixture imported above)
    from dost.core.status import OrganisationKind, Role
    from dost.grants.models import CapUnit
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
    from tests.grants.factories import EnvelopeFactory, ProgrammeFactory, SupportContentFactory

    programme = ProgrammeFactory(code="NQ-THU", organisation=world.department, procedure=desk.procedure)
    iso = SupportContentFactory(programme=programme, code="ISO", name="Áp dụng ISO 14000, ISO 50001")
    per_org = SupportContentFactory(programme=programme, code="TXNG", name="Áp dụng truy xuất nguồn gốc",
                                    cap_vnd=100_000_000, cap_unit=CapUnit.PER_ORGANISATION, item_name="hệ thống")
    no_cap = SupportContentFactory(programme=programme, code="HACCP", name="Áp dụng HACCP, GMP", cap_vnd=None)
    unknown = SupportContentFactory(programme=programme, code="GT", name="Đạt giải thưởng chất lượng",
                                    share_percent=None, cap_vnd=None)
    envelope = EnvelopeFactory(programme=programme, year=2026, amount_vnd=100_000_000)
    other = OrganisationFactory(name="Sở Tài chính tỉnh Thử", kind=OrganisationKind.DEPARTMENT)
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, organisation=other, role=Role.OFFICER)
    return Grants(world, desk, programme, iso, per_org, no_cap, unknown, envelope, outsider)
