"""Pages of councils and juries. Thin: they read with bounded queries and write through ``services``.

Sealed scoring is enforced here and in the API through ``permissions.may_see_scores``: before a round closes,
nobody sees the points of an entry's sheets unless they submitted their own sheet for that entry; officers
see who has submitted, not the scores.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dost.core.mixins import StaleEditError
from dost.core.models import Organisation
from dost.core.permissions import scope_for
from dost.core.status import RoundStatus

from . import letters, permissions, services
from .filtersets import CouncilFilterSet
from .forms import (
    ConflictForm,
    CouncilForm,
    DecisionForm,
    EntryForm,
    FinalForm,
    MemberForm,
    PresenceForm,
    RoundForm,
    SheetForm,
)
from .models import (
    ConflictOfInterest,
    Council,
    CouncilMember,
    Entry,
    Round,
    RoundKind,
    Score,
    ScoreSheet,
    SheetSource,
)

PAGE_SIZE = 20


def _message(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _council_or_403(request: HttpRequest, pk: int) -> Council:
    council = get_object_or_404(Council.objects.select_related("organisation", "rule_set"), pk=pk)
    if not permissions.can_view(request.user, council):
        raise PermissionDenied(_("Bạn không có quyền xem hội đồng này."))
    return council


def _round_or_403(request: HttpRequest, pk: int) -> Round:
    rnd = get_object_or_404(Round.objects.select_related("council__organisation", "rule_set", "previous",
                                                         "closed_by"), pk=pk)
    if not permissions.can_view(request.user, rnd.council):
        raise PermissionDenied(_("Bạn không có quyền xem phiên đánh giá này."))
    return rnd


def _entry_or_403(request: HttpRequest, pk: int) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("round__council__organisation", "round__rule_set"), pk=pk)
    if not permissions.can_view(request.user, entry.round.council):
        raise PermissionDenied(_("Bạn không có quyền xem hồ sơ này."))
    return entry


def _deny_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# ---------------------------------------------------------------------------------------------- councils


@login_required
@require_GET
def council_list(request: HttpRequest) -> HttpResponse:
    base = (permissions.visible_councils(request.user, Council.objects.all())
            .select_related("organisation", "rule_set")
            .annotate(member_count=Count("members", distinct=True), round_count=Count("rounds", distinct=True)))
    scope = scope_for(request.user)
    organisations = (Organisation.objects.all() if scope.is_admin
                     else Organisation.objects.filter(scope.q("", permissions.READ_ROLES)))
    filterset = CouncilFilterSet(request.GET or None, queryset=base, organisations=organisations)
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    if not request.GET.get("ordering"):
        queryset = queryset.order_by("-year", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "querystring": query.urlencode(),
               "can_create": permissions.can_create(request.user), "filtered": any(
                   request.GET.get(k) for k in ("q", "purpose", "year", "organisation"))}
    template = "councils/council_list.html#results" if request.htmx else "councils/council_list.html"
    return render(request, template, context)


@login_required
@require_GET
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council_or_403(request, pk)
    rounds = list(council.rounds.select_related("rule_set", "previous")
                  .annotate(entry_count=Count("entries", distinct=True)).order_by("id"))
    conflicts = list(ConflictOfInterest.objects.filter(entry__round__council=council)
                     .select_related("member", "entry__round").order_by("entry__round_id", "entry__position"))
    context = {
        "council": council,
        "members": list(council.members.select_related("user")),
        "rounds": rounds,
        "conflicts": conflicts,
        "can_manage": permissions.can_manage(request.user, council),
    }
    return render(request, "councils/council_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    council = _council_or_403(request, pk) if pk else None
    if council is not None:
        _deny_unless(permissions.can_manage(request.user, council), _("Bạn không có quyền sửa hội đồng này."))
    else:
        _deny_unless(permissions.can_create(request.user), _("Bạn không có quyền lập hội đồng."))
    # The form edits a copy: the service checks the rights against the council as stored.
    instance = Council.objects.get(pk=council.pk) if council is not None else Council()
    form = CouncilForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "expected_version"}
        try:
            if council is None:
                council = services.create_council(by=request.user, **data)
            else:
                services.update_council(council, by=request.user,
                                        expected_version=form.cleaned_data.get("expected_version"), **data)
        except (ValidationError, StaleEditError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Đã lưu hội đồng."))
            return redirect("council_detail", pk=council.pk)
    return render(request, "councils/council_form.html", {"form": form, "council": council})


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council_or_403(request, pk)
    _deny_unless(permissions.can_manage(request.user, council), _("Bạn không có quyền sửa thành viên hội đồng này."))
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        spec = services.MemberSpec(name=data["name"], role=data["role"], title=data["title"],
                                   affiliation=data["affiliation"], external=data["external"], user=data["username"])
        try:
            services.add_member(council, spec, by=request.user)
        except ValidationError as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Đã thêm thành viên %(name)s.") % {"name": spec.name})
            return redirect("council_detail", pk=council.pk)
    return render(request, "councils/simple_form.html", {
        "form": form, "title": _("Thêm thành viên hội đồng"), "subtitle": council.name,
        "back": reverse("council_detail", args=[council.pk])})


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(CouncilMember.objects.select_related("council__organisation"), pk=pk)
    _deny_unless(permissions.can_view(request.user, member.council), _("Bạn không có quyền xem hội đồng này."))
    try:
        services.remove_member(member, by=request.user)
    except ValidationError as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("Đã xóa thành viên %(name)s.") % {"name": member.name})
    return redirect("council_detail", pk=member.council_id)


# ---------------------------------------------------------------------------------------------- rounds


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council_or_403(request, pk)
    _deny_unless(permissions.can_manage(request.user, council), _("Bạn không có quyền mở phiên đánh giá."))
    form = RoundForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rnd = services.open_round(council, title=data["title"], rule_set=data["rule_set"], kind=data["kind"],
                                      meeting_date=data["meeting_date"], place=data["place"], by=request.user)
        except ValidationError as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Đã mở phiên đánh giá; hãy thêm hồ sơ."))
            return redirect("council_round_detail", pk=rnd.pk)
    return render(request, "councils/simple_form.html", {
        "form": form, "title": _("Mở phiên đánh giá"), "subtitle": council.name,
        "back": reverse("council_detail", args=[council.pk])})


def _sheet_grid(rnd: Round, entries: list[Entry], members: list[CouncilMember]) -> dict:
    """Who has submitted what (never the points): entry id → member id → "online" / "paper" / "conflict"."""
    grid: dict[int, dict[int, str]] = {e.pk: {} for e in entries}
    for entry_id, member_id, source in ScoreSheet.objects.filter(entry__round=rnd).values_list(
            "entry_id", "member_id", "source"):
        grid[entry_id][member_id] = source
    for entry_id, member_id in ConflictOfInterest.objects.filter(entry__round=rnd).values_list("entry_id",
                                                                                                 "member_id"):
        grid[entry_id][member_id] = "conflict"
    return grid


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round_or_403(request, pk)
    council = rnd.council
    members = list(council.members.all())
    present_ids = {m.pk for m in rnd.present.all()}
    order = ("rank", "position", "id") if rnd.is_closed else ("position", "id")
    entries = list(rnd.entries.order_by(*order))
    grid = _sheet_grid(rnd, entries, members)
    present = [m for m in members if m.pk in present_ids]
    me = permissions.member_for(request.user, council)
    rows = []
    for entry in entries:
        cells = [(m, grid[entry.pk].get(m.pk, "")) for m in present]
        counted = [state for _m, state in cells if state != "conflict"]
        rows.append({"entry": entry, "cells": cells, "submitted": sum(1 for s in counted if s),
                     "expected": len(counted),
                     "mine": grid[entry.pk].get(me.pk, "") if me is not None and me.pk in present_ids else None})
    can_manage = permissions.can_manage(request.user, council)
    context = {
        "round": rnd, "council": council, "members": members, "present": present, "rows": rows, "me": me,
        "can_manage": can_manage, "can_close": permissions.can_close(request.user, council),
        "can_paper": permissions.can_enter_paper(request.user, council),
        "quorum": services.quorum_problems(rnd) if rnd.status == RoundStatus.SCORING else [],
        "entry_form": EntryForm() if can_manage and not rnd.is_closed else None,
        "decision_form": DecisionForm(initial={"number": rnd.result_decision_number,
                                               "date": rnd.result_decision_date}) if rnd.is_closed else None,
        "finals": list(rnd.next_rounds.select_related("council")) if rnd.is_closed else [],
        "documents": [("minutes", _("Biên bản họp")), ("decision", _("Quyết định công nhận kết quả"))],
    }
    return render(request, "councils/round_detail.html", context)


@login_required
@require_POST
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round_or_403(request, pk)
    _deny_unless(permissions.can_manage(request.user, rnd.council), _("Bạn không có quyền thêm hồ sơ."))
    form = EntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
                                         for k, v in form.errors.items()))
    else:
        try:
            entry = services.add_entry(rnd, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("Đã thêm hồ sơ “%(title)s”.") % {"title": entry.title})
    return redirect("council_round_detail", pk=rnd.pk)


@login_required
@require_http_methods(["GET", "POST"])
def round_presence(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the scoring with the members present, or correct the attendance while scoring."""
    rnd = _round_or_403(request, pk)
    _deny_unless(permissions.can_manage(request.user, rnd.council), _("Bạn không có quyền quản lý phiên này."))
    if rnd.is_closed:
        messages.error(request, _("Phiên đã có kết quả."))
        return redirect("council_round_detail", pk=rnd.pk)
    initial = {"present": list(rnd.present.all()) if rnd.status == RoundStatus.SCORING else list(
        rnd.council.members.all()), "meeting_date": rnd.meeting_date}
    form = PresenceForm(request.POST or None, round=rnd, initial=initial)
    if request.method == "POST" and form.is_valid():
        present = list(form.cleaned_data["present"])
        try:
            if rnd.status == RoundStatus.PREPARING:
                services.start_scoring(rnd, present=present, by=request.user,
                                       meeting_date=form.cleaned_data["meeting_date"])
                messages.success(request, _("Đã mở chấm với %(n)s thành viên có mặt.") % {"n": len(present)})
            else:
                services.set_present(rnd, present=present, by=request.user)
                messages.success(request, _("Đã cập nhật thành viên có mặt."))
        except ValidationError as error:
            form.add_error(None, _message(error))
        else:
            return redirect("council_round_detail", pk=rnd.pk)
    title = _("Mở chấm: thành viên có mặt") if rnd.status == RoundStatus.PREPARING else _("Thành viên có mặt")
    return render(request, "councils/simple_form.html", {
        "form": form, "title": title, "subtitle": rnd.title, "back": reverse("council_round_detail", args=[rnd.pk])})


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page listing what would block the closing; the POST computes and stores the results."""
    rnd = _round_or_403(request, pk)
    _deny_unless(permissions.can_close(request.user, rnd.council),
                 _("Chỉ lãnh đạo đơn vị quản lý hội đồng được kết thúc phiên."))
    if request.method == "POST":
        try:
            services.close_round(rnd, by=request.user)
        except ValidationError as error:
            messages.error(request, _message(error))
            return redirect("council_round_close", pk=rnd.pk)
        messages.success(request, _("Đã kết thúc phiên và công bố kết quả."))
        return redirect("council_round_detail", pk=rnd.pk)
    problems: list[str] = []
    if rnd.status == RoundStatus.SCORING:
        problems = services.closing_problems(rnd)
    elif rnd.status == RoundStatus.PREPARING:
        problems = [_("Phiên chưa mở chấm.")]
    else:
        problems = [_("Phiên đã có kết quả.")]
    return render(request, "councils/round_close.html", {"round": rnd, "problems": problems})


@login_required
@require_http_methods(["GET", "POST"])
def round_final(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the final round from this (closed) preliminary round: its top N entries advance."""
    rnd = _round_or_403(request, pk)
    _deny_unless(permissions.can_manage(request.user, rnd.council), _("Bạn không có quyền mở vòng chung khảo."))
    councils = permissions.manageable_councils(request.user, Council.objects.all()).order_by("-year", "name")
    default_n = (rnd.rules_snapshot or {}).get("advance_count") or rnd.rule_set.advance_count
    form = FinalForm(request.POST or None, councils=councils, initial={
        "council": rnd.council, "title": _("Chung khảo — %(title)s") % {"title": rnd.title},
        "advance_count": default_n})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            final = services.open_round(data["council"], title=data["title"], kind=RoundKind.FINAL, previous=rnd,
                                        rule_set=data["rule_set"],
                                        advance_count=data["advance_count"], meeting_date=data["meeting_date"],
                                        by=request.user)
        except ValidationError as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Đã mở vòng chung khảo với %(n)s hồ sơ.") % {"n": final.entries.count()})
            return redirect("council_round_detail", pk=final.pk)
    return render(request, "councils/simple_form.html", {
        "form": form, "title": _("Mở vòng chung khảo từ vòng này"), "subtitle": rnd.title,
        "back": reverse("council_round_detail", args=[rnd.pk])})


