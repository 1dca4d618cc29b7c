"""The scoring rules: members' sheets become an entry's result, results become ranks. Pure Python.

Nothing here imports Django, so the rules are tested on their own (unit and property tests) and the same
functions serve closing a round, re-checking a closed one and the provisional mean a member sees.

Arithmetic is exact: points are ``Decimal``, shares and means are ``Fraction``; only what is published (a
sheet's total, the mean) is rounded, half up, to two decimals. So the order of the sheets can never change
a result, and a threshold such as "at least 70" or "more than 3/4" is compared with the exact value.

Three methods (``Params.method``):

- ``pass_share`` — each sheet says pass or fail; the entry passes when the share of passing sheets among
  the valid ones is more than ``pass_share`` (or at least, with ``pass_inclusive``). Identification: > 3/4.
- ``score`` — points per criterion. A sheet's total is Σ points × weight over the criteria it applies,
  scaled to the full sheet when some criteria are "not applicable" (None)::

      total = Σ_applicable(p·w) × Σ_all(max·w) / Σ_applicable(max·w)        (w = 1 when no weight)

  so a "not applicable" is excluded, never counted as zero. With ``outlier_share`` a sheet whose total
  differs from the mean of all sheets by more than that share of it is invalid (selection: 20 %; exactly
  20 % stays valid). The entry's mean is the mean of the valid sheets; it passes when it reaches
  ``min_mean`` (if any) and no criterion was given 0 by more than ``zero_share`` of the members present.
  Its rating is the best level whose ``min_score`` the mean reaches.
- ``rating_vote`` — each member gives a rating of the scale. The levels are checked failing ones first,
  then the passing ones best first; a level is given when the share of the members present voting for it
  (or, with ``count_better``, for it or better) reaches ``vote_share`` and nobody voted its ``vetoed_by``
  level. Otherwise the default level. Acceptance: Không đạt when > 1/3; Xuất sắc when ≥ 3/4 and none says
  Không đạt; else Đạt.

Who counts: only sheets of ``eligible`` members (present, without a conflict of interest for the entry).
Sheets of anyone else are ignored entirely — they change neither a mean nor a share nor a denominator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

PASS_SHARE = "pass_share"  # nosec B105
SCORE = "score"
RATING_VOTE = "rating_vote"
METHODS = (PASS_SHARE, SCORE, RATING_VOTE)


@dataclass(frozen=True)
class CriterionSpec:
    """A scored criterion (a leaf: groups are only headings and sub-totals)."""

    code: str
    max_points: Decimal
    weight: Decimal | None = None
    allow_na: bool = False
    label: str = ""
    group: str = ""

    @property
    def factor(self) -> Fraction:
        return Fraction(self.weight) if self.weight is not None else Fraction(1)


@dataclass(frozen=True)
class LevelSpec:
    """A level of the rating scale ("Xuất sắc", "Khá", "Đạt", "Không đạt", a prize), best first."""

    code: str
    label: str
    passing: bool = True
    min_score: Decimal | None = None
    vote_share: Fraction | None = None
    vote_inclusive: bool = True
    count_better: bool = False
    vetoed_by: str = ""
    max_rank: int | None = None
    is_default: bool = False


@dataclass(frozen=True)
class Params:
    """A rule set's parameters as data (a snapshot of it is stored on the round when it closes)."""

    method: str
    criteria: tuple[CriterionSpec, ...] = ()
    levels: tuple[LevelSpec, ...] = ()
    pass_share: Fraction | None = None
    pass_inclusive: bool = False
    outlier_share: Fraction | None = None
    min_mean: Decimal | None = None
    zero_share: Fraction | None = None
    quorum_share: Fraction | None = None
    required_roles: tuple[str, ...] = ()
    late_fail_months: int | None = None
    single_winner: bool = False

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"unknown method {self.method!r}")

    @property
    def sheet_max(self) -> Fraction:
        return sum((Fraction(c.max_points) * c.factor for c in self.criteria), Fraction(0))

    def level(self, code: str) -> LevelSpec | None:
        return next((lv for lv in self.levels if lv.code == code), None)


