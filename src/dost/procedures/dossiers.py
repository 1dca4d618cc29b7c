"""Write paths of dossiers and the one-stop rules, testable without HTTP.

- A received dossier always gets a receipt with its appointment date (its legal deadline).
- An incomplete dossier gets one written supplement request listing everything missing; a later request
  may only repeat items of the first (anything new is refused), and the clock stops until the complete
  resubmission.
- Refusals carry their reasons; a dossier that will be late gets an apology letter with a new date, and
  only before its deadline passes.
Every change is audited (business models) and recorded in the dossier's history.
"""

from __future__ import annotations

import datetime
import hmac
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dost.core.formatting import format_date
from dost.core.models import Attachment, Organisation
from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.services import attach_file
from dost.core.status import DossierStatus, Role

from . import deadlines, panels, services
from .models import (
    ClockStop,
    Dossier,
    DossierCounter,
    DossierEvent,
    DossierRevision,
    IssuedLetter,
    LetterKind,
    LetterTemplate,
    ProcedureStep,
    ProcedureType,
    StepKind,
    StopKind,
)

ACCESS_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: it is read off paper
ACCESS_LENGTH = 10


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def works_in(user: Any, organisation: Organisation, roles=WRITE_ROLES, admin_counts: bool = True) -> bool:
    """Whether the user acts for ``organisation``: in it, above it, or in one of its units."""
    scope = scope_for(user)
    return (admin_counts and scope.is_admin) or any(organisation.path.startswith(p) or p.startswith(organisation.path)
                                                    for p in scope.paths(roles))


def can_process(user: Any, dossier_or_procedure: Dossier | ProcedureType) -> bool:
    procedure = getattr(dossier_or_procedure, "procedure", dossier_or_procedure)
    return works_in(user, procedure.organisation)


def can_decide(user: Any, dossier: Dossier) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(dossier.procedure.organisation, {Role.LEADER})


def is_applicant(user: Any, dossier: Dossier) -> bool:
    return scope_for(user).covers(dossier.applicant)


def new_access_code() -> str:
    return "".join(secrets.choice(ACCESS_ALPHABET) for _ in range(ACCESS_LENGTH))


def next_public_code(prefix: str, year: int) -> str:
    """``KHCN-2026-000123``; the counter row is locked, so concurrent submissions never share a number."""
    DossierCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = DossierCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"


def _event(dossier: Dossier, user: Any, action: str, comment: str = "") -> None:
    step = dossier.step
    DossierEvent.objects.create(
        dossier=dossier, actor=user if getattr(user, "is_authenticated", False) else None, action=action,
        step_name=step.staff_name if step else "", public_step_name=step.public_name if step else "",
        comment=comment)


def _steps(procedure: ProcedureType) -> list[ProcedureStep]:
    return list(procedure.steps.order_by("position", "id"))


def recompute_due(dossier: Dossier) -> datetime.date | None:
    """Derive the legal deadline from its inputs and store it (for queues) beside them."""
    if dossier.received_on is None:
        dossier.due_date = None
        return None
    stops = [deadlines.Stop(s.start, s.end) for s in dossier.stops.all()]
    overrides = services.stored_overrides(dossier.received_on.year, dossier.received_on.year + 2)
    dossier.due_date = deadlines.legal_due(dossier.received_on, dossier.procedure.processing_days, stops,
                                           dossier.extension_days, overrides)
    return dossier.due_date


def _files_by_requirement(procedure: ProcedureType, files: dict[int, list]) -> None:
    """Every mandatory document present, every file of an accepted format; raises with all problems."""
    problems = []
    for requirement in procedure.required_documents.all():
        given = files.get(requirement.pk) or []
        if requirement.mandatory and not given:
            problems.append(_("Thiếu thành phần hồ sơ bắt buộc: %(name)s.") % {"name": requirement.name})
        for uploaded in given:
            suffix = "." + uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
            if suffix not in requirement.extensions:
                problems.append(_("Tệp “%(file)s” của “%(name)s” phải có định dạng %(formats)s.")
                                % {"file": uploaded.name, "name": requirement.name,
                                   "formats": requirement.accepted_formats})
    unknown = set(files) - set(procedure.required_documents.values_list("pk", flat=True))
    if unknown:
        problems.append(_("Có tệp không thuộc thành phần hồ sơ nào của thủ tục."))
    if problems:
        raise ValidationError(problems)


