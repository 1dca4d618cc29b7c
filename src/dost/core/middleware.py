from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .audit import acting_as


class AuditActorMiddleware:
    """Attribute every write of a request to its signed-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(getattr(request, "user", None), "api" if request.path.startswith("/api/") else "web"):
            return self.get_response(request)
