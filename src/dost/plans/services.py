"""Write paths of plans, tasks and progress. Business rules live here, testable without HTTP."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dost.core.models import Membership
from dost.core.permissions import memberships_for
from dost.core.services import attach_file
from dost.core.status import ReportStatus, Role

from . import permissions
from .models import Plan, ProgressReport, Task

HUNDRED = Decimal("100")


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def save_plan(user: Any, plan: Plan, expected_version: int | None = None, legal_bases=None) -> Plan:
    _require(permissions.can_edit_plan(user, plan if plan.pk else None, owner=plan.owner), _("Bạn không có quyền sửa kế hoạch này."))
    plan.save_checked(expected_version)
    if legal_bases is not None:
        plan.legal_bases.set(legal_bases)
    return plan


@transaction.atomic
def save_task(user: Any, task: Task, expected_version: int | None = None, partners=None) -> Task:
    if task.pk:
        _require(permissions.can_edit_task(user, task), _("Bạn không có quyền sửa nhiệm vụ này."))
    else:
        _require(permissions.can_edit_plan(user, task.plan), _("Bạn không có quyền thêm nhiệm vụ vào kế hoạch này."))
    if task.parent_id and task.parent.plan_id != task.plan_id:
        raise ValidationError(_("Nhiệm vụ cha phải thuộc cùng kế hoạch."))
    if task.start_date and task.due_date and task.start_date > task.due_date:
        raise ValidationError(_("Thời gian bắt đầu phải trước hạn hoàn thành."))
    task.save_checked(expected_version)
    if partners is not None:
        task.partners.set(partners)
    if task.parent_id:
        roll_up(task.parent)
    return task


@transaction.atomic
def override_progress(user: Any, task: Task, value: Decimal | None, reason: str, expected_version: int | None) -> Task:
    """An officer may override a rolled-up figure; the reason is mandatory and shown beside it."""
    _require(permissions.can_edit_task(user, task), _("Bạn không có quyền sửa nhiệm vụ này."))
    if value is not None and not reason.strip():
        raise ValidationError(_("Cần nêu lý do khi điều chỉnh tiến độ."))
    task.progress_override = value
    task.override_reason = reason.strip() if value is not None else ""
    task.save_checked(expected_version)
    if task.parent_id:
        roll_up(task.parent)
    return task


@transaction.atomic
def create_report(user: Any, task: Task, data: dict[str, Any], files=(), submit: bool = False,
                  milestones=()) -> ProgressReport:
    _require(permissions.can_report_progress(user, task), _("Bạn không có quyền báo cáo tiến độ nhiệm vụ này."))
    report = ProgressReport(task=task, author=user, **data)
    if submit:
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
    report.full_clean(exclude=["author", "task"])
    report.save()
    report.milestones_achieved.set(milestones)
    for uploaded in files:
        attach_file(report, uploaded, user)
    return report


@transaction.atomic
def submit_report(user: Any, report: ProgressReport, expected_version: int | None = None) -> ProgressReport:
    _require(permissions.can_edit_report(user, report), _("Bạn không thể gửi báo cáo này."))
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save_checked(expected_version)
    return report


def _capacity(user: Any, report: ProgressReport) -> str:
    found = memberships_for(user, report.task.plan.owner, {Role.LEADER, Role.ADMIN})
    if found:
        return found[0].capacity
    return _("Quản trị hệ thống") if user.is_superuser else ""


@transaction.atomic
def accept_report(user: Any, report: ProgressReport, comment: str = "", expected_version: int | None = None) -> ProgressReport:
    """Accept a submitted report: the task's progress and milestones move now, and roll up the tree."""
    _require(permissions.can_review_report(user, report), _("Chỉ lãnh đạo đơn vị theo dõi kế hoạch được duyệt báo cáo."))
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Chỉ báo cáo đang chờ duyệt mới được chấp nhận."))
    report.status = ReportStatus.ACCEPTED
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.reviewer_capacity = _capacity(user, report)
    report.review_comment = comment
    report.save_checked(expected_version)
    task = Task.objects.select_for_update().get(pk=report.task_id)
    task.progress = report.percent
    task.save()
    for milestone in report.milestones_achieved.filter(achieved=False):
        milestone.achieved = True
        milestone.save()
    if task.parent_id:
        roll_up(task.parent)
    return report


@transaction.atomic
def return_report(user: Any, report: ProgressReport, comment: str, expected_version: int | None = None) -> ProgressReport:
    _require(permissions.can_review_report(user, report), _("Chỉ lãnh đạo đơn vị theo dõi kế hoạch được duyệt báo cáo."))
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Chỉ báo cáo đang chờ duyệt mới được trả lại."))
    if not comment.strip():
        raise ValidationError(_("Cần ghi ý kiến khi trả lại báo cáo."))
    report.status = ReportStatus.RETURNED
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.reviewer_capacity = _capacity(user, report)
    report.review_comment = comment.strip()
    report.save_checked(expected_version)
    return report


