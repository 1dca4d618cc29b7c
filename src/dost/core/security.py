"""Login throttling glue for django-axes: who the client is, and what a locked-out client sees.

Axes counts failed logins per (username, client address) and refuses that pair for a cool-off period after
too many failures (``AXES_*`` in the settings). Three things are ours:

- the client address, read exactly like the public rate limits read it (``REMOTE_ADDR``; ``X-Forwarded-For``
  only when ``DOST_TRUSTED_PROXIES`` says how many reverse proxies of ours stand in front), so a forged header
  can never move an attacker into a fresh counter;
- the lockout answer: the login page again, with a Vietnamese explanation and ``429``, instead of axes' bare
  English text (the API gets JSON);
- HTTP Basic for the API that says "locked out" (429) rather than "wrong password" while a lockout lasts,
  and refuses users held to two-factor authentication (a password alone must not reach their data);
- a backend for the test settings only, because Django's test client ``login()`` authenticates without a
  request, which axes refuses.
"""

from __future__ import annotations

import ipaddress
import math
from datetime import timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions


def client_address(request: Any) -> str | None:
    """The client's IP address as axes should record it (never a forged header unless proxies are set).

    Mirrors ``dost.procedures.ratelimit.client_ip`` without its IPv6 /64 bucketing: axes stores the value in
    an IP address column, so it must stay a single address.
    """
    meta = getattr(request, "META", {}) or {}
    address = meta.get("REMOTE_ADDR", "") or ""
    trusted = int(getattr(settings, "DOST_TRUSTED_PROXIES", 0) or 0)
    if trusted > 0:
        hops = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= trusted:
            address = hops[-trusted]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(parsed)


def cool_off_minutes() -> int:
    """The lockout period in whole minutes, for the messages (rounded up so we never promise too early)."""
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None) or timedelta(minutes=15)
    return max(1, math.ceil(cool_off.total_seconds() / 60))


def lockout_message() -> str:
    return _(
        "Tài khoản tạm thời bị khóa vì đăng nhập sai quá nhiều lần từ máy này. "
        "Vui lòng thử lại sau %(minutes)d phút, hoặc liên hệ quản trị hệ thống để được mở khóa."
    ) % {"minutes": cool_off_minutes()}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the login page with the reason (429), or JSON for API clients.

    The page is rendered again rather than redirected so the user sees at once why the correct password was
    refused; ``Retry-After`` tells scripts when to come back.
    """
    retry_after = str(cool_off_minutes() * 60)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        username = (credentials or {}).get("username") or request.POST.get("username", "")
        form = AuthenticationForm(request, initial={"username": username})
        context = {
            "form": form,
            "locked_out": True,
            "lockout_message": lockout_message(),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        }
        response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = retry_after
    return response


class RequestOptionalAxesBackend(AxesStandaloneBackend):
    """Axes for the test settings: lets ``Client.login()`` through, which authenticates without a request.

    Real logins (the login view, the admin, the API's Basic authentication) always pass the request, so they
    are throttled exactly as in production; only the test client's shortcut, which has no client address to
    count, skips the check. Never used outside ``dost.settings.test``.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class BasicAuthentication(authentication.BasicAuthentication):
    """DRF's HTTP Basic with the lockout made visible and the second factor respected.

    Axes flags the request DRF passes to ``authenticate`` (DRF's own, which the lockout middleware never
    sees), so the lockout is turned into ``429`` with the Vietnamese reason here. And while two-factor
    authentication is enforced, users held to it get ``403``: a password sent with every request cannot carry
    a one-time code, so Basic would let a stolen password bypass the second factor. They use the browser
    session, verified, instead.
    """

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        from .twofactor import has_confirmed_device, must_use_two_factor, two_factor_enforced

        try:
            result = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            if getattr(request, "axes_locked_out", False):
                raise exceptions.Throttled(wait=cool_off_minutes() * 60, detail=lockout_message()) from None
            raise
        if result is not None and two_factor_enforced():
            user = result[0]
            if must_use_two_factor(user) or has_confirmed_device(user):
                raise exceptions.PermissionDenied(
                    _("Tài khoản này phải xác thực hai lớp: hãy dùng phiên đăng nhập đã xác thực trên trình duyệt.")
                )
        return result


class BasicAuthenticationScheme(OpenApiAuthenticationExtension):
    """Describe our Basic authentication in the OpenAPI document exactly as DRF's own (``basicAuth``)."""

    target_class = "dost.core.security.BasicAuthentication"
    name = "basicAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "basic"}
