"""Two-factor authentication (TOTP, django-otp) for the people whose accounts matter most.

Leaders approve and issue, administrators can change anything: a stolen password alone must not be enough
for them. When ``DOST_REQUIRE_2FA`` is on (production), ``TwoFactorMiddleware`` keeps such a user, once
signed in with the password, on two pages until the session is verified with a one-time code:

- enrolment, when they have no confirmed authenticator yet: the secret and its QR code (an ``<img>`` served
  by ``two_factor_qr``, so the strict CSP needs no inline data), confirmed by a first 6-digit code;
- verification, when they have one: the current code.

Who must: a membership with the leader or administrator role, ``is_superuser`` or ``is_staff`` (the Django
admin). Anyone else who enrolled of their own accord is held to it too: an authenticator that is never
asked for would only give a false sense of safety. Officers, viewers and applicants are not required.

The API: an unverified session gets 403 (JSON) from the middleware, and HTTP Basic refuses these users
altogether while enforcement is on (``core.security.BasicAuthentication``).

Backup codes: confirming the enrolment issues ten single-use codes (django-otp's static device), shown once
on the page that follows and never again; the verification page accepts one of them instead of the 6-digit
code (each is spent when used). Enrolling again replaces the whole set.

Recovery: an administrator deletes the user's devices in the Django admin ("TOTP devices", and "Static
devices" for the backup codes); the user enrols again at the next sign-in. The admin never shows a device's
secret (``OTP_ADMIN_HIDE_SENSITIVE_DATA``).
"""

from __future__ import annotations

import io
import re
from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .memo import remember
from .permissions import scope_for
from .status import Role

PRIVILEGED_ROLES = frozenset({Role.LEADER, Role.ADMIN})
DEVICE_NAME = "dost"
BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10
BACKUP_CODE = re.compile(r"[a-z2-7]{8}")  # django-otp's StaticToken.random_token(): 8 base32 characters
SESSION_BACKUP_CODES = "dost_backup_codes"


def two_factor_enforced() -> bool:
    """Whether this deployment enforces two-factor authentication (read per request: tests override it)."""
    return bool(getattr(settings, "DOST_REQUIRE_2FA", False))


def must_use_two_factor(user: Any) -> bool:
    """Whether the user's role obliges them to use a second factor (leaders, administrators, staff)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(PRIVILEGED_ROLES & set(scope_for(user).paths_by_role))


def needs_verification(user: Any) -> bool:
    """Whether this signed-in user must still enter a code before using the application.

    True only while enforcement is on, for users who must use a second factor or have enrolled one, and
    whose session has not been verified with it yet.
    """
    if not two_factor_enforced() or user is None or not getattr(user, "is_authenticated", False):
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    return must_use_two_factor(user) or has_confirmed_device(user)


def has_confirmed_device(user: Any) -> bool:
    """Asked by the middleware on every request of a user without a verified session; kept across requests
    (``dost.core.memo``) until a device of anyone is added, confirmed or removed."""
    return remember(("totp_confirmed", user.pk),
                    lambda: TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user: Any, create: bool = False) -> TOTPDevice | None:
    """The user's unconfirmed TOTP device (the one being enrolled), created on demand.

    Reused across page loads so that the secret the user scanned stays valid until they confirm it.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None and create:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def challenge_url(user: Any, next_url: str = "") -> str:
    """Where an unverified user is sent: enrolment without a confirmed device, verification with one."""
    name = "two_factor_verify" if has_confirmed_device(user) else "two_factor_setup"
    url = reverse(name)
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return url


def _safe_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _grouped_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an authenticator app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TokenForm(forms.Form):
    """A 6-digit one-time code (spaces, as some apps display them, are ignored)."""

    token = forms.CharField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"),
        max_length=16,
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "autofocus": True,
            "class": "form-control form-control-lg text-center",
        }),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Mã xác thực gồm đúng 6 chữ số."))
        return token


