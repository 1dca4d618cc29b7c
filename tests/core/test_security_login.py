"""Login throttling (django-axes) and the password policy."""

from __future__ import annotations

import base64
import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from dost.core.demo import DEMO_PASSWORD
from dost.core.security import client_address
from tests.factories import PASSWORD, UserFactory

LOGIN = "/login/"


def _post_login(client: Client, username: str, password: str, address: str = "198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client: Client, username: str, times: int, address: str = "198.51.100.7"):
    response = None
    for _ in range(times):
        response = _post_login(client, username, "sai-mat-khau-roi", address)
    return response


@pytest.mark.django_db
def test_five_failures_lock_the_username_from_that_address_with_a_vietnamese_login_page():
    UserFactory(username="lanhdao")
    client = Client()
    assert _fail(client, "lanhdao", 4).status_code == 200  # the form again, "wrong password"
    locked = _fail(client, "lanhdao", 1)
    assert locked.status_code == 429
    assert "registration/login.html" in [t.name for t in locked.templates]
    body = locked.content.decode()
    assert "bị khóa" in body and "15 phút" in body
    assert locked["Retry-After"] == "900"

    # The right password is refused too while locked out, with the same page, and nobody is signed in.
    refused = _post_login(client, "lanhdao", PASSWORD)
    assert refused.status_code == 429
    assert 'data-testid="lockout"' in refused.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_username_and_address():
    UserFactory(username="lanhdao")
    UserFactory(username="chuyenvien")
    _fail(Client(), "lanhdao", 5)
    assert _post_login(Client(), "chuyenvien", PASSWORD).status_code == 302  # other user, same address
    assert _post_login(Client(), "lanhdao", PASSWORD, address="203.0.113.9").status_code == 302  # other address
    assert _post_login(Client(), "lanhdao", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_lockout_ends_after_the_cool_off_and_is_not_extended_by_attempts_during_it():
    UserFactory(username="lanhdao")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        _fail(Client(), "lanhdao", 5)
        clock.shift(datetime.timedelta(minutes=10))
        assert _post_login(Client(), "lanhdao", PASSWORD).status_code == 429
        clock.shift(datetime.timedelta(minutes=6))  # 16 minutes after the fifth failure
        assert _post_login(Client(), "lanhdao", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_successful_login_resets_the_count():
    UserFactory(username="lanhdao")
    _fail(Client(), "lanhdao", 4)
    assert _post_login(Client(), "lanhdao", PASSWORD).status_code == 302
    assert _fail(Client(), "lanhdao", 4).status_code == 200
    assert _post_login(Client(), "lanhdao", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_api_basic_authentication_is_throttled_too(world):
    client = Client()
    wrong = "Basic " + base64.b64encode(b"officer:sai-mat-khau-roi").decode()
    right = "Basic " + base64.b64encode(f"officer:{PASSWORD}".encode()).decode()
    assert client.get("/api/v1/plans/", HTTP_AUTHORIZATION=right).status_code == 200
    for _ in range(4):
        assert client.get("/api/v1/plans/", HTTP_AUTHORIZATION=wrong).status_code == 403
    assert client.get("/api/v1/plans/", HTTP_AUTHORIZATION=wrong).status_code == 429  # the fifth locks out
    locked = client.get("/api/v1/plans/", HTTP_AUTHORIZATION=right)
    assert locked.status_code == 429
    assert "bị khóa" in locked.json()["detail"]
    assert locked["Retry-After"] == "900"


@pytest.mark.pure
def test_client_address_ignores_forwarded_headers_unless_proxies_are_configured(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5")
    settings.DOST_TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.2"
    settings.DOST_TRUSTED_PROXIES = 1
    assert client_address(request) == "203.0.113.5"
    assert client_address(factory.get("/", REMOTE_ADDR="::ffff:198.51.100.7")) == "198.51.100.7"
    assert client_address(factory.get("/", REMOTE_ADDR="not-an-address")) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("a1b2c3d4", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("password123", "Mật khẩu này quá phổ biến."),
        ("20262026202620", "Mật khẩu này hoàn toàn là số."),
        ("nguyenvanbinh26", "Mật khẩu quá giống với Tên đăng nhập."),
    ],
)
def test_password_policy_speaks_vietnamese(password, expected):
    user = get_user_model()(username="nguyenvanbinh26", first_name="Bình")
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_password(password, user)
    assert expected in error.value.messages


@pytest.mark.django_db
def test_the_demo_password_satisfies_the_policy_and_a_strong_one_passes():
    for username in ("lanhdao", "chuyenvien", "quantri", "doanhnghiep"):
        validate_password(DEMO_PASSWORD, get_user_model()(username=username))
    validate_password("mây-trắng-bay-2026", get_user_model()(username="lanhdao"))


@pytest.mark.django_db
def test_the_login_page_still_says_the_demo_does_not_require_two_factor():
    body = Client().get(reverse("login")).content.decode()
    assert 'data-testid="demo-notice"' in body
    assert "không yêu cầu xác thực hai lớp" in body
