"""Two-factor authentication for leaders and administrators (``DOST_REQUIRE_2FA``)."""

from __future__ import annotations

import base64
import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory

SETUP = "/account/2fa/setup/"
VERIFY = "/account/2fa/verify/"
QR = "/account/2fa/qr.svg"
BACKUP_CODES = "/account/2fa/backup-codes/"


@pytest.fixture
def enforced(settings):
    settings.DOST_REQUIRE_2FA = True
    return settings


def _client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _code(device: TOTPDevice, offset: int = 0) -> str:
    """The device's code for the current time step (``offset`` steps away), as an authenticator shows it."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _wrong_code(device: TOTPDevice) -> str:
    accepted = {_code(device, offset) for offset in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


def test_the_urls_are_where_the_middleware_expects_them():
    assert (reverse("two_factor_setup"), reverse("two_factor_verify"), reverse("two_factor_qr")) == (SETUP, VERIFY, QR)


@pytest.mark.django_db
def test_a_leader_enrols_then_reaches_the_dashboard(world, enforced):
    client = _client(world.users["leader"])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2F"

    page = client.get(response["Location"])
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=world.users["leader"])
    assert not device.confirmed
    body = page.content.decode()
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert page.context["secret"].replace(" ", "") == secret
    assert f'src="{QR}"' in body and 'style="' not in body

    qr = client.get(QR)
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content and b"style" not in qr.content
    assert "no-store" in qr["Cache-Control"]

    # Reloading the page keeps the secret the user may already have scanned.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=world.users["leader"]).count() == 1

    done = client.post(SETUP, {"token": _code(device), "next": "/"})
    assert done.status_code == 302 and done["Location"] == f"{BACKUP_CODES}?next=%2F"  # the codes, then "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert client.get(QR).status_code == 404  # the secret is never shown again after enrolment
    assert client.get("/api/v1/plans/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_is_refused_at_enrolment(world, enforced):
    client = _client(world.users["leader"])
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.users["leader"])
    response = client.post(SETUP, {"token": _wrong_code(device)})
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/").status_code == 302
    assert client.post(SETUP, {"token": "12ab"}).status_code == 200  # not six digits: refused by the form


@pytest.mark.django_db
def test_an_enrolled_leader_verifies_once_per_session_and_a_code_works_only_once(world, enforced):
    leader = world.users["leader"]
    device = TOTPDevice.objects.create(user=leader, name="dost", confirmed=True)
    client = _client(leader)
    response = client.get("/plans/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fplans%2F"
    assert client.get(SETUP).status_code == 302  # no second enrolment while one device is confirmed

    refused = client.post(VERIFY, {"token": _wrong_code(device), "next": "/plans/"})
    assert refused.status_code == 200
    assert "Mã xác thực không đúng" in refused.content.decode()

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        code = _code(device)
        session_before = client.session.session_key
        accepted = client.post(VERIFY, {"token": code, "next": "/plans/"})
        assert accepted.status_code == 302 and accepted["Location"] == "/plans/"
        assert client.session.session_key != session_before  # a new session key for the raised privilege
        assert client.get("/plans/").status_code == 200

        # The same code cannot open a second session (a code seen over a shoulder is spent).
        other = _client(leader)
        assert other.post(VERIFY, {"token": code}).status_code == 200
        assert other.get("/").status_code == 302


@pytest.mark.django_db
def test_repeated_wrong_codes_are_throttled(world, enforced):
    leader = world.users["leader"]
    device = TOTPDevice.objects.create(user=leader, name="dost", confirmed=True)
    client = _client(leader)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(VERIFY, {"token": _wrong_code(device)})
        throttled = client.post(VERIFY, {"token": _code(device)})  # right code, but too soon
        assert "Nhập sai quá nhiều lần" in throttled.content.decode()
    with time_machine.travel(start + datetime.timedelta(seconds=3), tick=False):
        assert client.post(VERIFY, {"token": _code(device)}).status_code == 302


@pytest.mark.django_db
def test_next_never_leaves_the_site(world, enforced):
    leader = world.users["leader"]
    device = TOTPDevice.objects.create(user=leader, name="dost", confirmed=True)
    client = _client(leader)
    response = client.post(VERIFY, {"token": _code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "officer", "other_officer"])
def test_officers_and_viewers_are_not_asked(world, enforced, role):
    client = _client(world.users[role])
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/plans/").status_code == 200


@pytest.mark.django_db
def test_administrators_superusers_and_staff_are_asked(world, enforced):
    superuser = UserFactory(username="root", is_superuser=True)
    staff = UserFactory(username="staff", is_staff=True)
    for user in (world.users["admin"], superuser, staff):
        response = _client(user).get("/")
        assert response.status_code == 302 and response["Location"].startswith(SETUP), user.username
    assert _client(superuser).get("/admin/").status_code == 302


@pytest.mark.django_db
def test_an_officer_who_enrolled_is_held_to_it(world, enforced):
    TOTPDevice.objects.create(user=world.users["officer"], name="dost", confirmed=True)
    assert _client(world.users["officer"]).get("/")["Location"].startswith(VERIFY)


@pytest.mark.django_db
def test_the_api_answers_403_json_for_an_unverified_leader(world, enforced):
    client = _client(world.users["leader"])
    response = client.get("/api/v1/plans/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "xác thực hai lớp" in response.json()["detail"]


@pytest.mark.django_db
def test_basic_authentication_cannot_bypass_the_second_factor(world, enforced):
    def basic(username: str) -> str:
        return "Basic " + base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()

    assert Client().get("/api/v1/plans/", HTTP_AUTHORIZATION=basic("leader")).status_code == 403
    assert Client().get("/api/v1/plans/", HTTP_AUTHORIZATION=basic("officer")).status_code == 200


@pytest.mark.django_db
def test_htmx_requests_are_redirected_through_hx_redirect(world, enforced):
    response = _client(world.users["leader"]).get("/plans/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(SETUP)


@pytest.mark.django_db
def test_posts_are_blocked_and_open_pages_stay_open(world, enforced):
    client = _client(world.users["leader"])
    blocked = client.post(reverse("report_review", kwargs={"pk": world.report.pk}), {"action": "accept"})
    assert blocked.status_code == 302 and blocked["Location"] == SETUP
    assert client.get(reverse("health")).status_code == 200
    assert client.get("/static/dost/app.css").status_code != 302
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_nothing_changes_when_two_factor_is_not_enforced(world, settings):
    settings.DOST_REQUIRE_2FA = False
    client = _client(world.users["leader"])
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/plans/").status_code == 200
    TOTPDevice.objects.create(user=world.users["leader"], name="dost", confirmed=True)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_an_administrator_resets_a_lost_device_in_the_admin(world, enforced):
    leader = world.users["leader"]
    lost = TOTPDevice.objects.create(user=leader, name="dost", confirmed=True)
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    root_device = TOTPDevice.objects.create(user=root, name="dost", confirmed=True)
    admin = _client(root)
    assert admin.post(VERIFY, {"token": _code(root_device)}).status_code == 302

    change = admin.get(reverse("admin:otp_totp_totpdevice_change", args=[lost.pk]))
    assert change.status_code == 200
    assert lost.key not in change.content.decode()  # administrators never see a user's secret
    deleted = admin.post(reverse("admin:otp_totp_totpdevice_delete", args=[lost.pk]), {"post": "yes"})
    assert deleted.status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()

    # At the next sign-in the leader enrols a new authenticator.
    assert _client(leader).get("/")["Location"].startswith(SETUP)


def _enrol(client, user) -> TOTPDevice:
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"token": _code(device), "next": "/plans/"})
    return device


@pytest.mark.django_db
def test_enrolment_gives_ten_backup_codes_shown_once(world, enforced):
    from django_otp.plugins.otp_static.models import StaticToken

    leader = world.users["leader"]
    client = _client(leader)
    _enrol(client, leader)
    page = client.get(f"{BACKUP_CODES}?next=/plans/")
    codes = [c.replace("-", "") for c in page.context["codes"]]
    assert page.status_code == 200 and len(set(codes)) == 10 and "no-store" in page["Cache-Control"]
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=leader).values_list("token", flat=True))
    again = client.get(f"{BACKUP_CODES}?next=/plans/")
    assert again.status_code == 302 and again["Location"] == "/plans/"  # never shown a second time


@pytest.mark.django_db
def test_a_backup_code_verifies_a_session_once(world, enforced):
    from dost.core.twofactor import issue_backup_codes

    leader = world.users["leader"]
    TOTPDevice.objects.create(user=leader, name="dost", confirmed=True)
    code = issue_backup_codes(leader)[0]
    client = _client(leader)
    typed = f"{code[:4].upper()}-{code[4:].upper()}"  # as copied from the page, in capitals
    accepted = client.post(VERIFY, {"token": typed, "next": "/plans/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/plans/"
    assert client.get("/plans/").status_code == 200
    other = _client(leader)
    refused = other.post(VERIFY, {"token": code})
    assert refused.status_code == 200 and "Mã xác thực không đúng" in refused.content.decode()
    assert other.get("/").status_code == 302


@pytest.mark.django_db
def test_enrolling_again_replaces_the_backup_codes(world):
    from django_otp.plugins.otp_static.models import StaticToken

    from dost.core.twofactor import issue_backup_codes

    leader = world.users["leader"]
    first = issue_backup_codes(leader)
    second = issue_backup_codes(leader)
    assert set(StaticToken.objects.filter(device__user=leader).values_list("token", flat=True)) == set(second)
    assert not set(first) & set(second)


@pytest.mark.django_db
def test_a_malformed_code_is_explained(world, enforced):
    leader = world.users["leader"]
    TOTPDevice.objects.create(user=leader, name="dost", confirmed=True)
    response = _client(leader).post(VERIFY, {"token": "abc"})
    assert "mã dự phòng 8 ký tự" in response.content.decode()
