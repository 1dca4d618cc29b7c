"""Write paths of S&T tasks: the lifecycle move, facts, progress checks, calls and proposals, council results.

Every write is atomic, permission-checked and audited (business models). The one way a project changes
state is ``transition``: it checks the move against ``lifecycle.TRANSITIONS`` (state, role, decision
document, guard), applies the move's effect, and writes the ``ProjectEvent`` in the same transaction.
Councils are reached only through ``dost.councils.services`` (the engine never imports research); their
results come back through the ``round_closed`` signal (``on_round_closed``).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dost.core.formatting import format_money
from dost.core.models import LegalDocument, Organisation
from dost.core.numbering import NumberSymbolError, parse_number_symbol
from dost.core.status import DocumentKind, ProjectStatus, ProposalStatus, RoundStatus
from dost.core.text import fold

from . import permissions
from .lifecycle import TRANSITIONS, Transition, months_late
from .models import (
    CallRound,
    Extension,
    ExtensionPolicy,
    ProgressCheck,
    Project,
    ProjectApplication,
    ProjectEvent,
    ProjectMember,
    Proposal,
    add_months,
)

log = logging.getLogger(__name__)

# The council purpose each sending move needs, and the state its result applies to.
COUNCIL_STAGES = {
    "send_identification": "identification",
    "send_selection": "selection",
    "submit_acceptance": "acceptance",
}
STAGE_STATUS = {
    "identification": ProjectStatus.IDENTIFICATION,
    "selection": ProjectStatus.SELECTION,
    "acceptance": ProjectStatus.ACCEPTANCE,
}
PRE_CONTRACT = (ProjectStatus.PROPOSED, ProjectStatus.IDENTIFICATION, ProjectStatus.SELECTION,
                ProjectStatus.APPRAISAL, ProjectStatus.CONTRACTING, ProjectStatus.NOT_SELECTED)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@dataclass(frozen=True)
class Decision:
    """The document behind a move: a decision, a contract, a certificate, minutes, a receipt."""

    number: str
    date: datetime.date | None
    signer: str = ""
    title: str = ""
    kind: str = DocumentKind.DECISION

    def problems(self, allow_blank_number: bool = False) -> list[str]:
        problems = []
        if not (self.number or "").strip() and not (allow_blank_number and self.title):
            problems.append(_("Cần nhập số văn bản (quyết định, hợp đồng, giấy chứng nhận…) của bước này."))
        if self.date is None:
            problems.append(_("Cần nhập ngày của văn bản."))
        elif self.date > timezone.localdate() + datetime.timedelta(days=1):
            problems.append(_("Ngày văn bản không được sau ngày hôm nay."))
        return problems


def record_decision(decision: Decision, issuer: Organisation | None = None) -> LegalDocument:
    """The document's one record: same number-symbol key and same date (numbers restart each year)."""
    number = (decision.number or "").strip()
    if number:
        try:
            key = parse_number_symbol(number).key
        except NumberSymbolError:
            key = fold(number).replace(" ", "")
        existing = LegalDocument.objects.filter(key=key, issued_on=decision.date).first()
        if existing is not None:
            return existing
    document = LegalDocument(kind=decision.kind, number_symbol=number, issued_on=decision.date,
                             issuer=issuer, title=decision.title)
    document.save()
    return document


