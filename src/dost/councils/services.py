"""Write paths of councils and juries, and the service API other apps call (see README.md). No HTTP here.

Every write is atomic, permission-checked (``permissions``) and audited (business models); bad input raises
``ValidationError`` with every problem in Vietnamese and changes nothing; a missing right raises
``PermissionDenied``. The rules that turn sheets into results live in ``rules`` (pure Python).

A round goes preparing → scoring → closed:

- preparing: entries are added (or taken from a closed preliminary round), conflicts declared;
- ``start_scoring`` records the members present; members then submit sheets (online, or from paper through
  the secretary or an officer). A sheet is refused for an absent member, a member in conflict with the
  entry, or a member who already submitted one (submitted sheets are never edited);
- ``close_round`` (a leader of the owner) checks the quorum and that every member who counts has a sheet,
  computes every entry's result in one transaction, stores it with a snapshot of the rules applied, and
  sends ``signals.round_closed`` inside that transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dost.core.status import CouncilRole, RoundStatus

from . import permissions, rules
from .models import (
    ConflictOfInterest,
    Council,
    CouncilMember,
    Criterion,
    Entry,
    Purpose,
    Round,
    RoundKind,
    RuleSet,
    Score,
    ScoreSheet,
    SheetSource,
)
from .signals import round_closed

__all__ = [
    "MemberSpec", "RoundResult", "add_entry", "add_member", "close_round", "create_council", "declare_conflict",
    "closing_problems", "entries_for", "open_round", "params_of", "provisional_result", "recompute", "record_decision", "remove_entry",
    "remove_member", "set_present", "start_scoring", "submit_sheet", "update_council", "update_round",
]


@dataclass
class MemberSpec:
    """A member to seat on a council; ``user`` when the member scores online in dost."""

    name: str
    role: str = CouncilRole.MEMBER
    title: str = ""
    affiliation: str = ""
    external: bool = False
    user: Any = None


@dataclass
class RoundResult:
    """What ``close_round`` decided: the closed round, its entries (with results) and the rules' results."""

    round: Round
    entries: list[Entry]
    results: dict[int, rules.EntryResult] = field(default_factory=dict)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _role_labels() -> dict[str, str]:
    return {value: str(label) for value, label in CouncilRole.choices}


def _text(value: Any) -> str:
    return str(value or "").strip()


# ---------------------------------------------------------------------------------------------- councils


def _member_problems(specs: Iterable[MemberSpec]) -> list[str]:
    problems = []
    users = [s.user.pk for s in specs if s.user is not None]
    if len(set(users)) != len(users):
        problems.append(_("Một tài khoản chỉ được gắn với một thành viên của hội đồng."))
    for spec in specs:
        if not _text(spec.name):
            problems.append(_("Thành viên phải có họ và tên."))
        if spec.role not in CouncilRole.values:
            problems.append(_("Vai trò “%(role)s” không hợp lệ.") % {"role": spec.role})
    return problems


@transaction.atomic
def create_council(*, name: str, purpose: str, organisation: Any, rule_set: RuleSet, by: Any,
                   decision_number: str = "", decision_date: datetime.date | None = None, decision_signer: str = "",
                   year: int | None = None, members: Iterable[MemberSpec] = (), note: str = "") -> Council:
    """A council formed by a decision, with its members (chair, secretary, reviewers, members)."""
    council = Council(name=_text(name), purpose=purpose, organisation=organisation, rule_set=rule_set,
                      decision_number=_text(decision_number), decision_date=decision_date,
                      decision_signer=_text(decision_signer), note=_text(note),
                      year=year or (decision_date.year if decision_date else timezone.localdate().year))
    _require(permissions.can_manage(by, council), _("Bạn không có quyền lập hội đồng của đơn vị này."))
    members = list(members)
    problems = _council_problems(council) + _member_problems(members)
    if problems:
        raise ValidationError(problems)
    council.save()
    for position, spec in enumerate(members, start=1):
        _seat(council, spec, position)
    return council


def _council_problems(council: Council) -> list[str]:
    problems = []
    if not council.name:
        problems.append(_("Hội đồng phải có tên."))
    if council.purpose not in Purpose.values:
        problems.append(_("Mục đích của hội đồng không hợp lệ."))
    if council.rule_set_id is None:
        problems.append(_("Hãy chọn bộ quy tắc đánh giá."))
    if council.year and not 1990 <= council.year <= 2100:
        problems.append(_("Năm không hợp lệ."))
    return problems


