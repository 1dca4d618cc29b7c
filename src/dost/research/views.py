"""Pages of S&T tasks: portfolio, project (detail, create/edit, moves, checks), calls and proposals.

Views stay thin: they read through ``queries`` and write through ``services``; every page checks the
user's rights over the record's organisation (403 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dost.core.mixins import StaleEditError
from dost.core.status import ProjectStatus, ProjectTiming, ProposalStatus

from . import duplicates, permissions, queries, services
from .filtersets import ProjectFilterSet, ProposalFilterSet
from .forms import (
    CallRoundForm,
    ProjectForm,
    ProposalForm,
    ScheduleCheckForm,
    SendToCouncilForm,
    TeamFormSet,
    TransitionForm,
    team_initial,
)
from .lifecycle import TRANSITIONS, available
from .models import CallRound, Level, Project, Proposal, ScienceField

PAGE_SIZE = 25
PROPOSAL_PAGE_SIZE = 50


def _messages_of(error: Exception) -> list[str]:
    return list(getattr(error, "messages", None) or [str(error)])


def _project_or_403(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("organisation", "host", "ordering_organisation",
                                                               "plan_task__plan", "proposal__round"), pk=pk)
    if not permissions.can_view(request.user, project):
        raise PermissionDenied(_("Bạn không có quyền xem nhiệm vụ này."))
    return project


def _round_or_403(request: HttpRequest, pk: int) -> CallRound:
    call_round = get_object_or_404(CallRound.objects.select_related("organisation"), pk=pk)
    if not permissions.can_view_round(request.user, call_round):
        raise PermissionDenied(_("Bạn không có quyền xem đợt đề xuất này."))
    return call_round


def _querystring(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# ---------------------------------------------------------------------------------------------- portfolio


@login_required
@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    base = queries.portfolio(request.user, today)
    filterset = ProjectFilterSet(request.GET or None, queryset=base)
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    if not request.GET.get("ordering"):
        queryset = queryset.order_by("-year", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "querystring": _querystring(request),
        "counts": queries.count_by_status(queryset),
        "status_choices": ProjectStatus.choices,
        "timing_counts": queries.count_by_timing(queryset, today),
        "timing_choices": ProjectTiming.choices,
        "timing_labels": dict(ProjectTiming.choices),
        "matrix": queries.level_field_matrix(queryset),
        "fields": ScienceField.choices,
        "levels": Level.choices,
        "upcoming_checks": list(queries.upcoming_checks(request.user, today)[:10]),
        "upcoming_ends": list(queries.upcoming_ends(request.user, today)[:10]),
        "late": list(queries.late_projects(request.user, today)[:10]),
        "hosts": _host_choices(request.user),
        "can_create": permissions.can_edit(request.user),
        "today": today,
    }
    template = "research/portfolio.html#results" if request.htmx else "research/portfolio.html"
    return render(request, template, context)


def _host_choices(user: Any) -> list[tuple[int, str]]:
    """Host organisations of the visible projects (one query)."""
    from dost.core.models import Organisation

    hosts = permissions.visible_projects(user).filter(host__isnull=False).values("host_id")
    return list(Organisation.objects.filter(pk__in=hosts).order_by("name").values_list("pk", "name"))


# ---------------------------------------------------------------------------------------------- project


def _actions(request: HttpRequest, project: Project, bound: tuple[str, TransitionForm] | None = None) -> list[dict]:
    """The moves the user may take now, each with its form (the bound one when re-shown with errors)."""
    result = []
    for transition in available(project.status):
        if not permissions.can_take(request.user, project, transition):
            continue
        if bound and bound[0] == transition.action:
            form = bound[1]
        else:
            form = TransitionForm(transition, project, request.user, prefix=transition.action,
                                  initial=_initial(transition, project))
        result.append({"transition": transition, "form": form, "open": bool(bound and bound[0] == transition.action)})
    return result


def _initial(transition, project: Project) -> dict[str, Any]:
    today = timezone.localdate()
    initial: dict[str, Any] = {"decision_date": today}
    if "requested_on" in transition.fields:
        initial["requested_on"] = today
    if "dossier_on" in transition.fields:
        initial["dossier_on"] = today
    if "done_on" in transition.fields:
        initial["done_on"] = today
    if "recovered_on" in transition.fields:
        initial["recovered_on"] = today
    if transition.action in ("approve_budget", "sign_contract"):
        initial.update(start_date=project.start_date, end_date=project.end_date,
                       budget_state_vnd=project.budget_state_vnd, budget_other_vnd=project.budget_other_vnd)
    if transition.action == "select":
        initial.update(host=project.host_id, host_name=project.host_name,
                       principal_investigator=project.principal_investigator, pi_title=project.pi_title,
                       assignment_method=project.assignment_method)
    if transition.action == "accept":
        initial["rating_label"] = _("Đạt")
    return initial


def _entry_links(entry: Any) -> dict[str, str]:
    """The council engine's pages for an entry: its sheets and the round's minutes (.docx)."""
    links = {}
    for key, name, args in (("entry", "council_entry_detail", [entry.pk]),
                            ("minutes", "council_round_document", [entry.round_id, "minutes", "docx"])):
        try:
            links[key] = reverse(name, args=args)
        except NoReverseMatch:
            links[key] = ""
    return links


def _detail_context(request: HttpRequest, project: Project, bound=None) -> dict[str, Any]:
    today = timezone.localdate()
    timed = queries.with_timing(Project.objects.filter(pk=project.pk), today).values("timing", "next_check").first()
    events = list(project.events.select_related("decision", "by").order_by("-at", "-id"))
    checks = list(queries.with_check_state(project.checks.select_related("checked_by"), today).order_by("due_date"))
    entries = services.council_entries(project)
    for entry in entries:
        entry.links = _entry_links(entry)
    policy = services.policy_for(project)
    return {
        "project": project,
        "timing": timed["timing"] if timed else "",
        "next_check": timed["next_check"] if timed else None,
        "timing_label": dict(ProjectTiming.choices).get(timed["timing"]) if timed else "",
        "members": list(project.members.all()),
        "events": events,
        "checks": checks,
        "extensions": list(project.extensions.all()),
        "applications": list(project.applications.select_related("organisation")),
        "entries": entries,
        "actions": _actions(request, project, bound),
        "can_edit": permissions.can_edit(request.user, project),
        "can_schedule": permissions.can_edit(request.user, project) and project.status in (
            ProjectStatus.IMPLEMENTING, ProjectStatus.SUSPENDED, ProjectStatus.CONTRACTING),
        "schedule_form": ScheduleCheckForm(),
        "policy": policy,
        "max_extension": (policy.max_extension_months(project.start_date, project.original_end_date
                                                      or project.end_date)
                          if project.start_date and project.end_date else None),
        "today": today,
    }


@login_required
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_403(request, pk)
    return render(request, "research/project_detail.html", _detail_context(request, project))


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk:
        project = _project_or_403(request, pk)
        if not permissions.can_edit(request.user, project):
            raise PermissionDenied(_("Bạn không có quyền sửa nhiệm vụ này."))
    else:
        if not permissions.can_edit(request.user):
            raise PermissionDenied(_("Bạn không có quyền tạo nhiệm vụ."))
        project = Project(year=timezone.localdate().year)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    team = TeamFormSet(request.POST or None, prefix="team", initial=team_initial(project))
    if request.method == "POST" and form.is_valid() and team.is_valid():
        members = [f.cleaned_data for f in team.forms if f.cleaned_data.get("name")]
        try:
            saved = services.save_project(request.user, form.save(commit=False),
                                          form.cleaned_data.get("expected_version"), members=members)
        except StaleEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("research_project_detail", pk=saved.pk)
    return render(request, "research/project_form.html", {"form": form, "team": team, "project": project})


@login_required
@require_POST
def project_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one move of the lifecycle; on refusal the page is shown again with the form and the reasons."""
    project = _project_or_403(request, pk)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Http404(_("Không có thao tác này."))
    if not permissions.can_take(request.user, project, transition):
        raise PermissionDenied(_("Bạn không có quyền thực hiện “%(label)s” với nhiệm vụ này.")
                               % {"label": transition.label})
    form = TransitionForm(transition, project, request.user, request.POST, prefix=action)
    if form.is_valid():
        try:
            services.transition(project, action, request.user, form.decision(), **form.data_for_service())
        except (ValidationError, PermissionDenied) as error:
            for message in _messages_of(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã thực hiện: %(label)s.") % {"label": transition.label})
            return redirect("research_project_detail", pk=project.pk)
    project.refresh_from_db()
    return render(request, "research/project_detail.html", _detail_context(request, project, (action, form)),
                  status=400)


@login_required
@require_POST
def check_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_403(request, pk)
    if not permissions.can_edit(request.user, project):
        raise PermissionDenied(_("Bạn không có quyền lập lịch kiểm tra nhiệm vụ này."))
    form = ScheduleCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập ngày kiểm tra hợp lệ."))
    else:
        try:
            services.schedule_check(request.user, project, form.cleaned_data["due_date"])
        except ValidationError as error:
            messages.error(request, " ".join(_messages_of(error)))
        else:
            messages.success(request, _("Đã lập lịch kiểm tra tiến độ."))
    return redirect("research_project_detail", pk=project.pk)


# ---------------------------------------------------------------------------------------------- calls


@login_required
@require_GET
def calls(request: HttpRequest) -> HttpResponse:
    """Rounds by year, each with its proposals counted per status (one aggregate query)."""
    rounds = (permissions.visible_rounds(request.user).select_related("organisation")
              .annotate(total=Count("proposals"),
                        sent=Count("proposals", filter=Q(proposals__status=ProposalStatus.SENT)),
                        merged=Count("proposals", filter=Q(proposals__status=ProposalStatus.MERGED)),
                        declined=Count("proposals", filter=Q(proposals__status=ProposalStatus.DECLINED)))
              .order_by("-year", "-id"))
    by_year: dict[int, list[CallRound]] = {}
    for call_round in rounds:
        by_year.setdefault(call_round.year, []).append(call_round)
    return render(request, "research/calls.html", {"by_year": sorted(by_year.items(), reverse=True),
                                                   "can_create": permissions.can_manage_round(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_round(request.user):
        raise PermissionDenied(_("Bạn không có quyền tạo đợt đề xuất."))
    form = CallRoundForm(request.POST or None, instance=CallRound(year=timezone.localdate().year + 1),
                         user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_round(request.user, form.save(commit=False))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã tạo đợt đề xuất."))
            return redirect("research_round_detail", pk=saved.pk)
    return render(request, "research/round_form.html", {"form": form})


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call_round = _round_or_403(request, pk)
    proposals = (call_round.proposals.select_related("proposer", "duplicate_of")
                 .prefetch_related(Prefetch("project", queryset=Project.objects.only("id", "status", "proposal_id"))))
    filterset = ProposalFilterSet(request.GET or None, queryset=proposals)
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    if not request.GET.get("ordering"):
        queryset = queryset.order_by("number", "id")
    page = Paginator(queryset, PROPOSAL_PAGE_SIZE).get_page(request.GET.get("page"))
    open_items = list(call_round.proposals.filter(status=ProposalStatus.FILED).values_list("pk", "title", "number"))
    groups = duplicates.group_duplicates([(pk_, title) for pk_, title, _n in open_items])
    numbers = {pk_: (number, title) for pk_, title, number in open_items}
    can_manage = permissions.can_manage_round(request.user, call_round)
    counts = {value: 0 for value in ProposalStatus.values}
    for row in call_round.proposals.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    context = {
        "round": call_round,
        "filter": filterset,
        "page": page,
        "querystring": _querystring(request),
        "groups": [{"group": g, "items": [(pk_, *numbers[pk_]) for pk_ in g.ids]} for g in groups],
        "threshold": round(duplicates.THRESHOLD * 100),
        "counts": counts,
        "status_choices": ProposalStatus.choices,
        "fields": ScienceField.choices,
        "levels": Level.choices,
        "can_manage": can_manage,
        "send_form": SendToCouncilForm(call_round, request.user) if can_manage else None,
    }
    return render(request, "research/round_detail.html", context)


@login_required
@require_POST
def round_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the chosen proposals to the identification council (all or none)."""
    call_round = _round_or_403(request, pk)
    if not permissions.can_manage_round(request.user, call_round):
        raise PermissionDenied(_("Bạn không có quyền xử lý đề xuất của đợt này."))
    form = SendToCouncilForm(call_round, request.user, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("research_round_detail", pk=call_round.pk)
    try:
        projects = services.send_to_identification(request.user, list(form.cleaned_data["proposals"]),
                                                   form.cleaned_data["council_round"], form.decision())
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(_messages_of(error)))
    else:
        messages.success(request, _("Đã đưa %(n)s đề xuất ra Hội đồng tư vấn xác định nhiệm vụ.") % {"n": len(projects)})
    return redirect("research_round_detail", pk=call_round.pk)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, round_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    if pk:
        proposal = get_object_or_404(Proposal.objects.select_related("round__organisation"), pk=pk)
        call_round = proposal.round
        if not permissions.can_view_round(request.user, call_round):
            raise PermissionDenied(_("Bạn không có quyền xem đề xuất này."))
    else:
        call_round = _round_or_403(request, round_pk)
        proposal = Proposal(round=call_round, level=call_round.level, received_on=timezone.localdate())
    if not permissions.can_manage_round(request.user, call_round):
        raise PermissionDenied(_("Bạn không có quyền nhập đề xuất của đợt này."))
    form = ProposalForm(request.POST or None, instance=proposal)
    similar = []
    if request.method == "POST" and form.is_valid():
        try:
            services.save_proposal(request.user, form.save(commit=False), form.cleaned_data.get("expected_version"))
        except StaleEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã lưu đề xuất."))
            return redirect("research_round_detail", pk=call_round.pk)
    title = form["title"].value() or ""
    if title:
        others = call_round.proposals.exclude(pk=proposal.pk).values_list("pk", "title")
        found = duplicates.similar_to(title, others)
        titles = dict(others)
        similar = [(pair, titles[pair.right]) for pair in found[:5]]
    return render(request, "research/proposal_form.html",
                  {"form": form, "proposal": proposal, "round": call_round, "similar": similar})


@login_required
@require_POST
def proposal_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep this proposal and mark the other members of its duplicate group as merged into it."""
    keep = get_object_or_404(Proposal.objects.select_related("round__organisation"), pk=pk)
    if not permissions.can_view_round(request.user, keep.round) or not permissions.can_manage_round(
            request.user, keep.round):
        raise PermissionDenied(_("Bạn không có quyền xử lý đề xuất của đợt này."))
    ids = [int(v) for v in request.POST.getlist("duplicates") if v.isdigit()]
    others = list(Proposal.objects.filter(pk__in=ids))
    try:
        if not others:
            raise ValidationError(_("Hãy chọn các đề xuất trùng để gộp."))
        merged = services.merge_proposals(request.user, keep, others)
    except ValidationError as error:
        messages.error(request, " ".join(_messages_of(error)))
    else:
        messages.success(request, _("Đã gộp %(n)s đề xuất trùng vào đề xuất số %(number)s.")
                         % {"n": merged, "number": keep.number})
    return redirect("research_round_detail", pk=keep.round_id)


@login_required
@require_POST
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("round__organisation"), pk=pk)
    if not permissions.can_view_round(request.user, proposal.round) or not permissions.can_manage_round(
            request.user, proposal.round):
        raise PermissionDenied(_("Bạn không có quyền xử lý đề xuất của đợt này."))
    try:
        services.decline_proposal(request.user, proposal, request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(_messages_of(error)))
    else:
        messages.success(request, _("Đã ghi nhận không đưa đề xuất vào danh mục."))
    return redirect("research_round_detail", pk=proposal.round_id)

