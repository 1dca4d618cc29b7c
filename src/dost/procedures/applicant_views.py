"""The applicant side of the dossier engine and the public status look-up.

Applicants see their own organisations' dossiers only, and only what is public about them: the steps'
public names, never the staff names; the history's comments only where the comment is the text of a
letter the applicant receives anyway (or their own note); no officer's name. The public look-up (no login)
needs the public code *and* the access code printed on the receipt, answers a wrong pair with one neutral
message whatever was wrong, and is rate-limited per client.

Writes go through the services (``dossiers.submit``, ``dossiers.resubmit``,
``registration.register_enterprise``); nothing here saves a model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dost.core.models import Membership, Organisation
from dost.core.permissions import scope_for
from dost.core.status import DossierStatus, Role

from . import dossiers, panels, queries, registration
from .applicant_forms import LookupForm, RegistrationForm, SubmissionForm, SupplementForm
from .models import ClockStop, Dossier, DossierEvent, IssuedLetter, ProcedureType, StopKind
from .ratelimit import RateLimit, client_ip

PAGE_SIZE = 25
APPLICANT_ROLES = frozenset({Role.APPLICANT})

# Failed look-ups per client: enough for typing mistakes, far too few for guessing a 10-character code.
LOOKUP_LIMIT = RateLimit("dossier-lookup", attempts=10, window=10 * 60)
# Registration attempts per client: registering is rare; this stops scripted account creation and
# probing which tax codes are registered.
REGISTRATION_LIMIT = RateLimit("registration", attempts=20, window=60 * 60)

# What the applicant and the public see of each history action. Actions not listed (assignment, and any
# an app adds later) are internal and never shown.
PUBLIC_ACTIONS: dict[str, Any] = {
    "submit": gettext_lazy("Nộp hồ sơ"),
    "receive": gettext_lazy("Tiếp nhận hồ sơ, hẹn trả kết quả"),
    "supplement": gettext_lazy("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "resubmit": gettext_lazy("Nộp hồ sơ bổ sung"),
    "advance": gettext_lazy("Chuyển bước xử lý"),
    "approve": gettext_lazy("Có kết quả giải quyết"),
    "refuse": gettext_lazy("Từ chối giải quyết"),
    "extend": gettext_lazy("Xin lỗi, hẹn lại ngày trả kết quả"),
}
# Actions whose comment the applicant receives in writing anyway (the receipt's appointment, the supplement
# request's items, the refusal's reasons, the apology's reason) or wrote themselves (their resubmission
# note). Appraisal and approval comments are internal.
APPLICANT_COMMENT_ACTIONS = frozenset({"receive", "supplement", "refuse", "extend", "resubmit"})


@dataclass(frozen=True)
class PublicEvent:
    at: Any
    action: str
    step: str
    comment: str


def public_history(dossier: Dossier, with_comments: bool) -> list[PublicEvent]:
    """The dossier's history as the applicant (``with_comments``) or the public may see it."""
    events = DossierEvent.objects.filter(dossier=dossier, action__in=list(PUBLIC_ACTIONS)).order_by("at", "id")
    return [PublicEvent(at=e.at, action=str(PUBLIC_ACTIONS[e.action]), step=e.public_step_name,
                        comment=e.comment if with_comments and e.action in APPLICANT_COMMENT_ACTIONS else "")
            for e in events.only("at", "action", "public_step_name", "comment")]


def public_step(dossier: Dossier) -> str:
    """The current step as the applicant sees it: its public name, or the status before any step."""
    if dossier.step_id and dossier.step.public_name:
        return dossier.step.public_name
    return str(dossier.get_status_display())


# ---------------------------------------------------------------------------------------------- access