def _store_revision(dossier: Dossier, files: dict[int, list], user: Any, note: str = "") -> DossierRevision:
    number = dossier.revisions.count() + 1
    revision = DossierRevision.objects.create(dossier=dossier, number=number, note=note)
    for requirement_id, uploads in files.items():
        for uploaded in uploads:
            attach_file(revision, uploaded, user, purpose=f"doc-{requirement_id}")
    return revision


@transaction.atomic
def submit(user: Any, procedure: ProcedureType, applicant: Organisation, contact: dict[str, str],
           files: dict[int, list], channel: str = "online") -> Dossier:
    """An applicant (or the one-stop desk on their behalf) submits a dossier with its files."""
    desk = channel == "desk"
    _require(can_process(user, procedure) if desk else scope_for(user).covers(applicant),
             _("Bạn không có quyền nộp hồ sơ cho tổ chức này."))
    if not procedure.is_active:
        raise ValidationError(_("Thủ tục này không còn áp dụng."))
    _files_by_requirement(procedure, files)
    now = timezone.now()
    dossier = Dossier(procedure=procedure, applicant=applicant, channel=channel, submitted_at=now,
                      public_code=next_public_code(procedure.code_prefix, timezone.localdate().year),
                      access_code=new_access_code(), contact_name=contact.get("name", "").strip(),
                      contact_phone=contact.get("phone", "").strip(), contact_email=contact.get("email", "").strip())
    dossier.full_clean(exclude=["step", "assigned_to", "applicant", "procedure"])
    dossier.save()
    _store_revision(dossier, files, user)
    _event(dossier, user, "submit")
    return dossier


