"""Every lifecycle move: allowed from its states for its role, refused from other states, for other roles
and for other organisations, and never without its decision document."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dost.core.status import ProjectStatus
from dost.research.lifecycle import OFFICER, TRANSITIONS, reachable
from dost.research.models import ProjectEvent
from dost.research.services import transition

D = datetime.date

# action → (state to start from, data of the move, state expected after it)
CASES = {
    "send_identification": ("proposed", {}, "identification"),
    "withdraw": ("proposed", {"note": "Tổ chức đề xuất xin rút"}, "not_selected"),
    "recommend": ("identification", {}, "selection"),
    "not_recommend": ("identification", {"note": "Không cấp thiết"}, "not_selected"),
    "send_selection": ("selection", {}, "selection"),
    "select": ("selection", {"assignment_method": "selection", "host_name": "Trường Đại học Nông Lâm Bắc Giang",
                             "principal_investigator": "Trần Thị Mai"}, "appraisal"),
    "not_select": ("selection", {"note": "Không hồ sơ nào đạt 70 điểm"}, "not_selected"),
    "approve_budget": ("appraisal", {"budget_state_vnd": 900_000_000}, "contracting"),
    "sign_contract": ("contracting", {"start_date": D(2023, 1, 1), "end_date": D(2024, 12, 31)}, "implementing"),
    "check": ("implementing", {"done_on": D(2023, 12, 20), "outcome": "on_track"}, "implementing"),
    "adjust": ("implementing", {"note": "Đổi địa điểm mô hình sang xã Tân Sơn"}, "implementing"),
    "extend": ("implementing", {"requested_on": D(2024, 10, 1), "new_end": D(2025, 6, 30)}, "implementing"),
    "suspend": ("implementing", {"note": "Thiên tai"}, "suspended"),
    "resume": ("suspended", {}, "implementing"),
    "terminate": ("implementing", {"note": "Không có khả năng hoàn thành", "recovery_required_vnd": 100_000_000},
                  "terminated"),
    "submit_acceptance": ("implementing", {"dossier_on": D(2025, 1, 15)}, "acceptance"),
    "accept": ("acceptance", {"rating_label": "Xuất sắc", "rating": "xuat-sac"}, "completed"),
    "fail": ("acceptance", {"note": "Không đạt", "recovery_required_vnd": 200_000_000}, "not_passed"),
    "set_recovery": ("not_passed", {"recovery_required_vnd": 250_000_000}, "not_passed"),
    "recover": ("terminated", {"amount_vnd": 50_000_000, "recovered_on": D(2025, 3, 1)}, "terminated"),
    "register": ("completed", {}, "registered"),
    "apply": ("registered", {"year": 2025, "place": "HTX Dược liệu Bồ Đà"}, "applied"),
}


def _data(lab, project, action):
    start, data, _after = CASES[action]
    data = dict(data)
    if action == "check":
        data["check"] = project.checks.order_by("due_date").first()
    return data


def test_every_transition_has_a_case():
    assert set(CASES) == set(TRANSITIONS)


def test_every_state_is_reachable_from_proposed():
    graph, seen, frontier = reachable(), {"proposed"}, ["proposed"]
    while frontier:
        for nxt in graph.get(frontier.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(ProjectStatus.values)


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(CASES))
def test_move_is_allowed_from_its_state_for_its_role(lab, action):
    start, _data_, after = CASES[action]
    project = lab.project(start)
    before_events = project.events.count()
    by = lab.officer if TRANSITIONS[action].role == OFFICER else lab.leader
    decision = lab.decision()
    event = transition(project, action, by, decision, **_data(lab, project, action))
    project.refresh_from_db()
    assert project.status == after
    assert project.events.count() == before_events + 1
    assert (event.action, event.from_status, event.to_status) == (action, start, after)
    assert event.decision.number_symbol == decision.number and event.decision_date == decision.date
    assert event.decision_signer == decision.signer and event.by == by


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(CASES))
def test_move_is_refused_from_another_state(lab, action):
    t = TRANSITIONS[action]
    wrong = next(s for s in ("proposed", "implementing", "applied", "completed") if s not in t.sources)
    project = lab.project(wrong)
    by = lab.officer if t.role == OFFICER else lab.leader
    with pytest.raises(ValidationError, match="Không thể"):
        transition(project, action, by, lab.decision(), **_data(lab, project, action))
    project.refresh_from_db()
    assert project.status == wrong


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(CASES))
def test_move_is_refused_for_the_wrong_role(lab, action):
    start = CASES[action][0]
    project = lab.project(start)
    t = TRANSITIONS[action]
    wrong = lab.world.users["viewer"] if t.role == OFFICER else lab.officer
    count = ProjectEvent.objects.count()
    with pytest.raises(PermissionDenied):
        transition(project, action, wrong, lab.decision(), **_data(lab, project, action))
    project.refresh_from_db()
    assert project.status == start and ProjectEvent.objects.count() == count


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(CASES))
def test_move_is_refused_for_another_organisation(lab, action):
    start = CASES[action][0]
    project = lab.project(start)
    for user in (lab.outsider, lab.outsider_leader, lab.world.users["other_officer"]):
        with pytest.raises(PermissionDenied):
            transition(project, action, user, lab.decision(), **_data(lab, project, action))
    project.refresh_from_db()
    assert project.status == start


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(CASES))
def test_move_needs_its_decision_document(lab, action):
    from dost.research.services import Decision

    start = CASES[action][0]
    project = lab.project(start)
    by = lab.officer if TRANSITIONS[action].role == OFFICER else lab.leader
    with pytest.raises(ValidationError, match="văn bản"):
        transition(project, action, by, None, **_data(lab, project, action))
    with pytest.raises(ValidationError, match="số văn bản"):
        transition(project, action, by, Decision(number=" ", date=D(2023, 5, 1)), **_data(lab, project, action))
    project.refresh_from_db()
    assert project.status == start


@pytest.mark.django_db
def test_administrator_may_take_a_leader_move(lab):
    project = lab.project("identification")
    transition(project, "recommend", lab.world.users["admin"], lab.decision())
    project.refresh_from_db()
    assert project.status == "selection"


@pytest.mark.django_db
def test_leader_may_take_an_officer_move(lab):
    project = lab.project("proposed")
    transition(project, "send_identification", lab.leader, lab.decision())
    project.refresh_from_db()
    assert project.status == "identification"


@pytest.mark.django_db
def test_a_refused_guard_changes_nothing(lab):
    project = lab.project("implementing")
    with pytest.raises(ValidationError, match="lý do tạm dừng"):
        transition(project, "suspend", lab.leader, lab.decision(), note="  ")
    project.refresh_from_db()
    assert project.status == "implementing"
    assert not project.events.filter(action="suspend").exists()


@pytest.mark.django_db
def test_the_same_decision_is_one_document(lab):
    from dost.core.models import LegalDocument
    from dost.research.services import Decision

    decision = Decision(number="507/QĐ-UBND", date=D(2023, 5, 17), signer="Phó Chủ tịch")
    first, second = lab.project("identification"), lab.project("identification")
    transition(first, "recommend", lab.leader, decision)
    transition(second, "recommend", lab.leader, decision)
    assert LegalDocument.objects.filter(number_symbol="507/QĐ-UBND").count() == 1
    other_year = Decision(number="507/QĐ-UBND", date=D(2024, 5, 17))
    third = lab.project("identification")
    transition(third, "recommend", lab.leader, other_year)
    assert LegalDocument.objects.filter(number_symbol="507/QĐ-UBND").count() == 2  # numbers restart each year


@pytest.mark.django_db
def test_contract_sets_period_and_schedules_yearly_checks(lab):
    project = lab.project("implementing")
    assert (project.start_date, project.end_date, project.original_end_date) == (D(2023, 1, 1), D(2024, 12, 31),
                                                                                D(2024, 12, 31))
    assert project.contract_number and project.contract_date == D(2023, 1, 1)
    assert list(project.checks.values_list("due_date", flat=True)) == [D(2024, 1, 1)]


@pytest.mark.django_db
def test_check_records_its_finding(lab):
    project = lab.project("implementing")
    check = project.checks.get()
    transition(project, "check", lab.officer, lab.decision("BB-KHCN"), check=check, done_on=D(2024, 1, 5),
               outcome="behind", note="Chậm trồng mới 5 ha")
    check.refresh_from_db()
    assert (check.done_on, check.outcome, check.finding) == (D(2024, 1, 5), "behind", "Chậm trồng mới 5 ha")
    with pytest.raises(ValidationError, match="đã được ghi kết quả"):
        transition(project, "check", lab.officer, lab.decision("BB-KHCN"), check=check, done_on=D(2024, 1, 6),
                   outcome="behind")


@pytest.mark.django_db
def test_registration_records_the_certificate(lab):
    from dost.research.services import Decision

    project = lab.project("completed")
    transition(project, "register", lab.officer, Decision(number="15/2025/GCN-KHCN", date=D(2025, 3, 3)))
    project.refresh_from_db()
    assert (project.certificate_number, project.certificate_date) == ("15/2025/GCN-KHCN", D(2025, 3, 3))


@pytest.mark.django_db
def test_application_records_where(lab):
    project = lab.project("applied")
    transition(project, "apply", lab.officer, lab.decision(), year=2026, place="Huyện Tân Yên",
               organisation=lab.world.other_unit)
    assert list(project.applications.values_list("year", flat=True)) == [2025, 2026]


@pytest.mark.django_db
def test_acceptance_more_than_six_months_late_cannot_be_rated_passed(lab):
    project = lab.project("implementing")
    transition(project, "submit_acceptance", lab.officer, lab.decision(), dossier_on=D(2025, 7, 1))
    with pytest.raises(ValidationError, match="Không đạt"):
        transition(project, "accept", lab.leader, lab.decision(), rating_label="Đạt")
    transition(project, "fail", lab.leader, lab.decision(), note="Chậm quá 6 tháng")
    project.refresh_from_db()
    assert (project.status, project.rating_label) == ("not_passed", "Không đạt")


@pytest.mark.django_db
def test_acceptance_exactly_six_months_late_may_pass(lab):
    project = lab.project("implementing")
    transition(project, "submit_acceptance", lab.officer, lab.decision(), dossier_on=D(2025, 6, 30))
    transition(project, "accept", lab.leader, lab.decision(), rating_label="Đạt")
    project.refresh_from_db()
    assert project.status == "completed"


@pytest.mark.django_db
def test_facts_after_contract_change_only_through_moves(lab):
    from dost.research.services import save_project

    project = lab.project("implementing")
    project.budget_state_vnd = 1
    with pytest.raises(ValidationError, match="đã ký hợp đồng"):
        save_project(lab.officer, project)
    project.refresh_from_db()
    project.summary = "Nội dung cập nhật"
    save_project(lab.officer, project)
