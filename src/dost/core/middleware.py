from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .audit import acting_as


class AuditActorMiddleware:
    """Attribute every write of a request to its signed-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(getattr(request, "user", None), "api" if request.path.startswith("/api/") else "web"):
            return self.get_response(request)


class TwoFactorMiddleware:
    """Hold users who must use a second factor on the two-factor pages until their session is verified.

    Runs after django-otp's ``OTPMiddleware`` (which tells whether the session is verified) and does nothing
    unless ``DOST_REQUIRE_2FA`` is on, so the demo and the tests pay no query for it. Left open: signing out,
    the two-factor pages themselves, the login page, language switching, static files and the health check.
    Browsers are redirected (HTMX requests through ``HX-Redirect``, since an XHR would swallow a redirect);
    the API answers 403 with a JSON reason, because a redirect means nothing to an API client.
    """

    OPEN_URL_NAMES = ("logout", "login", "health", "set_language", "two_factor_setup", "two_factor_verify",
                      "two_factor_qr")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from .twofactor import challenge_url, needs_verification, two_factor_enforced

        if not two_factor_enforced() or self._is_open(request.path):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if not needs_verification(user):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Cần xác thực hai lớp: hãy đăng nhập trên trình duyệt và nhập mã xác thực.")},
                status=403,
            )
        next_url = request.get_full_path() if request.method == "GET" else ""
        target = challenge_url(user, next_url)
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse()
            response["HX-Redirect"] = target
            return response
        return redirect(target)

    def _is_open(self, path: str) -> bool:
        static_url = settings.STATIC_URL or ""
        if static_url and path.startswith(static_url if static_url.startswith("/") else f"/{static_url}"):
            return True
        return path in self._open_paths()

    _open: frozenset[str] | None = None

    def _open_paths(self) -> frozenset[str]:
        """The open pages' paths, reversed once per process (the URL conf does not change while serving)."""
        if self._open is None:
            paths = set()
            for name in self.OPEN_URL_NAMES:
                try:
                    paths.add(reverse(name))
                except NoReverseMatch:
                    continue
            self._open = frozenset(paths)
        return self._open


APPLICANT_PATHS = ("/applicant/", "/register/", "/lookup/", "/login/", "/logout/", "/files/", "/i18n/", "/health/",
                   "/static/", "/account/2fa/", "/grants/dossiers/", "/api/v1/openapi.json")


class ApplicantAreaMiddleware:
    """Users who only submit dossiers (enterprises, cooperatives) reach their own area and nothing of the staff's.

    An allow-list of path prefixes, so that a new staff page is closed to applicants by default; the pages of
    their area check the dossier's organisation themselves.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import redirect

        from .permissions import scope_for
        from .status import Role

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_superuser:
            scope = scope_for(user)
            if set(scope.paths_by_role) == {Role.APPLICANT} and not scope.is_admin:
                if request.path == "/":
                    return redirect("applicant_home")
                if not request.path.startswith(APPLICANT_PATHS):
                    raise PermissionDenied("Tài khoản doanh nghiệp chỉ dùng được các trang nộp và theo dõi hồ sơ.")
        return self.get_response(request)
