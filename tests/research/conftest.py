"""A small research world: projects brought to the state a test needs through the real lifecycle service,
and (for council tests) councils run through the councils engine's services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest

START = datetime.date(2023, 1, 1)
END = datetime.date(2024, 12, 31)  # exactly 24 months

# The moves that bring a fresh project to each state (manual decisions, no council in dost).
PATH = [
    ("send_identification", {}),
    ("recommend", {}),
    ("select", {"assignment_method": "direct", "host_name": "Viện Cây ăn quả miền Bắc",
                "principal_investigator": "Nguyễn Văn Hải", "pi_title": "TS."}),
    ("approve_budget", {"budget_state_vnd": 850_000_000, "budget_other_vnd": 150_000_000}),
    ("sign_contract", {"start_date": START, "end_date": END}),
    ("submit_acceptance", {"dossier_on": datetime.date(2025, 1, 20)}),
    ("accept", {"rating_label": "Đạt", "rating": "dat"}),
    ("register", {}),
    ("apply", {"year": 2025, "place": "Huyện Lục Ngạn: 20 ha vải thiều"}),
]
REACHED_BY = {"proposed": 0, "identification": 1, "selection": 2, "appraisal": 3, "contracting": 4,
              "implementing": 5, "acceptance": 6, "completed": 7, "registered": 8, "applied": 9}


@dataclass
class Lab:
    world: Any
    outsider: Any  # officer of another province's Department
    outsider_leader: Any
    numbers: list = field(default_factory=list)

    @property
    def officer(self):
        return self.world.users["officer"]

    @property
    def leader(self):
        return self.world.users["leader"]

    def decision(self, kind: str = "QĐ-UBND", day: datetime.date | None = None):
        from dost.research.services import Decision

        self.numbers.append(1)
        return Decision(number=f"{100 + len(self.numbers)}/{kind}", date=day or datetime.date(2023, 1, 1),
                        signer="Phó Chủ tịch UBND tỉnh")

    def new_project(self, **fields):
        from dost.research.models import Project
        from dost.research.services import save_project

        defaults = {"organisation": self.world.unit, "title": "Ứng dụng tiến bộ KH&CN xây dựng mô hình sản xuất vải "
                    "thiều theo VietGAP", "level": "provincial", "field": "agriculture", "kind": "du_an",
                    "year": 2023}
        return save_project(self.officer, Project(**{**defaults, **fields}))

    def move(self, project, action: str, by=None, **data):
        from dost.research.lifecycle import OFFICER, TRANSITIONS
        from dost.research.services import transition

        who = by or (self.officer if TRANSITIONS[action].role == OFFICER else self.leader)
        event = transition(project, action, who, data.pop("decision", None) or self.decision(), **data)
        return event.project

    def project(self, status: str = "proposed", **fields):
        """A project brought to ``status`` along the main path (or a side path for the side states)."""
        project = self.new_project(**fields)
        side = {"suspended": ("implementing", "suspend", {"note": "Chủ nhiệm ốm dài ngày"}),
                "terminated": ("implementing", "terminate", {"note": "Không triển khai được mô hình",
                                                             "recovery_required_vnd": 300_000_000}),
                "not_passed": ("acceptance", "fail", {"note": "Sản phẩm không đạt"}),
                "not_selected": ("identification", "not_recommend", {"note": "Trùng nhiệm vụ đã thực hiện"})}
        if status in side:
            base, action, data = side[status]
            project = self.project(base, **fields)
            return self.move(project, action, **data)
        for action, data in PATH[:REACHED_BY[status]]:
            project = self.move(project, action, **dict(data))
        return project


@pytest.fixture
def lab(world):
    from dost.core.status import OrganisationKind, Role
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    other = OrganisationFactory(name="Sở Khoa học và Công nghệ tỉnh Khác", kind=OrganisationKind.DEPARTMENT)
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, organisation=other, role=Role.OFFICER)
    outsider_leader = UserFactory(username="outsider_leader")
    MembershipFactory(user=outsider_leader, organisation=other, role=Role.LEADER)
    return Lab(world, outsider, outsider_leader)
