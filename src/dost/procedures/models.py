"""The editable official calendar: the government's yearly decisions on days off and swapped working days.

The statutory rules are computed (``dost.procedures.calendar``); what is stored here is only what the law
cannot tell us: which exact days the Prime Minister fixes for Tết and National Day, and the swaps of
working days announced each year. How stored entries combine with the computed holidays is documented in
the calendar module: a stored day decides its date; a year marked complete keeps no computed holiday.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dost.core.mixins import BusinessModel
from dost.core.status import DossierStatus, Role

from .calendar import MAX_YEAR, MIN_YEAR, WEEKDAY_NAMES


class CalendarYear(BusinessModel):
    """The official calendar of one year: the decisions it follows and whether it was entered in full."""

    year = models.PositiveSmallIntegerField(
        _("năm"), unique=True, validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    decision = models.CharField(
        _("văn bản quyết định"),
        max_length=255,
        blank=True,
        help_text=_("Số, ký hiệu và ngày của văn bản công bố lịch nghỉ (có thể nhiều văn bản)."),
    )
    complete = models.BooleanField(
        _("đã nhập đủ cả năm"),
        default=False,
        help_text=_(
            "Khi chọn: ngày nghỉ của năm chỉ gồm thứ Bảy, Chủ nhật và các ngày nghỉ nhập dưới đây; "
            "các ngày lễ và ngày nghỉ bù tính theo Bộ luật Lao động được bỏ qua. "
            "Khi không chọn: các ngày nhập dưới đây chỉ thay đổi đúng những ngày đó."
        ),
    )
    note = models.TextField(_("ghi chú, nguồn"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("lịch nghỉ chính thức của năm")
        verbose_name_plural = _("lịch nghỉ chính thức theo năm")

    def __str__(self) -> str:
        return gettext("Lịch nghỉ năm %(year)s") % {"year": self.year}


class CalendarDay(BusinessModel):
    """One date whose status the official calendar fixes: a day off, or a (swapped) working day."""

    calendar = models.ForeignKey(
        CalendarYear, verbose_name=_("lịch năm"), on_delete=models.PROTECT, related_name="days"
    )
    date = models.DateField(_("ngày"), unique=True)
    is_workday = models.BooleanField(
        _("là ngày làm việc"),
        default=False,
        help_text=_("Chọn cho ngày làm bù (ví dụ thứ Bảy đi làm); bỏ chọn cho ngày nghỉ."),
    )
    name = models.CharField(_("lý do"), max_length=255, blank=True)
    decision = models.CharField(_("văn bản quyết định"), max_length=255, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày trong lịch nghỉ chính thức")
        verbose_name_plural = _("ngày trong lịch nghỉ chính thức")

    def __str__(self) -> str:
        kind = gettext("làm việc") if self.is_workday else gettext("nghỉ")
        return f"{self.date:%d/%m/%Y} ({kind}){f' – {self.name}' if self.name else ''}"

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]

    def clean(self) -> None:
        """A day belongs to the calendar of its own year, so loading a year's calendar loads all its days."""
        super().clean()
        if self.date and self.calendar_id and self.calendar.year != self.date.year:
            raise ValidationError(
                {"date": _("Ngày %(date)s không thuộc năm %(year)s của lịch.")
                 % {"date": self.date.strftime("%d/%m/%Y"), "year": self.calendar.year}}
            )


# ---------------------------------------------------------------------------------------------- procedures


class StepKind(models.TextChoices):
    """What happens at a step; the engine's rules key on these, the names are the administrator's."""

    RECEIVE = "receive", _("Tiếp nhận")
    APPRAISE = "appraise", _("Thẩm định")
    APPROVE = "approve", _("Phê duyệt, ký")
    RETURN = "return", _("Trả kết quả")


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT = "supplement", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "refusal", _("Phiếu từ chối giải quyết hồ sơ")
    APOLOGY = "apology", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    DECISION = "decision", _("Quyết định")