@dataclass(frozen=True)
class Sheet:
    """One member's sheet for one entry: ``scores`` maps criterion code → points, or None for "not applicable"."""

    member: int
    scores: Mapping[str, Decimal | None] = field(default_factory=dict)
    rating: str = ""
    verdict: bool | None = None


@dataclass(frozen=True)
class EntryResult:
    """What a round decided about one entry (stored on the entry at closing)."""

    mean: Decimal | None
    rating: str
    passed: bool
    valid: tuple[int, ...]
    invalid: tuple[tuple[int, str], ...]
    totals: tuple[tuple[int, Decimal], ...] = ()
    criterion_means: tuple[tuple[str, Decimal], ...] = ()
    votes: tuple[tuple[str, int], ...] = ()
    share: Fraction | None = None
    present: int = 0
    quorum_met: bool = True
    explanation: str = ""
    rank: int | None = None
    tied: bool = False
    exact_mean: Fraction | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-able details (for the entry's record and the API)."""
        return {
            "totals": {str(m): str(t) for m, t in self.totals},
            "criterion_means": {c: str(v) for c, v in self.criterion_means},
            "votes": dict(self.votes),
            "share": None if self.share is None else f"{self.share.numerator}/{self.share.denominator}",
            "present": self.present,
            "quorum_met": self.quorum_met,
        }


# ------------------------------------------------------------------------------------------------ helpers


def as_fraction(value: Any) -> Fraction | None:
    """"2/3", "0.2", Decimal("0.75"), 0.25 → an exact Fraction; "" / None → None."""
    if value is None or value == "":
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal | int):
        return Fraction(value)
    return Fraction(str(value).strip().replace(",", "."))


def published(value: Fraction) -> Decimal:
    """Round half up to two decimals (scores are never negative)."""
    numerator, denominator = value.numerator * 100, value.denominator
    sign = -1 if numerator < 0 else 1
    cents = (2 * abs(numerator) + denominator) // (2 * denominator)
    return Decimal(sign * cents).scaleb(-2)


def vn(value: Decimal | Fraction | int | None) -> str:
    """Vietnamese notation for the explanations: 1.022,5 / 85,33 / 70."""
    if value is None:
        return "—"
    number = published(value) if isinstance(value, Fraction) else Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def share_text(value: Fraction | None) -> str:
    if value is None:
        return "—"
    if value.denominator in (2, 3, 4, 5) or value.numerator == 1:
        return f"{value.numerator}/{value.denominator}"
    return f"{vn(value * 100)}%"


def _mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def sheet_total(sheet: Sheet, params: Params) -> tuple[Fraction | None, str]:
    """The sheet's total (see the module docstring), or None and the reason it cannot be counted."""
    if not params.criteria:
        return None, "Bộ tiêu chí chưa có tiêu chí chấm điểm."
    applied_points, applied_max = Fraction(0), Fraction(0)
    known = {c.code for c in params.criteria}
    unknown = sorted(set(sheet.scores) - known)
    if unknown:
        return None, f"Tiêu chí không thuộc bộ tiêu chí: {', '.join(unknown)}."
    for criterion in params.criteria:
        if criterion.code not in sheet.scores:
            return None, f"Thiếu điểm tiêu chí {criterion.label or criterion.code}."
        points = sheet.scores[criterion.code]
        if points is None:
            if not criterion.allow_na:
                return None, f"Tiêu chí {criterion.label or criterion.code} không được để “không áp dụng”."
            continue
        points = Fraction(points)
        if points < 0 or points > Fraction(criterion.max_points):
            return None, (f"Điểm tiêu chí {criterion.label or criterion.code} ({vn(points)}) ngoài khoảng 0–"
                          f"{vn(criterion.max_points)}.")
        applied_points += points * criterion.factor
        applied_max += Fraction(criterion.max_points) * criterion.factor
    if applied_max == 0:
        return None, "Không có tiêu chí nào được chấm (tất cả “không áp dụng”)."
    return applied_points * params.sheet_max / applied_max, ""


def _criterion_means(sheets: Sequence[Sheet], params: Params) -> tuple[tuple[str, Decimal], ...]:
    means = []
    for criterion in params.criteria:
        values = [Fraction(s.scores[criterion.code]) for s in sheets if s.scores.get(criterion.code) is not None]
        if values:
            means.append((criterion.code, published(_mean(values))))
    return tuple(means)


