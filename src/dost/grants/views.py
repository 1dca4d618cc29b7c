"""Pages of support programmes: list, programme detail, summaries (page and .xlsx), and the panel's actions.

The actions (appraise, decide, pay, reject) are forms of the panel on the officer's dossier page; they post
here and go back to that page with a message, so the officer never leaves the dossier.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dost.documents.xlsx import render_xlsx
from dost.procedures import dossiers as engine

from . import permissions, reports, services
from .filtersets import ApplicationFilterSet
from .forms import AppraiseForm, DecideForm, PaymentForm, RejectForm
from .models import Application, Programme

PAGE_SIZE = 25
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _message(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _programme_or_403(request: HttpRequest, pk: int) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("organisation", "issuer", "procedure"), pk=pk)
    if not permissions.can_view(request.user, programme):
        raise PermissionDenied(_("Bạn không có quyền xem chương trình hỗ trợ này."))
    return programme


def _year(request: HttpRequest, programme: Programme) -> int:
    """The year asked for, else this year kept inside the programme's period."""
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return min(max(timezone.localdate().year, programme.start_year), programme.end_year)


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = (permissions.visible_programmes(request.user, Programme.objects.select_related("organisation"))
                  .annotate(content_count=Count("contents", distinct=True),
                            application_count=Count("applications", distinct=True)))
    return render(request, "grants/programme_list.html", {"programmes": programmes})


@login_required
@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Contents with their levels, envelopes with committed/paid/remaining, and the filterable applications."""
    programme = _programme_or_403(request, pk)
    filterset = ApplicationFilterSet(request.GET or None, queryset=services.applications_of(programme),
                                     programme=programme)
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(queryset.order_by("-year", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for application in page.object_list:
        application.dossier_url = _dossier_url(application)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "programme": programme,
        "contents": list(programme.contents.all()),
        "envelopes": services.envelope_statuses(programme),
        "filter": filterset,
        "page": page,
        "querystring": query.urlencode(),
        "reports": [(key, label) for key, (label, _build) in reports.SUMMARIES.items()],
        "year": _year(request, programme),
    }
    return render(request, "grants/programme_detail.html", context)


def _summary(request: HttpRequest, pk: int, report: str):
    programme = _programme_or_403(request, pk)
    if report not in reports.SUMMARIES:
        raise Http404(_("Không có báo cáo này."))
    year = _year(request, programme)
    return programme, reports.SUMMARIES[report][1](programme, year)


@login_required
@require_GET
def report(request: HttpRequest, pk: int, report: str) -> HttpResponse:
    programme, summary = _summary(request, pk, report)
    context = {
        "programme": programme,
        "summary": summary,
        "report": report,
        "reports": [(key, label) for key, (label, _build) in reports.SUMMARIES.items()],
        "years": list(range(programme.start_year, programme.end_year + 1)),
    }
    return render(request, "grants/report.html", context)


@login_required
@require_GET
def report_xlsx(request: HttpRequest, pk: int, report: str) -> HttpResponse:
    programme, summary = _summary(request, pk, report)
    data = render_xlsx([(f"{summary.year} {summary.title}"[:31], summary.table())])
    response = HttpResponse(data, content_type=XLSX_MIME)
    name = f"{slugify(programme.code)}-{report}-{summary.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------------------------------------- panel actions


def _dossier_url(application: Application) -> str:
    """The officer's dossier page; the programme page while the dossier pages are not wired in."""
    try:
        return reverse("dossier_detail", args=[application.dossier_id])
    except NoReverseMatch:
        return reverse("grants_programme_detail", args=[application.programme_id])


def _application(request: HttpRequest, pk: int, allowed) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("dossier__procedure__organisation", "programme", "content"), pk=pk)
    if not allowed(request.user, application.dossier):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."))
    return application


def _act(request: HttpRequest, application: Application, form, action, success: str) -> HttpResponse:
    """Validate the form, run the service, say what happened, and return to the dossier page."""
    if not form.is_valid():
        errors = [f"{form.fields[name].label}: {' '.join(errs)}" if name in form.fields else " ".join(errs)
                  for name, errs in form.errors.items()]
        messages.error(request, " ".join(errors))
    else:
        try:
            action(form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, success)
    return redirect(_dossier_url(application))


@login_required
@require_POST
def appraise(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk, permissions.can_process)
    return _act(request, application, AppraiseForm(request.POST),
                lambda data: services.appraise(request.user, application, data["eligible_cost_vnd"],
                                               data["quantity"]),
                _("Đã thẩm định và tính mức đề xuất hỗ trợ."))


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk, permissions.can_decide)
    return _act(request, application, DecideForm(request.POST),
                lambda data: services.decide(request.user, application, data["amount_vnd"], data["comment"]),
                _("Đã quyết định hỗ trợ, phê duyệt hồ sơ và tạo quyết định."))


@login_required
@require_POST
def payment(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk, permissions.can_process)
    return _act(request, application, PaymentForm(request.POST),
                lambda data: services.record_payment(request.user, application, data["amount_vnd"], data["paid_on"],
                                                     data["reference"]),
                _("Đã ghi nhận khoản chi."))


@login_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk, permissions.can_process)
    return _act(request, application, RejectForm(request.POST),
                lambda data: services.reject(request.user, application, data["reason"]),
                _("Đã từ chối hỗ trợ và tạo phiếu từ chối giải quyết."))


@login_required
@require_POST
def apply(request: HttpRequest, dossier_pk: int) -> HttpResponse:
    """The applicant (or the desk) states which support the dossier asks for."""
    from dost.procedures.models import Dossier

    from .applicant_panel import programme_for

    dossier = get_object_or_404(Dossier.objects.select_related("procedure", "applicant"), pk=dossier_pk)
    if not (engine.is_applicant(request.user, dossier) or engine.can_process(request.user, dossier)):
        raise PermissionDenied(_("Bạn không có quyền đăng ký hỗ trợ cho hồ sơ này."))
    programme = programme_for(dossier)
    if programme is None:
        raise PermissionDenied(_("Thủ tục này không thuộc chương trình hỗ trợ nào."))
    content = programme.contents.filter(pk=request.POST.get("content") or 0).first()
    try:
        quantity = max(1, int(request.POST.get("quantity") or 1))
        if content is None:
            raise ValidationError(_("Hãy chọn nội dung hỗ trợ."))
        services.create_application(request.user, dossier, programme, content,
                                    (dossier.received_on or timezone.localdate()).year, quantity)
    except (ValidationError, ValueError) as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("Đã đăng ký nội dung đề nghị hỗ trợ."))
    back = "applicant_dossier" if engine.is_applicant(request.user, dossier) else "dossier_detail"
    return redirect(back, pk=dossier.pk)
