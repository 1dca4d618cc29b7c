"""The audit log page: every recorded change, filterable by user, record, action and time; read-only.

Only administrators open it. A leader's scope is a set of organisations, but an entry names its record only by
kind and id: which organisation owns a plan, a task, a progress report, a dossier or a council differs per
model and lives in apps that ``core`` must not import, so scoping entries would need every app to register a
resolver and a join per kind. Leaders read the history of each record on that record's page instead
(``plan_history``, ``task_history``), where the record's own permission applies (docs/DECISIONS.md).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .filtersets import AuditEntryFilterSet
from .models import AuditEntry
from .permissions import scope_for

PAGE_SIZE = 50
SELECTS = {"actor", "content_type", "action"}
DATES = {"since", "until"}


def can_read_audit_log(user) -> bool:
    return scope_for(user).is_admin


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_read_audit_log(request.user):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được xem nhật ký thay đổi."))
    entries = AuditEntry.objects.select_related("content_type").order_by("-at", "-id")
    filterset = AuditEntryFilterSet(request.GET or None, queryset=entries)
    for name, field in filterset.form.fields.items():
        field.widget.attrs["class"] = "form-select" if name in SELECTS else "form-control"
        if name in DATES:
            field.widget.input_type, field.widget.format = "date", "%Y-%m-%d"
    if not filterset.is_bound:
        queryset = entries
    elif filterset.is_valid():
        queryset = filterset.qs
    else:  # a bad filter shows its error and no rows, never everything
        queryset = entries.none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "querystring": query.urlencode(),
               "filtered": any(v for k, v in request.GET.items() if k != "page")}
    return render(request, "core/audit_log.html", context)
