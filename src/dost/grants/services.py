"""Write paths of support applications: create, appraise, decide, reject, pay. Testable without HTTP.

Every write is atomic, permission-checked and audited (business models). The rules:

- Officers and leaders of the handling organisation (and of its units) appraise and record payments; its
  leaders decide (the dossier engine's ``can_process`` / ``can_decide``).
- The appraisal checks eligibility (kind of applicant, location, one support per content and organisation
  per period where the content says so) and reports every failed rule at once; it proposes
  min(share × eligible cost, cap) and writes down why.
- A content whose level is not entered can be neither appraised nor decided: no figure is invented.
- A decision commits the envelope of the application's year at the moment it is made. The envelope row is
  locked (``SELECT … FOR UPDATE``) before the committed sum is read, inside the transaction that records
  the decision, so two decisions at once can never together exceed it. Locks are always taken in the order
  envelope → application → dossier, so concurrent decisions cannot deadlock.
- The decision approves the dossier through the engine (which issues the decision letter); a dossier that
  is not awaiting signature is refused.
- Eligibility is checked again at decision time, under the envelope lock, so two applications of one
  organisation for a once-per-period content cannot both be decided in the same year.
- Payments never exceed what was decided; the application is "paid" when they reach it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dost.core.formatting import format_money
from dost.core.models import Organisation
from dost.core.status import ApplicationStatus, DossierStatus, OrganisationKind
from dost.procedures import dossiers as engine
from dost.procedures.models import Dossier

from . import compute
from .models import Application, Envelope, Payment, Programme, SupportContent

COMMITTED = (ApplicationStatus.DECIDED, ApplicationStatus.PAID)
OPEN = (ApplicationStatus.DRAFT, ApplicationStatus.APPRAISED)
FINISHED_DOSSIER = (DossierStatus.APPROVED, DossierStatus.REFUSED, DossierStatus.WITHDRAWN)
APPRAISABLE_DOSSIER = (DossierStatus.RECEIVED, DossierStatus.SIGNATURE)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _money(value: Any, label: str, problems: list[str], *, positive: bool = True) -> int | None:
    """An amount in whole đồng, or a problem appended (never an exception midway through the checks)."""
    try:
        amount = int(value)
        if isinstance(value, float) and value != amount:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(_("%(label)s phải là số tiền nguyên (đồng).") % {"label": label})
        return None
    if amount < 0 or (positive and amount == 0):
        problems.append(_("%(label)s phải lớn hơn 0.") % {"label": label})
        return None
    return amount


def unknown_level_message(content: SupportContent) -> str:
    return _("Nội dung “%(content)s” chưa có mức hỗ trợ (tỷ lệ %%): quản trị viên cần nhập mức hỗ trợ theo văn "
             "bản của chương trình trước khi thẩm định, quyết định hỗ trợ.") % {"content": content.name}


# ---------------------------------------------------------------------------------------------- envelopes


@dataclass(frozen=True)
class EnvelopeStatus:
    """An envelope's state on read: committed = decided amounts, paid = payments, remaining = amount − committed."""

    year: int
    amount: int | None  # None: no envelope entered for the year
    committed: int
    paid: int

    @property
    def remaining(self) -> int | None:
        return None if self.amount is None else self.amount - self.committed

    @property
    def unpaid(self) -> int:
        return self.committed - self.paid


def committed_vnd(programme: Programme | int, year: int) -> int:
    programme_id = getattr(programme, "pk", programme)
    total = Application.objects.filter(programme_id=programme_id, year=year, status__in=COMMITTED).aggregate(
        total=Sum("decided_vnd"))["total"]
    return int(total or 0)


def envelope_status(programme: Programme, year: int) -> EnvelopeStatus:
    envelope = Envelope.objects.filter(programme=programme, year=year).values_list("amount_vnd", flat=True).first()
    paid = Payment.objects.filter(application__programme=programme, application__year=year).aggregate(
        total=Sum("amount_vnd"))["total"]
    return EnvelopeStatus(year, envelope, committed_vnd(programme, year), int(paid or 0))


def envelope_statuses(programme: Programme) -> list[EnvelopeStatus]:
    """Every envelope of the programme with its state, newest year first, in three queries."""
    committed = dict(Application.objects.filter(programme=programme, status__in=COMMITTED)
                     .values("year").annotate(total=Sum("decided_vnd")).values_list("year", "total"))
    paid = dict(Payment.objects.filter(application__programme=programme).values("application__year")
                .annotate(total=Sum("amount_vnd")).values_list("application__year", "total"))
    return [EnvelopeStatus(e.year, e.amount_vnd, int(committed.get(e.year) or 0), int(paid.get(e.year) or 0))
            for e in programme.envelopes.order_by("-year")]


