"""State-funded S&T tasks (nhiệm vụ KH&CN): calls for proposals, projects, their events and rule data.

A project's state moves only through ``research.lifecycle`` (see ``services.transition``); every move is a
``ProjectEvent`` carrying its decision document. Money is kept in whole đồng (``BigIntegerField``) so that
sums in SQL are exact. Rules a province may change (extension, late acceptance) are rows of
``ExtensionPolicy``, edited by an administrator; nothing in code assumes their values.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dost.core.mixins import BusinessModel
from dost.core.status import ProjectStatus, ProposalStatus
from dost.core.text import fold


class Level(models.TextChoices):
    NATIONAL = "national", _("Cấp quốc gia")
    MINISTERIAL = "ministerial", _("Cấp bộ")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    GRASSROOTS = "grassroots", _("Cấp cơ sở")


class ScienceField(models.TextChoices):
    """The fields as the indicator tables count them (Phụ lục chỉ tiêu KH&CN)."""

    AGRICULTURE = "agriculture", _("Nông nghiệp")
    INDUSTRY = "industry", _("Công nghiệp")
    CULTURE_HEALTH_EDUCATION = "culture_health_education", _("Văn hoá, y tế, giáo dục")
    OTHER = "other", _("Khác")


class ProjectKind(models.TextChoices):
    RESEARCH = "de_tai", _("Đề tài")
    TRIAL = "du_an", _("Dự án")
    SCHEME = "de_an", _("Đề án")


class AssignmentMethod(models.TextChoices):
    SELECTION = "selection", _("Tuyển chọn")
    DIRECT = "direct", _("Giao trực tiếp")


class MemberRole(models.TextChoices):
    SECRETARY = "secretary", _("Thư ký khoa học")
    MEMBER = "member", _("Thành viên chính")
    TECHNICIAN = "technician", _("Kỹ thuật viên, hỗ trợ")


class CheckOutcome(models.TextChoices):
    ON_TRACK = "on_track", _("Đúng tiến độ")
    BEHIND = "behind", _("Chậm tiến độ")
    SERIOUS = "serious", _("Vi phạm, đề nghị xử lý")


class ReviewStage(models.TextChoices):
    """Which council a project was sent to; decides what the round's result means for it."""

    IDENTIFICATION = "identification", _("Hội đồng tư vấn xác định nhiệm vụ")
    SELECTION = "selection", _("Hội đồng tuyển chọn, giao trực tiếp")
    ACCEPTANCE = "acceptance", _("Hội đồng nghiệm thu")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole calendar months; a month end stays a month end (30/06 + 6 → 31/12)."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return datetime.date(year, month, last)
    return datetime.date(year, month, min(day.day, last))


class ExtensionPolicy(BusinessModel):
    """The extension and late-acceptance rules a province applies (national defaults seeded as a row).

    The row of the project's managing organisation or its nearest ancestor applies; a row without an
    organisation is the default for everyone.
    """

    name = models.CharField(_("tên quy định"), max_length=255)
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("áp dụng cho cơ quan"), null=True,
                                     blank=True, on_delete=models.CASCADE, related_name="research_policies",
                                     help_text=_("Để trống: áp dụng chung khi cơ quan không có quy định riêng."))
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    max_extensions = models.PositiveSmallIntegerField(_("số lần gia hạn tối đa"), default=1)
    long_task_months = models.PositiveSmallIntegerField(
        _("ngưỡng nhiệm vụ dài (tháng)"), default=24,
        help_text=_("Nhiệm vụ có thời gian thực hiện TRÊN ngưỡng này được gia hạn tối đa theo mức dành cho nhiệm vụ dài."))
    long_task_max_months = models.PositiveSmallIntegerField(_("gia hạn tối đa, nhiệm vụ dài (tháng)"), default=12)
    short_task_max_months = models.PositiveSmallIntegerField(_("gia hạn tối đa, nhiệm vụ khác (tháng)"), default=6)
    notice_months = models.PositiveSmallIntegerField(
        _("đề nghị gia hạn trước khi kết thúc ít nhất (tháng)"), default=1)
    late_acceptance_months = models.PositiveSmallIntegerField(
        _("chậm quá (tháng) thì nghiệm thu Không đạt"), default=6,
        help_text=_("Hồ sơ nghiệm thu nộp sau ngày kết thúc hợp đồng (kể cả gia hạn) quá số tháng này: kết quả "
                    "nghiệm thu là Không đạt."))
    acceptance_dossier_days = models.PositiveSmallIntegerField(
        _("thời hạn nộp hồ sơ nghiệm thu (ngày sau khi kết thúc)"), default=30)
    check_interval_months = models.PositiveSmallIntegerField(
        _("kiểm tra tiến độ định kỳ (tháng)"), default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)])
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        ordering = ["organisation__path", "name"]
        verbose_name = _("quy định gia hạn, nghiệm thu nhiệm vụ")
        verbose_name_plural = _("quy định gia hạn, nghiệm thu nhiệm vụ")

    def __str__(self) -> str:
        return self.name

    def max_extension_months(self, start: datetime.date, end: datetime.date) -> int:
        """12 months for a task running more than ``long_task_months`` (end inclusive), 6 otherwise."""
        after_end = end + datetime.timedelta(days=1)
        longer = after_end > add_months(start, self.long_task_months)
        return self.long_task_max_months if longer else self.short_task_max_months