def _seat(council: Council, spec: MemberSpec, position: int) -> CouncilMember:
    member = CouncilMember.objects.create(council=council, position=position, name=_text(spec.name),
                                          title=_text(spec.title), affiliation=_text(spec.affiliation),
                                          external=bool(spec.external), role=spec.role, user=spec.user)
    if spec.user is not None:
        permissions.forget_seats(spec.user)
    return member


_COUNCIL_FIELDS = {"name", "purpose", "organisation", "rule_set", "year", "decision_number", "decision_date",
                   "decision_signer", "note"}


@transaction.atomic
def update_council(council: Council, *, by: Any, expected_version: int | None = None, **fields: Any) -> Council:
    """Edit the council's own fields (name, decision, rule set, …); the new owner must be in the editor's scope."""
    _require(permissions.can_manage(by, council), _("Bạn không có quyền sửa hội đồng này."))
    unknown = set(fields) - _COUNCIL_FIELDS
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    for key, value in fields.items():
        setattr(council, key, _text(value) if isinstance(value, str) else value)
    _require(permissions.can_manage(by, council), _("Bạn không có quyền giao hội đồng cho đơn vị này."))
    problems = _council_problems(council)
    if problems:
        raise ValidationError(problems)
    council.save_checked(expected_version)
    return council


@transaction.atomic
def add_member(council: Council, spec: MemberSpec, *, by: Any) -> CouncilMember:
    _require(permissions.can_manage(by, council), _("Bạn không có quyền sửa thành viên hội đồng này."))
    problems = _member_problems([spec])
    if spec.user is not None and council.members.filter(user=spec.user).exists():
        problems.append(_("Tài khoản này đã gắn với một thành viên khác của hội đồng."))
    if problems:
        raise ValidationError(problems)
    position = (council.members.aggregate(m=Max("position"))["m"] or 0) + 1
    return _seat(council, spec, position)


@transaction.atomic
def remove_member(member: CouncilMember, *, by: Any) -> None:
    """Remove a member who has neither sheets nor attendance recorded (the record of a meeting stays whole)."""
    _require(permissions.can_manage(by, member.council), _("Bạn không có quyền sửa thành viên hội đồng này."))
    if member.sheets.exists() or member.rounds_present.exists():
        raise ValidationError(_("Thành viên đã dự họp hoặc đã chấm phiếu: không xóa được."))
    user = member.user
    member.delete()
    if user is not None:
        permissions.forget_seats(user)


# ---------------------------------------------------------------------------------------------- rounds


def _manage(by: Any, rnd: Round) -> None:
    _require(permissions.can_manage(by, rnd.council), _("Bạn không có quyền quản lý phiên đánh giá này."))


@transaction.atomic
def open_round(council: Council, *, title: str, rule_set: RuleSet | None = None, kind: str = RoundKind.SINGLE,
               previous: Round | None = None, by: Any, meeting_date: datetime.date | None = None,
               place: str = "", advance_count: int | None = None) -> Round:
    """A new round of ``council``. With ``previous`` (a closed round, usually a preliminary one) the round is a
    final: it takes the entries ranked in the top N of ``previous`` that passed (N = ``advance_count``, else
    the previous rule set's ``advance_count``; entries tied at the boundary all advance)."""
    _require(permissions.can_manage(by, council), _("Bạn không có quyền mở phiên đánh giá của hội đồng này."))
    problems = []
    if not _text(title):
        problems.append(_("Phiên đánh giá phải có tên."))
    if kind not in RoundKind.values:
        problems.append(_("Loại vòng không hợp lệ."))
    advancing: list[Entry] = []
    if previous is not None:
        _require(permissions.can_manage(by, previous.council), _("Bạn không có quyền dùng kết quả của vòng trước."))
        previous = Round.objects.select_related("rule_set").get(pk=previous.pk)  # as stored, not as the caller saw it
        kind = RoundKind.FINAL
        n = advance_count or (previous.rules_snapshot or {}).get("advance_count") or previous.rule_set.advance_count
        if not previous.is_closed:
            problems.append(_("Vòng trước chưa có kết quả: chưa lấy được hồ sơ vào vòng sau."))
        elif not n or n < 1:
            problems.append(_("Hãy nêu số hồ sơ được vào vòng sau."))
        else:
            advance_count = n
            advancing = list(previous.entries.filter(passed=True, rank__isnull=False, rank__lte=n)
                             .order_by("rank", "position", "id"))
            if not advancing:
                problems.append(_("Vòng trước không có hồ sơ nào đạt để vào vòng sau."))
    elif kind == RoundKind.FINAL:
        problems.append(_("Vòng chung khảo phải lấy hồ sơ từ một vòng sơ khảo đã có kết quả."))
    if problems:
        raise ValidationError(problems)
    rnd = Round.objects.create(council=council, title=_text(title), rule_set=rule_set or council.rule_set, kind=kind,
                               previous=previous, advance_count=advance_count if previous else None,
                               meeting_date=meeting_date, place=_text(place))
    if advancing:
        _take_entries(rnd, advancing)
    return rnd