def policy_for(project: Project | None = None, organisation: Organisation | None = None) -> ExtensionPolicy:
    """The active policy of the nearest organisation (the project's managing one or an ancestor), else the
    default row; an unsaved instance with the national defaults when no row exists."""
    organisation = organisation or (project.organisation if project is not None else None)
    ancestors = organisation.ancestor_ids() if organisation is not None else []
    candidates = list(ExtensionPolicy.objects.filter(is_active=True, organisation_id__in=ancestors)
                      .select_related("organisation"))
    if candidates:
        return max(candidates, key=lambda p: len(p.organisation.path))
    default = ExtensionPolicy.objects.filter(is_active=True, organisation__isnull=True).order_by("id").first()
    return default or ExtensionPolicy(name=_("Quy định chung"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def _actor_name(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return user.get_full_name() or user.get_username()


# ---------------------------------------------------------------------------------------------- the move


@transaction.atomic
def transition(project: Project, action: str, by: Any, decision: Decision | LegalDocument | None = None, *,
               system: bool = False, today: datetime.date | None = None, **data: Any) -> ProjectEvent:
    """Take ``action`` on ``project`` as ``by``; refuse a move not allowed from the state, for the role, or
    without its decision document, or whose guard finds problems. ``system`` is the council's result
    arriving through ``round_closed`` (the role was checked when the council was run)."""
    t: Transition | None = TRANSITIONS.get(action)
    if t is None:
        raise ValidationError(_("Không có thao tác “%(action)s”.") % {"action": action})
    if not system:
        _require(permissions.can_take(by, project, t),
                 _("Bạn không có quyền thực hiện “%(label)s” với nhiệm vụ này.") % {"label": t.label})
    project = (Project.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=project.pk))
    today = today or timezone.localdate()
    if project.status not in t.sources:
        raise ValidationError(_("Không thể “%(label)s” khi nhiệm vụ đang ở trạng thái “%(status)s”.")
                              % {"label": t.label, "status": project.get_status_display()})
    council_round = data.get("council_round")
    if council_round is not None:
        stage_problems = _round_problems(by, t, council_round, system)
        if stage_problems:
            raise ValidationError(stage_problems)
        if decision is None:
            decision = _council_decision(council_round)
    problems: list[str] = []
    if t.needs_decision:
        if decision is None:
            problems.append(_("Bước “%(label)s” phải có văn bản (%(hint)s).") % {"label": t.label,
                                                                                   "hint": t.decision_hint})
        elif isinstance(decision, Decision):
            problems += decision.problems(allow_blank_number=system)
    policy = policy_for(project)
    if t.guard is not None:
        problems += t.guard(project, data, policy, today)
    if problems:
        raise ValidationError(problems)
    document = decision if isinstance(decision, LegalDocument) or decision is None else record_decision(decision)
    before = project.status
    event_data = {k: _jsonable(v) for k, v in data.items() if v not in (None, "")}
    event = ProjectEvent(project=project, action=action, from_status=before, to_status=t.target_for(project),
                         at=timezone.now(), by=by if getattr(by, "is_authenticated", False) else None,
                         by_name=_actor_name(by), decision=document,
                         decision_number=document.number_symbol if document else "",
                         decision_date=document.issued_on if document else None,
                         decision_signer=(decision.signer if isinstance(decision, Decision) else "") or "",
                         note=(data.get("note") or "").strip(), data=event_data)
    EFFECTS.get(action, _no_effect)(project, data, document, by, event_data, today)
    event.data = event_data
    event.save()
    _after_event(project, action, data, event)
    project.status = t.target_for(project)
    if project.status != before:
        project.status_changed_at = event.at
    project.save()
    return event


def _no_effect(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    return None


def _round_problems(by: Any, t: Transition, council_round: Any, system: bool) -> list[str]:
    stage = COUNCIL_STAGES.get(t.action)
    if stage is None:
        return [_("Bước này không đưa nhiệm vụ ra hội đồng.")]
    council = council_round.council
    problems = []
    if council.purpose != stage:
        problems.append(_("Hội đồng “%(council)s” không phải là %(stage)s.")
                        % {"council": council.name, "stage": _stage_label(stage).lower()})
    if council_round.status != RoundStatus.PREPARING:
        problems.append(_("Phiên “%(round)s” đã bắt đầu chấm hoặc đã có kết quả; không thêm hồ sơ được.")
                        % {"round": council_round.title})
    if not system and not permissions.can_edit(by, organisation=council.organisation):
        problems.append(_("Bạn không quản lý hội đồng “%(council)s”.") % {"council": council.name})
    return problems


def _stage_label(stage: str) -> str:
    from .models import ReviewStage

    return str(dict(ReviewStage.choices).get(stage, stage))


def _council_decision(council_round: Any) -> Decision:
    council = council_round.council
    return Decision(number=council.decision_number, date=council.decision_date, signer=council.decision_signer,
                    title=_("Quyết định thành lập %(council)s") % {"council": council.name})


# ---------------------------------------------------------------------------------------------- effects


def _send_to_council(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    council_round = data.get("council_round")
    if council_round is None:
        return
    from dost.councils import services as councils

    kwargs: dict[str, Any] = {}
    if "dossier_on" in data:
        late = months_late(project.end_date, data["dossier_on"])
        kwargs["months_late"] = late
        event_data["months_late"] = late
    entry = councils.add_entry(council_round, title=project.title[:1000], code=project.code, subject=project,
                               by=by, author=_pi_display(project), organisation_name=project.host_display or "",
                               **kwargs)
    event_data["entry"] = entry.pk
    event_data["council"] = council_round.council.name
    event_data["council_round"] = council_round.pk


def _pi_display(project: Project) -> str:
    return f"{project.pi_title} {project.principal_investigator}".strip()


def _submit_acceptance(project: Project, data: dict, document, by, event_data: dict,
                       today: datetime.date) -> None:
    project.acceptance_dossier_on = data["dossier_on"]
    _send_to_council(project, data, document, by, event_data, today)


def _select(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    project.assignment_method = data.get("assignment_method") or project.assignment_method
    if data.get("host"):
        project.host = data["host"]
    if data.get("host_name"):
        project.host_name = data["host_name"]
    for key in ("principal_investigator", "pi_title"):
        if data.get(key):
            setattr(project, key, data[key])


def _approve_budget(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    event_data["previous_budget"] = [project.budget_state_vnd, project.budget_other_vnd]
    project.budget_state_vnd = int(data["budget_state_vnd"])
    if data.get("budget_other_vnd") not in (None, ""):
        project.budget_other_vnd = int(data["budget_other_vnd"])
    if data.get("start_date"):
        project.start_date = data["start_date"]
    if data.get("end_date"):
        project.end_date = data["end_date"]


def _sign_contract(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    project.start_date = data.get("start_date") or project.start_date
    project.end_date = data.get("end_date") or project.end_date
    project.original_end_date = project.end_date
    project.contract_number = document.number_symbol if document else ""
    project.contract_date = document.issued_on if document else None
    if not project.year:
        project.year = project.start_date.year
    scheduled = schedule_regular_checks(project, policy_for(project))
    event_data["checks"] = [d.isoformat() for d in scheduled]


def schedule_regular_checks(project: Project, policy: ExtensionPolicy) -> list[datetime.date]:
    """Checks every ``check_interval_months`` from the start, before the end (one at mid-term if none fits)."""
    start, end = project.start_date, project.end_date
    if start is None or end is None:
        return []
    dates, k = [], 1
    while add_months(start, policy.check_interval_months * k) < end:
        dates.append(add_months(start, policy.check_interval_months * k))
        k += 1
    if not dates:
        dates = [start + (end - start) / 2]
    existing = set(project.checks.values_list("due_date", flat=True))
    new = [d for d in dates if d not in existing]
    ProgressCheck.objects.bulk_create([ProgressCheck(project=project, due_date=d) for d in new])
    return new


def _check(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    check: ProgressCheck = data["check"]
    check.done_on = data["done_on"]
    check.outcome = data["outcome"]
    check.finding = (data.get("note") or "").strip()
    check.checked_by = by if getattr(by, "is_authenticated", False) else None
    check.save()
    event_data["due_date"] = check.due_date.isoformat()


def _adjust(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    changes = {}
    for key in ("budget_state_vnd", "budget_other_vnd"):
        if data.get(key) not in (None, "") and int(data[key]) != getattr(project, key):
            changes[key] = [getattr(project, key), int(data[key])]
            setattr(project, key, int(data[key]))
    event_data["changes"] = changes


def _extend(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    event_data["previous_end"] = project.end_date.isoformat()
    project._pending_extension = (data.get("requested_on") or today, project.end_date, data["new_end"],
                                  (data.get("note") or "").strip())
    if project.original_end_date is None:
        project.original_end_date = project.end_date
    project.end_date = data["new_end"]
    added = schedule_regular_checks(project, policy_for(project))
    event_data["checks"] = [d.isoformat() for d in added]


def _recovery(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    if data.get("recovery_required_vnd") not in (None, ""):
        project.recovery_required_vnd = int(data["recovery_required_vnd"])


def _fail(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    _recovery(project, data, document, by, event_data, today)
    project.rating = data.get("rating") or "khong-dat"
    project.rating_label = data.get("rating_label") or _("Không đạt")
    project.accepted_on = document.issued_on if document else today


def _accept(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    project.rating = data.get("rating") or fold(data["rating_label"]).replace(" ", "-")
    project.rating_label = data["rating_label"]
    project.accepted_on = document.issued_on if document else today


def _recover(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    project.recovered_vnd = (project.recovered_vnd or 0) + int(data["amount_vnd"])
    project.recovered_on = data["recovered_on"]
    event_data["outstanding"] = project.recovery_outstanding_vnd


def _register(project: Project, data: dict, document, by, event_data: dict, today: datetime.date) -> None:
    project.certificate_number = document.number_symbol if document else ""
    project.certificate_date = document.issued_on if document else None


EFFECTS = {
    "send_identification": _send_to_council,
    "send_selection": _send_to_council,
    "submit_acceptance": _submit_acceptance,
    "select": _select,
    "approve_budget": _approve_budget,
    "sign_contract": _sign_contract,
    "check": _check,
    "adjust": _adjust,
    "extend": _extend,
    "terminate": _recovery,
    "set_recovery": _recovery,
    "fail": _fail,
    "accept": _accept,
    "recover": _recover,
    "register": _register,
}


def _after_event(project: Project, action: str, data: dict, event: ProjectEvent) -> None:
    """Rows that point at the event (extension, application), written once the event exists."""
    if action == "extend":
        requested_on, previous_end, new_end, reason = project._pending_extension
        Extension.objects.create(project=project, requested_on=requested_on, previous_end=previous_end,
                                 new_end=new_end, reason=reason, event=event)
    elif action == "apply":
        ProjectApplication.objects.create(project=project, year=int(data["year"]), place=data["place"].strip(),
                                          organisation=data.get("organisation"), note=(data.get("note") or "").strip(),
                                          event=event)


# ---------------------------------------------------------------------------------------------- facts


EDITABLE_AFTER_CONTRACT = {"summary", "expected_results", "plan_task", "code", "ordering_organisation"}


@transaction.atomic
def save_project(user: Any, project: Project, expected_version: int | None = None,
                 members: list[dict[str, Any]] | None = None) -> Project:
    """Create or edit a project's facts. State, dates, budget and results change only through moves once
    the project is past the proposal (they carry decisions)."""
    _require(permissions.can_edit(user, project if project.pk else None, organisation=project.organisation),
             _("Bạn không có quyền sửa nhiệm vụ này."))
    problems = []
    if not (project.title or "").strip():
        problems.append(_("Cần nhập tên nhiệm vụ."))
    if project.start_date and project.end_date and project.start_date > project.end_date:
        problems.append(_("Ngày bắt đầu phải trước ngày kết thúc."))
    if project.pk:
        stored = Project.objects.get(pk=project.pk)
        if stored.status not in PRE_CONTRACT:
            locked = [f for f in ("status", "start_date", "end_date", "original_end_date", "budget_state_vnd",
                                  "budget_other_vnd", "contract_number", "rating", "certificate_number",
                                  "recovery_required_vnd", "recovered_vnd", "organisation_id")
                      if getattr(stored, f) != getattr(project, f)]
            if locked:
                problems.append(_("Nhiệm vụ đã ký hợp đồng: thời gian, kinh phí và kết quả chỉ thay đổi qua các bước "
                                  "có quyết định (điều chỉnh, gia hạn…)."))
        elif stored.status != project.status:
            problems.append(_("Trạng thái chỉ thay đổi qua các bước của quy trình."))
    else:
        project.status = ProjectStatus.PROPOSED
    if project.host_id is None and project.host_name:
        project.host_name = project.host_name.strip()
    if problems:
        raise ValidationError(problems)
    project.save_checked(expected_version)
    if members is not None:
        _save_members(project, members)
    return project


def _save_members(project: Project, members: list[dict[str, Any]]) -> None:
    """Replace the team with ``members`` (name, degree, role, affiliation), keeping the given order."""
    project.members.all().delete()
    ProjectMember.objects.bulk_create([
        ProjectMember(project=project, position=i, name=m["name"].strip(), degree=(m.get("degree") or "").strip(),
                      role=m.get("role") or "member", affiliation=(m.get("affiliation") or "").strip())
        for i, m in enumerate(members) if (m.get("name") or "").strip()
    ])


@transaction.atomic
def schedule_check(user: Any, project: Project, due_date: datetime.date) -> ProgressCheck:
    """A progress check planned on a date (the contract already scheduled the regular ones)."""
    _require(permissions.can_edit(user, project), _("Bạn không có quyền lập lịch kiểm tra nhiệm vụ này."))
    problems = []
    if project.status not in (ProjectStatus.IMPLEMENTING, ProjectStatus.SUSPENDED, ProjectStatus.CONTRACTING):
        problems.append(_("Chỉ lập lịch kiểm tra tiến độ cho nhiệm vụ đang thực hiện."))
    if due_date is None:
        problems.append(_("Cần nhập ngày kiểm tra."))
    elif project.checks.filter(due_date=due_date).exists():
        problems.append(_("Đã có đợt kiểm tra vào ngày này."))
    if problems:
        raise ValidationError(problems)
    return ProgressCheck.objects.create(project=project, due_date=due_date)


# ---------------------------------------------------------------------------------------------- calls


@transaction.atomic
def save_round(user: Any, call_round: CallRound, expected_version: int | None = None) -> CallRound:
    _require(permissions.can_manage_round(user, call_round if call_round.pk else None,
                                          organisation=call_round.organisation),
             _("Bạn không có quyền quản lý đợt đề xuất này."))
    if call_round.opens_on and call_round.closes_on and call_round.opens_on > call_round.closes_on:
        raise ValidationError(_("Ngày bắt đầu nhận đề xuất phải trước ngày kết thúc."))
    call_round.save_checked(expected_version)
    return call_round


@transaction.atomic
def save_proposal(user: Any, proposal: Proposal, expected_version: int | None = None) -> Proposal:
    _require(permissions.can_manage_round(user, proposal.round), _("Bạn không có quyền nhập đề xuất của đợt này."))
    if not (proposal.title or "").strip():
        raise ValidationError(_("Cần nhập tên nhiệm vụ đề xuất."))
    if not proposal.proposer_id and not (proposal.proposer_name or "").strip():
        raise ValidationError(_("Cần nhập tổ chức, cá nhân đề xuất."))
    if proposal.pk is None and not proposal.number:
        last = Proposal.objects.filter(round=proposal.round).order_by("-number").values_list("number", flat=True)
        proposal.number = (last.first() or 0) + 1
    proposal.title = " ".join(proposal.title.split())
    proposal.save_checked(expected_version)
    return proposal


@transaction.atomic
def merge_proposals(user: Any, keep: Proposal, duplicates: list[Proposal]) -> int:
    """Mark ``duplicates`` as merged into ``keep`` (they stay listed, with the link)."""
    _require(permissions.can_manage_round(user, keep.round), _("Bạn không có quyền xử lý đề xuất của đợt này."))
    merged = 0
    for proposal in duplicates:
        if proposal.pk == keep.pk:
            continue
        if proposal.round_id != keep.round_id:
            raise ValidationError(_("Chỉ gộp được các đề xuất cùng một đợt."))
        if proposal.status != ProposalStatus.FILED:
            raise ValidationError(_("Đề xuất “%(title)s” đã được xử lý.") % {"title": proposal.title[:80]})
        proposal.status, proposal.duplicate_of = ProposalStatus.MERGED, keep
        proposal.save()
        merged += 1
    return merged


@transaction.atomic
def decline_proposal(user: Any, proposal: Proposal, reason: str) -> Proposal:
    _require(permissions.can_manage_round(user, proposal.round), _("Bạn không có quyền xử lý đề xuất của đợt này."))
    if proposal.status != ProposalStatus.FILED:
        raise ValidationError(_("Đề xuất đã được xử lý."))
    if not reason.strip():
        raise ValidationError(_("Cần nêu lý do không đưa vào danh mục."))
    proposal.status, proposal.note = ProposalStatus.DECLINED, reason.strip()
    proposal.save()
    return proposal


def project_from_proposal(proposal: Proposal, organisation: Organisation) -> Project:
    return Project(organisation=organisation, title=proposal.title, level=proposal.level, field=proposal.field,
                   kind=proposal.kind, year=proposal.round.year, summary=proposal.objectives,
                   expected_results=proposal.expected_results, ordering_organisation=proposal.proposer,
                   ordering_name="" if proposal.proposer_id else proposal.proposer_name, proposal=proposal)


@transaction.atomic
def send_to_identification(user: Any, proposals: list[Proposal], council_round: Any,
                           decision: Decision | None = None) -> list[Project]:
    """The chosen proposals become projects and entries of the identification council's round, together
    (one transaction: all or none)."""
    if not proposals:
        raise ValidationError(_("Hãy chọn ít nhất một đề xuất."))
    projects = []
    for proposal in proposals:
        _require(permissions.can_manage_round(user, proposal.round),
                 _("Bạn không có quyền xử lý đề xuất của đợt này."))
        proposal = (Proposal.objects.select_for_update(of=("self",))
                    .select_related("round__organisation", "proposer").get(pk=proposal.pk))
        if proposal.status != ProposalStatus.FILED:
            raise ValidationError(_("Đề xuất số %(n)s “%(title)s” đã được xử lý (%(status)s).")
                                  % {"n": proposal.number, "title": proposal.title[:80],
                                     "status": proposal.get_status_display().lower()})
        project = save_project(user, project_from_proposal(proposal, proposal.round.organisation))
        transition(project, "send_identification", user, decision, council_round=council_round)
        proposal.status = ProposalStatus.SENT
        proposal.save()
        project.refresh_from_db()
        projects.append(project)
    return projects


# ---------------------------------------------------------------------------------------------- councils


def council_entries(project: Project) -> list[Any]:
    from dost.councils import services as councils

    return list(councils.entries_for(project).select_related("round__council"))


def on_round_closed(sender: Any = None, round: Any = None, entries: Any = None, **kwargs: Any) -> None:
    """A council closed a round: record the result on every project it scored, as a move whose document is
    the council's (result decision if recorded, else the decision forming the council, else its minutes).

    A project no longer in the state the council was for is left alone (someone recorded it by hand)."""
    if round is None:
        return
    project_type = ContentType.objects.get_for_model(Project)
    entries = [e for e in (entries or []) if e.content_type_id == project_type.pk and e.object_id]
    if not entries:
        return
    council = round.council
    stage = council.purpose
    expected = STAGE_STATUS.get(stage)
    if expected is None:
        return
    projects = {p.pk: p for p in Project.objects.filter(pk__in=[e.object_id for e in entries])}
    decision = _result_decision(round)
    by = round.closed_by
    for entry in entries:
        project = projects.get(entry.object_id)
        if project is None or project.status != expected:
            continue
        action, data = _outcome(stage, entry, project)
        data["note"] = (data.get("note") or entry.explanation or "")[:2000]
        data["entry"] = entry.pk
        transition(project, action, by, decision, system=True, **data)


def _result_decision(council_round: Any) -> Decision:
    council = council_round.council
    day = (council_round.result_decision_date or council_round.meeting_date
           or (council_round.closed_at.date() if council_round.closed_at else timezone.localdate()))
    if council_round.result_decision_number:
        return Decision(number=council_round.result_decision_number, date=council_round.result_decision_date or day,
                        title=_("Kết quả %(round)s") % {"round": council_round.title})
    if council.decision_number:
        return Decision(number=council.decision_number, date=council.decision_date or day,
                        signer=council.decision_signer,
                        title=_("Quyết định thành lập %(council)s") % {"council": council.name})
    return Decision(number="", date=day, kind=DocumentKind.OTHER,
                    title=_("Biên bản họp %(council)s — %(round)s") % {"council": council.name,
                                                                        "round": council_round.title})


def _outcome(stage: str, entry: Any, project: Project) -> tuple[str, dict[str, Any]]:
    if stage == "identification":
        return ("recommend" if entry.passed else "not_recommend"), {}
    if stage == "selection":
        if not entry.passed:
            return "not_select", {}
        return "select", {"assignment_method": project.assignment_method or "selection",
                          "host_name": "" if project.host_id else (project.host_name or entry.organisation_name
                                                                    or _("(chưa ghi)")),
                          "principal_investigator": project.principal_investigator or entry.author or _("(chưa ghi)")}
    # acceptance
    policy = policy_for(project)
    from .lifecycle import is_too_late

    if entry.passed and not is_too_late(project, policy):
        return "accept", {"rating": entry.rating, "rating_label": entry.rating_label or entry.rating}
    data = {"rating": entry.rating or "khong-dat", "rating_label": entry.rating_label or _("Không đạt")}
    if entry.passed:
        data["note"] = _("Hội đồng xếp loại %(rating)s nhưng hồ sơ nộp chậm quá %(n)s tháng: Không đạt.") % {
            "rating": entry.rating_label, "n": policy.late_acceptance_months}
        data["rating"], data["rating_label"] = "khong-dat", _("Không đạt")
    return "fail", data


def describe_money(value: int | None) -> str:
    return format_money(value) if value is not None else "—"