def _no_result(reason: str, present: int, **kwargs: Any) -> EntryResult:
    return EntryResult(mean=None, rating="", passed=False, valid=(), invalid=kwargs.pop("invalid", ()),
                       present=present, explanation=reason, **kwargs)


def _worst_failing(params: Params) -> LevelSpec | None:
    failing = [lv for lv in params.levels if not lv.passing]
    return failing[-1] if failing else None


# ------------------------------------------------------------------------------------------------ evaluate


def evaluate(sheets: Iterable[Sheet], params: Params, *, eligible: Iterable[int] | None = None,
             seats: int | None = None, months_late: int | None = None) -> EntryResult:
    """The result of one entry from its members' sheets.

    ``eligible``: ids of the members who count for this entry (present, no conflict of interest); sheets of
    anyone else are ignored. ``seats``: how many members could count at all (the council without those in
    conflict); with the rule set's ``quorum_share`` an entry with too few members present gets no result.
    ``months_late``: how late the work was delivered (acceptance: more than ``late_fail_months`` fails).
    """
    sheets = list(sheets)
    members = [s.member for s in sheets]
    if len(set(members)) != len(members):
        raise ValueError("one sheet per member and entry")
    eligible_set = None if eligible is None else frozenset(eligible)
    counted = sorted((s for s in sheets if eligible_set is None or s.member in eligible_set), key=lambda s: s.member)
    present = len(eligible_set) if eligible_set is not None else len(counted)
    if seats and params.quorum_share is not None and Fraction(present, seats) < params.quorum_share:
        return _no_result(f"Chỉ có {present}/{seats} thành viên được tính có mặt, chưa đủ "
                          f"{share_text(params.quorum_share)}: không có kết quả.", present, quorum_met=False)
    if params.method == SCORE:
        result = _evaluate_score(counted, params, present)
    elif params.method == PASS_SHARE:
        result = _evaluate_pass_share(counted, params, present)
    else:
        result = _evaluate_rating_vote(counted, params, present)
    if (params.late_fail_months is not None and months_late is not None
            and months_late > params.late_fail_months and result.valid):
        worst = _worst_failing(params)
        result = dataclasses.replace(
            result, passed=False, rating=worst.code if worst else "",
            explanation=f"{result.explanation} Nộp hồ sơ chậm {months_late} tháng (quá {params.late_fail_months} "
                        f"tháng): {worst.label if worst else 'không đạt'}.".strip())
    return result


def _scores_or_invalid(counted: Sequence[Sheet], params: Params):
    valid: list[tuple[Sheet, Fraction]] = []
    invalid: list[tuple[int, str]] = []
    for sheet in counted:
        total, reason = sheet_total(sheet, params)
        if total is None:
            invalid.append((sheet.member, reason))
        else:
            valid.append((sheet, total))
    return valid, invalid


def _level_for_score(params: Params, mean: Fraction, want_passing: bool) -> LevelSpec | None:
    for level in params.levels:
        if level.max_rank is not None or level.passing != want_passing:
            continue
        if level.min_score is None or mean >= Fraction(level.min_score):
            return level
    return None