class VerifyForm(TokenForm):
    """The current 6-digit code, or one of the backup codes (``abcd-efgh``; case, spaces and dashes ignored)."""

    token = forms.CharField(
        label=gettext_lazy("Mã xác thực (6 chữ số) hoặc mã dự phòng"),
        max_length=20,
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none",
            "class": "form-control form-control-lg text-center",
        }),
    )

    def clean_token(self) -> str:
        token = re.sub(r"[\s-]", "", self.cleaned_data["token"]).lower()
        if not ((token.isdigit() and len(token) == 6) or BACKUP_CODE.fullmatch(token)):
            raise forms.ValidationError(
                _("Nhập mã 6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng 8 ký tự."))
        return token


def issue_backup_codes(user: Any) -> list[str]:
    """A new set of single-use backup codes for ``user`` (any earlier set stops working)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_device(user: Any) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


THROTTLED = "throttled"


def _check_token(device: Device, token: str) -> Device | str | None:
    """The device if ``token`` is its current code (or one of its backup codes, which is then spent),
    ``THROTTLED`` while failures are being throttled.

    The row is locked for the check, so one code cannot be accepted twice by concurrent requests (the device
    remembers the last accepted time step; a backup code is deleted) and failures are counted without lost
    updates.
    """
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _details = locked.verify_is_allowed()
        if not allowed:
            return THROTTLED
        return locked if locked.verify_token(token) else None


def _token_error(result: TOTPDevice | str | None) -> str:
    if result == THROTTLED:
        return _("Nhập sai quá nhiều lần. Vui lòng đợi một lát rồi thử lại.")
    return _("Mã xác thực không đúng hoặc đã được dùng. Hãy kiểm tra giờ trên điện thoại và nhập mã mới.")


def _complete(request: HttpRequest, device: TOTPDevice) -> HttpResponseRedirect:
    """Mark the session verified with ``device`` under a new session key (the privilege changed)."""
    request.session.cycle_key()
    otp_login(request, device)
    return redirect(_safe_next(request))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the secret and QR code, confirm with a first code."""
    if has_confirmed_device(request.user):
        if getattr(request.user, "is_verified", lambda: False)():
            messages.info(request, _("Bạn đã bật xác thực hai lớp."))
            return redirect(_safe_next(request))
        return redirect(challenge_url(request.user, request.GET.get("next", "")))
    device = pending_device(request.user, create=True)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _check_token(device, form.cleaned_data["token"])
        if isinstance(result, TOTPDevice):
            result.confirmed = True
            result.save(update_fields=["confirmed"])
            # An abandoned earlier attempt must not leave a second secret behind.
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            messages.success(request, _("Đã bật xác thực hai lớp cho tài khoản của bạn."))
            codes = issue_backup_codes(request.user)
            request.session.cycle_key()  # as in _complete, but the backup codes are shown before ``next``
            otp_login(request, result)
            request.session[SESSION_BACKUP_CODES] = codes
            return redirect(f"{reverse('two_factor_backup_codes')}?{urlencode({'next': _safe_next(request)})}")
        form.add_error("token", _token_error(result))
    context = {
        "form": form,
        "secret": _grouped_secret(device),
        "required": must_use_two_factor(request.user),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "core/two_factor_setup.html", context)


@never_cache
@login_required
@require_GET
def two_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the device being enrolled, as SVG (only before confirmation: the secret stays private).

    Served from our own origin so that ``<img src>`` satisfies ``img-src 'self'``; the SVG has no styles.
    """
    device = pending_device(request.user)
    if device is None:
        raise Http404
    buffer = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the current code of the user's confirmed device (once per session)."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect(challenge_url(request.user, request.GET.get("next", "")))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        target = device if token.isdigit() else backup_device(request.user)
        result = _check_token(target, token) if target is not None else None
        if isinstance(result, Device):
            if isinstance(result, StaticDevice):
                left = result.token_set.count()
                messages.warning(request, _("Bạn vừa dùng một mã dự phòng; còn %(n)d mã chưa dùng.") % {"n": left})
            return _complete(request, result)
        form.add_error("token", _token_error(result))
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(request, "core/two_factor_verify.html", context)



@never_cache
@login_required
@require_GET
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes issued at enrolment, shown once: they leave the session as they are displayed."""
    codes = request.session.pop(SESSION_BACKUP_CODES, None)
    if not codes:
        return redirect(_safe_next(request))
    grouped = [f"{code[:4]}-{code[4:]}" for code in codes]
    return render(request, "core/two_factor_backup_codes.html", {"codes": grouped, "next": _safe_next(request)})
