"""Pages of plan tracking. Views stay thin: they read through ``queries`` and write through ``services``."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dost.core.mixins import StaleEditError
from dost.core.models import Attachment, AuditEntry
from dost.core.permissions import scope_for
from dost.core.services import attach_file
from dost.core.status import ReportStatus, Role, TaskStatus
from dost.core.uploads import check_upload

from . import permissions, queries, services
from .filtersets import PlanFilterSet
from .forms import OverrideForm, PlanForm, ProgressReportForm, ReviewForm, TaskForm
from .models import Plan, ProgressReport, Task
from .status import count_by_status, overdue_q, with_status

PAGE_SIZE = 20


def _visible_plan_or_404(request: HttpRequest, pk: int) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("owner", "issuer"), pk=pk)
    if not permissions.can_view_plan(request.user, plan):
        raise PermissionDenied(_("Bạn không có quyền xem kế hoạch này."))
    return plan


def _visible_task_or_404(request: HttpRequest, pk: int) -> Task:
    task = get_object_or_404(
        with_status(Task.objects.all()).select_related("plan", "plan__owner", "lead", "parent"), pk=pk
    )
    if not permissions.can_view_plan(request.user, task.plan):
        raise PermissionDenied(_("Bạn không có quyền xem nhiệm vụ này."))
    return task


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if set(scope.paths_by_role) == {Role.APPLICANT} and not scope.is_admin:
        return redirect("applicant_home")  # enterprises only submit dossiers: their home is their dossiers
    today = timezone.localdate()
    mine = queries.my_tasks(request.user, today)
    overdue = list(mine.filter(overdue_q(today)).order_by("due_date")[:10])
    soon = list(
        mine.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=30))
        .exclude(status=TaskStatus.DONE)
        .order_by("due_date")[:10]
    )
    plans = list(queries.plans_with_progress(request.user).order_by("-date_year", "-id")[:10])
    context = {
        "overdue": overdue,
        "soon": soon,
        "counts": count_by_status(queries.my_tasks(request.user, today), today),
        "status_choices": TaskStatus.choices,
        "plans": plans,
        "pending_reviews": queries.pending_reviews(request.user).count(),
        "today": today,
    }
    return render(request, "plans/dashboard.html", context)


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    filterset = PlanFilterSet(request.GET or None, queryset=queries.plans_with_progress(request.user))
    if not request.htmx:  # the selects are only rendered with the whole page
        choices = queries.organisation_choices(request.user, [request.GET.get(k, "") for k in ("issuer", "lead")])
        for name in ("issuer", "lead"):  # the options only (Django's setter): validation keeps the queryset
            forms.ChoiceField.choices.fset(filterset.form.fields[name], choices)
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    if not request.GET.get("ordering"):
        queryset = queryset.order_by("-date_year", "-date_month", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "querystring": query.urlencode()}
    template = "plans/plan_list.html#results" if request.htmx else "plans/plan_list.html"
    return render(request, template, context)


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan_or_404(request, pk)
    tasks = queries.plan_tasks(plan)
    tree = queries.build_tree(tasks)
    counts = {value: 0 for value in TaskStatus.values}
    for task in tasks:
        counts[task.status] += 1
    documents = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Plan), object_id=plan.pk
    ).select_related("uploaded_by")
    context = {
        "plan": plan,
        "tree": tree,
        "counts": counts,
        "status_choices": TaskStatus.choices,
        "legal_bases": list(plan.legal_bases.all()),
        "replaces": list(plan.replaces.all()),
        "documents": documents,
        "gantt": gantt_data(tasks),
        "can_edit": permissions.can_edit_plan(request.user, plan),
    }
    return render(request, "plans/plan_detail.html", context)


def gantt_data(tasks: list[Task]) -> list[dict]:
    """frappe-gantt rows for tasks with dates and their roadmap milestones."""
    rows = []
    for task in tasks:
        end = task.due_date
        start = task.start_date or (end.replace(day=1) if end else None)
        if not start or not end:
            continue
        rows.append(
            {
                "id": f"t{task.pk}",
                "name": f"{task.ref} {task.title[:60]}".strip(),
                "start": start.isoformat(),
                "end": end.isoformat(),
                "progress": float(task.effective_progress),
                "custom_class": f"gantt-{task.status}",
                "url": reverse("task_detail", args=[task.pk]),
            }
        )
        for milestone in task.milestones.all():
            rows.append(
                {
                    "id": f"m{milestone.pk}",
                    "name": f"◆ {milestone.label or ''} {milestone.text[:50]}".strip(),
                    "start": milestone.due_date.replace(day=1).isoformat(),
                    "end": milestone.due_date.isoformat(),
                    "progress": 100 if milestone.achieved else 0,
                    "dependencies": "",
                    "custom_class": "gantt-milestone",
                    "url": reverse("task_detail", args=[task.pk]),
                }
            )
    return rows


@login_required
@require_GET
def plan_gantt(request: HttpRequest, pk: int) -> JsonResponse:
    plan = _visible_plan_or_404(request, pk)
    return JsonResponse({"tasks": gantt_data(queries.plan_tasks(plan))})


def _history(request: HttpRequest, obj, template_title: str, back_url: str) -> HttpResponse:
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    )[:200]
    template = "core/history.html#table" if request.htmx else "core/history.html"
    context = {"object": obj, "entries": entries, "title": template_title, "back_url": back_url}
    return render(request, template, context)


@login_required
@require_GET
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan_or_404(request, pk)
    return _history(request, plan, _("Lịch sử thay đổi kế hoạch"), reverse("plan_detail", args=[plan.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    plan = _visible_plan_or_404(request, pk) if pk else Plan()
    if pk and not permissions.can_edit_plan(request.user, plan):
        raise PermissionDenied(_("Bạn không có quyền sửa kế hoạch này."))
    if not pk and not permissions.can_edit_plan(request.user):
        raise PermissionDenied(_("Bạn không có quyền tạo kế hoạch."))
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_plan(
                request.user,
                form.save(commit=False),
                form.cleaned_data.get("expected_version"),
                legal_bases=form.cleaned_data.get("legal_bases"),
            )
        except StaleEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("plan_detail", pk=saved.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@login_required
@require_POST
def plan_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach the plan's own documents (the signed scan, appendices); checked by content."""
    plan = _visible_plan_or_404(request, pk)
    if not permissions.can_edit_plan(request.user, plan):
        raise PermissionDenied(_("Bạn không có quyền thêm tệp vào kế hoạch này."))
    files = request.FILES.getlist("files")
    if not files:
        messages.error(request, _("Hãy chọn ít nhất một tệp."))
        return redirect("plan_detail", pk=plan.pk)
    try:
        for uploaded in files:  # check every file before storing any
            check_upload(uploaded)
        with transaction.atomic():
            for uploaded in files:
                attach_file(plan, uploaded, request.user, purpose="document")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã tải lên %(n)s tệp.") % {"n": len(files)})
    return redirect("plan_detail", pk=plan.pk)