def _take_entries(rnd: Round, advancing: list[Entry]) -> None:
    created = Entry.objects.bulk_create([
        Entry(round=rnd, position=i, code=e.code, title=e.title, author=e.author,
              organisation_name=e.organisation_name, content_type_id=e.content_type_id, object_id=e.object_id,
              source_entry=e, months_late=e.months_late)
        for i, e in enumerate(advancing, start=1)])
    if advancing[0].round.council_id == rnd.council_id:  # the same jury: its declared conflicts still hold
        new_for_old = {e.source_entry_id: e for e in created}
        ConflictOfInterest.objects.bulk_create([
            ConflictOfInterest(entry=new_for_old[c.entry_id], member_id=c.member_id, reason=c.reason,
                               declared_by_id=c.declared_by_id)
            for c in ConflictOfInterest.objects.filter(entry__in=advancing)])


_ROUND_FIELDS = {"title", "meeting_date", "place"}


@transaction.atomic
def update_round(rnd: Round, *, by: Any, expected_version: int | None = None, **fields: Any) -> Round:
    _manage(by, rnd)
    unknown = set(fields) - _ROUND_FIELDS
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    if rnd.is_closed:
        raise ValidationError(_("Phiên đã có kết quả: không sửa được."))
    for key, value in fields.items():
        setattr(rnd, key, _text(value) if isinstance(value, str) else value)
    if not rnd.title:
        raise ValidationError(_("Phiên đánh giá phải có tên."))
    rnd.save_checked(expected_version)
    return rnd


@transaction.atomic
def add_entry(rnd: Round, *, title: str, code: str = "", subject: Any = None, by: Any, author: str = "",
              organisation_name: str = "", months_late: int | None = None) -> Entry:
    """An entry to score; ``subject`` links it to a record of another app (a project, an initiative …)."""
    _manage(by, rnd)
    problems = []
    if rnd.is_closed:
        problems.append(_("Phiên đã có kết quả: không thêm hồ sơ được."))
    if not _text(title):
        problems.append(_("Hồ sơ phải có tên."))
    code = _text(code)
    if code and rnd.entries.filter(code=code).exists():
        problems.append(_("Mã hồ sơ “%(code)s” đã có trong phiên này.") % {"code": code})
    if months_late is not None and int(months_late) < 0:
        problems.append(_("Số tháng chậm không được âm."))
    if problems:
        raise ValidationError(problems)
    position = (rnd.entries.aggregate(m=Max("position"))["m"] or 0) + 1
    entry = Entry(round=rnd, position=position, code=code, title=_text(title), author=_text(author),
                  organisation_name=_text(organisation_name), months_late=months_late)
    if subject is not None:
        entry.content_type = ContentType.objects.get_for_model(subject)
        entry.object_id = subject.pk
    entry.save()
    return entry


@transaction.atomic
def remove_entry(entry: Entry, *, by: Any) -> None:
    _manage(by, entry.round)
    if entry.round.status != RoundStatus.PREPARING or entry.sheets.exists():
        raise ValidationError(_("Chỉ xóa được hồ sơ khi phiên đang chuẩn bị và chưa có phiếu chấm."))
    entry.conflicts.all().delete()
    entry.delete()


