"""Production settings: ``check --deploy`` is clean, secrets come from the environment, HTTPS is enforced."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

# Variables that loosen production settings (or its checks); removed so that the defaults are what is tested.
LOOSENING = ("DOST_SSL_REDIRECT", "DOST_INSECURE_COOKIES", "DOST_HSTS_SECONDS", "DOST_EMAIL_BACKEND",
             "DOST_PROXY_SSL_HEADER", "DOST_DEBUG", "DJANGO_SETTINGS_MODULE",
             "DJANGO_ALLOW_ASYNC_UNSAFE")  # the test suite sets the last one for Playwright


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOOSENING and k != "DOST_SECRET_KEY"}
    env.update({
        "DJANGO_SETTINGS_MODULE": "dost.settings.production",
        "DOST_SECRET_KEY": secrets.token_urlsafe(50),
        "DOST_ALLOWED_HOSTS": "dost.example.gov.vn",
    })
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def _dost(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("dost")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "dost.cli"]
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=120)


def _production_values(env: dict[str, str], *names: str) -> dict:
    code = (
        "import json; from django.conf import settings; import django; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean():
    result = _dost("check", "--deploy", "--fail-level", "WARNING", env=_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_a_missing_secret_key_is_a_clear_error():
    env = _env()
    del env["DOST_SECRET_KEY"]
    result = _dost("check", env=env)
    assert result.returncode != 0
    assert "DOST_SECRET_KEY must be set" in result.stderr


def test_missing_allowed_hosts_is_a_clear_error():
    env = _env()
    del env["DOST_ALLOWED_HOSTS"]
    result = _dost("check", env=env)
    assert result.returncode != 0
    assert "DOST_ALLOWED_HOSTS must be set" in result.stderr


def test_production_values():
    values = _production_values(
        _env(DOST_ALLOWED_HOSTS="dost.example.gov.vn, www.dost.example.gov.vn"),
        "DEBUG", "DOST_DEMO", "DOST_REQUIRE_2FA", "ALLOWED_HOSTS", "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
        "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "SECURE_CSP", "AXES_ENABLED",
    )
    assert values["DEBUG"] is False and values["DOST_DEMO"] is False
    assert values["DOST_REQUIRE_2FA"] is True
    assert values["ALLOWED_HOSTS"] == ["dost.example.gov.vn", "www.dost.example.gov.vn"]
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["X_FRAME_OPTIONS"] == "DENY" and values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    csp = values["SECURE_CSP"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert values["AXES_ENABLED"] is True


def test_the_proxy_header_is_configurable_and_can_be_switched_off():
    assert _production_values(_env(DOST_PROXY_SSL_HEADER="X-Scheme"), "SECURE_PROXY_SSL_HEADER") == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_SCHEME", "https"]
    }
    assert _production_values(_env(DOST_PROXY_SSL_HEADER=""), "SECURE_PROXY_SSL_HEADER") == {
        "SECURE_PROXY_SSL_HEADER": None
    }


def test_the_demo_and_test_settings_do_not_require_two_factor():
    from django.conf import settings

    assert settings.DOST_REQUIRE_2FA is False  # the test settings
    env = {k: v for k, v in os.environ.items() if k not in LOOSENING}
    env["DJANGO_SETTINGS_MODULE"] = "dost.settings.base"
    assert _production_values(env, "DOST_REQUIRE_2FA", "DOST_DEMO") == {"DOST_REQUIRE_2FA": False, "DOST_DEMO": True}
