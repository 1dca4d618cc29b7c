"""End to end in headless Chromium: an S&T task from proposal to acceptance.

The officer files a proposal in the 2027 call and sends it to the identification council; the leader records
the recommendation, the selection (direct assignment) and the approved budget; the officer signs the contract
and records a progress check. The officer then forms the acceptance council of seven in the councils pages
(decision, members, round) and submits the task to it. One member is excluded from the entry by a conflict
of interest; three members score online as their own users; the secretary enters three paper sheets; the
leader closes the round. The project page shows the rating, and the generated minutes download as .docx.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from playwright.sync_api import expect

from dost.research.models import add_months
from tests.e2e.conftest import login, logout

pytestmark = pytest.mark.e2e

TITLE = "Ứng dụng công nghệ sinh học sản xuất chế phẩm vi sinh xử lý phụ phẩm nông nghiệp tại Bắc Ninh"
MEMBERS = [  # name, role, title, affiliation, username (online) or "" (paper)
    ("Vũ Văn Thành", "chair", "PGS.TS.", "Trường Đại học Nông nghiệp", "chuyengia1"),
    ("Phạm Văn Hùng", "secretary", "Chuyên viên", "Phòng Quản lý Khoa học", "chuyenvien2"),
    ("Đinh Thị Hằng", "reviewer", "TS.", "Viện Môi trường Nông nghiệp", "chuyengia2"),
    ("Mai Xuân Trường", "reviewer", "TS.", "Sở Nông nghiệp và Môi trường", "chuyengia3"),
    ("Hà Thị Phương", "member", "ThS.", "Công ty CP Phân bón Bắc Ninh", ""),
    ("Lã Văn Cường", "member", "KS.", "Trung tâm Khuyến nông tỉnh", ""),
    ("Kiều Thị Oanh", "member", "ThS.", "Hội Nông dân tỉnh", ""),
]
ONLINE = {"chuyengia1": "xuat-sac", "chuyengia2": "dat", "chuyengia3": "dat"}
PAPER = {"Phạm Văn Hùng": "dat", "Lã Văn Cường": "xuat-sac", "Kiều Thị Oanh": "dat"}
EXCLUDED = "Hà Thị Phương"


def _set(scope, name: str, value: str) -> None:
    """Fill a field: selects by value ("index:N" / "label:…" otherwise), checkboxes "on"/"off", inputs by typing."""
    select = scope.locator(f"select[name={name}]")
    if select.count():
        if value.startswith("index:"):
            select.first.select_option(index=int(value[6:]))
        elif value.startswith("label:"):
            select.first.select_option(label=value[6:])
        else:
            select.first.select_option(value)
        return
    field = scope.locator(f"[name={name}]").first
    if field.get_attribute("type") == "checkbox":
        field.set_checked(value == "on")
    else:
        field.fill(value)


def _act(page, action: str, fields: dict[str, str], decision: tuple[str, str, str] | None = None) -> None:
    """Open the move's form on the project page, fill it and submit."""
    page.get_by_test_id(f"action-{action}").click()
    form = page.get_by_test_id(f"form-{action}")
    expect(form).to_be_visible()
    for name, value in fields.items():
        _set(form, f"{action}-{name}", value)
    if decision:
        number, day, signer = decision
        form.locator(f"[name={action}-decision_number]").fill(number)
        form.locator(f"[name={action}-decision_date]").fill(day)
        form.locator(f"[name={action}-decision_signer]").fill(signer)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    errors = page.get_by_test_id("form-errors")
    assert not errors.count(), errors.first.inner_text()
    expect(page.locator(".alert-success")).to_contain_text("Đã thực hiện")


def _fill(page, values: dict[str, str]) -> None:
    form = page.locator("main form").last
    for name, value in values.items():
        _set(form, name, value)


