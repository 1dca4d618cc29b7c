"""The research pages: portfolio, project (detail, create/edit, moves), calls and proposals."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from dost.core.status import ProposalStatus
from dost.research.models import CallRound, Project, Proposal
from tests.factories import PASSWORD

D = datetime.date


def _table(html: str) -> str:
    """The portfolio's result table (the side panels list late and ending projects whatever the filter)."""
    return html.split('id="results"', 1)[1].split('data-testid="late-projects"', 1)[0]


def _client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_portfolio_lists_counts_and_filters(lab):
    lab.project("implementing", title="Ứng dụng công nghệ cao sản xuất nho Hạ Đen")
    lab.project("proposed", title="Bảo tồn nguồn gen Lim xanh", field="other")
    response = _client(lab.officer).get(reverse("research_portfolio"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "nho Hạ Đen" in html and "Lim xanh" in html
    assert 'data-status="implementing">1<' in html
    filtered = _table(_client(lab.officer).get(reverse("research_portfolio"), {"field": "other"}).content.decode())
    assert "Lim xanh" in filtered and "nho Hạ Đen" not in filtered


@pytest.mark.django_db
def test_portfolio_search_without_diacritics(lab):
    lab.project("proposed", title="Nghiên cứu sử dụng phân bón chuyên dùng cho cây vải thiều")
    lab.project("proposed", title="Bảo tồn nguồn gen Lim xanh")
    html = _table(_client(lab.officer).get(reverse("research_portfolio"), {"q": "vai thieu"}).content.decode())
    assert "vải thiều" in html and "Lim xanh" not in html


@pytest.mark.django_db
def test_portfolio_sorts_and_paginates(lab):
    for i in range(27):
        lab.new_project(title=f"Nhiệm vụ thử {i:02d}")
    client = _client(lab.officer)
    first = client.get(reverse("research_portfolio"), {"ordering": "title"}).content.decode()
    assert "Nhiệm vụ thử 00" in first and "Nhiệm vụ thử 26" not in first and "1 / 2" in first
    second = client.get(reverse("research_portfolio"), {"ordering": "title", "page": 2}).content.decode()
    assert "Nhiệm vụ thử 26" in second


@pytest.mark.django_db
def test_portfolio_empty_state(lab):
    html = _client(lab.officer).get(reverse("research_portfolio")).content.decode()
    assert 'data-testid="empty"' in html


@pytest.mark.django_db
def test_portfolio_shows_only_the_users_scope(lab):
    lab.project("proposed", title="Nhiệm vụ của Chi cục")
    html = _client(lab.world.users["other_officer"]).get(reverse("research_portfolio")).content.decode()
    assert "Nhiệm vụ của Chi cục" not in html


@pytest.mark.django_db
def test_detail_shows_facts_budget_timeline_and_actions_per_rights(lab):
    project = lab.project("implementing")
    officer = _client(lab.officer).get(reverse("research_project_detail", args=[project.pk])).content.decode()
    assert "850.000.000 đ" in officer and "1.000.000.000 đ" in officer  # budget by source and total
    assert "Ký hợp đồng thực hiện" in officer  # the timeline
    assert 'data-testid="action-submit_acceptance"' in officer and 'data-testid="action-extend"' not in officer
    leader = _client(lab.leader).get(reverse("research_project_detail", args=[project.pk])).content.decode()
    assert 'data-testid="action-extend"' in leader and 'data-testid="action-terminate"' in leader
    assert 'data-confirm=' in leader  # destructive moves ask for confirmation
    viewer = _client(lab.world.users["viewer"]).get(reverse("research_project_detail", args=[project.pk]))
    assert viewer.status_code == 200 and 'data-testid="actions"' not in viewer.content.decode()


@pytest.mark.django_db
def test_detail_of_another_organisation_is_forbidden(lab):
    project = lab.project("proposed")
    assert _client(lab.outsider).get(reverse("research_project_detail", args=[project.pk])).status_code == 403


@pytest.mark.django_db
def test_a_move_through_the_page(lab):
    project = lab.project("identification")
    response = _client(lab.leader).post(reverse("research_project_act", args=[project.pk, "recommend"]), {
        "recommend-decision_number": "507/QĐ-UBND", "recommend-decision_date": "2023-05-17",
        "recommend-decision_signer": "Phó Chủ tịch UBND tỉnh"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "selection"
    assert project.events.get(action="recommend").decision_signer == "Phó Chủ tịch UBND tỉnh"


@pytest.mark.django_db
def test_a_refused_move_shows_the_reason_and_keeps_the_input(lab):
    project = lab.project("implementing")
    response = _client(lab.leader).post(reverse("research_project_act", args=[project.pk, "extend"]), {
        "extend-decision_number": "88/QĐ-UBND", "extend-decision_date": "2024-12-20",
        "extend-requested_on": "2024-12-15", "extend-new_end": "2025-06-30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "chậm nhất ngày 30/11/2024" in html and 'value="88/QĐ-UBND"' in html
    project.refresh_from_db()
    assert project.end_date == D(2024, 12, 31)


@pytest.mark.django_db
def test_a_move_for_another_role_is_forbidden(lab):
    project = lab.project("implementing")
    response = _client(lab.officer).post(reverse("research_project_act", args=[project.pk, "suspend"]), {})
    assert response.status_code == 403


@pytest.mark.django_db
def test_unknown_move_is_not_found(lab):
    project = lab.project("implementing")
    assert _client(lab.leader).post(reverse("research_project_act", args=[project.pk, "fly"]), {}).status_code == 404


@pytest.mark.django_db
def test_create_project_with_team(lab):
    response = _client(lab.officer).post(reverse("research_project_create"), {
        "organisation": lab.world.unit.pk, "title": "Nghiên cứu bảo tồn nguồn gen Lim xanh", "level": "provincial",
        "field": "agriculture", "kind": "de_tai", "year": 2026, "host_name": "Viện Sinh thái rừng",
        "principal_investigator": "Đỗ Thị Hạnh", "pi_title": "ThS.",
        "team-TOTAL_FORMS": "2", "team-INITIAL_FORMS": "0", "team-MIN_NUM_FORMS": "0", "team-MAX_NUM_FORMS": "30",
        "team-0-name": "Phạm Văn Long", "team-0-role": "secretary", "team-0-affiliation": "Viện Sinh thái rừng",
        "team-1-name": "", "team-1-role": "member"})
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.status, project.principal_investigator) == ("proposed", "Đỗ Thị Hạnh")
    assert list(project.members.values_list("name", "role")) == [("Phạm Văn Long", "secretary")]


@pytest.mark.django_db
def test_create_refuses_without_title(lab):
    response = _client(lab.officer).post(reverse("research_project_create"), {
        "organisation": lab.world.unit.pk, "title": "", "level": "provincial", "field": "agriculture",
        "kind": "de_tai", "team-TOTAL_FORMS": "0", "team-INITIAL_FORMS": "0"})
    assert response.status_code == 200 and not Project.objects.exists()


@pytest.mark.django_db
def test_edit_after_contract_keeps_budget_locked(lab):
    project = lab.project("implementing")
    response = _client(lab.officer).get(reverse("research_project_edit", args=[project.pk]))
    assert 'name="budget_state_vnd"' in response.content.decode() and "disabled" in response.content.decode()


@pytest.mark.django_db
def test_schedule_a_check(lab):
    project = lab.project("implementing")
    response = _client(lab.officer).post(reverse("research_check_schedule", args=[project.pk]),
                                         {"due_date": "2024-06-30"})
    assert response.status_code == 302
    assert project.checks.filter(due_date=D(2024, 6, 30)).exists()


def _round(lab, n: int = 0) -> CallRound:
    call = CallRound.objects.create(organisation=lab.world.unit, year=2023, title="Đề xuất đặt hàng năm 2023")
    titles = ["Bảo tồn giá trị văn hóa dân tộc Nùng, Dao phục vụ du lịch Lục Ngạn, Sơn Động",
              "Nghiên cứu bảo tồn giá trị văn hóa dân tộc Nùng, Dao gắn với du lịch ở Lục Ngạn, Sơn Động",
              "Nghiên cứu giống lúa thuần mới năng suất cao"]
    for i, title in enumerate(titles[: n or 3], start=1):
        Proposal.objects.create(round=call, number=i, title=title, proposer_name="Sở Văn hóa, Thể thao và Du lịch")
    return call


@pytest.mark.django_db
def test_calls_page_lists_rounds_by_year_with_counts(lab):
    _round(lab)
    html = _client(lab.officer).get(reverse("research_calls")).content.decode()
    assert "Năm 2023" in html and 'data-testid="round-total">3<' in html


@pytest.mark.django_db
def test_round_page_groups_duplicates(lab):
    call = _round(lab)
    html = _client(lab.officer).get(reverse("research_round_detail", args=[call.pk])).content.decode()
    assert 'data-testid="duplicate-group"' in html and html.count('data-testid="duplicate-group"') == 1


@pytest.mark.django_db
def test_round_page_filters_proposals(lab):
    call = _round(lab)
    html = _client(lab.officer).get(reverse("research_round_detail", args=[call.pk]), {"q": "lua thuan"}).content
    assert "giống lúa thuần" in html.decode() and "Sơn Động</a>" not in html.decode()


@pytest.mark.django_db
def test_merge_duplicates(lab):
    call = _round(lab)
    keep, other = call.proposals.order_by("number")[:2]
    response = _client(lab.officer).post(reverse("research_proposal_merge", args=[keep.pk]),
                                         {"duplicates": [other.pk]})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == ProposalStatus.MERGED and other.duplicate_of == keep


@pytest.mark.django_db
def test_decline_needs_a_reason(lab):
    call = _round(lab, 1)
    proposal = call.proposals.get()
    _client(lab.officer).post(reverse("research_proposal_decline", args=[proposal.pk]), {"reason": ""})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.FILED
    _client(lab.officer).post(reverse("research_proposal_decline", args=[proposal.pk]), {"reason": "Ngoài định hướng"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED


@pytest.mark.django_db
def test_create_proposal_numbers_it_and_warns_of_similar_titles(lab):
    call = _round(lab)
    client = _client(lab.officer)
    url = reverse("research_proposal_create", args=[call.pk])
    response = client.post(url, {"title": "Giống lúa thuần mới năng suất cao cho vùng đồi", "proposer_name": "UBND huyện",
                                 "level": "provincial", "field": "agriculture", "kind": "de_tai"})
    assert response.status_code == 302
    assert call.proposals.order_by("-number").first().number == 4
    response = client.post(url, {"title": "", "proposer_name": "", "level": "provincial", "field": "agriculture",
                                 "kind": "de_tai"})
    assert response.status_code == 200 and "Cần nhập tổ chức" in response.content.decode()


@pytest.mark.django_db
def test_send_chosen_proposals_through_the_page(lab):
    from tests.research.test_councils import Councils

    _council, rnd = Councils(lab).council("identification")
    call = _round(lab)
    chosen = list(call.proposals.order_by("number")[:2])
    response = _client(lab.officer).post(reverse("research_round_send", args=[call.pk]), {
        "council_round": rnd.pk, "proposals": [p.pk for p in chosen]})
    assert response.status_code == 302
    assert rnd.entries.count() == 2
    assert Project.objects.filter(status="identification").count() == 2


@pytest.mark.django_db
def test_round_of_another_organisation_is_forbidden(lab):
    call = _round(lab)
    assert _client(lab.outsider).get(reverse("research_round_detail", args=[call.pk])).status_code == 403


@pytest.mark.django_db
def test_api_lists_projects_in_scope_only(lab):
    project = lab.project("implementing")
    data = _client(lab.officer).get("/api/v1/research-projects/").json()
    assert [row["id"] for row in data["results"]] == [project.pk]
    assert data["results"][0]["timing"] == "late"
    assert _client(lab.outsider).get(f"/api/v1/research-projects/{project.pk}/").status_code == 404
    detail = _client(lab.officer).get(f"/api/v1/research-projects/{project.pk}/").json()
    assert [e["action"] for e in detail["events"]][:2] == ["send_identification", "recommend"]


@pytest.mark.django_db
def test_api_filters_proposals(lab):
    call = _round(lab)
    data = _client(lab.officer).get("/api/v1/research-proposals/", {"round": call.pk, "q": "lua"}).json()
    assert [row["number"] for row in data["results"]] == [3]


@pytest.mark.django_db
def test_portfolio_filters_with_htmx_return_the_results_only(lab):
    lab.project("proposed", title="Bảo tồn nguồn gen Lim xanh")
    response = _client(lab.officer).get(reverse("research_portfolio"), {"q": "lim xanh"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "Lim xanh" in html and "<html" not in html
