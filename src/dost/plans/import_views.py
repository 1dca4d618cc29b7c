"""Importing documents in the web app: upload → background parsing → review → confirm."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dost.core.models import Organisation
from dost.core.permissions import scope_for
from dost.core.services import attach_file
from dost.core.status import OrganisationKind
from dost.core.uploads import check_upload

from . import permissions
from .forms import MultipleFileField, writable_organisations
from .imports import find_existing, highlighted_segments, import_plan, match_organisation
from .models import ImportJob, ImportStatus
from .tasks import enqueue

MAX_FILES = 20


class ImportForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=gettext_lazy("Đơn vị theo dõi"))
    files = MultipleFileField(label=gettext_lazy("Văn bản (.txt, .docx, .pdf, ảnh quét, .doc)"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = writable_organisations(user)
        self.fields["owner"].widget.attrs["class"] = "form-select"
        self.fields["files"].widget.attrs["class"] = "form-control"

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if not files:
            raise ValidationError(_("Hãy chọn ít nhất một tệp."))
        if len(files) > MAX_FILES:
            raise ValidationError(_("Mỗi lần nhập tối đa %(n)s tệp.") % {"n": MAX_FILES})
        for uploaded in files:
            check_upload(uploaded)
        return files


def _job_or_403(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("owner"), pk=pk)
    if not (scope_for(request.user).is_admin or job.created_by_id == request.user.pk):
        raise PermissionDenied(_("Bạn không có quyền xem lượt nhập này."))
    return job


@login_required
@require_http_methods(["GET", "POST"])
def import_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_edit_plan(request.user):
        raise PermissionDenied(_("Bạn không có quyền nhập kế hoạch."))
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            job = ImportJob.objects.create(owner=form.cleaned_data["owner"], created_by=request.user,
                                           total=len(form.cleaned_data["files"]))
            for uploaded in form.cleaned_data["files"]:
                attach_file(job, uploaded, request.user, purpose="import")
            enqueue(job)
        return redirect("import_job", pk=job.pk)
    return render(request, "plans/import_new.html", {"form": form})


def _review(job: ImportJob) -> list[dict]:
    choices = list(Organisation.objects.filter(path__startswith=job.owner.path).order_by("path"))
    documents = []
    for index, result in enumerate(job.results):
        data = result.get("data")
        entry = {"index": index, "name": result["name"], "error": result.get("error"), "data": data,
                 "verify": result.get("verify") or {}}
        if data:
            entry["existing"] = find_existing(data, job.owner)
            entry["segments"] = highlighted_segments(data.get("text") or "", data.get("spans") or {})
            entry["tasks"] = [
                {"index": i, "spec": spec, "match": match_organisation(spec.get("lead"), job.owner)}
                for i, spec in enumerate(data.get("tasks") or [])
            ]
            entry["choices"] = choices
        documents.append(entry)
    return documents


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_403(request, pk)
    context = {"job": job, "documents": _review(job) if job.status in (ImportStatus.PARSED, ImportStatus.DONE) else []}
    if request.htmx:
        return render(request, "plans/import_job.html#progress", context)
    return render(request, "plans/import_job.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_403(request, pk)
    if not permissions.can_edit_plan(request.user, owner=job.owner):
        raise PermissionDenied(_("Bạn không có quyền nhập kế hoạch cho đơn vị này."))
    if job.status not in (ImportStatus.PARSED, ImportStatus.DONE):  # never from a running or failed job's part
        messages.error(request, _("Lượt nhập chưa đọc xong văn bản; hãy chờ hoặc thử lại."))
        return redirect("import_job", pk=job.pk)
    try:
        index = int(request.POST.get("doc", ""))
        data = dict(job.results[index]["data"])
    except (ValueError, IndexError, KeyError, TypeError):
        messages.error(request, _("Không có văn bản đã đọc để xác nhận."))
        return redirect("import_job", pk=job.pk)
    for name in ("title", "number", "symbol", "place"):
        if name in request.POST:
            data[name] = request.POST[name].strip() or None
    budget = request.POST.get("budget_vnd", "").replace(".", "").strip()
    data["budget_vnd"] = int(budget) if budget.isdigit() else None
    if not data.get("title"):
        messages.error(request, _("Trích yếu không được để trống."))
        return redirect("import_job", pk=job.pk)
    tasks = data.get("tasks") or []
    keep = [i for i in range(len(tasks)) if request.POST.get(f"skip_{i}") != "on"]
    overrides = {}
    in_tree = {o.pk: o for o in Organisation.objects.filter(path__startswith=job.owner.path)}
    data["tasks"] = [tasks[i] for i in keep]
    with transaction.atomic():
        created_orgs: dict[str, Organisation] = {}
        for new_index, old_index in enumerate(keep):
            value = request.POST.get(f"lead_{old_index}", "")
            printed = (tasks[old_index].get("lead") or "").strip()
            if value.isdigit() and int(value) in in_tree:
                overrides[new_index] = in_tree[int(value)]
            elif value == "new" and printed:
                # An organisation the document names but dost does not know: created under the owner.
                if printed not in created_orgs:
                    organisation = Organisation(name=printed[:255], kind=OrganisationKind.OTHER, parent=job.owner)
                    organisation.save()
                    created_orgs[printed] = organisation
                overrides[new_index] = created_orgs[printed]
            else:
                overrides[new_index] = None
        result = import_plan(data, job.owner, overrides)
        job.results[index]["plan_id"] = result.plan.pk
        if all(r.get("plan_id") or r.get("error") for r in job.results):
            job.status = ImportStatus.DONE
        job.save(update_fields=["results", "status"])
    messages.success(request, (_("Đã tạo kế hoạch với %(n)s nhiệm vụ.") if result.created
                               else _("Đã cập nhật kế hoạch đã nhập trước đó (%(n)s nhiệm vụ mới).")) % {"n": result.tasks_created})
    return redirect("plan_detail", pk=result.plan.pk)


@login_required
@require_POST
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_403(request, pk)
    if job.status == ImportStatus.FAILED:
        job.status, job.error = ImportStatus.QUEUED, ""
        job.save(update_fields=["status", "error"])
        enqueue(job)
        messages.info(request, _("Đã đưa lượt nhập vào hàng đợi xử lý lại."))
    return redirect("import_job", pk=job.pk)
