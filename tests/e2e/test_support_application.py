"""End to end: an enterprise registers and applies for Resolution 43 support with files; the officer asks for a
missing document (the clock stops); the enterprise supplies it; the officer appraises; the leader decides;
the letters exist; the envelope drops by the decided amount; the public look-up shows each state."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, logout

pytestmark = pytest.mark.e2e
PASSWORD = "Mat-khau-DN-2026!"


def _pdf(tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF")
    return str(path)


def _lookup(page, code: str, access: str) -> str:
    page.goto("/lookup/")
    form = page.get_by_test_id("lookup-form")
    form.locator("input[name=public_code]").fill(code)
    form.locator("input[name=access_code]").fill(access)
    form.locator("button[type=submit]").click()
    return page.get_by_test_id("lookup-result").inner_text()


def test_support_application_end_to_end(page, demo, tmp_path):
    from dost.grants.models import Envelope, Programme
    from dost.grants.services import envelope_status

    programme = Programme.objects.get(procedure__code="NQ43-HT")
    remaining_before = envelope_status(programme, 2026).remaining

    # 1. The enterprise registers and applies, forgetting the proof of costs (optional in the form? no:
    #    it uploads a wrong proof, which the officer will ask to replace).
    page.goto("/register/")
    form = page.get_by_test_id("register-form")
    for name, value in {"name": "Công ty Cổ phần Chè Bắc Ninh", "tax_code": "0100047516",
                        "address": "Thị trấn Chờ, Yên Phong, Bắc Ninh", "representative": "Lê Văn Tâm",
                        "representative_title": "Giám đốc", "contact_name": "Lê Văn Tâm",
                        "email": "tam@chebacninh.vn", "phone": "0912000111", "username": "chebacninh",
                        "password1": PASSWORD, "password2": PASSWORD}.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/applicant/")
    page.goto("/applicant/new/")
    page.get_by_test_id("procedures").get_by_role("link").filter(has_text="Nghị quyết 43").first.click()
    submit = page.get_by_test_id("submit-form")
    for index, file_input in enumerate(submit.locator("input[type=file]").all()):
        file_input.set_input_files(_pdf(tmp_path, f"tai-lieu-{index}.pdf"))
    submit.locator("button[type=submit]").click()
    code = page.get_by_test_id("public-code").inner_text()
    access = page.get_by_test_id("access-code").inner_text()
    support = page.get_by_test_id("support-form")
    support.locator("select[name=content]").select_option(index=0)
    support.get_by_role("button").click()
    expect(page.get_by_test_id("support-request")).to_contain_text("Chờ thẩm định")
    assert "Đã nộp" in _lookup(page, code, access)
    logout(page)

    # 2. The officer receives it and asks, once, for the missing document: the clock stops.
    login(page, "chuyenvien")
    page.goto("/dossiers/?q=" + code)
    page.get_by_role("link", name=code).click()
    detail = page.url
    page.get_by_test_id("receive").click()
    expect(page.get_by_test_id("letters")).to_contain_text("Giấy tiếp nhận")
    supplement = page.get_by_test_id("supplement-form")
    supplement.locator("textarea[name=items]").fill("Chứng từ thanh toán chi phí áp dụng ISO có xác nhận của ngân hàng")
    supplement.get_by_role("button").click()
    expect(page.get_by_test_id("due-date")).to_contain_text("dừng tính hạn")
    logout(page)
    assert "Chờ bổ sung" in _lookup(page, code, access)

    # 3. The enterprise supplies it.
    page.goto("/login/")
    page.fill("#id_username", "chebacninh")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("link", name=code).click()
    expect(page.get_by_test_id("supplement-items")).to_contain_text("Chứng từ thanh toán")
    answer = page.get_by_test_id("supplement-form")
    answer.locator("input[type=file]").last.set_input_files(_pdf(tmp_path, "chung-tu.pdf"))
    answer.locator("button[type=submit]").click()
    expect(page.get_by_test_id("due-date")).not_to_contain_text("dừng")
    logout(page)

    # 4. The officer appraises and sends it for signature.
    login(page, "chuyenvien")
    page.goto(detail)
    expect(page.get_by_test_id("changes")).to_contain_text("Chứng từ")
    appraisal = page.locator("form[action$='/appraise/']")
    appraisal.locator("input[name=eligible_cost_vnd]").fill("80.000.000")
    appraisal.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("40.000.000")
    page.get_by_test_id("advance").click()  # appraisal done: to the leader's signature
    logout(page)
    assert "Chờ lãnh đạo ký" in _lookup(page, code, access)

    # 5. The leader decides the support: the decision letter is generated, the envelope drops.
    login(page, "lanhdao")
    page.goto(detail)
    decision = page.locator("form[action$='/decide/']")
    decision.locator("button[type=submit]").click()
    expect(page.get_by_test_id("letters")).to_contain_text("Quyết định")
    expect(page.get_by_test_id("letters")).to_contain_text("Phiếu yêu cầu bổ sung")
    logout(page)
    assert envelope_status(programme, 2026).remaining == remaining_before - 40_000_000
    assert Envelope.objects.get(programme=programme, year=2026).amount_vnd == 800_000_000
    assert "Đã có kết quả" in _lookup(page, code, access)
    assert page.csp_violations == []