def applicant_organisations(user: Any) -> list[Organisation]:
    """The organisations the user submits for (APPLICANT memberships); empty for everybody else."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = Membership.objects.filter(user=user, role=Role.APPLICANT).select_related("organisation")
    return sorted({m.organisation for m in memberships}, key=lambda o: (o.name, o.pk))


def applicant_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, and acting for at least one organisation as an applicant; anybody else gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        organisations = applicant_organisations(request.user)
        if not organisations:
            raise PermissionDenied(_("Trang này dành cho tổ chức, doanh nghiệp đã đăng ký tài khoản nộp hồ sơ."))
        request.applicant_organisations = organisations
        return view(request, *args, **kwargs)

    return wrapper


def _my_dossiers(request: HttpRequest) -> QuerySet:
    return Dossier.objects.filter(scope_for(request.user).q("applicant", APPLICANT_ROLES))


def _my_dossier(request: HttpRequest, pk: int) -> Dossier:
    """One of the user's organisations' dossiers; any other is "not found", so ids reveal nothing."""
    return get_object_or_404(_my_dossiers(request).select_related("procedure", "step", "applicant"), pk=pk)


def _letters() -> Prefetch:
    return Prefetch("letters", queryset=IssuedLetter.objects.select_related("attachment").order_by("created_at", "id"))


def _open_supplement(dossier: Dossier) -> ClockStop | None:
    if dossier.status != DossierStatus.SUPPLEMENT:
        return None
    return dossier.stops.filter(kind=StopKind.SUPPLEMENT, end__isnull=True).order_by("-start", "-id").first()


# ---------------------------------------------------------------------------------------------- registration


@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """An enterprise or cooperative opens its applicant account (no login)."""
    form = RegistrationForm()
    if request.method == "POST":
        client = client_ip(request)
        if REGISTRATION_LIMIT.exceeded(client):
            return _too_many(request, REGISTRATION_LIMIT,
                             _("Có quá nhiều lượt đăng ký từ địa chỉ mạng của bạn. Vui lòng thử lại sau."))
        REGISTRATION_LIMIT.hit(client)
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                organisation, user = registration.register_enterprise(form.registration())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Đã đăng ký tài khoản cho %(name)s. Bạn có thể nộp hồ sơ trực tuyến.")
                                 % {"name": organisation.name})
                return redirect("applicant_home")
    return render(request, "procedures/applicant/register.html", {"form": form})


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---------------------------------------------------------------------------------------------- applicant pages


@applicant_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """"Hồ sơ của tôi": the dossiers of the user's organisations, newest first, with their letters."""
    queryset = (_my_dossiers(request).select_related("procedure", "step", "applicant")
                .prefetch_related(_letters()).order_by("-submitted_at", "-id"))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for dossier in page.object_list:
        dossier.public_step = public_step(dossier)
    context = {"page": page, "organisations": request.applicant_organisations,
               "several": len(request.applicant_organisations) > 1}
    return render(request, "procedures/applicant/home.html", context)


@applicant_required
@require_GET
def procedures(request: HttpRequest) -> HttpResponse:
    """Choose the procedure to apply under (active ones only)."""
    active = ProcedureType.objects.filter(is_active=True).select_related("organisation").order_by("name")
    return render(request, "procedures/applicant/procedures.html", {"procedures": active})


@applicant_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The application form of one procedure: one file input per required document, and the contact."""
    procedure = get_object_or_404(ProcedureType.objects.select_related("organisation"), pk=pk, is_active=True)
    requirements = list(procedure.required_documents.order_by("position", "id"))
    organisations = request.applicant_organisations
    kwargs = {"requirements": requirements, "organisations": organisations}
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                dossier = dossiers.submit(request.user, procedure, form.cleaned_data["organisation"], form.contact(),
                                          form.files_by_requirement())
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, getattr(error, "messages", None) or [str(error)])
            else:
                return redirect("applicant_submitted", pk=dossier.pk)
    else:
        user = request.user
        form = SubmissionForm(initial={"contact_name": user.get_full_name(), "contact_email": user.email},
                              **kwargs)
    context = {"procedure": procedure, "form": form, "requirements": requirements}
    return render(request, "procedures/applicant/submit.html", context)


@applicant_required
@require_GET
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation: both codes, to keep for the status look-up."""
    dossier = _my_dossier(request, pk)
    return render(request, "procedures/applicant/submitted.html", {
        "dossier": dossier,
        "panels": panels.render_applicant_panels(request, dossier),
    })


