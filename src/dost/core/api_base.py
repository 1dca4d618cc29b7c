"""Shared behaviour of the REST API: audit attribution, stale-edit conflicts, Vietnamese errors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from .audit import acting_as
from .mixins import StaleEditError


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "stale_edit"
    default_detail = StaleEditError.message


def exception_handler(exc, context):
    if isinstance(exc, StaleEditError):
        exc = Conflict()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.messages)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


class AuditedViewSetMixin:
    """Attributes API writes to the authenticated user (API auth runs after the middleware)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._acting = acting_as(request.user, "api")
        self._acting.__enter__()

    def finalize_response(self, request, response, *args, **kwargs):
        acting = getattr(self, "_acting", None)
        if acting is not None:
            acting.__exit__(None, None, None)
            self._acting = None
        return super().finalize_response(request, response, *args, **kwargs)