# ---------------------------------------------------------------------------------------------- eligibility


def _area_paths(area_ids: list[int]) -> dict[str, str]:
    """Path → name of each allowed area and, after a merger, of the areas it succeeded (recursively).

    An enterprise still filed under a Bắc Giang district stays "in the province" after the merger into
    Bắc Ninh.
    """
    found: dict[str, str] = {}
    frontier = list(Organisation.objects.filter(pk__in=area_ids).values_list("pk", "path", "name"))
    seen: set[int] = set()
    while frontier:
        seen.update(pk for pk, _path, _name in frontier)
        for _pk, path, name in frontier:
            found.setdefault(path, name)
        frontier = list(Organisation.objects.filter(successor_id__in=[pk for pk, *_rest in frontier])
                        .exclude(pk__in=seen).values_list("pk", "path", "name"))
    return found


def eligibility_problems(application: Application) -> list[str]:
    """Each eligibility rule of the content the application fails, in Vietnamese (empty when eligible)."""
    content, applicant = application.content, application.dossier.applicant
    programme = application.programme
    problems: list[str] = []
    if not programme.covers_year(application.year):
        problems.append(_("Năm %(year)s nằm ngoài thời gian thực hiện chương trình (%(start)s–%(end)s).")
                        % {"year": application.year, "start": programme.start_year, "end": programme.end_year})
    kinds = list(content.eligible_kinds or [])
    if kinds and applicant.kind not in kinds:
        labels = dict(OrganisationKind.choices)
        problems.append(_("Loại tổ chức “%(kind)s” không thuộc đối tượng được hỗ trợ của nội dung này (%(allowed)s).")
                        % {"kind": labels.get(applicant.kind, applicant.kind),
                           "allowed": ", ".join(str(labels.get(k, k)) for k in kinds)})
    if content.allowed_area_ids:
        areas = _area_paths(list(content.allowed_area_ids))
        if not any(applicant.path.startswith(path) for path in areas):
            if applicant.parent_id is None:
                problems.append(_("Tổ chức chưa được gắn với địa bàn hành chính (tỉnh, xã…), nên chưa xác định được "
                                  "điều kiện hoạt động trên địa bàn %(areas)s.") % {"areas": ", ".join(areas.values())})
            else:
                problems.append(_("Tổ chức không hoạt động trên địa bàn được hỗ trợ (%(areas)s).")
                                % {"areas": ", ".join(areas.values())})
    if content.one_per_period:
        earlier = Application.objects.filter(content=content, dossier__applicant=applicant,
                                             status__in=COMMITTED).exclude(pk=application.pk)
        if content.period_years:
            span = content.period_years - 1
            earlier = earlier.filter(year__gte=application.year - span, year__lte=application.year + span)
            period = _("trong %(n)s năm") % {"n": content.period_years}
        else:
            period = _("trong giai đoạn %(start)s–%(end)s") % {"start": programme.start_year, "end": programme.end_year}
        other = earlier.select_related("dossier").order_by("year").first()
        if other is not None:
            problems.append(_("Tổ chức đã được hỗ trợ nội dung này năm %(year)s (hồ sơ %(code)s); mỗi tổ chức chỉ "
                              "được hỗ trợ một lần %(period)s.")
                            % {"year": other.year, "code": other.dossier.public_code, "period": period})
    return problems


# ---------------------------------------------------------------------------------------------- write paths


def _locked(application: Application) -> Application:
    """The application row locked (only its own row: joined rows stay free), with what the rules read."""
    return (Application.objects.select_for_update(of=("self",))
            .select_related("content", "programme", "dossier__applicant", "dossier__procedure__organisation")
            .get(pk=application.pk))


