"""A council of the Chi cục (``world.unit``): its officer manages it, the Department's leader closes its rounds."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from dost.core.status import CouncilRole
from tests.factories import UserFactory


@dataclass
class Jury:
    world: object
    rule_sets: dict
    council: object
    members: dict  # chair, secretary, reviewer, member, expert
    users: dict  # chair, secretary, member (linked dost users)

    @property
    def officer(self):
        return self.world.users["officer"]

    @property
    def leader(self):
        return self.world.users["leader"]

    def round(self, rule_set=None, title="Phiên 1", entries=2, **kwargs):
        from dost.councils import services

        rnd = services.open_round(self.council, title=title, rule_set=rule_set, by=self.officer, **kwargs)
        for i in range(entries):
            services.add_entry(rnd, title=f"Hồ sơ {i + 1}", code=f"HS{i + 1:02d}", by=self.officer)
        return rnd

    def start(self, rnd, present=None):
        from dost.councils import services

        members = self.members.values() if present is None else [self.members[k] for k in present]
        return services.start_scoring(rnd, present=list(members), by=self.officer)

    def paper(self, entry, key, scores=None, **kwargs):
        from dost.councils import services
        from dost.councils.models import SheetSource

        return services.submit_sheet(entry, self.members[key], scores=scores, source=SheetSource.PAPER,
                                     by=self.officer, **kwargs)


def score_rule_set(code="giai-thuong", **fields):
    """A 100-point rule set of two criteria (60 + 40) without thresholds: juries rank by mean."""
    from dost.councils.defaults import seed_rule_sets
    from dost.councils.models import Method, Purpose

    spec = {"code": code, "name": f"Bộ quy tắc {code}", "purpose": Purpose.AWARD, "method": Method.SCORE,
            "quorum_share": "1/2", "required_roles": [CouncilRole.CHAIR], "levels": [],
            "criteria": [("noi-dung", "Nội dung", Decimal("60")), ("hinh-thuc", "Hình thức", Decimal("40"))]}
    spec.update(fields)
    return seed_rule_sets([spec])[code]


@pytest.fixture
def jury(world):
    from dost.councils import services
    from dost.councils.defaults import seed_default_rule_sets

    rule_sets = seed_default_rule_sets()
    rule_sets["award"] = score_rule_set()
    users = {"chair": UserFactory(username="chutich"), "secretary": UserFactory(username="thuky"),
             "member": UserFactory(username="uyvien")}
    specs = [
        services.MemberSpec("Nguyễn Văn Chủ", CouncilRole.CHAIR, title="PGS.TS.", user=users["chair"]),
        services.MemberSpec("Trần Thị Thư", CouncilRole.SECRETARY, user=users["secretary"]),
        services.MemberSpec("Lê Văn Biện", CouncilRole.REVIEWER, title="TS.", affiliation="Đại học Nông Lâm",
                            external=True),
        services.MemberSpec("Phạm Thị Viên", CouncilRole.MEMBER, user=users["member"]),
        services.MemberSpec("Hoàng Văn Gia", CouncilRole.MEMBER, external=True, affiliation="Hội Nhà báo tỉnh"),
    ]
    council = services.create_council(name="Hội đồng chấm Giải báo chí năm 2026", purpose="award",
                                      organisation=world.unit, rule_set=rule_sets["award"], by=world.users["officer"],
                                      decision_number="15/QĐ-TĐC", members=specs)
    ordered = list(council.members.order_by("position"))
    members = {"chair": ordered[0], "secretary": ordered[1], "reviewer": ordered[2], "member": ordered[3],
               "expert": ordered[4]}
    return Jury(world, rule_sets, council, members, users)