@login_required
@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _visible_task_or_404(request, pk)
    reports = list(task.reports.select_related("author", "reviewed_by").prefetch_related("milestones_achieved"))
    files = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(ProgressReport), object_id__in=[r.pk for r in reports]
    )
    files_by_report: dict[int, list[Attachment]] = {}
    for attachment in files:
        files_by_report.setdefault(attachment.object_id, []).append(attachment)
    for report in reports:
        report.files = files_by_report.get(report.pk, [])
    can_report = permissions.can_report_progress(request.user, task)
    context = {
        "task": task,
        "reports": reports,
        "milestones": list(task.milestones.all()),
        "children": list(with_status(task.children.all()).select_related("lead")),
        "partners": list(task.partners.all()),
        "can_edit": permissions.can_edit_task(request.user, task),
        "can_report": can_report,
        "can_review": permissions.can_review_report(request.user, ProgressReport(task=task)),
        "report_form": ProgressReportForm(task=task, initial={"report_date": timezone.localdate()}) if can_report else None,
        "override_form": OverrideForm(initial={
            "expected_version": task.version,
            "progress_override": task.progress_override,
            "override_reason": task.override_reason,
        }),
    }
    return render(request, "plans/task_detail.html", context)


@login_required
@require_GET
def task_history(request: HttpRequest, pk: int) -> HttpResponse:
    task = _visible_task_or_404(request, pk)
    return _history(request, task, _("Lịch sử thay đổi nhiệm vụ"), reverse("task_detail", args=[task.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int | None = None, plan_pk: int | None = None) -> HttpResponse:
    if pk:
        task = _visible_task_or_404(request, pk)
        plan = task.plan
        if not permissions.can_edit_task(request.user, task):
            raise PermissionDenied(_("Bạn không có quyền sửa nhiệm vụ này."))
    else:
        plan = _visible_plan_or_404(request, plan_pk)
        if not permissions.can_edit_plan(request.user, plan):
            raise PermissionDenied(_("Bạn không có quyền thêm nhiệm vụ vào kế hoạch này."))
        task = Task(plan=plan)
    form = TaskForm(request.POST or None, instance=task, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_task(
                request.user, form.save(commit=False), form.cleaned_data.get("expected_version"),
                partners=form.cleaned_data.get("partners"),
            )
        except StaleEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("task_detail", pk=saved.pk)
    return render(request, "plans/task_form.html", {"form": form, "task": task, "plan": plan})


@login_required
@require_POST
def task_override(request: HttpRequest, pk: int) -> HttpResponse:
    task = _visible_task_or_404(request, pk)
    if not permissions.can_edit_task(request.user, task):
        raise PermissionDenied(_("Bạn không có quyền sửa nhiệm vụ này."))
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.override_progress(
                request.user, task, form.cleaned_data["progress_override"], form.cleaned_data["override_reason"] or "",
                form.cleaned_data["expected_version"],
            )
            messages.success(request, _("Đã cập nhật tiến độ điều chỉnh."))
        except (StaleEditError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("task_detail", pk=task.pk)


@login_required
@require_POST
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    task = _visible_task_or_404(request, pk)
    if not permissions.can_report_progress(request.user, task):
        raise PermissionDenied(_("Bạn không có quyền báo cáo tiến độ nhiệm vụ này."))
    form = ProgressReportForm(request.POST, request.FILES, task=task)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("files", "milestones_achieved")}
        try:
            services.create_report(
                request.user, task, data, files=form.cleaned_data["files"],
                submit=request.POST.get("action") != "draft",
                milestones=form.cleaned_data["milestones_achieved"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã gửi báo cáo tiến độ.") if request.POST.get("action") != "draft"
                             else _("Đã lưu bản nháp báo cáo."))
            return redirect("task_detail", pk=task.pk)
    return render(request, "plans/report_form.html", {"form": form, "task": task}, status=400)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(ProgressReport.objects.select_related("task__plan__owner"), pk=pk)
    if not permissions.can_view_plan(request.user, report.task.plan) or not permissions.can_edit_report(request.user, report):
        raise PermissionDenied(_("Bạn không thể gửi báo cáo này."))
    try:
        services.submit_report(request.user, report, int(request.POST.get("expected_version") or 0) or None)
        messages.success(request, _("Đã gửi báo cáo tiến độ."))
    except StaleEditError as error:
        messages.error(request, str(error))
    return redirect("task_detail", pk=report.task_id)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(ProgressReport.objects.select_related("task__plan__owner"), pk=pk)
    if not permissions.can_review_report(request.user, report):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị theo dõi kế hoạch được duyệt báo cáo."))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thiếu thông tin duyệt báo cáo."))
        return redirect("task_detail", pk=report.task_id)
    data = form.cleaned_data
    try:
        if data["decision"] == "accept":
            services.accept_report(request.user, report, data["comment"], data["expected_version"])
            messages.success(request, _("Đã chấp nhận báo cáo; tiến độ nhiệm vụ đã được cập nhật."))
        else:
            services.return_report(request.user, report, data["comment"], data["expected_version"])
            messages.success(request, _("Đã trả lại báo cáo kèm ý kiến."))
    except (StaleEditError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    next_url = request.POST.get("next")
    if next_url == "reviews":
        return redirect("review_queue")
    return redirect("task_detail", pk=report.task_id)


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.pending_reviews(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/review_queue.html", {"page": page, "ReportStatus": ReportStatus})
