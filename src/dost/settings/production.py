"""Production settings: DEBUG off, secrets and hosts from the environment, HTTPS only, two-factor enforced.

Everything here keeps ``dost check --deploy --fail-level WARNING`` clean (tested in
tests/core/test_security_settings.py); the Content-Security-Policy is the strict one of ``base``.
"""

import os
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import STORAGES


def _required(name: str, why: str) -> str:
    """An environment variable production cannot run without; a clear message rather than a KeyError."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set for dost.settings.production: {why}")
    return value


DEBUG = False
DOST_DEMO = False
# Leaders and administrators must verify a one-time code (django-otp TOTP) after their password.
DOST_REQUIRE_2FA = True

SECRET_KEY = _required(
    "DOST_SECRET_KEY",
    "a long random value, e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'",
)
ALLOWED_HOSTS = [
    h.strip() for h in _required("DOST_ALLOWED_HOSTS", "comma-separated host names, e.g. dost.example.gov.vn")
    .split(",") if h.strip()
]
# Origins allowed to POST besides the host itself (only needed when a proxy rewrites the Host header).
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("DOST_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# HTTPS everywhere. Behind a TLS-terminating reverse proxy, Django learns the original scheme from the header
# named in DOST_PROXY_SSL_HEADER (default X-Forwarded-Proto); the proxy must set it itself, overwriting what
# clients send. Set DOST_PROXY_SSL_HEADER to "" when clients reach the application directly.
_proxy_header = os.environ.get("DOST_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
)
# Redirect plain HTTP to HTTPS; DOST_SSL_REDIRECT=0 only where the proxy already redirects (check --deploy
# then warns, rightly, that Django itself does not).
SECURE_SSL_REDIRECT = os.environ.get("DOST_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("DOST_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies only over HTTPS, never readable by scripts. SameSite=Lax rather than Strict: links to dost in
# reminder e-mails must open signed in; cross-site POSTs are refused either way (Lax, plus the CSRF token).
SESSION_COOKIE_SECURE = os.environ.get("DOST_INSECURE_COOKIES") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A working day, not Django's two weeks: a session (and its two-factor verification) ends overnight.
SESSION_COOKIE_AGE = int(timedelta(hours=int(os.environ.get("DOST_SESSION_HOURS", "12"))).total_seconds())

# Reminders go out by SMTP (the base settings print mail to the console, which check --deploy rightly refuses).
_email_backend = os.environ.get("DOST_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
MAILERS = {"default": {"BACKEND": _email_backend}}
if _email_backend == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("DOST_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("DOST_EMAIL_PORT", "25")),
        "username": os.environ.get("DOST_EMAIL_USER", ""),
        "password": os.environ.get("DOST_EMAIL_PASSWORD", ""),
        "use_tls": os.environ.get("DOST_EMAIL_TLS", "0") == "1",
        "timeout": 30,
    }

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
