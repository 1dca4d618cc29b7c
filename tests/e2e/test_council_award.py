"""End to end: a two-round award. The secretary opens the preliminary round and types the external experts' paper
sheets; members with accounts score online (sealed until they submit); the leader closes the round and the
ranking shows a tie; the final round is opened from the preliminary (the tie at the boundary advances together);
it is scored and closed with prizes by rank (a shared prize for the tie); the minutes are downloaded and read."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, logout

pytestmark = pytest.mark.e2e

SCORES = {"prelim": {"A": ("50", "30"), "B": ("45", "30"), "C": ("45", "30")},
          "final": {"A": ("55", "35"), "B": ("50", "30"), "C": ("50", "30")}}


@pytest.fixture
def award(transactional_db):
    """A press award jury of a Chi cục: chair (the leader), secretary (an officer), a member, two paper experts."""
    from django.contrib.auth import get_user_model

    from dost.core.demo import DEMO_PASSWORD
    from dost.core.models import Membership, Organisation
    from dost.core.status import CouncilRole, OrganisationKind, Role
    from dost.councils import services
    from dost.councils.defaults import seed_rule_sets
    from dost.councils.models import Method, Purpose

    department = Organisation.objects.create(name="Sở Khoa học và Công nghệ tỉnh Bắc Ninh", kind=OrganisationKind.DEPARTMENT,
                                             head_title="Giám đốc")
    office = Organisation.objects.create(name="Văn phòng Sở", kind=OrganisationKind.OFFICE, parent=department,
                                         short_name="VP")
    users = {}
    for username, name in (("chutich", "Trần Minh Đức"), ("thuky", "Nguyễn Thị Lan"), ("uyvien", "Lê Thị Hoa")):
        user = get_user_model()(username=username, first_name=name)
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[username] = user
    Membership.objects.create(user=users["chutich"], organisation=department, role=Role.LEADER, position="Giám đốc",
                              is_head=True)
    Membership.objects.create(user=users["thuky"], organisation=office, role=Role.OFFICER)
    criteria = [("noi-dung", "Nội dung", Decimal("60")), ("hinh-thuc", "Hình thức", Decimal("40"))]
    rule_sets = seed_rule_sets([
        {"code": "so-khao", "name": "Sơ khảo", "purpose": Purpose.AWARD, "method": Method.SCORE, "quorum_share": "1/2",
         "required_roles": [CouncilRole.CHAIR], "advance_count": 2, "levels": [], "criteria": criteria},
        {"code": "chung-khao", "name": "Chung khảo", "purpose": Purpose.AWARD, "method": Method.SCORE,
         "quorum_share": "1/2", "required_roles": [CouncilRole.CHAIR], "criteria": criteria,
         "levels": [("giai-a", "Giải A", True, {"max_rank": 1}), ("giai-b", "Giải B", True, {"max_rank": 2})]},
    ])
    council = services.create_council(
        name="Hội đồng Giải Báo chí KH&CN 2026", purpose=Purpose.AWARD, organisation=office,
        rule_set=rule_sets["so-khao"], by=users["thuky"], decision_number="12/QĐ-KHCN",
        members=[services.MemberSpec("Trần Minh Đức", CouncilRole.CHAIR, user=users["chutich"]),
                 services.MemberSpec("Nguyễn Thị Lan", CouncilRole.SECRETARY, user=users["thuky"]),
                 services.MemberSpec("Lê Thị Hoa", CouncilRole.MEMBER, user=users["uyvien"]),
                 services.MemberSpec("Bùi Đức Thắng", CouncilRole.MEMBER, affiliation="Hội Nhà báo tỉnh",
                                     external=True),
                 services.MemberSpec("Cao Thị Thu", CouncilRole.MEMBER, affiliation="Báo Bắc Ninh", external=True)])
    preliminary = services.open_round(council, title="Vòng sơ khảo", kind="preliminary", by=users["thuky"])
    for code, title in (("A", "Loạt bài chuyển đổi số"), ("B", "Phóng sự nhà khoa học chân đất"),
                        ("C", "Ký sự phòng thí nghiệm")):
        services.add_entry(preliminary, title=title, code=code, by=users["thuky"])
    return {"round": preliminary, "rule_sets": rule_sets}


def _fill(form, scores) -> None:
    form.get_by_test_id("score-noi-dung").fill(scores[0].replace(".", ","))
    form.get_by_test_id("score-hinh-thuc").fill(scores[1])


def _paper_sheets(page, round_url: str, scores: dict, experts: list[str]) -> None:
    for code, points in scores.items():
        for expert in experts:
            page.goto(round_url)
            page.get_by_test_id(f"entry-{code}").get_by_test_id("paper").click()
            form = page.get_by_test_id("sheet-form")
            form.locator("select[name=member]").select_option(label=expert)
            _fill(form, points)
            form.get_by_test_id("submit-sheet").click()
            expect(page.get_by_test_id("round-title")).to_be_visible()


def _online_sheets(page, round_url: str, scores: dict) -> None:
    for code, points in scores.items():
        page.goto(round_url)
        page.get_by_test_id(f"entry-{code}").get_by_test_id("score").click()
        form = page.get_by_test_id("sheet-form")
        _fill(form, points)
        form.get_by_test_id("submit-sheet").click()
        expect(page.get_by_test_id("sheets")).to_be_visible()  # submitted: the others' sheets are unsealed


def _start(page, round_url: str, absent: list[str] = ()) -> None:
    page.goto(round_url)
    page.get_by_test_id("presence").click()
    for name in absent:
        page.get_by_label(name, exact=False).uncheck()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("round-title")).to_contain_text("Đang chấm")


def _close(page, round_url: str) -> None:
    page.goto(round_url)
    page.get_by_test_id("close-round").click()
    page.get_by_test_id("confirm-close").click()
    expect(page.get_by_test_id("round-title")).to_contain_text("Đã có kết quả")


def _ranks(page) -> dict[str, str]:
    rows = page.get_by_test_id("results").locator("tbody tr")
    return {rows.nth(i).get_attribute("data-testid").removeprefix("result-"): rows.nth(i).get_by_test_id("rank").inner_text()
            for i in range(rows.count())}


def test_two_round_award_with_ranking_and_ties(page, live_server, award):
    preliminary_url = f"/councils/rounds/{award['round'].pk}/"

    # 1. The secretary (an officer of the office) opens the scoring, types the two experts' paper sheets and
    #    scores online; before submitting, her sheet page shows nothing of the others'.
    login(page, "thuky")
    _start(page, preliminary_url)
    _paper_sheets(page, preliminary_url, SCORES["prelim"], ["Bùi Đức Thắng", "Cao Thị Thu"])
    page.goto(preliminary_url)
    page.get_by_test_id("entry-A").get_by_role("link", name="Loạt bài chuyển đổi số").click()
    expect(page.get_by_test_id("sealed")).to_be_visible()
    _online_sheets(page, preliminary_url, SCORES["prelim"])
    page.goto(preliminary_url)
    expect(page.get_by_test_id("entry-A").get_by_test_id("submitted")).to_have_text("3/5")
    logout(page)

    # 2. The member scores from "my sheets"; the leader (chair) scores and closes the round.
    login(page, "uyvien")
    page.goto("/councils/my-sheets/")
    expect(page.get_by_test_id("todo")).to_contain_text("Loạt bài chuyển đổi số")
    _online_sheets(page, preliminary_url, SCORES["prelim"])
    page.goto("/councils/my-sheets/")
    expect(page.get_by_test_id("empty")).to_be_visible()
    logout(page)
    login(page, "chutich")
    _online_sheets(page, preliminary_url, SCORES["prelim"])
    _close(page, preliminary_url)
    assert _ranks(page) == {"A": "1", "B": "2 đồng hạng", "C": "2 đồng hạng"}
    expect(page.get_by_test_id("result-B").get_by_test_id("mean")).to_have_text("75,00")

    # 3. The final round from the preliminary: the top 2 — B and C tie at 2, so three entries advance.
    page.get_by_test_id("open-final").click()
    page.locator("select[name=council]").select_option(label="Hội đồng Giải Báo chí KH&CN 2026")
    page.locator("select[name=rule_set]").select_option(label="Chung khảo")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("round-title")).to_contain_text("Chung khảo")
    final_url = page.url.replace(live_server.url, "")
    for code in ("A", "B", "C"):
        expect(page.get_by_test_id(f"entry-{code}")).to_be_visible()
    _start(page, final_url, absent=["Cao Thị Thu"])
    _online_sheets(page, final_url, SCORES["final"])
    logout(page)

    login(page, "thuky")
    _paper_sheets(page, final_url, SCORES["final"], ["Bùi Đức Thắng"])
    _online_sheets(page, final_url, SCORES["final"])
    logout(page)
    login(page, "uyvien")
    _online_sheets(page, final_url, SCORES["final"])
    logout(page)

    # 4. The leader closes the final: ranks with the tie, the shared prize, and the minutes.
    login(page, "chutich")
    _close(page, final_url)
    assert _ranks(page) == {"A": "1", "B": "2 đồng hạng", "C": "2 đồng hạng"}
    expect(page.get_by_test_id("result-A")).to_contain_text("Giải A")
    expect(page.get_by_test_id("result-B")).to_contain_text("Giải B")
    expect(page.get_by_test_id("result-C")).to_contain_text("Giải B")
    with page.expect_download() as download_info:
        page.get_by_test_id("minutes-docx").click()
    document = docx.Document(io.BytesIO(open(download_info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN" in text and "Thành viên có mặt: 4/5" in text and "Cao Thị Thu" in text.split("vắng mặt")[1]
    assert "Giải A" in cells and "Giải B" in cells and "2 (đồng hạng)" in cells
    assert page.csp_violations == []