def _evaluate_score(counted: Sequence[Sheet], params: Params, present: int) -> EntryResult:
    scored, invalid = _scores_or_invalid(counted, params)
    if params.outlier_share is not None and len(scored) >= 2:
        first_mean = _mean([t for _s, t in scored])
        kept = []
        for sheet, total in scored:
            if abs(total - first_mean) > params.outlier_share * first_mean:
                invalid.append((sheet.member, f"Tổng điểm {vn(total)} lệch quá {share_text(params.outlier_share)} "
                                              f"so với điểm trung bình các phiếu ({vn(first_mean)})."))
            else:
                kept.append((sheet, total))
        scored = kept
    invalid_t = tuple(sorted(invalid))
    if not scored:
        return _no_result("Không có phiếu hợp lệ: không có kết quả.", present, invalid=invalid_t)
    mean = _mean([t for _s, t in scored])
    problems: list[str] = []
    if params.min_mean is not None and mean < Fraction(params.min_mean):
        problems.append(f"điểm trung bình dưới {vn(params.min_mean)}")
    if params.zero_share is not None and present:
        for criterion in params.criteria:
            zeros = sum(1 for s in counted if s.scores.get(criterion.code) is not None
                        and Fraction(s.scores[criterion.code]) == 0)
            if Fraction(zeros, present) > params.zero_share:
                problems.append(f"tiêu chí {criterion.label or criterion.code} bị {zeros}/{present} thành viên cho "
                                f"0 điểm (quá {share_text(params.zero_share)})")
    passed = not problems
    rating = ""
    if any(lv.max_rank is None for lv in params.levels):  # threshold levels (prizes by rank come in ``rank``)
        level = _level_for_score(params, mean, True) if passed else None
        if level is None:
            passed = False
            level = _level_for_score(params, mean, False)
        rating = level.code if level else ""
    explanation = (f"Điểm trung bình {vn(mean)}/{vn(params.sheet_max)} của {len(scored)} phiếu hợp lệ"
                   + (f", {len(invalid_t)} phiếu không hợp lệ" if invalid_t else "") + ".")
    if problems:
        explanation += " Không đạt: " + "; ".join(problems) + "."
    elif params.min_mean is not None:
        explanation += f" Đạt ngưỡng {vn(params.min_mean)} điểm."
    valid_sheets = [s for s, _t in scored]
    return EntryResult(mean=published(mean), rating=rating, passed=passed,
                       valid=tuple(s.member for s in valid_sheets), invalid=invalid_t,
                       totals=tuple((s.member, published(t)) for s, t in scored),
                       criterion_means=_criterion_means(valid_sheets, params), present=present,
                       explanation=explanation, exact_mean=mean)


def _informative_mean(sheets: Sequence[Sheet], params: Params) -> tuple[Fraction | None, tuple]:
    """Pass-share and rating-vote sheets may carry points too: their mean is shown, it decides nothing."""
    if not params.criteria:
        return None, ()
    totals = []
    for sheet in sheets:
        if sheet.scores:
            total, _reason = sheet_total(sheet, params)
            if total is not None:
                totals.append((sheet.member, total))
    if not totals:
        return None, ()
    return _mean([t for _m, t in totals]), tuple((m, published(t)) for m, t in totals)


def _evaluate_pass_share(counted: Sequence[Sheet], params: Params, present: int) -> EntryResult:
    valid = [s for s in counted if s.verdict is not None]
    invalid = tuple((s.member, "Phiếu không ghi kết luận đạt / không đạt.") for s in counted if s.verdict is None)
    if not valid:
        return _no_result("Không có phiếu hợp lệ: không có kết quả.", present, invalid=invalid)
    yes = sum(1 for s in valid if s.verdict)
    share = Fraction(yes, len(valid))
    threshold = params.pass_share if params.pass_share is not None else Fraction(1, 2)
    passed = share >= threshold if params.pass_inclusive else share > threshold
    level = next((lv for lv in params.levels if lv.passing == passed and lv.max_rank is None), None)
    mean, totals = _informative_mean(valid, params)
    comparison = "từ" if params.pass_inclusive else "trên"
    explanation = (f"{yes}/{len(valid)} phiếu hợp lệ đề nghị đạt ({share_text(share)}); cần {comparison} "
                   f"{share_text(threshold)}: {level.label if level else ('đạt' if passed else 'không đạt')}.")
    return EntryResult(mean=published(mean) if mean is not None else None, rating=level.code if level else "",
                       passed=passed, valid=tuple(s.member for s in valid), invalid=invalid, totals=totals,
                       criterion_means=_criterion_means(valid, params), votes=(("pass", yes), ("fail", len(valid) - yes)),
                       share=share, present=present, explanation=explanation, exact_mean=mean)


def _meets(level: LevelSpec, votes: Mapping[str, int], params: Params, present: int) -> bool:
    if level.vote_share is None or not present:
        return False
    codes = [lv.code for lv in params.levels]
    index = codes.index(level.code)
    counted_codes = codes[: index + 1] if level.count_better else [level.code]
    support = Fraction(sum(votes.get(c, 0) for c in counted_codes), present)
    reached = support >= level.vote_share if level.vote_inclusive else support > level.vote_share
    return reached and not (level.vetoed_by and votes.get(level.vetoed_by, 0))


