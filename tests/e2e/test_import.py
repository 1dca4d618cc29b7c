"""End to end: upload a plan, a real worker parses it, the officer reviews and confirms."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from dost.plans.models import Plan
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "003_939a8cc7529e5ded.txt"


def test_upload_parse_review_confirm(page, demo, task_worker):
    login(page, "lanhdao")
    page.goto("/plans/")
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.get_by_test_id("import-form").locator("select[name=owner]").select_option(label="Sở Khoa học và Công nghệ tỉnh Bắc Ninh")
    page.locator("input[name=files]").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Tải lên và đọc văn bản").click()
    expect(page.get_by_test_id("review-0")).to_be_visible(timeout=60000)
    expect(page.get_by_test_id("source-text").locator("mark[data-field=number]")).to_have_text("25/KH-KHCN")
    expect(page.get_by_test_id("review-tasks").locator("tbody tr")).to_have_count(10)
    page.get_by_role("button", name="Xác nhận tạo kế hoạch").click()
    expect(page.get_by_test_id("plan-title")).to_contain_text("Hỗ trợ doanh nghiệp đổi mới công nghệ")
    owner_plans = Plan.objects.filter(owner__short_name="Sở KH&CN Bắc Ninh", number="25")
    assert owner_plans.count() == 1 and owner_plans.get().tasks.count() == 10
    assert page.csp_violations == []
