"""The lifecycle of an S&T task as data: which move is allowed from which state, for whom, with what.

Each ``Transition`` names its source states, its target (``None``: the state stays — an act recorded in
the state, such as an extension or a progress check), the role that may take it (``officer``: officers and
leaders managing the project; ``leader``: leaders above it), whether a decision document is required (every
move records one) and a guard: a function of the project, the data and the policy returning the problems
in Vietnamese (empty list: allowed). ``services.transition`` is the only code that applies them.

The main path: proposed → identification → selection → appraisal → contracting → implementing →
acceptance → completed → registered → applied. Side paths: not recommended / not selected, adjustment,
extension (``ExtensionPolicy``), suspension and resumption, termination and failed acceptance with fund
recovery, and recording the recovered money.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from dost.core.formatting import format_date, format_money
from dost.core.status import ProjectStatus as S

from .models import ExtensionPolicy, Project, add_months

OFFICER = "officer"
LEADER = "leader"

Guard = Callable[[Project, dict[str, Any], ExtensionPolicy, datetime.date], list[str]]


@dataclass(frozen=True)
class Transition:
    action: str
    label: Any
    sources: frozenset[str]
    target: str | None  # None: the state does not change
    role: str = LEADER
    needs_decision: bool = True
    guard: Guard | None = None
    destructive: bool = False
    fields: tuple[str, ...] = ()  # data the form asks for (see forms.TransitionForm)
    required: tuple[str, ...] = ()
    decision_hint: Any = ""
    automatic: bool = False  # normally taken by the council's result (round_closed), manual as a fallback
    help: Any = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def target_for(self, project: Project) -> str:
        return self.target or project.status


# ---------------------------------------------------------------------------------------------- guards


def _positive_money(data: dict[str, Any], key: str, label: str, problems: list[str], required: bool = False) -> None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            problems.append(_("Cần nhập %(label)s.") % {"label": label})
        return
    if int(value) < 0:
        problems.append(_("%(label)s không được âm.") % {"label": label})


def extension_problems(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                       today: datetime.date) -> list[str]:
    """The extension rule: at most ``max_extensions`` times; at most 12 months for tasks of more than 24
    months, 6 otherwise (policy values); requested at least ``notice_months`` before the current end."""
    problems: list[str] = []
    new_end, requested_on = data.get("new_end"), data.get("requested_on") or today
    if project.start_date is None or project.end_date is None:
        return [_("Nhiệm vụ chưa có thời gian thực hiện theo hợp đồng; không gia hạn được.")]
    done = project.extensions.count() if project.pk else 0
    if done >= policy.max_extensions:
        problems.append(_("Nhiệm vụ đã được gia hạn %(done)s lần; quy định chỉ cho phép gia hạn %(max)s lần.")
                        % {"done": done, "max": policy.max_extensions})
    latest_request = add_months(project.end_date, -policy.notice_months)
    if requested_on > latest_request:
        problems.append(_("Đề nghị gia hạn phải gửi trước ngày kết thúc (%(end)s) ít nhất %(n)s tháng, tức là "
                          "chậm nhất ngày %(latest)s; đề nghị ngày %(requested)s là quá hạn.")
                        % {"end": format_date(project.end_date), "n": policy.notice_months,
                           "latest": format_date(latest_request), "requested": format_date(requested_on)})
    if new_end is None:
        problems.append(_("Cần nhập ngày kết thúc mới."))
    elif new_end <= project.end_date:
        problems.append(_("Ngày kết thúc mới phải sau ngày kết thúc hiện tại (%(end)s).")
                        % {"end": format_date(project.end_date)})
    else:
        original_end = project.original_end_date or project.end_date
        months = policy.max_extension_months(project.start_date, original_end)
        latest_end = add_months(project.end_date, months)
        if new_end > latest_end:
            longer = months == policy.long_task_max_months and months != policy.short_task_max_months
            problems.append(_("Nhiệm vụ thực hiện %(kind)s %(threshold)s tháng chỉ được gia hạn tối đa %(months)s "
                              "tháng, tức là đến ngày %(latest)s.")
                            % {"kind": _("trên") if longer else _("không quá"), "threshold": policy.long_task_months,
                               "months": months, "latest": format_date(latest_end)})
    return problems


def months_late(end: datetime.date | None, delivered: datetime.date | None) -> int:
    """Whole months by which ``delivered`` is after ``end`` (0 when on time; 6 months and a day → 6)."""
    if end is None or delivered is None or delivered <= end:
        return 0
    months = (delivered.year - end.year) * 12 + delivered.month - end.month
    while months > 0 and add_months(end, months) > delivered:
        months -= 1
    return months


def is_too_late(project: Project, policy: ExtensionPolicy) -> bool:
    """More than ``late_acceptance_months`` after the (extended) end: the acceptance is Không đạt."""
    if project.end_date is None or project.acceptance_dossier_on is None:
        return False
    return project.acceptance_dossier_on > add_months(project.end_date, policy.late_acceptance_months)


def _acceptance_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                      today: datetime.date) -> list[str]:
    problems = []
    if not data.get("rating_label"):
        problems.append(_("Cần nhập xếp loại nghiệm thu."))
    if is_too_late(project, policy):
        problems.append(_("Hồ sơ nghiệm thu nộp ngày %(on)s, chậm quá %(n)s tháng so với ngày kết thúc %(end)s: "
                          "theo quy định kết quả là Không đạt.")
                        % {"on": format_date(project.acceptance_dossier_on), "n": policy.late_acceptance_months,
                           "end": format_date(project.end_date)})
    return problems


def _submit_acceptance_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                             today: datetime.date) -> list[str]:
    dossier_on = data.get("dossier_on")
    if dossier_on is None:
        return [_("Cần nhập ngày nộp hồ sơ nghiệm thu.")]
    if dossier_on > today:
        return [_("Ngày nộp hồ sơ không được sau ngày hôm nay.")]
    return []


def _contract_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                    today: datetime.date) -> list[str]:
    problems = []
    start, end = data.get("start_date") or project.start_date, data.get("end_date") or project.end_date
    if start is None or end is None:
        problems.append(_("Cần nhập thời gian thực hiện (bắt đầu, kết thúc)."))
    elif start > end:
        problems.append(_("Ngày bắt đầu phải trước ngày kết thúc."))
    if project.budget_total_vnd is None and data.get("budget_state_vnd") in (None, ""):
        problems.append(_("Nhiệm vụ chưa có kinh phí được phê duyệt."))
    return problems


def _budget_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                  today: datetime.date) -> list[str]:
    problems: list[str] = []
    _positive_money(data, "budget_state_vnd", _("kinh phí ngân sách sự nghiệp KH&CN"), problems, required=True)
    _positive_money(data, "budget_other_vnd", _("kinh phí nguồn khác"), problems)
    return problems


def _selection_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                     today: datetime.date) -> list[str]:
    problems = []
    if data.get("assignment_method") not in ("selection", "direct"):
        problems.append(_("Cần chọn hình thức: tuyển chọn hoặc giao trực tiếp."))
    if not (data.get("host") or data.get("host_name") or project.host_id or project.host_name):
        problems.append(_("Cần nhập cơ quan chủ trì."))
    if not (data.get("principal_investigator") or project.principal_investigator):
        problems.append(_("Cần nhập chủ nhiệm nhiệm vụ."))
    return problems


def _recovery_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                    today: datetime.date) -> list[str]:
    problems: list[str] = []
    _positive_money(data, "recovery_required_vnd", _("kinh phí phải thu hồi"), problems)
    value = data.get("recovery_required_vnd")
    if value not in (None, "") and project.budget_state_vnd is not None and int(value) > project.budget_state_vnd:
        problems.append(_("Kinh phí thu hồi (%(amount)s) vượt kinh phí ngân sách đã giao (%(budget)s).")
                        % {"amount": format_money(value), "budget": format_money(project.budget_state_vnd)})
    return problems


def _set_recovery_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                        today: datetime.date) -> list[str]:
    problems = _recovery_guard(project, data, policy, today)
    value = data.get("recovery_required_vnd")
    if value in (None, ""):
        problems.append(_("Cần nhập số kinh phí phải thu hồi."))
    elif int(value) < (project.recovered_vnd or 0):
        problems.append(_("Số phải thu hồi không được nhỏ hơn số đã thu hồi (%(done)s).")
                        % {"done": format_money(project.recovered_vnd)})
    return problems


def _terminate_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                     today: datetime.date) -> list[str]:
    problems = _recovery_guard(project, data, policy, today)
    if not (data.get("note") or "").strip():
        problems.append(_("Cần nêu lý do chấm dứt."))
    return problems


def _recover_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                   today: datetime.date) -> list[str]:
    problems: list[str] = []
    amount, on = data.get("amount_vnd"), data.get("recovered_on")
    if project.recovery_required_vnd is None:
        return [_("Nhiệm vụ không có khoản kinh phí phải thu hồi.")]
    if amount in (None, "") or int(amount) <= 0:
        problems.append(_("Số tiền thu hồi phải lớn hơn 0."))
    elif (project.recovered_vnd or 0) + int(amount) > project.recovery_required_vnd:
        problems.append(_("Vượt số phải thu hồi: phải thu %(required)s, đã thu %(done)s, còn %(left)s.")
                        % {"required": format_money(project.recovery_required_vnd),
                           "done": format_money(project.recovered_vnd or 0),
                           "left": format_money(project.recovery_outstanding_vnd)})
    if on is None:
        problems.append(_("Cần nhập ngày nộp trả."))
    elif on > today:
        problems.append(_("Ngày nộp trả không được sau ngày hôm nay."))
    return problems


def _note_required(message: Any) -> Guard:
    def guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy, today: datetime.date) -> list[str]:
        return [] if (data.get("note") or "").strip() else [str(message)]

    return guard


def _check_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                 today: datetime.date) -> list[str]:
    problems = []
    check = data.get("check")
    if check is None or check.project_id != project.pk:
        problems.append(_("Hãy chọn đợt kiểm tra tiến độ của nhiệm vụ này."))
    elif check.done_on is not None:
        problems.append(_("Đợt kiểm tra này đã được ghi kết quả."))
    if data.get("outcome") not in ("on_track", "behind", "serious"):
        problems.append(_("Cần chọn kết luận kiểm tra."))
    done_on = data.get("done_on")
    if done_on is None:
        problems.append(_("Cần nhập ngày kiểm tra."))
    elif done_on > today:
        problems.append(_("Ngày kiểm tra không được sau ngày hôm nay."))
    return problems


def _apply_guard(project: Project, data: dict[str, Any], policy: ExtensionPolicy,
                 today: datetime.date) -> list[str]:
    problems = []
    if not (data.get("place") or "").strip():
        problems.append(_("Cần nhập nơi ứng dụng, nhân rộng."))
    if not data.get("year"):
        problems.append(_("Cần nhập năm ứng dụng."))
    return problems


# ---------------------------------------------------------------------------------------------- the table

ACTIVE = frozenset({S.IMPLEMENTING, S.SUSPENDED})
ANY_OPEN = frozenset({S.CONTRACTING, S.IMPLEMENTING, S.SUSPENDED})

_TABLE = [
    Transition("send_identification", _l("Đưa ra Hội đồng tư vấn xác định nhiệm vụ"), frozenset({S.PROPOSED}),
               S.IDENTIFICATION, role=OFFICER, fields=("council_round",),
               decision_hint=_l("Quyết định thành lập Hội đồng tư vấn xác định nhiệm vụ")),
    Transition("withdraw", _l("Rút đề xuất"), frozenset({S.PROPOSED}), S.NOT_SELECTED, role=OFFICER,
               destructive=True, fields=("note",), required=("note",),
               guard=_note_required(_l("Cần nêu lý do rút đề xuất.")),
               decision_hint=_l("Văn bản đề nghị rút đề xuất")),
    Transition("recommend", _l("Hội đồng kiến nghị thực hiện, phê duyệt danh mục"), frozenset({S.IDENTIFICATION}),
               S.SELECTION, automatic=True,
               decision_hint=_l("Quyết định phê duyệt danh mục nhiệm vụ đặt hàng")),
    Transition("not_recommend", _l("Không kiến nghị thực hiện"), frozenset({S.IDENTIFICATION}), S.NOT_SELECTED,
               automatic=True, destructive=True, fields=("note",),
               decision_hint=_l("Kết luận của Hội đồng tư vấn xác định nhiệm vụ")),
    Transition("send_selection", _l("Đưa ra Hội đồng tuyển chọn, giao trực tiếp"), frozenset({S.SELECTION}),
               None, role=OFFICER, fields=("council_round",),
               decision_hint=_l("Quyết định thành lập Hội đồng tuyển chọn, giao trực tiếp")),
    Transition("select", _l("Phê duyệt tổ chức, cá nhân chủ trì"), frozenset({S.SELECTION}), S.APPRAISAL,
               guard=_selection_guard, automatic=True,
               fields=("assignment_method", "host", "host_name", "principal_investigator", "pi_title"),
               required=("assignment_method",),
               decision_hint=_l("Quyết định phê duyệt tổ chức, cá nhân chủ trì")),
    Transition("not_select", _l("Không tuyển chọn được tổ chức chủ trì"), frozenset({S.SELECTION}), S.NOT_SELECTED,
               automatic=True, destructive=True, fields=("note",),
               decision_hint=_l("Kết luận của Hội đồng tuyển chọn")),
    Transition("approve_budget", _l("Phê duyệt kinh phí sau thẩm định"), frozenset({S.APPRAISAL}), S.CONTRACTING,
               guard=_budget_guard, fields=("budget_state_vnd", "budget_other_vnd", "start_date", "end_date"),
               required=("budget_state_vnd",),
               decision_hint=_l("Quyết định phê duyệt kinh phí, phương thức khoán chi")),
    Transition("sign_contract", _l("Ký hợp đồng thực hiện"), frozenset({S.CONTRACTING}), S.IMPLEMENTING,
               role=OFFICER, guard=_contract_guard, fields=("start_date", "end_date"),
               decision_hint=_l("Hợp đồng thực hiện nhiệm vụ (số, ngày ký)")),
    Transition("check", _l("Ghi kết quả kiểm tra tiến độ"), ACTIVE, None, role=OFFICER, guard=_check_guard,
               fields=("check", "done_on", "outcome", "note"), required=("check", "done_on", "outcome"),
               decision_hint=_l("Biên bản kiểm tra tiến độ")),
    Transition("adjust", _l("Điều chỉnh nội dung, kinh phí"), frozenset({S.IMPLEMENTING}), None,
               guard=_note_required(_l("Cần nêu nội dung điều chỉnh.")),
               fields=("note", "budget_state_vnd", "budget_other_vnd"), required=("note",),
               decision_hint=_l("Quyết định điều chỉnh")),
    Transition("extend", _l("Gia hạn thời gian thực hiện"), frozenset({S.IMPLEMENTING}), None,
               guard=extension_problems, fields=("requested_on", "new_end", "note"),
               required=("requested_on", "new_end"),
               decision_hint=_l("Quyết định gia hạn thời gian thực hiện")),
    Transition("suspend", _l("Tạm dừng thực hiện"), frozenset({S.IMPLEMENTING}), S.SUSPENDED, destructive=True,
               guard=_note_required(_l("Cần nêu lý do tạm dừng.")), fields=("note",), required=("note",),
               decision_hint=_l("Quyết định tạm dừng")),
    Transition("resume", _l("Tiếp tục thực hiện"), frozenset({S.SUSPENDED}), S.IMPLEMENTING, fields=("note",),
               decision_hint=_l("Quyết định cho tiếp tục thực hiện")),
    Transition("terminate", _l("Chấm dứt hợp đồng, thu hồi kinh phí"), ANY_OPEN, S.TERMINATED, destructive=True,
               guard=_terminate_guard, fields=("note", "recovery_required_vnd"), required=("note",),
               decision_hint=_l("Quyết định chấm dứt hợp đồng, thu hồi kinh phí")),
    Transition("submit_acceptance", _l("Nộp hồ sơ, đưa ra Hội đồng nghiệm thu"), frozenset({S.IMPLEMENTING}),
               S.ACCEPTANCE, role=OFFICER, guard=_submit_acceptance_guard, fields=("dossier_on", "council_round"),
               required=("dossier_on",),
               decision_hint=_l("Quyết định thành lập Hội đồng tư vấn đánh giá, nghiệm thu")),
    Transition("accept", _l("Công nhận kết quả nghiệm thu"), frozenset({S.ACCEPTANCE}), S.COMPLETED,
               guard=_acceptance_guard, automatic=True, fields=("rating_label", "note"), required=("rating_label",),
               decision_hint=_l("Quyết định công nhận kết quả thực hiện nhiệm vụ")),
    Transition("fail", _l("Nghiệm thu Không đạt, thu hồi kinh phí"), frozenset({S.ACCEPTANCE}), S.NOT_PASSED,
               guard=_recovery_guard, automatic=True, destructive=True, fields=("note", "recovery_required_vnd"),
               decision_hint=_l("Kết luận nghiệm thu, quyết định thu hồi kinh phí")),
    Transition("set_recovery", _l("Quyết định số kinh phí phải thu hồi"), frozenset({S.TERMINATED, S.NOT_PASSED}),
               None, guard=_set_recovery_guard, fields=("recovery_required_vnd", "note"),
               required=("recovery_required_vnd",),
               decision_hint=_l("Quyết định thu hồi kinh phí")),
    Transition("recover", _l("Ghi nhận kinh phí đã thu hồi"), frozenset({S.TERMINATED, S.NOT_PASSED}), None,
               role=OFFICER, guard=_recover_guard, fields=("amount_vnd", "recovered_on", "note"),
               required=("amount_vnd", "recovered_on"),
               decision_hint=_l("Chứng từ nộp trả kinh phí")),
    Transition("register", _l("Đăng ký, cấp giấy chứng nhận kết quả"), frozenset({S.COMPLETED}), S.REGISTERED,
               role=OFFICER,
               decision_hint=_l("Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ (số, ngày cấp)")),
    Transition("apply", _l("Ứng dụng, nhân rộng kết quả"), frozenset({S.REGISTERED, S.APPLIED}), S.APPLIED,
               role=OFFICER, guard=_apply_guard, fields=("year", "place", "organisation", "note"),
               required=("year", "place"),
               decision_hint=_l("Văn bản chuyển giao, hỗ trợ ứng dụng kết quả")),
]

TRANSITIONS: dict[str, Transition] = {t.action: t for t in _TABLE}


def available(status: str) -> list[Transition]:
    """The moves that may start from ``status``, in the table's order."""
    return [t for t in _TABLE if status in t.sources]


def reachable() -> dict[str, set[str]]:
    """status → the statuses one move away (for the documentation and the completeness test)."""
    graph: dict[str, set[str]] = {}
    for t in _TABLE:
        for source in t.sources:
            graph.setdefault(source, set()).add(t.target or source)
    return graph