@transaction.atomic
def declare_conflict(entry: Entry, member: CouncilMember, *, reason: str, by: Any) -> ConflictOfInterest:
    """A member tied to the entry (declared by a manager, or by the member): they neither score nor count."""
    council = entry.round.council
    _require(permissions.can_manage(by, council) or (member.user_id is not None and member.user_id == by.pk),
             _("Bạn không có quyền khai báo xung đột lợi ích cho thành viên này."))
    problems = []
    if member.council_id != council.pk:
        problems.append(_("Người này không phải thành viên của hội đồng."))
    if entry.round.is_closed:
        problems.append(_("Phiên đã có kết quả: không khai báo thêm được."))
    if not _text(reason):
        problems.append(_("Hãy nêu lý do xung đột lợi ích (ví dụ: là đồng tác giả)."))
    if ConflictOfInterest.objects.filter(entry=entry, member=member).exists():
        problems.append(_("Xung đột lợi ích này đã được khai báo."))
    if ScoreSheet.objects.filter(entry=entry, member=member).exists():
        problems.append(_("Thành viên đã chấm hồ sơ này; phiếu đã nộp không hủy được. Hãy báo Chủ tịch hội đồng."))
    if problems:
        raise ValidationError(problems)
    return ConflictOfInterest.objects.create(entry=entry, member=member, reason=_text(reason),
                                             declared_by=by if getattr(by, "is_authenticated", False) else None)


def _present_problems(rnd: Round, present: list[CouncilMember]) -> list[str]:
    problems = []
    if any(m.council_id != rnd.council_id for m in present):
        problems.append(_("Chỉ chọn được thành viên của hội đồng."))
    if not present:
        problems.append(_("Hãy chọn các thành viên có mặt."))
    return problems


@transaction.atomic
def start_scoring(rnd: Round, *, present: Iterable[CouncilMember], by: Any,
                  meeting_date: datetime.date | None = None) -> Round:
    """Open the scoring with the members present (the quorum is checked at closing, when it is final)."""
    _manage(by, rnd)
    given, rnd = rnd, Round.objects.select_for_update().get(pk=rnd.pk)
    present = list(present)
    problems = _present_problems(rnd, present)
    if rnd.status != RoundStatus.PREPARING:
        problems.append(_("Phiên không ở bước chuẩn bị."))
    if not rnd.entries.exists():
        problems.append(_("Phiên chưa có hồ sơ nào để chấm."))
    if problems:
        raise ValidationError(problems)
    rnd.status = RoundStatus.SCORING
    rnd.meeting_date = meeting_date or rnd.meeting_date or timezone.localdate()
    rnd.save()
    rnd.present.set(present)
    _refresh(given, rnd)
    return rnd


def _refresh(given: Round, stored: Round) -> None:
    """Keep the caller's instance in step with the row the service locked and changed."""
    if given is not stored:
        for f in ("status", "meeting_date", "rules_snapshot", "closed_at", "closed_by_id", "version"):
            setattr(given, f, getattr(stored, f))
        given._audit_loaded = getattr(stored, "_audit_loaded", None)


@transaction.atomic
def set_present(rnd: Round, *, present: Iterable[CouncilMember], by: Any) -> Round:
    """Correct the attendance while scoring (someone arrived late or left); sheets of absent members never count."""
    _manage(by, rnd)
    present = list(present)
    problems = _present_problems(rnd, present)
    if rnd.status != RoundStatus.SCORING:
        problems.append(_("Chỉ sửa danh sách có mặt khi phiên đang chấm."))
    if problems:
        raise ValidationError(problems)
    rnd.present.set(present)
    return rnd


def quorum_problems(rnd: Round, params: rules.Params | None = None) -> list[str]:
    """Why the round's attendance does not meet its rule set's quorum (empty when it does)."""
    params = params or rnd.rule_set.params()
    roles = {m.pk: m.role for m in rnd.council.members.all()}
    return rules.check_quorum(roles, [m.pk for m in rnd.present.all()], params, _role_labels())


# ---------------------------------------------------------------------------------------------- sheets