@transaction.atomic
def receive(user: Any, dossier: Dossier, received_on: datetime.date | None = None) -> Dossier:
    """Receive a complete dossier: the clock starts the next day; the receipt gives the appointment date."""
    _require(can_process(user, dossier), _("Bạn không có quyền tiếp nhận hồ sơ của thủ tục này."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status != DossierStatus.SUBMITTED:
        raise ValidationError(_("Hồ sơ đã được tiếp nhận trước đó."))
    steps = _steps(dossier.procedure)
    dossier.received_on = received_on or timezone.localdate()
    dossier.status = DossierStatus.RECEIVED
    dossier.step = next((s for s in steps if s.kind != StepKind.RECEIVE), steps[0] if steps else None)
    officer = works_in(user, dossier.procedure.organisation, {Role.OFFICER}, admin_counts=False) \
        and not scope_for(user).is_admin
    dossier.assigned_to = dossier.assigned_to or (user if officer else None)
    recompute_due(dossier)
    dossier.save()
    _event(dossier, user, "receive", _("Hẹn trả kết quả ngày %(due)s.") % {"due": format_date(dossier.due_date)})
    issue_letter(dossier, LetterKind.RECEIPT, user)
    return dossier


def requested_items(dossier: Dossier) -> list[str]:
    first = dossier.stops.filter(kind=StopKind.SUPPLEMENT).order_by("start", "id").first()
    return list(first.items) if first else []


@transaction.atomic
def request_supplement(user: Any, dossier: Dossier, items: list[str], reason: str = "") -> ClockStop:
    """One written request listing everything missing; the clock stops the day after."""
    _require(can_process(user, dossier), _("Bạn không có quyền xử lý hồ sơ này."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    items = [i.strip() for i in items if i and i.strip()]
    if dossier.status != DossierStatus.RECEIVED:
        raise ValidationError(_("Chỉ yêu cầu bổ sung được hồ sơ đang giải quyết."))
    if not items:
        raise ValidationError(_("Cần liệt kê đầy đủ các nội dung phải bổ sung."))
    first = requested_items(dossier)
    if first:
        new = [i for i in items if i not in first]
        if new:
            raise ValidationError(_(
                "Mỗi hồ sơ chỉ được yêu cầu bổ sung một lần, đầy đủ các nội dung. Không thể yêu cầu thêm nội dung "
                "chưa nêu ở lần yêu cầu đầu: %(items)s.") % {"items": "; ".join(new)})
    today = timezone.localdate()
    stop = ClockStop.objects.create(dossier=dossier, kind=StopKind.SUPPLEMENT, start=today, items=items,
                                    reason=reason.strip(), requested_by=user)
    dossier.status = DossierStatus.SUPPLEMENT
    recompute_due(dossier)
    dossier.save()
    _event(dossier, user, "supplement", "; ".join(items))
    issue_letter(dossier, LetterKind.SUPPLEMENT, user, items=items, reason=reason)
    return stop


@transaction.atomic
def resubmit(user: Any, dossier: Dossier, files: dict[int, list], note: str = "") -> DossierRevision:
    """The applicant's complete answer to the supplement request: a new revision; the clock restarts."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    _require(is_applicant(user, dossier) or can_process(user, dossier),
             _("Bạn không có quyền bổ sung hồ sơ này."))
    if dossier.status != DossierStatus.SUPPLEMENT:
        raise ValidationError(_("Hồ sơ không ở trạng thái chờ bổ sung."))
    if not files:
        raise ValidationError(_("Cần tải lên các tài liệu bổ sung."))
    required = set(dossier.procedure.required_documents.values_list("pk", flat=True))
    if set(files) - required:
        raise ValidationError(_("Có tệp không thuộc thành phần hồ sơ nào của thủ tục."))
    revision = _store_revision(dossier, files, user, note)
    dossier.stops.filter(end__isnull=True).update(end=timezone.localdate())
    dossier.status = DossierStatus.RECEIVED
    recompute_due(dossier)
    dossier.save()
    _event(dossier, user, "resubmit", note)
    return revision


@transaction.atomic
def suspend(user: Any, dossier: Dossier, reason: str) -> ClockStop:
    """Stop the clock for a reason the procedure allows (e.g. waiting for another agency's opinion)."""
    _require(can_process(user, dossier), _("Bạn không có quyền xử lý hồ sơ này."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not dossier.procedure.allows_suspension:
        raise ValidationError(_("Thủ tục này không cho phép tạm dừng giải quyết."))
    if not reason.strip():
        raise ValidationError(_("Cần nêu lý do tạm dừng."))
    if dossier.status not in (DossierStatus.RECEIVED, DossierStatus.SIGNATURE) or dossier.stops.filter(
            end__isnull=True).exists():
        raise ValidationError(_("Chỉ tạm dừng được hồ sơ đang giải quyết và chưa bị dừng tính hạn."))
    stop = ClockStop.objects.create(dossier=dossier, kind=StopKind.SUSPENSION, start=timezone.localdate(),
                                    reason=reason.strip(), requested_by=user)
    recompute_due(dossier)
    dossier.save()
    _event(dossier, user, "suspend", reason)
    return stop


@transaction.atomic
def resume(user: Any, dossier: Dossier) -> Dossier:
    """Restart the clock; the suspension may not exceed what the procedure allows."""
    _require(can_process(user, dossier), _("Bạn không có quyền xử lý hồ sơ này."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    stop = dossier.stops.filter(end__isnull=True, kind=StopKind.SUSPENSION).first()
    if stop is None:
        raise ValidationError(_("Hồ sơ không bị tạm dừng."))
    today = timezone.localdate()
    limit = dossier.procedure.max_suspension_days
    used = services.workdays_between(stop.start, today) + sum(
        services.workdays_between(s.start, s.end) for s in dossier.stops.filter(kind=StopKind.SUSPENSION)
        .exclude(pk=stop.pk))
    stop.end = today
    stop.save()
    recompute_due(dossier)
    dossier.save()
    note = _("Tạm dừng %(n)s ngày làm việc.") % {"n": used}
    if limit and used > limit:
        note += " " + _("Vượt thời gian tạm dừng tối đa %(limit)s ngày của thủ tục.") % {"limit": limit}
    _event(dossier, user, "resume", note)
    return dossier


@transaction.atomic
def advance(user: Any, dossier: Dossier, comment: str = "") -> Dossier:
    """Move to the next step; reaching an approval step sends the dossier to the leader for signature."""
    _require(can_process(user, dossier), _("Bạn không có quyền xử lý hồ sơ này."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status != DossierStatus.RECEIVED:
        raise ValidationError(_("Hồ sơ không ở trạng thái đang giải quyết."))
    steps = _steps(dossier.procedure)
    index = next((i for i, s in enumerate(steps) if s.pk == dossier.step_id), -1)
    if index + 1 >= len(steps):
        raise ValidationError(_("Hồ sơ đã ở bước cuối cùng."))
    dossier.step = steps[index + 1]
    if dossier.step.kind == StepKind.APPROVE:
        dossier.status = DossierStatus.SIGNATURE
    dossier.save()
    _event(dossier, user, "advance", comment)
    return dossier


@transaction.atomic
def approve(user: Any, dossier: Dossier, comment: str = "") -> Dossier:
    _require(can_decide(user, dossier), _("Chỉ lãnh đạo cơ quan giải quyết được phê duyệt hồ sơ."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status != DossierStatus.SIGNATURE:
        raise ValidationError(_("Hồ sơ chưa được trình ký."))
    problems = panels.approval_problems(dossier)
    if problems:
        raise ValidationError(problems)
    steps = _steps(dossier.procedure)
    dossier.step = next((s for s in steps if s.kind == StepKind.RETURN), dossier.step)
    dossier.status, dossier.decided_on, dossier.outcome_note = DossierStatus.APPROVED, timezone.localdate(), comment
    dossier.save()
    _event(dossier, user, "approve", comment)
    issue_letter(dossier, LetterKind.DECISION, user)
    return dossier


@transaction.atomic
def refuse(user: Any, dossier: Dossier, reason: str) -> Dossier:
    """A refusal is always written, with its reasons."""
    _require(can_decide(user, dossier) or can_process(user, dossier), _("Bạn không có quyền xử lý hồ sơ này."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not reason.strip():
        raise ValidationError(_("Từ chối giải quyết phải nêu rõ lý do."))
    if dossier.status in (DossierStatus.APPROVED, DossierStatus.REFUSED, DossierStatus.WITHDRAWN):
        raise ValidationError(_("Hồ sơ đã kết thúc."))
    dossier.status, dossier.decided_on, dossier.outcome_note = DossierStatus.REFUSED, timezone.localdate(), reason
    dossier.save()
    _event(dossier, user, "refuse", reason)
    issue_letter(dossier, LetterKind.REFUSAL, user, reason=reason)
    return dossier


@transaction.atomic
def extend(user: Any, dossier: Dossier, days: int, reason: str) -> Dossier:
    """A dossier that will be late: an apology with a new date, made before the deadline passes."""
    _require(can_process(user, dossier), _("Bạn không có quyền xử lý hồ sơ này."))
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    procedure = dossier.procedure
    if not procedure.allows_extension:
        raise ValidationError(_("Thủ tục này không cho phép gia hạn."))
    if not reason.strip():
        raise ValidationError(_("Cần nêu lý do chậm trả kết quả."))
    if days <= 0 or (procedure.max_extension_days and dossier.extension_days + days > procedure.max_extension_days):
        raise ValidationError(_("Số ngày gia hạn phải từ 1 đến %(n)s ngày làm việc.")
                              % {"n": procedure.max_extension_days - dossier.extension_days})
    if dossier.status not in (DossierStatus.RECEIVED, DossierStatus.SIGNATURE) or dossier.due_date is None:
        raise ValidationError(_("Chỉ gia hạn được hồ sơ đang giải quyết."))
    if timezone.localdate() > dossier.due_date:
        raise ValidationError(_("Đã quá hạn trả kết quả: thư xin lỗi và hẹn lại phải gửi trước khi hết hạn."))
    dossier.extension_days += days
    dossier.extension_reason = "\n".join(filter(None, [dossier.extension_reason, reason.strip()]))
    recompute_due(dossier)
    dossier.save()
    _event(dossier, user, "extend", reason)
    issue_letter(dossier, LetterKind.APOLOGY, user, reason=reason)
    return dossier


@transaction.atomic
def assign(user: Any, dossiers: Iterable[Dossier], officer: Any) -> int:
    """Batch: assign many dossiers to one officer of the handling organisation."""
    count = 0
    for dossier in dossiers:
        _require(can_process(user, dossier), _("Bạn không có quyền phân công hồ sơ %(code)s.")
                 % {"code": dossier.public_code})
        if not works_in(officer, dossier.procedure.organisation, admin_counts=False):
            raise ValidationError(_("Người được giao không thuộc cơ quan giải quyết hồ sơ %(code)s.")
                                  % {"code": dossier.public_code})
        dossier.assigned_to = officer
        dossier.save()
        _event(dossier, user, "assign", officer.get_full_name() or officer.username)
        count += 1
    return count


@transaction.atomic
def send_for_signature(user: Any, dossiers: Iterable[Dossier]) -> int:
    """Batch: move many appraised dossiers to the leader's signature step."""
    count = 0
    for dossier in dossiers:
        fresh = Dossier.objects.select_related("procedure").get(pk=dossier.pk)
        steps = _steps(fresh.procedure)
        if fresh.status != DossierStatus.RECEIVED:
            raise ValidationError(_("Hồ sơ %(code)s không ở trạng thái đang giải quyết.") % {"code": fresh.public_code})
        while fresh.status == DossierStatus.RECEIVED and fresh.step and fresh.step != steps[-1]:
            fresh = advance(user, fresh)
        count += 1
    return count


def lookup(public_code: str, access_code: str) -> Dossier | None:
    """The public look-up: both codes must match (compared in constant time)."""
    dossier = Dossier.objects.select_related("procedure", "step").filter(
        public_code=public_code.strip().upper()).first()
    if dossier is None or not hmac.compare_digest(dossier.access_code, access_code.strip().upper()):
        return None
    return dossier


def revision_changes(dossier: Dossier) -> list[dict[str, Any]]:
    """What the latest revision changed, per required document: added, replaced or unchanged."""
    revisions = list(dossier.revisions.order_by("number"))
    if len(revisions) < 2:
        return []
    content_type = ContentType.objects.get_for_model(DossierRevision)
    files = Attachment.objects.filter(content_type=content_type, object_id__in=[r.pk for r in revisions])
    by_revision: dict[int, dict[str, set[str]]] = {}
    for attachment in files:
        by_revision.setdefault(attachment.object_id, {}).setdefault(attachment.purpose, set()).add(attachment.sha256)
    latest = by_revision.get(revisions[-1].pk, {})
    earlier: dict[str, set[str]] = {}
    for revision in revisions[:-1]:
        for purpose, hashes in by_revision.get(revision.pk, {}).items():
            earlier.setdefault(purpose, set()).update(hashes)
    names = {f"doc-{r.pk}": r.name for r in dossier.procedure.required_documents.all()}
    changes = []
    for purpose, hashes in sorted(latest.items()):
        if purpose not in earlier:
            change = "added"
        elif hashes - earlier[purpose]:
            change = "replaced"
        else:
            change = "unchanged"
        changes.append({"document": names.get(purpose, purpose), "change": change})
    return changes


# ---------------------------------------------------------------------------------------------- letters


def _letter_fields(dossier: Dossier, items: list[str] | None, reason: str) -> dict[str, str]:
    return {
        "applicant": dossier.applicant.name,
        "code": dossier.public_code,
        "access_code": dossier.access_code,
        "procedure": dossier.procedure.name,
        "received_on": format_date(dossier.received_on),
        "due": format_date(dossier.due_date) if dossier.due_date else "",
        "new_due": format_date(dossier.due_date) if dossier.due_date else "",
        "items": "; ".join(items or []),
        "reason": reason,
        "outcome": dossier.outcome_note,
    }


DEFAULT_LETTERS = {
    LetterKind.RECEIPT: ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
                         "Tiếp nhận hồ sơ của: {applicant}.\nThủ tục: {procedure}.\nMã hồ sơ: {code}. Mã tra cứu: "
                         "{access_code}.\nNgày tiếp nhận: {received_on}.\nNgày hẹn trả kết quả: {due}."),
    LetterKind.SUPPLEMENT: ("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
                            "Hồ sơ {code} của {applicant} ({procedure}) cần bổ sung, hoàn thiện các nội dung sau: "
                            "{items}.\n{reason}\nThời hạn giải quyết được tính lại từ ngày nhận đủ hồ sơ bổ sung."),
    LetterKind.REFUSAL: ("Phiếu từ chối giải quyết hồ sơ",
                         "Cơ quan giải quyết từ chối giải quyết hồ sơ {code} của {applicant} ({procedure}).\n"
                         "Lý do: {reason}."),
    LetterKind.APOLOGY: ("Phiếu xin lỗi và hẹn lại ngày trả kết quả",
                         "Hồ sơ {code} của {applicant} ({procedure}) chưa giải quyết được đúng hạn.\nLý do: {reason}.\n"
                         "Cơ quan giải quyết xin lỗi và hẹn trả kết quả vào ngày {new_due}."),
    LetterKind.DECISION: ("Quyết định giải quyết hồ sơ",
                          "Chấp thuận hồ sơ {code} của {applicant} theo thủ tục {procedure}.\n{outcome}"),
}


def build_letter(dossier: Dossier, kind: str, user: Any = None, items: list[str] | None = None, reason: str = ""):
    """The letter as an administrative document, worded from the procedure's template (or the default)."""
    from dost.documents.model import AdministrativeDocument, Paragraph, Signer

    template = LetterTemplate.objects.filter(procedure=dossier.procedure, kind=kind).first()
    title, body = (template.title, template.body) if template else DEFAULT_LETTERS[kind]
    fields = _letter_fields(dossier, items, reason)
    organisation = dossier.procedure.organisation
    parent = organisation.parent
    signer = None
    if user is not None and getattr(user, "is_authenticated", False):
        signer = Signer(title=(organisation.head_title or "").upper() if can_decide(user, dossier) else "NGƯỜI TIẾP NHẬN",
                        name=user.get_full_name() or user.username)
    return AdministrativeDocument(
        issuer_parent=(parent.name if parent else "").upper(), issuer=organisation.name.upper(),
        symbol=f"{kind.upper()[:3]}-{dossier.procedure.code_prefix}", place=organisation.place_name,
        date=timezone.localdate(), kind="" if kind != LetterKind.DECISION else "QUYẾT ĐỊNH",
        title=title.format(**fields), addressees=[dossier.applicant.name],
        blocks=[Paragraph(line.format(**fields)) for line in body.splitlines() if line.strip()],
        signer=signer, recipients=[f"{dossier.applicant.name};", "Lưu: VT, hồ sơ."],
    )


def issue_letter(dossier: Dossier, kind: str, user: Any = None, items: list[str] | None = None,
                 reason: str = "") -> IssuedLetter:
    from dost.documents.render import render_docx

    data = render_docx(build_letter(dossier, kind, user, items, reason))
    name = f"{slugify(dossier.public_code)}-{kind}.docx"
    attachment = attach_file(dossier, SimpleUploadedFile(
        name, data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        user, purpose=f"letter-{kind}")
    return IssuedLetter.objects.create(dossier=dossier, kind=kind, attachment=attachment)