@login_required
@require_POST
def round_decision(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round_or_403(request, pk)
    _deny_unless(permissions.can_close(request.user, rnd.council),
                 _("Chỉ lãnh đạo đơn vị quản lý hội đồng được ban hành quyết định."))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập số và ngày quyết định."))
    else:
        try:
            services.record_decision(rnd, number=form.cleaned_data["number"], date=form.cleaned_data["date"],
                                     by=request.user)
        except ValidationError as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("Đã ghi số, ngày quyết định công nhận kết quả."))
    return redirect("council_round_detail", pk=rnd.pk)


@login_required
@require_GET
def round_document(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    rnd = _round_or_403(request, pk)
    if kind not in letters.KINDS or fmt not in ("docx", "pdf") or not rnd.is_closed:
        raise Http404(_("Phiên chưa có kết quả hoặc không có văn bản này."))
    data, mime, name = letters.render(rnd, kind, fmt)
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def conflict_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Officers declare any member's conflict; a member may declare their own."""
    rnd = _round_or_403(request, pk)
    can_manage = permissions.can_manage(request.user, rnd.council)
    me = permissions.member_for(request.user, rnd.council)
    _deny_unless(can_manage or me is not None, _("Bạn không có quyền khai báo xung đột lợi ích."))
    members = rnd.council.members.all() if can_manage else CouncilMember.objects.filter(pk=me.pk)
    form = ConflictForm(request.POST or None, round=rnd, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.declare_conflict(data["entry"], data["member"], reason=data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Đã ghi xung đột lợi ích: %(name)s không chấm hồ sơ này.")
                             % {"name": data["member"].name})
            return redirect("council_round_detail", pk=rnd.pk)
    return render(request, "councils/simple_form.html", {
        "form": form, "title": _("Khai báo xung đột lợi ích"), "subtitle": rnd.title,
        "back": reverse("council_round_detail", args=[rnd.pk])})


# ---------------------------------------------------------------------------------------------- entries, sheets


@login_required
@require_GET
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_or_403(request, pk)
    rnd, council = entry.round, entry.round.council
    sheets = list(entry.sheets.select_related("member", "entered_by")
                  .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion"))))
    submitted = {s.member_id for s in sheets}
    visible = permissions.may_see_scores(request.user, entry, submitted)
    me = permissions.member_for(request.user, council)
    conflicts = list(entry.conflicts.select_related("member"))
    conflicted = {c.member_id for c in conflicts}
    present_ids = {m.pk for m in rnd.present.all()}
    labels = {lv.code: lv.label for lv in rnd.rule_set.levels.all()}
    for sheet in sheets:
        sheet.rating_label = labels.get(sheet.rating, sheet.rating)
        sheet.points = {score.criterion.code: score.points for score in sheet.scores.all()}
    can_score = (me is not None and rnd.status == RoundStatus.SCORING and me.pk in present_ids
                 and me.pk not in submitted and me.pk not in conflicted)
    context = {
        "entry": entry, "round": rnd, "council": council, "sheets": sheets, "visible": visible,
        "conflicts": conflicts, "can_score": can_score,
        "can_paper": rnd.status == RoundStatus.SCORING and permissions.can_enter_paper(request.user, council),
        "provisional": services.provisional_result(entry) if visible and not rnd.is_closed and sheets else None,
        "criteria": [{"code": c.code, "label": c.label, "max_points": c.max_points,
                      "header": c.code if any(ch.isdigit() for ch in c.code) else c.label}
                     for c in services.params_of(rnd).criteria] if visible else [],
    }
    return render(request, "councils/entry_detail.html", context)


def _sheet_page(request: HttpRequest, entry: Entry, *, member: CouncilMember | None, source: str) -> HttpResponse:
    rnd = entry.round
    criteria = list(rnd.rule_set.criteria.all())
    members = None
    if member is None:
        present = rnd.present.all()
        members = (present.exclude(Exists(ScoreSheet.objects.filter(entry=entry, member=OuterRef("pk"))))
                   .exclude(Exists(ConflictOfInterest.objects.filter(entry=entry, member=OuterRef("pk")))))
    form = SheetForm(request.POST or None, round=rnd, criteria=criteria, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = member or data["member"]
        try:
            services.submit_sheet(entry, target, scores=data["scores"], rating=data.get("rating") or None,
                                  verdict=data.get("verdict"), comment=data.get("comment", ""), source=source,
                                  by=request.user)
        except ValidationError as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("Đã nộp phiếu của %(name)s cho hồ sơ “%(entry)s”.")
                             % {"name": target.name, "entry": entry.code or entry.title})
            if source == SheetSource.PAPER:
                return redirect("council_round_detail", pk=rnd.pk)
            return redirect("council_entry_detail", pk=entry.pk)
    return render(request, "councils/sheet_form.html", {
        "form": form, "entry": entry, "round": rnd, "member": member, "paper": source == SheetSource.PAPER,
        "sheet_max": form.params.sheet_max})


@login_required
@require_http_methods(["GET", "POST"])
def sheet_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's own sheet, online. Once submitted it is final, and the others' sheets become visible."""
    entry = _entry_or_403(request, pk)
    me = permissions.member_for(request.user, entry.round.council)
    _deny_unless(me is not None, _("Chỉ thành viên hội đồng được chấm phiếu."))
    if entry.sheets.filter(member=me).exists():
        messages.info(request, _("Bạn đã nộp phiếu cho hồ sơ này."))
        return redirect("council_entry_detail", pk=entry.pk)
    if entry.round.status != RoundStatus.SCORING:
        messages.error(request, _("Phiên không ở bước chấm."))
        return redirect("council_round_detail", pk=entry.round_id)
    return _sheet_page(request, entry, member=me, source=SheetSource.ONLINE)


@login_required
@require_http_methods(["GET", "POST"])
def paper_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary or an officer types a member's paper sheet."""
    entry = _entry_or_403(request, pk)
    _deny_unless(permissions.can_enter_paper(request.user, entry.round.council),
                 _("Chỉ thư ký hội đồng hoặc cán bộ quản lý được nhập phiếu giấy."))
    if entry.round.status != RoundStatus.SCORING:
        messages.error(request, _("Phiên không ở bước chấm."))
        return redirect("council_round_detail", pk=entry.round_id)
    return _sheet_page(request, entry, member=None, source=SheetSource.PAPER)


@login_required
@require_GET
def my_sheets(request: HttpRequest) -> HttpResponse:
    """The entries the user has to score (seats with a linked account, rounds scoring, present)."""
    mine = ScoreSheet.objects.filter(entry=OuterRef("pk"), member__user=request.user)
    conflict = ConflictOfInterest.objects.filter(entry=OuterRef("pk"), member__user=request.user)
    entries = (Entry.objects.filter(round__status=RoundStatus.SCORING, round__present__user=request.user)
               .select_related("round__council").annotate(done=Exists(mine), conflicted=Exists(conflict))
               .order_by("round__meeting_date", "round_id", "position", "id"))
    todo = [e for e in entries if not e.done and not e.conflicted]
    done = [e for e in entries if e.done or e.conflicted]
    recent = list(Round.objects.filter(council__members__user=request.user, status=RoundStatus.CLOSED)
                  .select_related("council").order_by("-closed_at")[:10])
    return render(request, "councils/my_sheets.html", {"todo": todo, "done": done, "recent": recent})