class ProcedureType(BusinessModel):
    """An administrative procedure as configuration: what it needs, how long it takes, who acts when."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("cơ quan giải quyết"),
                                     on_delete=models.PROTECT, related_name="procedures")
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    fee_vnd = models.BigIntegerField(_("phí, lệ phí (đồng)"), default=0)
    processing_days = models.PositiveSmallIntegerField(_("thời hạn giải quyết (ngày làm việc)"))
    allows_suspension = models.BooleanField(_("cho phép tạm dừng"), default=True)
    max_suspension_days = models.PositiveSmallIntegerField(_("tạm dừng tối đa (ngày làm việc)"), default=0)
    allows_extension = models.BooleanField(_("cho phép gia hạn"), default=True)
    max_extension_days = models.PositiveSmallIntegerField(_("gia hạn tối đa (ngày làm việc)"), default=0)
    code_prefix = models.CharField(_("tiền tố mã hồ sơ"), max_length=10, default="KHCN")
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def __str__(self) -> str:
        return self.name


class RequiredDocument(BusinessModel):
    procedure = models.ForeignKey(ProcedureType, on_delete=models.CASCADE, related_name="required_documents")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("thành phần hồ sơ"), max_length=500)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    accepted_formats = models.CharField(_("định dạng chấp nhận"), max_length=100, default="pdf,docx,doc,jpg,png",
                                        help_text=_("Các phần mở rộng, cách nhau bởi dấu phẩy."))

    class Meta:
        ordering = ["procedure", "position", "id"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name

    @property
    def extensions(self) -> set[str]:
        return {f".{e.strip().lower().lstrip('.')}" for e in self.accepted_formats.split(",") if e.strip()}


class ProcedureStep(BusinessModel):
    procedure = models.ForeignKey(ProcedureType, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại bước"), max_length=10, choices=StepKind.choices)
    staff_name = models.CharField(_("tên bước (nội bộ)"), max_length=255)
    public_name = models.CharField(_("tên bước (người nộp thấy)"), max_length=255)
    role = models.CharField(_("vai trò thực hiện"), max_length=16, choices=Role.choices, default=Role.OFFICER)

    class Meta:
        ordering = ["procedure", "position", "id"]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")

    def __str__(self) -> str:
        return self.staff_name


class LetterTemplate(BusinessModel):
    """The wording of a letter a procedure issues; fields in braces are filled from the dossier."""

    procedure = models.ForeignKey(ProcedureType, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=LetterKind.choices)
    title = models.CharField(_("trích yếu"), max_length=500)
    body = models.TextField(_("nội dung"), help_text=_(
        "Mỗi đoạn một dòng. Dùng {applicant}, {code}, {access_code}, {procedure}, {received_on}, {due}, {items}, "
        "{reason}, {new_due}, {outcome}."))

    class Meta:
        verbose_name = _("mẫu văn bản của thủ tục")
        verbose_name_plural = _("mẫu văn bản của thủ tục")
        constraints = [models.UniqueConstraint(fields=["procedure", "kind"], name="letter_template_unique_kind")]

    def __str__(self) -> str:
        return f"{self.procedure.code}: {self.get_kind_display()}"


# ---------------------------------------------------------------------------------------------- dossiers


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    DESK = "desk", _("Tại bộ phận một cửa")


class Dossier(BusinessModel):
    """One application under a procedure, with its own legal deadline and history.

    ``due_date`` is derived (``deadlines.legal_due``) from the receipt, the procedure's time, the clock
    stops and the extension; the services store it beside its inputs in the same transaction, only so that
    queues can filter and sort on it in SQL. Nothing else writes it.
    """

    procedure = models.ForeignKey(ProcedureType, verbose_name=_("thủ tục"), on_delete=models.PROTECT,
                                  related_name="dossiers")
    public_code = models.CharField(_("mã hồ sơ"), max_length=30, unique=True)
    access_code = models.CharField(_("mã tra cứu"), max_length=16)
    applicant = models.ForeignKey("core.Organisation", verbose_name=_("tổ chức nộp hồ sơ"),
                                  on_delete=models.PROTECT, related_name="dossiers")
    contact_name = models.CharField(_("người liên hệ"), max_length=150)
    contact_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    channel = models.CharField(_("hình thức nộp"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    step = models.ForeignKey(ProcedureStep, verbose_name=_("bước hiện tại"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=12, choices=DossierStatus.choices,
                              default=DossierStatus.SUBMITTED)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chuyên viên thụ lý"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="assigned_dossiers")
    extension_days = models.PositiveSmallIntegerField(_("số ngày gia hạn"), default=0)
    extension_reason = models.TextField(_("lý do gia hạn"), blank=True)
    due_date = models.DateField(_("hạn trả kết quả"), null=True, blank=True, editable=False)
    decided_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)
    outcome_note = models.TextField(_("kết quả, lý do"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["assigned_to", "status"]),
            models.Index(fields=["procedure", "status"]),
            models.Index(fields=["due_date", "id"], name="procedures_dossier_due_id"),  # the queue's order
            # The queue's default page (dossiers without a result, by due date) at any size of the history.
            models.Index(fields=["procedure", "due_date", "id"], name="procedures_dossier_open_queue",
                         condition=models.Q(status__in=["submitted", "received", "supplement", "signature"])),
        ]

    def __str__(self) -> str:
        return self.public_code


class DossierCounter(models.Model):
    """The last sequence number per code prefix and year (locked while numbering)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="dossier_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class StopKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Yêu cầu bổ sung hồ sơ")
    SUSPENSION = "suspension", _("Tạm dừng giải quyết")


class ClockStop(BusinessModel):
    """A period during which the dossier's clock does not run: from the day after ``start`` to ``end``."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="stops")
    kind = models.CharField(max_length=12, choices=StopKind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    items = models.JSONField(_("nội dung cần bổ sung"), default=list, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("thời gian dừng tính hạn")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.start}–{self.end or '…'}"


class DossierRevision(BusinessModel):
    """The files of one submission (the first, or a resubmission after a supplement request)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("lần nộp"))
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["dossier", "number"]
        constraints = [models.UniqueConstraint(fields=["dossier", "number"], name="revision_unique_number")]

    def __str__(self) -> str:
        return f"{self.dossier} #{self.number}"


class DossierEvent(models.Model):
    """The history of a dossier: every step, decision and letter, with who and when (append-only)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("thao tác"), max_length=20)
    step_name = models.CharField(_("bước"), max_length=255, blank=True)
    public_step_name = models.CharField(_("bước (công khai)"), max_length=255, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("diễn biến hồ sơ")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action} {self.at:%d/%m/%Y}"


class IssuedLetter(BusinessModel):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=LetterKind.choices)
    attachment = models.ForeignKey("core.Attachment", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("văn bản đã phát hành")

    def __str__(self) -> str:
        return f"{self.dossier} {self.get_kind_display()}"


class DossierReminder(models.Model):
    """One reminder per dossier and deadline, so ``dost tick`` can run as often as wanted."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reminders")
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipient = models.EmailField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dossier", "due_date"], name="dossier_reminder_once")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.due_date}"