def _evaluate_rating_vote(counted: Sequence[Sheet], params: Params, present: int) -> EntryResult:
    codes = {lv.code for lv in params.levels}
    valid = [s for s in counted if s.rating in codes]
    invalid = tuple((s.member, "Phiếu không có xếp loại hợp lệ.") for s in counted if s.rating not in codes)
    if not valid:
        return _no_result("Không có phiếu hợp lệ: không có kết quả.", present, invalid=invalid)
    votes: dict[str, int] = {}
    for sheet in valid:
        votes[sheet.rating] = votes.get(sheet.rating, 0) + 1
    ordered = [lv for lv in params.levels if not lv.passing] + [lv for lv in params.levels if lv.passing]
    chosen = next((lv for lv in ordered if _meets(lv, votes, params, present)), None)
    if chosen is None:
        chosen = next((lv for lv in params.levels if lv.is_default),
                      next((lv for lv in reversed(params.levels) if lv.passing), params.levels[-1]))
    labels = {lv.code: lv.label for lv in params.levels}
    tally = ", ".join(f"{labels[lv.code]} {votes[lv.code]}" for lv in params.levels if votes.get(lv.code))
    explanation = f"Xếp loại của {len(valid)}/{present} thành viên có mặt: {tally}. Kết quả: {chosen.label}."
    mean, totals = _informative_mean(valid, params)
    return EntryResult(mean=published(mean) if mean is not None else None, rating=chosen.code,
                       passed=chosen.passing, valid=tuple(s.member for s in valid), invalid=invalid, totals=totals,
                       criterion_means=_criterion_means(valid, params),
                       votes=tuple((lv.code, votes.get(lv.code, 0)) for lv in params.levels), present=present,
                       explanation=explanation, exact_mean=mean)


# ------------------------------------------------------------------------------------------------ ranking


def rank(results: Mapping[Any, EntryResult], params: Params) -> dict[Any, EntryResult]:
    """Standard competition ranks (1, 2, 2, 4) by the published mean, ties marked; then winners and prizes.

    Entries without a mean get no rank. With ``single_winner`` only the best-ranked entries among those that
    met the thresholds pass (ties at the top all pass). Levels with ``max_rank`` are prizes: a passing entry
    gets the best one whose rank limit and minimum score it meets (tied entries share the prize).
    """
    means = [r.mean for r in results.values() if r.mean is not None]
    ranked: dict[Any, EntryResult] = {}
    for key, result in results.items():
        if result.mean is None:
            ranked[key] = dataclasses.replace(result, rank=None, tied=False)
            continue
        position = 1 + sum(1 for m in means if m > result.mean)
        tied = sum(1 for m in means if m == result.mean) > 1
        ranked[key] = dataclasses.replace(result, rank=position, tied=tied)
    if params.single_winner:
        ranked = _single_winner(ranked, params)
    prizes = [lv for lv in params.levels if lv.max_rank is not None]
    if prizes:
        for key, result in ranked.items():
            if not result.passed or result.rank is None:
                continue
            prize = next((lv for lv in prizes if result.rank <= lv.max_rank
                          and (lv.min_score is None or result.mean >= lv.min_score)), None)
            if prize is not None:
                ranked[key] = dataclasses.replace(result, rating=prize.code,
                                                  explanation=f"{result.explanation} Hạng {result.rank}: {prize.label}.")
    return ranked


def _single_winner(ranked: dict[Any, EntryResult], params: Params) -> dict[Any, EntryResult]:
    qualifying = [r.rank for r in ranked.values() if r.passed and r.rank is not None]
    if not qualifying:
        return ranked
    best = min(qualifying)
    worst = _worst_failing(params)
    out = {}
    for key, result in ranked.items():
        if result.passed and result.rank != best:
            result = dataclasses.replace(
                result, passed=False, rating=worst.code if worst else "",
                explanation=f"{result.explanation} Không có điểm trung bình cao nhất trong các hồ sơ đạt yêu cầu.")
        elif result.passed and result.tied:
            result = dataclasses.replace(
                result, explanation=f"{result.explanation} Đồng điểm cao nhất với hồ sơ khác: hội đồng quyết định.")
        out[key] = result
    return out