@applicant_required
@require_GET
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _my_dossier(request, pk)
    requirements = list(dossier.procedure.required_documents.order_by("position", "id"))
    stop = _open_supplement(dossier)
    context = {
        "dossier": dossier,
        "public_step": public_step(dossier),
        "supplement": stop,
        "form": SupplementForm(requirements=requirements) if stop else None,
        "revisions": queries.revisions_with_files(dossier),
        "letters": dossier.letters.select_related("attachment").order_by("created_at", "id"),
        "history": public_history(dossier, with_comments=True),
        "panels": panels.render_applicant_panels(request, dossier),
    }
    return render(request, "procedures/applicant/dossier.html", context)


@applicant_required
@require_POST
def supplement(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's answer to the supplement request: the new files go in as a new revision."""
    dossier = _my_dossier(request, pk)
    stop = _open_supplement(dossier)
    if stop is None:
        messages.error(request, _("Hồ sơ không ở trạng thái chờ bổ sung."))
        return redirect("applicant_dossier", pk=dossier.pk)
    requirements = list(dossier.procedure.required_documents.order_by("position", "id"))
    form = SupplementForm(request.POST, request.FILES, requirements=requirements)
    if form.is_valid():
        try:
            dossiers.resubmit(request.user, dossier, form.files_by_requirement(), form.cleaned_data["note"])
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "messages", None) or [str(error)])
        else:
            messages.success(request, _("Đã nộp hồ sơ bổ sung. Thời hạn giải quyết được tính tiếp từ hôm nay."))
            return redirect("applicant_dossier", pk=dossier.pk)
    context = {
        "dossier": dossier,
        "public_step": public_step(dossier),
        "supplement": stop,
        "form": form,
        "revisions": queries.revisions_with_files(dossier),
        "letters": dossier.letters.select_related("attachment").order_by("created_at", "id"),
        "history": public_history(dossier, with_comments=True),
    }
    return render(request, "procedures/applicant/dossier.html", context, status=400)


# ---------------------------------------------------------------------------------------------- public look-up


def _too_many(request: HttpRequest, limit: RateLimit, message: str) -> HttpResponse:
    minutes = max(1, -(-limit.retry_after() // 60))
    response = render(request, "procedures/public/rate_limited.html", {"message": message, "minutes": minutes},
                      status=429)
    response["Retry-After"] = str(limit.retry_after())
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Status of a dossier for whoever holds its receipt: both codes, or the same "not found" for all."""
    if request.method != "POST":
        form = LookupForm(initial={"public_code": request.GET.get("code", "")[:40]})
        return render(request, "procedures/public/lookup.html", {"form": form})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return render(request, "procedures/public/lookup.html", {"form": form})
    client = client_ip(request)
    if LOOKUP_LIMIT.exceeded(client):
        return _too_many(request, LOOKUP_LIMIT,
                         _("Bạn đã tra cứu sai quá nhiều lần. Vì an toàn, việc tra cứu tạm khóa với địa chỉ mạng "
                           "của bạn."))
    dossier = dossiers.lookup(form.cleaned_data["public_code"], form.cleaned_data["access_code"])
    if dossier is None:
        LOOKUP_LIMIT.hit(client)
        return render(request, "procedures/public/lookup.html", {"form": form, "not_found": True})
    context = {
        "form": LookupForm(),
        "result": {
            "public_code": dossier.public_code,
            "procedure": dossier.procedure.name,
            "received_on": dossier.received_on,
            "status": dossier.status,
            "status_label": dossier.get_status_display(),
            "step": public_step(dossier),
            "due_date": dossier.due_date,
        },
        "history": public_history(dossier, with_comments=False),
    }
    return render(request, "procedures/public/lookup.html", context)