@transaction.atomic
def create_application(user: Any, dossier: Dossier, programme: Programme, content: SupportContent, year: int,
                       quantity: int = 1) -> Application:
    """The support asked for in a dossier just submitted (called by the applicant flow, or by the desk)."""
    _require(engine.is_applicant(user, dossier) or engine.can_process(user, dossier),
             _("Bạn không có quyền đề nghị hỗ trợ cho hồ sơ này."))
    problems = []
    if content.programme_id != programme.pk:
        problems.append(_("Nội dung hỗ trợ không thuộc chương trình đã chọn."))
    if dossier.procedure_id != programme.procedure_id:
        problems.append(_("Hồ sơ không được nộp theo thủ tục của chương trình này."))
    if not programme.is_active:
        problems.append(_("Chương trình không còn tiếp nhận đề nghị hỗ trợ."))
    if not programme.covers_year(int(year)):
        problems.append(_("Năm %(year)s nằm ngoài thời gian thực hiện chương trình (%(start)s–%(end)s).")
                        % {"year": year, "start": programme.start_year, "end": programme.end_year})
    if dossier.status in FINISHED_DOSSIER:
        problems.append(_("Hồ sơ đã kết thúc."))
    if Application.objects.filter(dossier=dossier).exists():
        problems.append(_("Hồ sơ này đã có đề nghị hỗ trợ."))
    if int(quantity) < 1:
        problems.append(_("Số lượng phải từ 1 trở lên."))
    if problems:
        raise ValidationError(problems)
    return Application.objects.create(dossier=dossier, programme=programme, content=content, year=int(year),
                                      quantity=int(quantity))


@transaction.atomic
def appraise(user: Any, application: Application, eligible_cost_vnd: int, quantity: int) -> Application:
    """Check eligibility and propose the support, with the sentence that explains the figure."""
    _require(engine.can_process(user, application.dossier), _("Bạn không có quyền thẩm định hồ sơ này."))
    application = _locked(application)
    content, dossier = application.content, application.dossier
    problems: list[str] = []
    if application.status not in OPEN:
        problems.append(_("Đề nghị hỗ trợ đã %(status)s; không thẩm định lại được.")
                        % {"status": application.get_status_display().lower()})
    if dossier.status not in APPRAISABLE_DOSSIER:
        problems.append(_("Chỉ thẩm định được hồ sơ đã tiếp nhận, đang giải quyết (hồ sơ đang: %(status)s).")
                        % {"status": dossier.get_status_display().lower()})
    cost = _money(eligible_cost_vnd, _("Chi phí hợp lệ"), problems)
    try:
        quantity = int(quantity)
    except (TypeError, ValueError):
        quantity = 0
    if quantity < 1:
        problems.append(_("Số lượng phải từ 1 trở lên."))
    if not content.level_known:
        problems.append(unknown_level_message(content))
    application.quantity = max(quantity, 1)
    problems += eligibility_problems(application)
    if problems:
        raise ValidationError(problems)
    proposal = compute.propose(content.share_percent, content.cap_vnd, content.cap_unit, cost, quantity,
                               content.item_name)
    application.eligible_cost_vnd = cost
    application.proposed_vnd = proposal.amount
    application.explanation = proposal.explanation
    application.appraised_at, application.appraised_by = timezone.now(), user
    application.status = ApplicationStatus.APPRAISED
    application.save()
    return application


@transaction.atomic
def decide(user: Any, application: Application, amount_vnd: int, comment: str = "") -> Application:
    """Decide the support and approve the dossier; the envelope of the year is committed, never over-committed."""
    _require(engine.can_decide(user, application.dossier),
             _("Chỉ lãnh đạo cơ quan chủ trì được quyết định mức hỗ trợ."))
    year, programme_id = application.year, application.programme_id
    envelope = Envelope.objects.select_for_update().filter(programme_id=programme_id, year=year).first()
    application = _locked(application)
    content, dossier = application.content, application.dossier
    problems: list[str] = []
    if application.status != ApplicationStatus.APPRAISED:
        problems.append(_("Đề nghị hỗ trợ chưa được thẩm định.") if application.status == ApplicationStatus.DRAFT
                        else _("Đề nghị hỗ trợ đã %(status)s.") % {"status": application.get_status_display().lower()})
    if not content.level_known:
        problems.append(unknown_level_message(content))
    if dossier.status != DossierStatus.SIGNATURE:
        problems.append(_("Hồ sơ chưa được trình lãnh đạo ký (đang: %(status)s); chỉ quyết định hỗ trợ được khi hồ "
                          "sơ ở bước chờ lãnh đạo ký.") % {"status": dossier.get_status_display().lower()})
    amount = _money(amount_vnd, _("Số tiền quyết định hỗ trợ"), problems)
    if amount is not None and application.proposed_vnd is not None and amount > application.proposed_vnd:
        problems.append(_("Số tiền quyết định (%(amount)s) vượt mức đề xuất sau thẩm định (%(proposed)s).")
                        % {"amount": format_money(amount), "proposed": format_money(application.proposed_vnd)})
    if envelope is None:
        problems.append(_("Chưa có dự toán kinh phí năm %(year)s của chương trình; không thể quyết định hỗ trợ.")
                        % {"year": year})
    elif amount is not None:
        committed = committed_vnd(programme_id, year)
        if committed + amount > envelope.amount_vnd:
            problems.append(_("Vượt dự toán kinh phí năm %(year)s: dự toán %(total)s, đã quyết định %(committed)s, "
                              "còn lại %(left)s, không đủ cho %(amount)s.")
                            % {"year": year, "total": format_money(envelope.amount_vnd),
                               "committed": format_money(committed),
                               "left": format_money(envelope.amount_vnd - committed), "amount": format_money(amount)})
    problems += eligibility_problems(application)  # again: the rules or other decisions may have changed
    if problems:
        raise ValidationError(problems)
    note = _("Quyết định hỗ trợ %(amount)s (%(content)s).") % {"amount": format_money(amount), "content": content.name}
    # Decided first (same transaction): the engine's approval guard then lets this approval through.
    application.decided_vnd, application.decided_at, application.decided_by = amount, timezone.now(), user
    application.status = ApplicationStatus.DECIDED
    application.save()
    engine.approve(user, dossier, " ".join(filter(None, [note, comment.strip()])))
    return application


