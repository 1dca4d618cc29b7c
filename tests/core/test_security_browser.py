"""End to end in headless Chromium: a leader enrols an authenticator under the strict CSP.

The browser runs in a thread of its own: the e2e suite keeps one Playwright instance open for the whole
session in the main thread (tests/e2e/conftest.py, not visible from here), and a second synchronous instance
cannot start in a thread whose event loop is already running.
"""

from __future__ import annotations

import base64
import io
import threading

import pytest
from django_otp.oath import totp

from tests.e2e.conftest import CHROMIUM

pytestmark = pytest.mark.e2e

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def _enrol_in_browser(base_url: str, username: str, password: str, outcome: dict) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(base_url=base_url, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(15000)
            violations: list[str] = []
            page.on("console", lambda msg: violations.append(msg.text)
                    if "Content Security Policy" in msg.text or "Refused to" in msg.text else None)

            page.goto("/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("button[type=submit]")
            expect(page.get_by_test_id("two-factor-setup")).to_be_visible()

            expect(page.get_by_test_id("two-factor-qr")).to_be_visible()
            # Polled from Python: wait_for_function evaluates a string in the page, which the strict CSP forbids.
            qr = page.get_by_test_id("two-factor-qr")
            for _ in range(50):
                if qr.evaluate("img => img.complete && img.naturalWidth > 0"):
                    break
                page.wait_for_timeout(100)
            assert qr.evaluate("img => img.naturalWidth") > 0
            secret = page.get_by_test_id("two-factor-secret").inner_text().replace(" ", "")
            key = base64.b32decode(secret + "=" * (-len(secret) % 8))

            page.fill("#id_token", f"{totp(key):06d}")
            page.get_by_role("button", name="Xác nhận và bật").click()
            expect(page.get_by_test_id("backup-code-list").locator("li")).to_have_count(10)  # shown once
            expect(page.get_by_text("Đã bật xác thực hai lớp")).to_be_visible()
            page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
            expect(page.get_by_test_id("status-counts")).to_be_visible()  # the dashboard
            outcome["url"] = page.url
            outcome["violations"] = violations
        finally:
            browser.close()


def test_leader_enrols_and_verifies_in_the_browser(live_server, transactional_db, settings):
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dost.core.demo import DEMO_PASSWORD

    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: run `make install` as root, or apt-get install chromium")
    call_command("seed_demo", stdout=io.StringIO())
    settings.DOST_REQUIRE_2FA = True

    outcome: dict = {}
    errors: list[BaseException] = []

    def run() -> None:
        try:
            _enrol_in_browser(live_server.url, "lanhdao", DEMO_PASSWORD, outcome)
        except BaseException as error:  # handed back to the test's thread
            errors.append(error)

    thread = threading.Thread(target=run, name="chromium")
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "the browser did not finish in time"
    if errors:
        raise errors[0]
    assert "/account/2fa/" not in outcome["url"]
    assert outcome["violations"] == []
    assert TOTPDevice.objects.get(user__username="lanhdao").confirmed