# ------------------------------------------------------------------------------------------------ quorum


def check_quorum(roles_of_members: Mapping[int, str], present: Iterable[int], params: Params,
                 role_labels: Mapping[str, str] | None = None) -> list[str]:
    """Why the round cannot close with these members present (empty when the quorum is met).

    ``roles_of_members``: member id → role for the whole council. Every member holding a required role must
    be present; a present vice chair stands in for an absent chair.
    """
    labels = dict(role_labels or {})
    present_set = frozenset(present) & frozenset(roles_of_members)
    problems = []
    seats = len(roles_of_members)
    if not seats:
        return ["Hội đồng chưa có thành viên."]
    if params.quorum_share is not None and Fraction(len(present_set), seats) < params.quorum_share:
        problems.append(f"Chỉ có {len(present_set)}/{seats} thành viên có mặt, chưa đủ "
                        f"{share_text(params.quorum_share)} số thành viên hội đồng.")
    present_roles = {roles_of_members[m] for m in present_set}
    for role in params.required_roles:
        holders = [m for m, r in roles_of_members.items() if r == role]
        label = labels.get(role, role)
        if not holders:
            problems.append(f"Hội đồng chưa có {label}.")
        elif not all(m in present_set for m in holders):
            if role == "chair" and "vice_chair" in present_roles:
                continue
            problems.append(f"{label} vắng mặt." if len(holders) == 1 else f"Còn {label} vắng mặt.")
    return problems


# ------------------------------------------------------------------------------------------------ snapshots


def _frac_text(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def _dec_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def params_to_dict(params: Params) -> dict[str, Any]:
    """JSON-able snapshot of the parameters (stored on a round when it closes)."""
    return {
        "method": params.method,
        "criteria": [{"code": c.code, "max_points": _dec_text(c.max_points), "weight": _dec_text(c.weight),
                      "allow_na": c.allow_na, "label": c.label, "group": c.group} for c in params.criteria],
        "levels": [{"code": lv.code, "label": lv.label, "passing": lv.passing, "min_score": _dec_text(lv.min_score),
                    "vote_share": _frac_text(lv.vote_share), "vote_inclusive": lv.vote_inclusive,
                    "count_better": lv.count_better, "vetoed_by": lv.vetoed_by, "max_rank": lv.max_rank,
                    "is_default": lv.is_default} for lv in params.levels],
        "pass_share": _frac_text(params.pass_share), "pass_inclusive": params.pass_inclusive,
        "outlier_share": _frac_text(params.outlier_share), "min_mean": _dec_text(params.min_mean),
        "zero_share": _frac_text(params.zero_share), "quorum_share": _frac_text(params.quorum_share),
        "required_roles": list(params.required_roles), "late_fail_months": params.late_fail_months,
        "single_winner": params.single_winner,
    }


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def params_from_dict(data: Mapping[str, Any]) -> Params:
    return Params(
        method=data["method"],
        criteria=tuple(CriterionSpec(code=c["code"], max_points=Decimal(c["max_points"]), weight=_dec(c["weight"]),
                                     allow_na=c["allow_na"], label=c.get("label", ""), group=c.get("group", ""))
                       for c in data.get("criteria", [])),
        levels=tuple(LevelSpec(code=lv["code"], label=lv["label"], passing=lv["passing"],
                               min_score=_dec(lv["min_score"]), vote_share=as_fraction(lv["vote_share"]),
                               vote_inclusive=lv["vote_inclusive"], count_better=lv["count_better"],
                               vetoed_by=lv["vetoed_by"], max_rank=lv["max_rank"], is_default=lv["is_default"])
                     for lv in data.get("levels", [])),
        pass_share=as_fraction(data.get("pass_share")), pass_inclusive=data.get("pass_inclusive", False),
        outlier_share=as_fraction(data.get("outlier_share")), min_mean=_dec(data.get("min_mean")),
        zero_share=as_fraction(data.get("zero_share")), quorum_share=as_fraction(data.get("quorum_share")),
        required_roles=tuple(data.get("required_roles", ())), late_fail_months=data.get("late_fail_months"),
        single_winner=data.get("single_winner", False),
    )
