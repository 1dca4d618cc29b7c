"""Plans (kế hoạch), their task trees, roadmap milestones and progress reports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dost.core.formatting import format_partial_date
from dost.core.mixins import BusinessModel
from dost.core.models import LegalDocument, Organisation
from dost.core.status import ImportStatus, PlanStatus, ReportStatus
from dost.core.text import fold


class Precision(models.TextChoices):
    DAY = "day", _("Ngày")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    YEAR = "year", _("Năm")


class Recurrence(models.TextChoices):
    NONE = "none", _("Một lần")
    ANNUAL = "annual", _("Hàng năm")
    ONGOING = "ongoing", _("Thường xuyên")


class ReportingSchedule(models.TextChoices):
    NONE = "none", _("Không định kỳ")
    MONTHLY = "monthly", _("Hàng tháng")
    QUARTERLY = "quarterly", _("Hàng quý")
    SEMIANNUAL = "semiannual", _("6 tháng")
    ANNUAL = "annual", _("Hàng năm")


class Plan(BusinessModel):
    """A plan as issued, and as tracked by its owning organisation (which may differ from the issuer)."""

    owner = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị theo dõi"), on_delete=models.PROTECT, related_name="owned_plans"
    )
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_plans",
    )
    issuer_name = models.CharField(_("cơ quan ban hành (như in)"), max_length=255, blank=True)
    number = models.CharField(_("số"), max_length=20, blank=True, help_text=_("Để trống với bản dự thảo."))
    symbol = models.CharField(_("ký hiệu"), max_length=60, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    date_year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    date_month = models.PositiveSmallIntegerField(
        _("tháng"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    date_day = models.PositiveSmallIntegerField(
        _("ngày"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    title = models.TextField(_("trích yếu"))
    period_start = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    budget_vnd = models.BigIntegerField(_("tổng kinh phí (đồng)"), null=True, blank=True)
    budget_note = models.TextField(_("ghi chú kinh phí"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    signer_on_behalf = models.CharField(_("thẩm quyền ký (KT./TM./Q.)"), max_length=150, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    legal_bases = models.ManyToManyField(
        LegalDocument, verbose_name=_("căn cứ"), blank=True, related_name="based_plans"
    )
    replaces = models.ManyToManyField(
        LegalDocument, verbose_name=_("thay thế văn bản"), blank=True, related_name="replacing_plans"
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-date_year", "-date_month", "-date_day", "-id"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        indexes = [
            models.Index(fields=["date_year"]),
            models.Index(fields=["status"]),
            models.Index(fields=["owner", "date_year"]),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} {self.title[:80]}".strip()

    @property
    def number_symbol(self) -> str:
        if not self.number and not self.symbol:
            return ""
        return f"{self.number}/{self.symbol}" if self.symbol else self.number

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date_year, self.date_month, self.date_day)

    @property
    def period_display(self) -> str:
        if self.period_start and self.period_end and self.period_start != self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or self.date_year or "")

    def save(self, *args: Any, **kwargs: Any) -> None:
        owner_name = self.owner.name if self.owner_id else ""
        self.search_text = fold(f"{self.number_symbol} {self.title} {self.issuer_name} {owner_name} {self.place}")
        super().save(*args, **kwargs)


class Task(BusinessModel):
    """A task (nhiệm vụ) of a plan; tasks form a tree under the plan.

    ``due_date`` is the last day of the printed deadline (a month → its last day) so that comparisons are
    plain date comparisons in SQL; ``due_precision`` remembers how it was printed. Status is derived on
    read (see ``dost.plans.status``); ``progress`` is the accepted figure, rolled up from children.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self", verbose_name=_("nhiệm vụ cha"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    ref = models.CharField(_("số thứ tự (như in)"), max_length=40, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.TextField(_("nội dung"))
    description = models.TextField(_("giải pháp, ghi chú"), blank=True)
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    lead_name = models.CharField(_("đơn vị chủ trì (như in)"), max_length=255, blank=True)
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="partner_tasks"
    )
    partners_text = models.TextField(_("đơn vị phối hợp (như in)"), blank=True)
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True)
    start_precision = models.CharField(max_length=8, choices=Precision.choices, default=Precision.MONTH)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    due_precision = models.CharField(max_length=8, choices=Precision.choices, default=Precision.MONTH)
    recurrence = models.CharField(_("tính chất"), max_length=8, choices=Recurrence.choices, default=Recurrence.NONE)
    deliverables = models.TextField(_("kết quả, sản phẩm"), blank=True)
    budget_vnd = models.BigIntegerField(_("kinh phí (đồng)"), null=True, blank=True)
    weight = models.DecimalField(_("trọng số"), max_digits=7, decimal_places=2, null=True, blank=True)
    progress = models.DecimalField(
        _("tiến độ đã duyệt (%)"), max_digits=5, decimal_places=2, default=0, editable=False
    )
    progress_override = models.DecimalField(
        _("tiến độ điều chỉnh (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    override_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    reporting_schedule = models.CharField(
        _("chế độ báo cáo"), max_length=12, choices=ReportingSchedule.choices, default=ReportingSchedule.NONE
    )

    class Meta:
        ordering = ["plan_id", "order", "id"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        indexes = [
            models.Index(fields=["due_date"]),
            models.Index(fields=["lead", "due_date"]),
            models.Index(fields=["plan", "order"]),
        ]

    def __str__(self) -> str:
        prefix = f"{self.ref}. " if self.ref else ""
        return f"{prefix}{self.title[:100]}"

    @property
    def effective_progress(self):
        return self.progress_override if self.progress_override is not None else self.progress

    @property
    def due_display(self) -> str:
        return _period_display(self.due_date, self.due_precision, self.recurrence)

    @property
    def start_display(self) -> str:
        return _period_display(self.start_date, self.start_precision, Recurrence.NONE)


def _period_display(day, precision: str, recurrence: str) -> str:
    if recurrence == Recurrence.ANNUAL and day is None:
        return str(_("Hàng năm"))
    if recurrence == Recurrence.ONGOING and day is None:
        return str(_("Thường xuyên"))
    if day is None:
        return ""
    if precision == Precision.DAY:
        return day.strftime("%d/%m/%Y")
    if precision == Precision.MONTH:
        return f"Tháng {day.month}/{day.year}"
    if precision == Precision.QUARTER:
        return f"Quý {['I', 'II', 'III', 'IV'][(day.month - 1) // 3]}/{day.year}"
    return str(day.year)


class Milestone(BusinessModel):
    """A step of the monthly roadmap (lộ trình): "Tháng 2: gửi dự thảo xin ý kiến…"."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    due_date = models.DateField(_("hạn"))
    label = models.CharField(_("mốc"), max_length=60, blank=True)
    text = models.TextField(_("nội dung"))
    expected_result = models.TextField(_("kết quả dự kiến"), blank=True)
    achieved = models.BooleanField(_("đã đạt"), default=False)

    class Meta:
        ordering = ["task_id", "due_date", "id"]
        indexes = [models.Index(fields=["task", "achieved", "due_date"])]
        verbose_name = _("mốc tiến độ")

    def __str__(self) -> str:
        return f"{self.label or self.due_date.strftime('%m/%Y')}: {self.text[:60]}"


class ProgressReport(BusinessModel):
    """A unit's report on a task; the task's figures move only when a leader of the owner accepts it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_reports")
    report_date = models.DateField(_("ngày báo cáo"))
    period_label = models.CharField(_("kỳ báo cáo"), max_length=60, blank=True)
    percent = models.DecimalField(
        _("tỷ lệ hoàn thành (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("kết quả thực hiện"))
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    milestones_achieved = models.ManyToManyField(Milestone, blank=True, verbose_name=_("mốc đã đạt"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewer_capacity = models.CharField(_("thẩm quyền duyệt"), max_length=150, blank=True)
    review_comment = models.TextField(_("ý kiến của lãnh đạo"), blank=True)

    class Meta:
        ordering = ["-report_date", "-id"]
        indexes = [models.Index(fields=["task", "status", "-report_date"]), models.Index(fields=["status"])]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")

    def __str__(self) -> str:
        return f"{self.task} — {self.report_date:%d/%m/%Y} — {self.percent}%"


class ReminderLog(models.Model):
    """One reminder per task and reporting period, so ``dost tick`` can run as often as cron likes."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    period_key = models.CharField(max_length=20)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "period_key"], name="uniq_reminder_period")]

    def __str__(self) -> str:
        return f"{self.task_id} {self.period_key}"


class ImportJob(models.Model):
    """Documents uploaded for import; parsed by a background task, reviewed, then confirmed.

    ``heartbeat_at`` moves while the worker parses; ``dost tick`` marks a job whose worker died as failed
    so that it can be retried instead of staying "running" forever.
    """

    owner = models.ForeignKey(Organisation, verbose_name=_("đơn vị theo dõi"), on_delete=models.PROTECT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    results = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt nhập văn bản")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
