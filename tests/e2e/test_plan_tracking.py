"""End to end in headless Chromium: report progress as an officer, accept it as a leader."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from playwright.sync_api import expect

from dost.plans.models import Task
from tests.e2e.conftest import login, logout

pytestmark = pytest.mark.e2e

# A day outside December: in December every annual task is "due soon", whatever its progress, so the
# statuses this test follows ("not started", then "on track") exist only in the other eleven months.
OUTSIDE_DECEMBER = datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


@pytest.fixture
def outside_december():
    """The server's clock (the live server runs in this process) on ``OUTSIDE_DECEMBER``, still ticking.

    Cookies keep working: Django sends Max-Age with them, which the browser prefers to the Expires date.
    """
    with time_machine.travel(OUTSIDE_DECEMBER, tick=True):
        yield


def test_officer_reports_and_leader_accepts(outside_december, page, demo, tmp_path):
    task = Task.objects.get(title="Tiếp nhận, thẩm định và hỗ trợ kinh phí")
    evidence = tmp_path / "bien-ban-tham-dinh.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% minh chung\n")

    login(page, "chuyenvien")
    expect(page.get_by_test_id("status-counts")).to_be_visible()
    page.goto("/plans/")
    page.get_by_test_id("plan-search").fill("trien khai nghi quyet 43")
    plan_link = page.get_by_role("link", name="Triển khai thực hiện Nghị quyết số 43/2022/NQ-HĐND")
    expect(plan_link).to_be_visible()
    expect(page.get_by_test_id("plan-table").locator("tbody tr")).to_have_count(1)
    plan_link.click()
    expect(page.get_by_test_id("plan-budget")).to_contain_text("800.000.000 đ")
    page.get_by_role("link", name="Tiếp nhận, thẩm định và hỗ trợ kinh phí").click()
    expect(page.get_by_test_id("task-status")).to_contain_text("Chưa bắt đầu")

    form = page.get_by_test_id("report-form")
    form.locator("#id_period_label").fill("Quý IV/2026")
    form.locator("#id_percent").fill("50")
    form.locator("#id_narrative").fill("Đã tiếp nhận 12 hồ sơ, thẩm định xong 6 hồ sơ.")
    form.locator("#id_files").set_input_files(str(evidence))
    form.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_test_id("reports")).to_contain_text("Chờ duyệt")
    expect(page.get_by_test_id("reports")).to_contain_text("bien-ban-tham-dinh.pdf")
    expect(page.get_by_test_id("task-progress")).to_contain_text("0%")
    logout(page)

    login(page, "lanhdao")
    page.goto(f"/tasks/{task.pk}/")
    review = page.get_by_test_id("review-form")
    review.locator("input[name=comment]").fill("Đồng ý, đề nghị tiếp tục.")
    review.get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_test_id("task-progress")).to_contain_text("50%")
    expect(page.get_by_test_id("task-status")).to_contain_text("Đúng tiến độ")
    expect(page.get_by_test_id("reports")).to_contain_text("Đã chấp nhận")
    expect(page.get_by_test_id("reports")).to_contain_text("GIÁM ĐỐC")
    assert page.csp_violations == []


def test_other_unit_cannot_edit_the_task(page, demo):
    task = Task.objects.get(ref="1.2", plan__title__contains="nhiệm vụ trọng tâm")
    login(page, "chuyenvien2")
    page.goto(f"/tasks/{task.pk}/")
    expect(page.get_by_test_id("task-title")).to_be_visible()
    expect(page.get_by_test_id("edit-task")).to_have_count(0)
    response = page.goto(f"/tasks/{task.pk}/edit/")
    assert response.status == 403
    expect(page.get_by_test_id("forbidden")).to_be_visible()
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    api = page.request.patch(
        f"/api/v1/tasks/{task.pk}/", data=json.dumps({"title": "Sửa trái phép"}),
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf, "Referer": page.url},
    )
    assert api.status == 403
    task.refresh_from_db()
    assert task.title != "Sửa trái phép"


def test_plan_gantt_renders_without_csp_violations(page, demo):
    task = Task.objects.get(ref="1.2", plan__title__contains="nhiệm vụ trọng tâm")
    login(page, "lanhdao")
    page.goto(f"/plans/{task.plan_id}/")
    page.locator("#gantt-tab").click()
    expect(page.locator("#gantt svg").first).to_be_visible()
    expect(page.locator("#gantt .gantt-bar")).to_have_count(6)
    expect(page.locator("#gantt .gantt-diamond")).to_have_count(33)
    page.wait_for_timeout(400)  # the tab fades in
    page.screenshot(path="/tmp/dost-gantt.png", full_page=True)
    assert page.csp_violations == []
