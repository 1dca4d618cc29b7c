"""Research on the councils engine: sending a project adds an entry; the round's result moves the project
(through ``round_closed``) with the council's decision as its document."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from dost.core.status import CouncilRole, ProposalStatus
from dost.research.models import CallRound, Proposal
from dost.research.services import Decision, send_to_identification, transition

D = datetime.date


class Councils:
    def __init__(self, lab):
        from dost.councils.defaults import seed_default_rule_sets

        self.lab = lab
        self.rule_sets = seed_default_rule_sets()

    def council(self, purpose: str, size: int = 7, number: str = "45/QĐ-KHCN"):
        from dost.councils import services as councils
        from dost.councils.services import MemberSpec

        code = {"identification": "xac-dinh-nhiem-vu", "selection": "tuyen-chon", "acceptance": "nghiem-thu"}[purpose]
        roles = [CouncilRole.CHAIR, CouncilRole.SECRETARY, CouncilRole.REVIEWER, CouncilRole.REVIEWER]
        members = [MemberSpec(name=f"Thành viên {i}", role=roles[i] if i < len(roles) else CouncilRole.MEMBER)
                   for i in range(size)]
        council = councils.create_council(name=f"Hội đồng {purpose}", purpose=purpose,
                                          organisation=self.lab.world.unit, rule_set=self.rule_sets[code],
                                          by=self.lab.leader, decision_number=number, decision_date=D(2024, 12, 20),
                                          decision_signer="Giám đốc Sở", members=members)
        return council, councils.open_round(council, title="Phiên họp thứ nhất", by=self.lab.leader)

    def run(self, rnd, verdict=None, rating=None):
        """Everyone present votes the same (paper sheets), then the leader closes the round."""
        from dost.councils import services as councils

        members = list(rnd.council.members.all())
        councils.start_scoring(rnd, present=members, by=self.lab.leader)
        for entry in rnd.entries.all():
            for member in members:
                councils.submit_sheet(entry, member, verdict=verdict, rating=rating, source="paper", by=self.lab.leader)
        return councils.close_round(rnd, by=self.lab.leader)


@pytest.fixture
def councils(lab):
    return Councils(lab)


@pytest.mark.django_db
def test_identification_council_recommends_and_the_project_moves_on(lab, councils):
    council, rnd = councils.council("identification")
    project = lab.project("proposed")
    transition(project, "send_identification", lab.officer, council_round=rnd)  # the council's decision is the document
    project.refresh_from_db()
    event = project.events.get(action="send_identification")
    assert event.decision_number == "45/QĐ-KHCN" and event.data["entry"] == rnd.entries.get().pk
    councils.run(rnd, verdict=True)
    project.refresh_from_db()
    assert project.status == "selection"
    moved = project.events.get(action="recommend")
    assert moved.by == lab.leader and moved.decision_number == "45/QĐ-KHCN"


@pytest.mark.django_db
def test_identification_council_not_recommending_ends_the_project(lab, councils):
    _council, rnd = councils.council("identification")
    project = lab.project("proposed")
    transition(project, "send_identification", lab.officer, council_round=rnd)
    councils.run(rnd, verdict=False)
    project.refresh_from_db()
    assert project.status == "not_selected"


@pytest.mark.django_db
def test_acceptance_rating_is_recorded(lab, councils):
    _council, rnd = councils.council("acceptance")
    project = lab.project("implementing")
    transition(project, "submit_acceptance", lab.officer, dossier_on=D(2025, 1, 20), council_round=rnd)
    assert rnd.entries.get().months_late == 0
    councils.run(rnd, rating="xuat-sac")
    project.refresh_from_db()
    assert (project.status, project.rating, project.rating_label) == ("completed", "xuat-sac", "Xuất sắc")


@pytest.mark.django_db
def test_acceptance_more_than_six_months_late_is_not_passed(lab, councils):
    _council, rnd = councils.council("acceptance")
    project = lab.project("implementing")
    transition(project, "submit_acceptance", lab.officer, dossier_on=D(2025, 7, 15), council_round=rnd)
    assert rnd.entries.get().months_late == 6  # 6 months and 15 days: late more than 6 months
    councils.run(rnd, rating="dat")
    project.refresh_from_db()
    assert (project.status, project.rating_label) == ("not_passed", "Không đạt")


@pytest.mark.django_db
def test_selection_council_passes_and_the_host_is_approved(lab, councils):
    from dost.councils import services as engine

    _council, rnd = councils.council("selection")
    project = lab.project("selection", host_name="Viện Nghiên cứu Rau quả", principal_investigator="Lê Văn Bình")
    transition(project, "send_selection", lab.officer, council_round=rnd)
    members = list(rnd.council.members.all())
    engine.start_scoring(rnd, present=members, by=lab.leader)
    entry = rnd.entries.get()
    scores = {"tong-quan": 12, "muc-tieu": 25, "san-pham": 20, "nang-luc": 16, "kinh-phi": 8}
    for member in members:
        engine.submit_sheet(entry, member, scores=scores, source="paper", by=lab.leader)
    engine.close_round(rnd, by=lab.leader)
    project.refresh_from_db()
    assert (project.status, project.assignment_method) == ("appraisal", "selection")


@pytest.mark.django_db
def test_a_council_of_another_purpose_is_refused(lab, councils):
    _council, rnd = councils.council("acceptance")
    project = lab.project("proposed")
    with pytest.raises(ValidationError, match="không phải là"):
        transition(project, "send_identification", lab.officer, council_round=rnd)
    assert not rnd.entries.exists()


@pytest.mark.django_db
def test_a_project_already_moved_by_hand_is_left_alone(lab, councils):
    _council, rnd = councils.council("identification")
    project = lab.project("proposed")
    transition(project, "send_identification", lab.officer, council_round=rnd)
    transition(project, "recommend", lab.leader, lab.decision())
    councils.run(rnd, verdict=False)
    project.refresh_from_db()
    assert project.status == "selection"


@pytest.mark.django_db
def test_chosen_proposals_go_to_the_identification_council_together(lab, councils):
    _council, rnd = councils.council("identification")
    call = CallRound.objects.create(organisation=lab.world.unit, year=2024, title="Đề xuất đặt hàng năm 2024")
    a = Proposal.objects.create(round=call, number=1, title="Nghiên cứu giống lúa thuần mới", proposer_name="Sở NN")
    b = Proposal.objects.create(round=call, number=2, title="Bảo tồn nguồn gen Lim xanh", proposer_name="Sở NN")
    projects = send_to_identification(lab.officer, [a, b], rnd)
    assert [p.status for p in projects] == ["identification", "identification"]
    assert set(rnd.entries.values_list("title", flat=True)) == {a.title, b.title}
    a.refresh_from_db()
    assert a.status == ProposalStatus.SENT and a.project.year == 2024
    with pytest.raises(ValidationError, match="đã được xử lý"):
        send_to_identification(lab.officer, [a], rnd)


@pytest.mark.django_db
def test_sending_is_all_or_nothing(lab, councils):
    from dost.research.models import Project

    _council, rnd = councils.council("identification")
    call = CallRound.objects.create(organisation=lab.world.unit, year=2024, title="Đợt 2024")
    a = Proposal.objects.create(round=call, number=1, title="Đề xuất A", proposer_name="UBND huyện")
    b = Proposal.objects.create(round=call, number=2, title="Đề xuất B", proposer_name="UBND huyện",
                                status=ProposalStatus.DECLINED)
    with pytest.raises(ValidationError):
        send_to_identification(lab.officer, [a, b], rnd)
    a.refresh_from_db()
    assert a.status == ProposalStatus.FILED and not Project.objects.exists() and not rnd.entries.exists()


@pytest.mark.django_db
def test_the_council_decision_may_be_given_explicitly(lab, councils):
    _council, rnd = councils.council("identification", number="")
    project = lab.project("proposed")
    with pytest.raises(ValidationError, match="số văn bản"):
        transition(project, "send_identification", lab.officer, council_round=rnd)
    transition(project, "send_identification", lab.officer, Decision("12/QĐ-KHCN", D(2024, 1, 5)), council_round=rnd)
    project.refresh_from_db()
    assert project.status == "identification"
