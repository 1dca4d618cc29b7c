"""Officer pages of the dossier engine: queue with batch actions, dossier page with its actions, dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.status import DossierStatus

from . import dossiers, panels, queries, services, tables
from .filtersets import OPEN, DossierFilterSet
from .models import Dossier

PAGE_SIZE = 25
QUEUE_FILTERS = ("q", "procedure", "status", "mine", "due")
# What the queue's rows show (``tables.queue_rows``): a row loads these, not the dossiers' and their related
# records' other sixty columns.
QUEUE_COLUMNS = ("id", "public_code", "status", "received_on", "due_date", "procedure", "procedure__name",
                 "applicant", "applicant__name", "step", "step__staff_name", "assigned_to",
                 "assigned_to__first_name", "assigned_to__last_name", "assigned_to__username")


def _message(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    base = queries.handled_dossiers(request.user).only(*QUEUE_COLUMNS)
    params = request.GET.copy()
    if not any(key in params for key in QUEUE_FILTERS):
        # A fresh queue shows the work still to do; "Mọi trạng thái" (status left blank) shows every dossier.
        params["status"] = OPEN
    filterset = DossierFilterSet(params, queryset=base, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(params.get("page"))
    today = timezone.localdate()
    rows = tables.queue_rows(services.mark_late(list(page.object_list), today), today)
    query = params.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "params": params,
        "page": page,
        "rows": rows,
        "querystring": query.urlencode(),
        "today": today,
        "procedure_choices": queries.procedure_choices(request.user),
        "officers": queries.officers_for(request.user),
        "can_process": scope_for(request.user).is_admin or bool(scope_for(request.user).paths(WRITE_ROLES)),
    }
    return render(request, "procedures/queue.html", context)


@login_required
@require_POST
def batch(request: HttpRequest) -> HttpResponse:
    """Batch actions on the queue: assign many dossiers to an officer, send many for signature."""
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    chosen = list(queries.handled_dossiers(request.user).filter(pk__in=ids))
    if not chosen:
        messages.error(request, _("Hãy chọn ít nhất một hồ sơ."))
        return redirect("dossier_queue")
    action = request.POST.get("action")
    try:
        if action == "assign":
            officer = get_object_or_404(get_user_model(), pk=request.POST.get("officer") or 0)
            count = dossiers.assign(request.user, chosen, officer)
            messages.success(request, _("Đã giao %(n)s hồ sơ cho %(name)s.")
                             % {"n": count, "name": officer.get_full_name() or officer.username})
        elif action == "sign":
            count = dossiers.send_for_signature(request.user, chosen)
            messages.success(request, _("Đã trình ký %(n)s hồ sơ.") % {"n": count})
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message(error) + " " + _("Chưa thay đổi hồ sơ nào."))
    return redirect(request.POST.get("next") or "dossier_queue")


def _dossier_or_403(request: HttpRequest, pk: int) -> Dossier:
    dossier = get_object_or_404(Dossier.objects.select_related("procedure__organisation", "applicant", "step",
                                                               "assigned_to"), pk=pk)
    if not dossiers.can_process(request.user, dossier):
        raise PermissionDenied(_("Bạn không có quyền xem hồ sơ này."))
    return dossier


@login_required
@require_GET
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_403(request, pk)
    today = timezone.localdate()
    context = {
        "dossier": dossier,
        "revisions": queries.revisions_with_files(dossier),
        "changes": dossiers.revision_changes(dossier),
        "events": dossier.events.select_related("actor"),
        "letters": dossier.letters.select_related("attachment"),
        "stops": (stops := list(dossier.stops.all())),
        "suspended": any(s.end is None and s.kind == "suspension" for s in stops),
        "first_items": dossiers.requested_items(dossier),
        "requirements": list(dossier.procedure.required_documents.all()),
        "late_by": services.late_by(dossier.due_date, today),
        "can_decide": dossiers.can_decide(request.user, dossier),
        "officers": queries.officers_for(request.user),
        "panels": panels.render_panels(request, dossier),
        "today": today,
    }
    return render(request, "procedures/dossier_detail.html", context)


ACTIONS = {"receive", "supplement", "advance", "approve", "refuse", "extend", "assign", "suspend", "resume"}


@login_required
@require_POST
def dossier_action(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_403(request, pk)
    action, user, post = request.POST.get("action"), request.user, request.POST
    if action not in ACTIONS:
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("dossier_detail", pk=pk)
    try:
        if action == "receive":
            dossiers.receive(user, dossier)
            messages.success(request, _("Đã tiếp nhận hồ sơ và tạo giấy hẹn trả kết quả."))
        elif action == "supplement":
            items = [line for line in post.get("items", "").splitlines() if line.strip()]
            dossiers.request_supplement(user, dossier, items, post.get("reason", ""))
            messages.success(request, _("Đã gửi phiếu yêu cầu bổ sung; thời hạn tạm dừng đến khi nhận đủ hồ sơ."))
        elif action == "advance":
            dossiers.advance(user, dossier, post.get("comment", ""))
            messages.success(request, _("Đã chuyển bước."))
        elif action == "approve":
            dossiers.approve(user, dossier, post.get("comment", ""))
            messages.success(request, _("Đã phê duyệt và tạo quyết định."))
        elif action == "refuse":
            dossiers.refuse(user, dossier, post.get("reason", ""))
            messages.success(request, _("Đã từ chối giải quyết và tạo phiếu từ chối."))
        elif action == "extend":
            dossiers.extend(user, dossier, int(post.get("days") or 0), post.get("reason", ""))
            messages.success(request, _("Đã gia hạn và tạo phiếu xin lỗi, hẹn lại ngày trả kết quả."))
        elif action == "suspend":
            dossiers.suspend(user, dossier, post.get("reason", ""))
            messages.success(request, _("Đã tạm dừng tính hạn."))
        elif action == "resume":
            dossiers.resume(user, dossier)
            messages.success(request, _("Đã tiếp tục tính hạn."))
        elif action == "assign":
            officer = get_object_or_404(get_user_model(), pk=post.get("officer") or 0)
            dossiers.assign(user, [dossier], officer)
            messages.success(request, _("Đã phân công."))
    except (ValidationError, PermissionDenied, ValueError) as error:
        messages.error(request, _message(error))
    return redirect("dossier_detail", pk=pk)


@login_required
@require_GET
def dossier_dashboard(request: HttpRequest) -> HttpResponse:
    base = queries.handled_dossiers(request.user)
    today = timezone.localdate()
    context = {
        "by_step": queries.count_by_step(base),
        "due_today": base.filter(due_date=today, status__in=queries.OPEN).count(),
        "overdue": queries.overdue(base, today),
        "on_time": queries.on_time_by_month(base),
        "waiting": base.filter(Q(status=DossierStatus.SUBMITTED)).count(),
        "today": today,
    }
    return render(request, "procedures/dashboard.html", context)