class CallRound(BusinessModel):
    """A yearly call: proposals (đề xuất đặt hàng) collected from organisations and individuals."""

    organisation = models.ForeignKey("core.Organisation", verbose_name=_("đơn vị tổng hợp"),
                                     on_delete=models.PROTECT, related_name="research_rounds")
    year = models.PositiveSmallIntegerField(_("năm thực hiện"), validators=[MinValueValidator(2000)])
    title = models.CharField(_("tên đợt"), max_length=255)
    level = models.CharField(_("cấp nhiệm vụ"), max_length=16, choices=Level.choices, default=Level.PROVINCIAL)
    notice = models.CharField(_("văn bản thông báo"), max_length=100, blank=True)
    opens_on = models.DateField(_("nhận đề xuất từ ngày"), null=True, blank=True)
    closes_on = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("đợt đề xuất đặt hàng")
        verbose_name_plural = _("đợt đề xuất đặt hàng")
        indexes = [models.Index(fields=["organisation", "year"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research_round_detail", args=[self.pk])


class Proposal(BusinessModel):
    """A proposal as an organisation sent it; chosen ones become projects sent to the identification council."""

    round = models.ForeignKey(CallRound, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="proposals")
    number = models.PositiveIntegerField(_("số thứ tự"), default=0)
    title = models.TextField(_("tên nhiệm vụ đề xuất"))
    proposer = models.ForeignKey("core.Organisation", verbose_name=_("tổ chức đề xuất"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="research_proposals")
    proposer_name = models.CharField(_("tổ chức, cá nhân đề xuất (như văn bản)"), max_length=255, blank=True)
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices, default=Level.PROVINCIAL)
    field = models.CharField(_("lĩnh vực"), max_length=32, choices=ScienceField.choices, default=ScienceField.OTHER)
    kind = models.CharField(_("loại"), max_length=8, choices=ProjectKind.choices, default=ProjectKind.RESEARCH)
    objectives = models.TextField(_("mục tiêu, nội dung chính"), blank=True)
    expected_results = models.TextField(_("sản phẩm, kết quả dự kiến"), blank=True)
    duration_months = models.PositiveSmallIntegerField(_("thời gian dự kiến (tháng)"), null=True, blank=True)
    budget_estimate_vnd = models.BigIntegerField(_("kinh phí dự kiến (đồng)"), null=True, blank=True,
                                                 validators=[MinValueValidator(0)])
    received_on = models.DateField(_("ngày nhận"), null=True, blank=True)
    status = models.CharField(_("tình trạng"), max_length=12, choices=ProposalStatus.choices,
                              default=ProposalStatus.FILED)
    duplicate_of = models.ForeignKey("self", verbose_name=_("trùng với đề xuất"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="duplicates")
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["round", "number", "id"]
        verbose_name = _("đề xuất đặt hàng")
        verbose_name_plural = _("đề xuất đặt hàng")
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}" if self.number else self.title[:80]

    @property
    def proposer_display(self) -> str:
        return self.proposer.name if self.proposer_id else self.proposer_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        proposer = self.proposer.name if self.proposer_id else ""
        self.search_text = fold(f"{self.title} {self.proposer_name} {proposer} {self.objectives[:500]}")
        super().save(*args, **kwargs)


class Project(BusinessModel):
    """A state-funded S&T task, from proposal to application of its results.

    ``organisation`` is the unit that manages it for the Department (permissions follow it); ``host`` the
    organisation that carries it out (cơ quan chủ trì), or ``host_name`` when that body is not in dost.
    ``end_date`` is the current end (after an extension), ``original_end_date`` the contract's own.
    """

    organisation = models.ForeignKey("core.Organisation", verbose_name=_("đơn vị quản lý"),
                                     on_delete=models.PROTECT, related_name="research_projects")
    code = models.CharField(_("mã số"), max_length=40, blank=True)
    title = models.TextField(_("tên nhiệm vụ"))
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices, default=Level.PROVINCIAL)
    field = models.CharField(_("lĩnh vực"), max_length=32, choices=ScienceField.choices, default=ScienceField.OTHER)
    kind = models.CharField(_("loại"), max_length=8, choices=ProjectKind.choices, default=ProjectKind.RESEARCH)
    year = models.PositiveSmallIntegerField(_("năm đặt hàng"), null=True, blank=True,
                                            help_text=_("Năm của đợt đề xuất hoặc năm bắt đầu thực hiện."))
    summary = models.TextField(_("mục tiêu, nội dung"), blank=True)
    expected_results = models.TextField(_("sản phẩm dự kiến"), blank=True)
    host = models.ForeignKey("core.Organisation", verbose_name=_("cơ quan chủ trì"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="hosted_research_projects")
    host_name = models.CharField(_("cơ quan chủ trì (như văn bản)"), max_length=255, blank=True)
    principal_investigator = models.CharField(_("chủ nhiệm nhiệm vụ"), max_length=150, blank=True)
    pi_title = models.CharField(_("học hàm, học vị"), max_length=60, blank=True)
    ordering_organisation = models.ForeignKey("core.Organisation", verbose_name=_("cơ quan đặt hàng"), null=True,
                                              blank=True, on_delete=models.PROTECT,
                                              related_name="ordered_research_projects")
    ordering_name = models.CharField(_("cơ quan, tổ chức đặt hàng, đề xuất (như văn bản)"), max_length=255,
                                     blank=True)
    plan_task = models.ForeignKey("plans.Task", verbose_name=_("thực hiện nhiệm vụ của kế hoạch"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="research_projects")
    proposal = models.OneToOneField(Proposal, verbose_name=_("từ đề xuất"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="project")
    assignment_method = models.CharField(_("hình thức"), max_length=12, choices=AssignmentMethod.choices,
                                         blank=True)
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)
    original_end_date = models.DateField(_("kết thúc theo hợp đồng"), null=True, blank=True)
    budget_state_vnd = models.BigIntegerField(_("ngân sách sự nghiệp KH&CN tỉnh (đồng)"), null=True, blank=True,
                                              validators=[MinValueValidator(0)])
    budget_other_vnd = models.BigIntegerField(_("nguồn khác (đồng)"), null=True, blank=True,
                                              validators=[MinValueValidator(0)])
    contract_number = models.CharField(_("số hợp đồng"), max_length=100, blank=True)
    contract_date = models.DateField(_("ngày ký hợp đồng"), null=True, blank=True)
    acceptance_dossier_on = models.DateField(_("ngày nộp hồ sơ nghiệm thu"), null=True, blank=True)
    rating = models.CharField(_("mã xếp loại"), max_length=32, blank=True)
    rating_label = models.CharField(_("xếp loại nghiệm thu"), max_length=60, blank=True)
    accepted_on = models.DateField(_("ngày công nhận kết quả"), null=True, blank=True)
    certificate_number = models.CharField(_("số giấy chứng nhận đăng ký kết quả"), max_length=60, blank=True)
    certificate_date = models.DateField(_("ngày cấp giấy chứng nhận"), null=True, blank=True)
    recovery_required_vnd = models.BigIntegerField(_("kinh phí phải thu hồi (đồng)"), null=True, blank=True,
                                                   validators=[MinValueValidator(0)])
    recovered_vnd = models.BigIntegerField(_("đã thu hồi (đồng)"), default=0, validators=[MinValueValidator(0)])
    recovered_on = models.DateField(_("ngày thu hồi gần nhất"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=ProjectStatus.choices,
                              default=ProjectStatus.PROPOSED)
    status_changed_at = models.DateTimeField(_("chuyển trạng thái lúc"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("nhiệm vụ KH&CN")
        verbose_name_plural = _("nhiệm vụ KH&CN")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["level", "field"]),
            models.Index(fields=["end_date"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["organisation", "year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(start_date__lte=models.F("end_date")),
                name="research_project_period_order"),
            models.CheckConstraint(
                condition=Q(recovery_required_vnd__isnull=True) | Q(recovered_vnd__lte=models.F("recovery_required_vnd")),
                name="research_project_recovered_within_required"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:90]}".strip()

    def get_absolute_url(self) -> str:
        return reverse("research_project_detail", args=[self.pk])

    @property
    def host_display(self) -> str:
        return self.host.name if self.host_id else self.host_name

    @property
    def ordering_display(self) -> str:
        return self.ordering_organisation.name if self.ordering_organisation_id else self.ordering_name

    @property
    def budget_total_vnd(self) -> int | None:
        if self.budget_state_vnd is None and self.budget_other_vnd is None:
            return None
        return (self.budget_state_vnd or 0) + (self.budget_other_vnd or 0)

    @property
    def recovery_outstanding_vnd(self) -> int | None:
        if self.recovery_required_vnd is None:
            return None
        return self.recovery_required_vnd - (self.recovered_vnd or 0)

    def save(self, *args: Any, **kwargs: Any) -> None:
        host = self.host.name if self.host_id else ""
        self.search_text = fold(f"{self.code} {self.title} {self.host_name} {host} {self.principal_investigator} "
                                f"{self.ordering_name}")
        super().save(*args, **kwargs)


class ProjectMember(BusinessModel):
    """A member of the research team besides the principal investigator."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("họ và tên"), max_length=150)
    degree = models.CharField(_("học hàm, học vị"), max_length=60, blank=True)
    role = models.CharField(_("vai trò"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER)
    affiliation = models.CharField(_("cơ quan công tác"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("thành viên thực hiện")
        verbose_name_plural = _("thành viên thực hiện")

    def __str__(self) -> str:
        return f"{self.degree} {self.name}".strip()


class ProjectEvent(BusinessModel):
    """One move of the lifecycle (or a recorded act in a state) with the decision document behind it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=32)
    from_status = models.CharField(_("từ trạng thái"), max_length=16, choices=ProjectStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=ProjectStatus.choices)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    decision = models.ForeignKey("core.LegalDocument", verbose_name=_("văn bản"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="research_events")
    decision_number = models.CharField(_("số văn bản"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký"), max_length=150, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    class Meta:
        ordering = ["project", "at", "id"]
        verbose_name = _("diễn biến nhiệm vụ")
        verbose_name_plural = _("diễn biến nhiệm vụ")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.action} {self.from_status}→{self.to_status}"

    @property
    def label(self) -> str:
        from .lifecycle import TRANSITIONS

        transition = TRANSITIONS.get(self.action)
        return str(transition.label) if transition else self.action


class ProgressCheck(BusinessModel):
    """A scheduled progress check (kiểm tra tiến độ); upcoming/late are derived in SQL from the dates."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="checks")
    due_date = models.DateField(_("ngày kiểm tra dự kiến"), db_index=True)
    done_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    outcome = models.CharField(_("kết luận"), max_length=12, choices=CheckOutcome.choices, blank=True)
    finding = models.TextField(_("nhận xét, kiến nghị"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["project", "due_date", "id"]
        verbose_name = _("kiểm tra tiến độ")
        verbose_name_plural = _("kiểm tra tiến độ")
        indexes = [models.Index(fields=["done_on", "due_date"])]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.due_date:%d/%m/%Y}"


class Extension(BusinessModel):
    """An extension granted (gia hạn): the old and new end dates."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="extensions")
    requested_on = models.DateField(_("ngày đề nghị"))
    previous_end = models.DateField(_("kết thúc trước gia hạn"))
    new_end = models.DateField(_("kết thúc sau gia hạn"))
    reason = models.TextField(_("lý do"), blank=True)
    event = models.OneToOneField(ProjectEvent, on_delete=models.PROTECT, related_name="extension")

    class Meta:
        ordering = ["project", "new_end"]
        verbose_name = _("gia hạn")
        verbose_name_plural = _("gia hạn")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.previous_end:%d/%m/%Y} → {self.new_end:%d/%m/%Y}"


class ProjectApplication(BusinessModel):
    """Where the results are applied or replicated (ứng dụng, nhân rộng)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="applications")
    year = models.PositiveSmallIntegerField(_("năm"))
    place = models.TextField(_("nơi ứng dụng, nhân rộng"))
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("tổ chức tiếp nhận"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="applied_research")
    note = models.TextField(_("ghi chú"), blank=True)
    event = models.OneToOneField(ProjectEvent, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="application")

    class Meta:
        ordering = ["project", "year", "id"]
        verbose_name = _("ứng dụng, nhân rộng kết quả")
        verbose_name_plural = _("ứng dụng, nhân rộng kết quả")
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.year} {self.place[:60]}"