@transaction.atomic
def reject(user: Any, application: Application, reason: str) -> Application:
    """Not supported: the dossier is refused through the engine (a written refusal with its reasons)."""
    _require(engine.can_process(user, application.dossier) or engine.can_decide(user, application.dossier),
             _("Bạn không có quyền xử lý hồ sơ này."))
    application = _locked(application)
    if application.status not in OPEN:
        raise ValidationError(_("Đề nghị hỗ trợ đã %(status)s.") % {"status": application.get_status_display().lower()})
    if not reason.strip():
        raise ValidationError(_("Không hỗ trợ phải nêu rõ lý do."))
    if application.dossier.status not in FINISHED_DOSSIER:
        engine.refuse(user, application.dossier, reason.strip())
    application.status, application.note = ApplicationStatus.REJECTED, reason.strip()
    application.save()
    return application


@transaction.atomic
def record_payment(user: Any, application: Application, amount: int, paid_on: datetime.date,
                   reference: str = "") -> Payment:
    """Record money paid against the decision; the payments together never exceed it."""
    _require(engine.can_process(user, application.dossier), _("Bạn không có quyền ghi nhận chi trả cho hồ sơ này."))
    application = _locked(application)
    problems: list[str] = []
    if application.status == ApplicationStatus.PAID:
        problems.append(_("Đã chi trả đủ số tiền quyết định hỗ trợ."))
    elif application.status != ApplicationStatus.DECIDED:
        problems.append(_("Chỉ chi trả được đề nghị đã có quyết định hỗ trợ."))
    value = _money(amount, _("Số tiền chi"), problems)
    if paid_on is None:
        problems.append(_("Cần nhập ngày chi."))
    elif paid_on > timezone.localdate():
        problems.append(_("Ngày chi không được sau ngày hôm nay."))
    paid = int(application.payments.aggregate(total=Sum("amount_vnd"))["total"] or 0)
    decided = application.decided_vnd or 0
    if value is not None and application.status == ApplicationStatus.DECIDED and paid + value > decided:
        problems.append(_("Vượt số tiền quyết định hỗ trợ: đã quyết định %(decided)s, đã chi %(paid)s, còn được chi "
                          "%(left)s.") % {"decided": format_money(decided), "paid": format_money(paid),
                                          "left": format_money(decided - paid)})
    if problems:
        raise ValidationError(problems)
    payment = Payment.objects.create(application=application, amount_vnd=value, paid_on=paid_on,
                                     reference=reference.strip(), recorded_by=user)
    if paid + value == decided:
        application.status = ApplicationStatus.PAID
        application.save()
    return payment


def paid_vnd(application: Application) -> int:
    return int(application.payments.aggregate(total=Sum("amount_vnd"))["total"] or 0)


def applications_of(programme: Programme):
    """The programme's applications with what their rows show, for lists and reports."""
    return (Application.objects.filter(programme=programme)
            .select_related("content", "dossier__applicant")
            .annotate(paid=Sum("payments__amount_vnd")))



def approval_guard(dossier: Any) -> str | None:
    """A dossier with a support application is approved only by the leader's support decision (``decide``),
    which checks the amount against the proposal and the year's envelope."""
    application = Application.objects.filter(dossier_id=dossier.pk).only("status").first()
    if application is not None and application.status != ApplicationStatus.DECIDED:
        return _("Hồ sơ đề nghị hỗ trợ được phê duyệt bằng quyết định hỗ trợ (số tiền, trong dự toán) ở phần "
                 "“Hỗ trợ” của hồ sơ.")
    return None
