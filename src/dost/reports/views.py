"""Reports pages: list, request (generated in the background), detail with findings, files and issuing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dost.core.mixins import StaleEditError
from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.status import PeriodicReportStatus

from . import services
from .filtersets import PeriodicReportFilterSet
from .forms import IssueForm, ReportRequestForm
from .models import PeriodicReport

PAGE_SIZE = 20


def visible_reports(user):
    scope = scope_for(user)
    queryset = PeriodicReport.objects.select_related("organisation")
    return queryset if scope.is_admin else queryset.filter(scope.q("organisation"))


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    filterset = PeriodicReportFilterSet(request.GET or None, queryset=visible_reports(request.user))
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/report_list.html", {"filter": filterset, "page": page,
                                                         "querystring": query.urlencode()})


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.is_admin or scope.paths(WRITE_ROLES)):
        raise PermissionDenied(_("Bạn không có quyền lập báo cáo."))
    form = ReportRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.request_report(request.user, data["organisation"], data["period_kind"],
                                             data.get("year"), data.get("start"), data.get("end"),
                                             data.get("title") or "", data["symbol"])
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            return redirect(report.get_absolute_url())
    return render(request, "reports/report_form.html", {"form": form})


def _report_or_403(request: HttpRequest, pk: int) -> PeriodicReport:
    report = get_object_or_404(PeriodicReport.objects.select_related("organisation", "created_by"), pk=pk)
    if not services.can_view(request.user, report):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo này."))
    return report


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_403(request, pk)
    files = list(services.files_of(report))
    pdf_pending = services.pdf_pending(report, files)
    context = {
        "report": report,
        "files": files,
        "pdf_pending": pdf_pending,
        "can_issue": services.can_issue(request.user, report) and report.status == PeriodicReportStatus.CHECKED,
        "can_regenerate": services.can_create(request.user, report.organisation)
        and report.status != PeriodicReportStatus.ISSUED,
        "issue_form": IssueForm(initial={"expected_version": report.version}),
        "working": report.status in (PeriodicReportStatus.QUEUED, PeriodicReportStatus.RENDERING) or pdf_pending,
    }
    template = "reports/report_detail.html#status" if request.htmx else "reports/report_detail.html"
    return render(request, template, context)


@login_required
@require_POST
def report_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_403(request, pk)
    if not services.can_create(request.user, report.organisation) or report.status == PeriodicReportStatus.ISSUED:
        raise PermissionDenied(_("Không thể tạo lại báo cáo này."))
    from .tasks import enqueue

    report.status = PeriodicReportStatus.QUEUED
    report.save(update_fields=["status", "updated_at"])
    enqueue(report)
    messages.info(request, _("Đang tạo lại báo cáo từ số liệu mới nhất."))
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_403(request, pk)
    if not services.can_issue(request.user, report):
        raise PermissionDenied(_("Chỉ lãnh đạo của đơn vị được ban hành báo cáo."))
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập số và ngày ban hành."))
        return redirect(report.get_absolute_url())
    try:
        services.issue(request.user, report, form.cleaned_data["number"], form.cleaned_data["issued_on"],
                       form.cleaned_data.get("expected_version"))
    except (ValidationError, StaleEditError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error.args[0])])))
    else:
        messages.success(request, _("Đã ban hành báo cáo số %(n)s.") % {"n": report.number_symbol})
    return redirect(report.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def verify_upload(request: HttpRequest) -> HttpResponse:
    """Check the figures of any document (one dost did not write): totals, percentages, differences."""
    from dost.core.uploads import check_upload

    from .forms import VerifyForm

    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            checked = check_upload(uploaded)
            result = services.verify_uploaded(uploaded, checked.name)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            result["name"] = checked.name
    return render(request, "reports/verify.html", {"form": form, "result": result})