def parse_points(value: Any) -> Decimal | None:
    """"8,5" / "8.5" / Decimal / None ("" means not applicable) → Decimal or None; anything else ValueError."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(",", ".")
    if text == "":
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(value) from error
    if not number.is_finite():
        raise ValueError(value)
    return number


def _sheet_problems(params: rules.Params, criteria: list[Criterion], scores: Mapping[str, Any], rating: str | None,
                    verdict: bool | None) -> tuple[list[str], dict[str, Decimal | None]]:
    problems: list[str] = []
    parsed: dict[str, Decimal | None] = {}
    leaves = {c.code: c for c in criteria if c.code in {s.code for s in params.criteria}}
    unknown = sorted(set(scores) - set(leaves))
    if unknown:
        problems.append(_("Tiêu chí không thuộc bộ tiêu chí: %(codes)s.") % {"codes": ", ".join(unknown)})
    for code, criterion in leaves.items():
        if code not in scores:
            if params.method == rules.SCORE:
                problems.append(_("Thiếu điểm tiêu chí “%(label)s”.") % {"label": criterion.label})
            continue
        try:
            points = parse_points(scores[code])
        except ValueError:
            problems.append(_("Điểm tiêu chí “%(label)s” không phải là số.") % {"label": criterion.label})
            continue
        if points is None and not criterion.allow_na:
            problems.append(_("Tiêu chí “%(label)s” phải được chấm (không được để “không áp dụng”).")
                            % {"label": criterion.label})
        elif points is not None and (points < 0 or points > criterion.max_points):
            problems.append(_("Điểm tiêu chí “%(label)s” phải từ 0 đến %(max)s.")
                            % {"label": criterion.label, "max": rules.vn(criterion.max_points)})
        elif points is not None and points != points.quantize(Decimal("0.01")):
            problems.append(_("Điểm tiêu chí “%(label)s” chỉ được có tối đa hai chữ số thập phân.")
                            % {"label": criterion.label})
        parsed[code] = points
    if params.method == rules.SCORE and leaves and parsed and all(v is None for v in parsed.values()):
        problems.append(_("Phiếu phải chấm ít nhất một tiêu chí."))
    if params.method == rules.SCORE and not leaves:
        problems.append(_("Bộ quy tắc chưa có tiêu chí chấm điểm."))
    if params.method == rules.PASS_SHARE and verdict is None:
        problems.append(_("Hãy ghi kết luận: đạt hay không đạt."))
    if params.method == rules.RATING_VOTE and (rating or "") not in {lv.code for lv in params.levels}:
        problems.append(_("Hãy chọn một mức xếp loại."))
    if parsed and params.method != rules.SCORE and len(parsed) != len(leaves):
        problems.append(_("Nếu chấm điểm thì chấm đủ các tiêu chí."))
    return problems, parsed


@transaction.atomic
def submit_sheet(entry: Entry, member: CouncilMember, *, scores: Mapping[str, Any] | None = None,
                 rating: str | None = None, verdict: bool | None = None, comment: str = "",
                 source: str = SheetSource.ONLINE, by: Any) -> ScoreSheet:
    """A member's sheet for an entry, online by the member or from a paper sheet by the secretary / an officer.

    ``scores`` maps criterion codes to points (None or "" = not applicable). Refused for an absent member, a
    member in conflict with the entry, a second sheet, or a round not scoring.
    """
    rnd = Round.objects.select_for_update().select_related("council", "rule_set").get(pk=entry.round_id)
    council = rnd.council
    if source == SheetSource.ONLINE:
        _require(member.user_id is not None and member.user_id == getattr(by, "pk", None),
                 _("Chỉ thành viên hội đồng tự chấm phiếu trực tuyến của mình."))
    elif source == SheetSource.PAPER:
        _require(permissions.can_enter_paper(by, council),
                 _("Chỉ thư ký hội đồng hoặc cán bộ quản lý được nhập phiếu giấy."))
    else:
        raise ValidationError(_("Nguồn phiếu không hợp lệ."))
    problems = []
    if member.council_id != council.pk or entry.round_id != rnd.pk:
        problems.append(_("Người này không phải thành viên của hội đồng chấm hồ sơ này."))
    if rnd.status != RoundStatus.SCORING:
        problems.append(_("Phiên chưa mở chấm.") if rnd.status == RoundStatus.PREPARING
                        else _("Phiên đã có kết quả: không nhận thêm phiếu."))
    if not rnd.present.filter(pk=member.pk).exists():
        problems.append(_("%(name)s không có mặt trong phiên này: phiếu không được tính.") % {"name": member.name})
    if ConflictOfInterest.objects.filter(entry=entry, member=member).exists():
        problems.append(_("%(name)s có xung đột lợi ích với hồ sơ này nên không chấm hồ sơ này.")
                        % {"name": member.name})
    if ScoreSheet.objects.filter(entry=entry, member=member).exists():
        problems.append(_("%(name)s đã nộp phiếu cho hồ sơ này; phiếu đã nộp không sửa được.") % {"name": member.name})
    criteria = list(rnd.rule_set.criteria.all())
    params = rnd.rule_set.params(criteria=criteria)
    sheet_problems, parsed = _sheet_problems(params, criteria, dict(scores or {}), rating, verdict)
    problems += sheet_problems
    if problems:
        raise ValidationError(problems)
    total = None
    if parsed and len(parsed) == len(params.criteria):
        exact, _reason = rules.sheet_total(rules.Sheet(member=member.pk, scores=parsed), params)
        total = rules.published(exact) if exact is not None else None
    sheet = ScoreSheet.objects.create(entry=entry, member=member, source=source, total=total,
                                      entered_by=by if getattr(by, "is_authenticated", False) else None,
                                      rating=rating or "", verdict=verdict, comment=_text(comment))
    by_code = {c.code: c for c in criteria}
    Score.objects.bulk_create([Score(sheet=sheet, criterion=by_code[code], points=points)
                               for code, points in parsed.items()])
    return sheet


# ---------------------------------------------------------------------------------------------- results


def _inputs(rnd: Round):
    """Everything the rules read about a round, in a fixed number of queries."""
    members = list(rnd.council.members.all())
    present = {m.pk for m in rnd.present.all()}
    entries = list(rnd.entries.all())
    conflicts: dict[int, set[int]] = {}
    for entry_id, member_id in ConflictOfInterest.objects.filter(entry__round=rnd).values_list("entry_id",
                                                                                                 "member_id"):
        conflicts.setdefault(entry_id, set()).add(member_id)
    sheets: dict[int, list[rules.Sheet]] = {}
    scores: dict[int, dict[str, Decimal | None]] = {}
    for sheet_id, code, points in Score.objects.filter(sheet__entry__round=rnd).values_list(
            "sheet_id", "criterion__code", "points"):
        scores.setdefault(sheet_id, {})[code] = points
    for sheet in ScoreSheet.objects.filter(entry__round=rnd).only("pk", "entry_id", "member_id", "rating", "verdict"):
        sheets.setdefault(sheet.entry_id, []).append(
            rules.Sheet(member=sheet.member_id, scores=scores.get(sheet.pk, {}), rating=sheet.rating,
                        verdict=sheet.verdict))
    return members, present, entries, conflicts, sheets


def _evaluate_all(params: rules.Params, members, present, entries, conflicts, sheets) -> dict[int, rules.EntryResult]:
    results = {}
    for entry in entries:
        conflicted = conflicts.get(entry.pk, set())
        results[entry.pk] = rules.evaluate(sheets.get(entry.pk, []), params, eligible=present - conflicted,
                                           seats=len([m for m in members if m.pk not in conflicted]),
                                           months_late=entry.months_late)
    return rules.rank(results, params)


def params_of(rnd: Round) -> rules.Params:
    if rnd.rules_snapshot:
        return rules.params_from_dict(rnd.rules_snapshot)
    return rnd.rule_set.params()


def recompute(rnd: Round) -> dict[int, rules.EntryResult]:
    """The results from the stored sheets (with the rules applied at closing, once closed); writes nothing."""
    return _evaluate_all(params_of(rnd), *_inputs(rnd))


def provisional_result(entry: Entry) -> rules.EntryResult:
    """The running result of one entry while scoring (shown only to those ``may_see_scores`` allows)."""
    rnd = entry.round
    members, present, _entries, conflicts, sheets = _inputs(rnd)
    conflicted = conflicts.get(entry.pk, set())
    return rules.evaluate(sheets.get(entry.pk, []), params_of(rnd), eligible=present - conflicted,
                          months_late=entry.months_late)


def closing_problems(rnd: Round) -> list[str]:
    """What would stop ``close_round`` now (shown on the confirmation page before the leader confirms)."""
    members, present, entries, conflicts, sheets = _inputs(rnd)
    problems = rules.check_quorum({m.pk: m.role for m in members}, present, rnd.rule_set.params(), _role_labels())
    if not entries:
        problems.append(_("Phiên chưa có hồ sơ nào."))
    return problems + missing_sheets(members, present, entries, conflicts, sheets)


def missing_sheets(members, present, entries, conflicts, sheets) -> list[str]:
    names = {m.pk: m.name for m in members}
    problems = []
    for entry in entries:
        have = {s.member for s in sheets.get(entry.pk, [])}
        missing = sorted(present - conflicts.get(entry.pk, set()) - have, key=lambda pk: names.get(pk, ""))
        if missing:
            problems.append(_("Hồ sơ “%(entry)s”: chưa có phiếu của %(names)s.")
                            % {"entry": entry.code or entry.title, "names": ", ".join(names[m] for m in missing)})
    return problems


@transaction.atomic
def close_round(rnd: Round, *, by: Any) -> RoundResult:
    """Compute and store every entry's result in one transaction (leaders of the owner).

    Refused, with every reason, when the quorum is not met (too few present, a required role absent), when a
    member who counts has not submitted a sheet for an entry, or when the round is not scoring.
    """
    _require(permissions.can_close(by, rnd.council), _("Chỉ lãnh đạo đơn vị quản lý hội đồng được kết thúc phiên."))
    given, rnd = rnd, Round.objects.select_for_update().select_related("council", "rule_set").get(pk=rnd.pk)
    if rnd.status != RoundStatus.SCORING:
        raise ValidationError(_("Phiên đã có kết quả.") if rnd.is_closed else _("Phiên chưa mở chấm."))
    params = rnd.rule_set.params()
    members, present, entries, conflicts, sheets = _inputs(rnd)
    problems = rules.check_quorum({m.pk: m.role for m in members}, present, params, _role_labels())
    if not entries:
        problems.append(_("Phiên chưa có hồ sơ nào."))
    problems += missing_sheets(members, present, entries, conflicts, sheets)
    if problems:
        raise ValidationError(problems)
    results = _evaluate_all(params, members, present, entries, conflicts, sheets)
    labels = {lv.code: lv.label for lv in params.levels}
    names = {m.pk: m.name for m in members}
    for entry in entries:
        result = results[entry.pk]
        entry.mean, entry.rating, entry.passed = result.mean, result.rating, result.passed
        entry.rating_label = labels.get(result.rating, "")
        entry.rank, entry.tied = result.rank, result.tied
        entry.valid_sheet_count = len(result.valid)
        entry.invalid_sheets = [{"member": m, "name": names.get(m, ""), "reason": reason}
                                for m, reason in result.invalid]
        entry.details = result.as_dict()
        entry.explanation = result.explanation
    Entry.objects.bulk_update(entries, ["mean", "rating", "rating_label", "passed", "rank", "tied",
                                        "valid_sheet_count", "invalid_sheets", "details", "explanation"])
    snapshot = rules.params_to_dict(params)
    snapshot["advance_count"] = rnd.rule_set.advance_count
    snapshot["rule_set"] = {"code": rnd.rule_set.code, "name": rnd.rule_set.name,
                            "legal_basis": rnd.rule_set.legal_basis}
    rnd.rules_snapshot = snapshot
    rnd.status = RoundStatus.CLOSED
    rnd.closed_at, rnd.closed_by = timezone.now(), by
    rnd.save()
    _refresh(given, rnd)
    round_closed.send(sender=Round, round=rnd, entries=entries)
    return RoundResult(round=rnd, entries=entries, results=results)


@transaction.atomic
def record_decision(rnd: Round, *, number: str, date: datetime.date, by: Any) -> Round:
    """The number and date of the decision recognising the results (printed on the decision and minutes)."""
    _require(permissions.can_close(by, rnd.council), _("Chỉ lãnh đạo đơn vị quản lý hội đồng được ban hành quyết định."))
    problems = []
    if not rnd.is_closed:
        problems.append(_("Phiên chưa có kết quả."))
    if not _text(number):
        problems.append(_("Hãy nhập số quyết định."))
    if date is None:
        problems.append(_("Hãy nhập ngày quyết định."))
    if problems:
        raise ValidationError(problems)
    rnd.result_decision_number, rnd.result_decision_date = _text(number), date
    rnd.save()
    return rnd


# ---------------------------------------------------------------------------------------------- reading


def entries_for(subject: Any) -> QuerySet[Entry]:
    """The entries linked to a record of another app, newest first (with their round and council)."""
    content_type = ContentType.objects.get_for_model(subject)
    return (Entry.objects.filter(content_type=content_type, object_id=subject.pk)
            .select_related("round__council", "round__rule_set").order_by("-round_id", "-id"))