def test_research_project_from_proposal_to_acceptance(page, demo):
    from dost.core.models import Organisation
    from dost.councils.models import RuleSet

    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations of destructive or final steps
    today = datetime.date.today()
    iso = today.isoformat()
    start, end = add_months(today, -20), add_months(today, -1)
    qlkh = Organisation.objects.get(name="Phòng Quản lý Khoa học", parent__name__endswith="Bắc Ninh")
    acceptance_rules = RuleSet.objects.get(code="nghiem-thu")

    # 1. The officer files the proposal in the 2027 call and sends it to the identification council.
    login(page, "chuyenvien2")
    page.get_by_role("link", name="Nhiệm vụ KH&CN").click()
    expect(page.get_by_test_id("project-table")).to_be_visible()
    page.get_by_role("link", name="Đề xuất đặt hàng").first.click()
    page.get_by_role("link", name="Đề xuất đặt hàng nhiệm vụ KH&CN cấp tỉnh năm 2027").click()
    page.get_by_test_id("proposal-create").click()
    _fill(page, {"title": TITLE, "proposer_name": "Sở Nông nghiệp và Môi trường", "field": "agriculture",
                 "kind": "du_an", "duration_months": "24", "budget_estimate_vnd": "1200000000"})
    page.get_by_test_id("proposal-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("round-title")).to_contain_text("năm 2027")
    expect(page.get_by_test_id("duplicate-groups")).to_be_visible()  # the demo call has look-alike titles
    row = page.get_by_test_id("proposal-table").locator("tr", has_text=TITLE)
    row.locator("input[type=checkbox]").check()
    send = page.get_by_test_id("send-form")
    send.locator("select[name=council_round]").select_option(index=1)
    page.get_by_test_id("send-button").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đưa 1 đề xuất")
    page.get_by_test_id("proposal-table").locator("tr", has_text=TITLE).get_by_role("link",
                                                                                   name="Xem nhiệm vụ").click()
    expect(page.get_by_test_id("project-status")).to_contain_text("Hội đồng tư vấn xác định")
    project_url = page.url
    logout(page)

    # 2. The leader records the approved list, the direct assignment and the appraised budget.
    login(page, "lanhdao")
    page.goto(project_url)
    _act(page, "recommend", {}, ("1520/QĐ-UBND", iso, "Phó Chủ tịch UBND tỉnh"))
    _act(page, "select", {"assignment_method": "direct", "host_name": "Trung tâm Ứng dụng KH&CN tỉnh Bắc Ninh",
                          "principal_investigator": "Nguyễn Thị Thu Trang", "pi_title": "ThS."},
         ("1644/QĐ-UBND", iso, "Phó Chủ tịch UBND tỉnh"))
    _act(page, "approve_budget", {"budget_state_vnd": "980000000", "budget_other_vnd": "220000000"},
         ("1702/QĐ-UBND", iso, "Phó Chủ tịch UBND tỉnh"))
    expect(page.get_by_test_id("budget")).to_contain_text("1.200.000.000 đ")
    logout(page)

    # 3. The officer signs the contract (the yearly check is scheduled) and records the check.
    login(page, "chuyenvien2")
    page.goto(project_url)
    _act(page, "sign_contract", {"start_date": start.isoformat(), "end_date": end.isoformat()},
         ("27/2025/HĐ-KHCN", start.isoformat(), "Giám đốc Sở KH&CN"))
    expect(page.get_by_test_id("project-status")).to_contain_text("Đang thực hiện")
    _act(page, "check", {"check": "index:1", "done_on": iso, "outcome": "on_track", "note": "Đã sản xuất thử 3 tấn chế phẩm."},
         ("12/BB-KHCN", iso, "Trưởng đoàn kiểm tra"))
    page.get_by_test_id("tab-checks").click()
    expect(page.get_by_test_id("checks")).to_contain_text("Đúng tiến độ")

    # 4. The officer forms the acceptance council of seven and opens its round (councils pages).
    page.goto("/councils/new/")
    _fill(page, {"name": "Hội đồng nghiệm thu dự án chế phẩm vi sinh", "purpose": "acceptance",
                 "organisation": str(qlkh.pk), "rule_set": str(acceptance_rules.pk), "year": str(today.year),
                 "decision_number": "315/QĐ-KHCN", "decision_date": iso, "decision_signer": "Giám đốc Sở KH&CN"})
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("council-name")).to_contain_text("chế phẩm vi sinh")
    council_url = page.url
    for name, role, title, affiliation, username in MEMBERS:
        page.goto(council_url + "members/new/")
        _fill(page, {"name": name, "role": role, "title": title, "affiliation": affiliation, "username": username,
                     "external": "on" if username.startswith("chuyengia") or not username else "off"})
        page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("members")).to_contain_text(name)
    expect(page.get_by_test_id("members").locator("tbody tr")).to_have_count(7)
    page.get_by_test_id("round-create").click()
    _fill(page, {"title": "Phiên nghiệm thu", "meeting_date": iso, "place": "Phòng họp Sở KH&CN"})
    page.get_by_test_id("submit").click()
    round_url = page.url

    # 5. The officer submits the task to that council (the decision forming it is the move's document).
    page.goto(project_url)
    _act(page, "submit_acceptance", {
        "dossier_on": iso, "council_round": "label:Hội đồng nghiệm thu dự án chế phẩm vi sinh — Phiên nghiệm thu"})
    expect(page.get_by_test_id("project-status")).to_contain_text("Đang nghiệm thu")

    # 6. A conflict of interest excludes one member from the entry; the scoring opens with all seven present.
    page.goto(round_url + "conflicts/new/")
    page.locator("form [name=entry]").select_option(index=1)
    page.locator("form [name=member]").select_option(label=EXCLUDED)
    page.locator("form [name=reason]").fill("Công tác tại đơn vị phối hợp thực hiện dự án")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("presence").click()
    expect(page.locator("form input[name=present]:checked")).to_have_count(7)
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("round-title")).to_contain_text("Đang chấm")
    logout(page)

    # 7. Three members score online as themselves.
    for username, rating in ONLINE.items():
        login(page, username)
        page.goto("/councils/my-sheets/")
        page.get_by_test_id("todo").get_by_role("link", name="Chấm").first.click()
        page.locator(f"input[name=rating][value={rating}]").check()
        page.locator("textarea[name=comment]").fill("Sản phẩm đạt yêu cầu đặt hàng.")
        page.get_by_test_id("submit-sheet").click()
        expect(page.get_by_test_id("sheets")).to_be_visible()
        logout(page)

    # 8. The secretary enters the three paper sheets; the excluded member cannot be chosen.
    login(page, "chuyenvien2")
    for name, rating in PAPER.items():
        page.goto(round_url)
        page.get_by_test_id("paper").first.click()
        member = page.locator("form select[name=member]")
        expect(member.locator("option", has_text=EXCLUDED)).to_have_count(0)
        member.select_option(label=name)
        page.locator(f"input[name=rating][value={rating}]").check()
        page.get_by_test_id("submit-sheet").click()
        expect(page.locator(".alert-success")).to_contain_text(name)
    logout(page)

    # 9. The leader closes the round; the project shows the rating and the minutes download.
    login(page, "lanhdao")
    page.goto(round_url)
    page.get_by_test_id("close-round").click()
    page.get_by_test_id("confirm-close").click()
    expect(page.get_by_test_id("round-title")).to_contain_text("Đã có kết quả")
    page.goto(project_url)
    expect(page.get_by_test_id("project-status")).to_contain_text("Đã nghiệm thu")
    expect(page.get_by_test_id("project-rating")).to_contain_text("Đạt")
    expect(page.get_by_test_id("timeline")).to_contain_text("Công nhận kết quả nghiệm thu")
    expect(page.get_by_test_id("timeline")).to_contain_text("315/QĐ-KHCN")
    page.get_by_test_id("tab-councils").click()
    result = page.get_by_test_id("council-entries").locator("tr", has_text="Hội đồng nghiệm thu dự án")
    expect(result.get_by_test_id("entry-result")).to_contain_text("Đạt")
    expect(result.get_by_test_id("entry-result")).to_contain_text("6/6")  # the excluded member does not count
    with page.expect_download() as download_info:
        result.get_by_test_id("minutes-link").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    data = open(download.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    assert "BIÊN BẢN" in text.upper() and EXCLUDED in text and "Đạt" in text
    assert page.csp_violations == []