def rolled_up_progress(children: list[Task]) -> Decimal:
    """Weighted mean of the children's effective progress.

    Weights: explicit weights when every child has one, else budgets when every child has one, else a
    plain mean. Mixed information falls back to the plain mean rather than guessing.
    """
    if not children:
        return Decimal("0")
    if all(c.weight is not None for c in children) and sum(c.weight for c in children) > 0:
        weights = [Decimal(c.weight) for c in children]
    elif all(c.budget_vnd for c in children):
        weights = [Decimal(c.budget_vnd) for c in children]
    else:
        weights = [Decimal(1)] * len(children)
    total = sum(weights)
    value = sum(Decimal(c.effective_progress) * w for c, w in zip(children, weights, strict=True)) / total
    return value.quantize(Decimal("0.01"))


def roll_up(task: Task | None) -> None:
    """Recompute the accepted progress of ``task`` and its ancestors from their children."""
    while task is not None:
        children = list(Task.objects.filter(parent=task))
        if not children:
            return
        value = rolled_up_progress(children)
        if value != task.progress:
            task.progress = value
            task.save()
        task = task.parent


# --- reminders ---------------------------------------------------------------------------------------

REMINDER_DAYS = 7


def period_end(schedule: str, today: datetime.date) -> tuple[str, datetime.date] | None:
    """The current reporting period's key and last day for a schedule."""
    year, month = today.year, today.month
    if schedule == "monthly":
        nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
        return f"{year}-{month:02d}", nxt - datetime.timedelta(days=1)
    if schedule == "quarterly":
        quarter = (month - 1) // 3 + 1
        last_month = quarter * 3
        nxt = datetime.date(year + (last_month == 12), last_month % 12 + 1, 1)
        return f"{year}-Q{quarter}", nxt - datetime.timedelta(days=1)
    if schedule == "semiannual":
        return (f"{year}-H1", datetime.date(year, 6, 30)) if month <= 6 else (f"{year}-H2", datetime.date(year, 12, 31))
    if schedule == "annual":
        return f"{year}", datetime.date(year, 12, 31)
    return None


def send_due_reminders(today: datetime.date | None = None) -> list[tuple[Task, list[str]]]:
    """E-mail the lead unit's officers of every task whose periodic report falls due within a week.

    Idempotent: one reminder per task and period (``ReminderLog``), so cron may run it hourly. Only the
    schedules whose period ends within the window are read, and the logs, reports and recipients of those
    tasks are fetched set-wise, not per task.
    """
    from django.core.mail import send_mail

    from .models import ReminderLog

    today = today or timezone.localdate()
    window_end = today + datetime.timedelta(days=REMINDER_DAYS)
    periods = {
        schedule: period
        for schedule in ("monthly", "quarterly", "semiannual", "annual")
        if (period := period_end(schedule, today)) and today <= period[1] <= window_end
    }
    if not periods:
        return []
    tasks = list(
        Task.objects.filter(reporting_schedule__in=periods, lead__isnull=False, progress__lt=100)
        .select_related("plan")
    )
    keys = {periods[t.reporting_schedule][0] for t in tasks}
    reminded = set(ReminderLog.objects.filter(task__in=tasks, period_key__in=keys).values_list("task_id", "period_key"))
    first_days = {s: p[1].replace(day=1) for s, p in periods.items()}
    latest_report: dict[int, datetime.date] = {}
    for task_id, date in ProgressReport.objects.filter(
        task__in=tasks, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED],
        report_date__gte=min(first_days.values()),
    ).values_list("task_id", "report_date"):
        latest_report[task_id] = max(date, latest_report.get(task_id, date))
    emails: dict[int, set[str]] = {}
    for organisation_id, email in Membership.objects.filter(
        organisation_id__in={t.lead_id for t in tasks}, role__in=[Role.OFFICER, Role.LEADER]
    ).exclude(user__email="").values_list("organisation_id", "user__email"):
        emails.setdefault(organisation_id, set()).add(email)
    sent = []
    for task in tasks:
        key, last_day = periods[task.reporting_schedule]
        start = first_days[task.reporting_schedule]
        if (task.pk, key) in reminded or latest_report.get(task.pk, datetime.date.min) >= start:
            continue
        recipients = sorted(emails.get(task.lead_id, ()))
        if not recipients:
            continue
        send_mail(
            subject=_("[dost] Nhắc báo cáo tiến độ: %(task)s") % {"task": str(task)[:80]},
            message=_(
                "Nhiệm vụ “%(task)s” thuộc kế hoạch “%(plan)s” cần báo cáo tiến độ kỳ %(period)s trước ngày %(due)s."
            )
            % {"task": task.title, "plan": task.plan.title, "period": key, "due": last_day.strftime("%d/%m/%Y")},
            from_email=None,
            recipient_list=recipients,
        )
        ReminderLog.objects.create(task=task, period_key=key, recipients=recipients)
        sent.append((task, recipients))
    return sent
