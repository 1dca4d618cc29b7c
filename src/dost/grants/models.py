"""Support programmes for enterprises: contents with their levels, yearly envelopes, applications, payments.

A programme (e.g. Resolution 43/2022/NQ-HĐND) is data an administrator enters from the resolution's text:
nothing in code assumes a share, a cap or an eligibility rule. A level that is not known stays NULL and
blocks appraisal and decision until it is entered, so that no figure is ever invented.

Money is stored in whole đồng (``BigIntegerField``): support amounts are decided and paid in đồng, and
integers add up exactly in SQL aggregates.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dost.core.mixins import BusinessModel
from dost.core.status import ApplicationStatus, OrganisationKind


class CapUnit(models.TextChoices):
    """What a cap is counted per: each standard/item applied (× quantity), or the organisation as a whole."""

    PER_ITEM = "item", _("mỗi tiêu chuẩn / mỗi hạng mục")
    PER_ORGANISATION = "organisation", _("mỗi tổ chức")


class Programme(BusinessModel):
    """A support policy with its period, the Department that runs it and the procedure applications follow."""

    code = models.CharField(_("mã chương trình"), max_length=40, unique=True)
    name = models.CharField(_("tên chương trình"), max_length=500)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    issuer = models.ForeignKey("core.Organisation", verbose_name=_("cơ quan ban hành"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="issued_grant_programmes")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("cơ quan chủ trì thực hiện"),
                                     on_delete=models.PROTECT, related_name="grant_programmes")
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    procedure = models.ForeignKey("procedures.ProcedureType", verbose_name=_("thủ tục tiếp nhận hồ sơ"),
                                  on_delete=models.PROTECT, related_name="grant_programmes")
    is_active = models.BooleanField(_("đang thực hiện"), default=True)

    class Meta:
        ordering = ["-is_active", "-start_year", "name"]
        verbose_name = _("chương trình hỗ trợ")
        verbose_name_plural = _("chương trình hỗ trợ")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("grants_programme_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.start_year and self.end_year and self.start_year > self.end_year:
            raise ValidationError({"end_year": _("Năm kết thúc phải sau hoặc bằng năm bắt đầu.")})

    def covers_year(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class SupportContent(BusinessModel):
    """One content of a programme with its level and eligibility, as the resolution states them.

    ``share_percent`` NULL means the level is not known yet: the content can be applied for but neither
    appraised nor decided until an administrator enters it. ``cap_vnd`` NULL means no cap was entered; the
    proposal is then the share alone and its explanation says so.
    """

    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE,
                                  related_name="contents")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã nội dung"), max_length=40)
    name = models.CharField(_("nội dung hỗ trợ"), max_length=500)
    share_percent = models.DecimalField(
        _("tỷ lệ hỗ trợ (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Để trống khi văn bản chưa xác định mức hỗ trợ: nội dung sẽ không thẩm định, quyết định được."))
    cap_vnd = models.BigIntegerField(_("mức hỗ trợ tối đa (đồng)"), null=True, blank=True,
                                     validators=[MinValueValidator(0)],
                                     help_text=_("Để trống khi chưa có mức trần."))
    cap_unit = models.CharField(_("mức tối đa tính cho"), max_length=16, choices=CapUnit.choices,
                                default=CapUnit.PER_ITEM)
    item_name = models.CharField(_("tên đơn vị tính"), max_length=50, default="tiêu chuẩn",
                                 help_text=_("Dùng trong diễn giải: “50.000.000 đ/tiêu chuẩn”."))
    eligible_kinds = models.JSONField(_("loại tổ chức được hỗ trợ"), default=list, blank=True,
                                      help_text=_("Để trống: không giới hạn loại tổ chức."))
    allowed_area_ids = models.JSONField(
        _("địa bàn được hỗ trợ"), default=list, blank=True,
        help_text=_("Các cơ quan hành chính (tỉnh, huyện, xã) mà tổ chức phải thuộc; để trống: không giới hạn."))
    one_per_period = models.BooleanField(_("chỉ hỗ trợ một lần trong giai đoạn"), default=False)
    period_years = models.PositiveSmallIntegerField(
        _("độ dài giai đoạn (năm)"), null=True, blank=True,
        help_text=_("Để trống: cả thời gian thực hiện chương trình."))
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["programme", "position", "id"]
        verbose_name = _("nội dung hỗ trợ")
        verbose_name_plural = _("nội dung hỗ trợ")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="grants_content_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def level_known(self) -> bool:
        return self.share_percent is not None

    @property
    def eligible_kind_labels(self) -> list[str]:
        labels = dict(OrganisationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.eligible_kinds or []]

    def clean(self) -> None:
        super().clean()
        errors = {}
        unknown = [k for k in (self.eligible_kinds or []) if k not in OrganisationKind.values]
        if not isinstance(self.eligible_kinds, list) or unknown:
            errors["eligible_kinds"] = gettext("Loại tổ chức không hợp lệ: %(kinds)s.") % {
                "kinds": ", ".join(map(str, unknown)) or str(self.eligible_kinds)}
        if not isinstance(self.allowed_area_ids, list) or not all(isinstance(i, int) for i in self.allowed_area_ids):
            errors["allowed_area_ids"] = gettext("Địa bàn phải là danh sách mã cơ quan.")
        if self.period_years is not None and self.period_years < 1:
            errors["period_years"] = gettext("Giai đoạn phải từ 1 năm trở lên.")
        if errors:
            raise ValidationError(errors)


class Envelope(BusinessModel):
    """The budget of a programme for one year; decisions commit it and may never exceed it."""

    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE,
                                  related_name="envelopes")
    year = models.PositiveSmallIntegerField(_("năm"))
    amount_vnd = models.BigIntegerField(_("kinh phí (đồng)"), validators=[MinValueValidator(0)])
    note = models.TextField(_("nguồn, ghi chú"), blank=True)

    class Meta:
        ordering = ["programme", "-year"]
        verbose_name = _("dự toán kinh phí năm")
        verbose_name_plural = _("dự toán kinh phí năm")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="grants_envelope_unique_year"),
            models.CheckConstraint(condition=Q(amount_vnd__gte=0), name="grants_envelope_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.year}"


class Application(BusinessModel):
    """The support asked for in one dossier: its appraisal, decision and payments.

    The dossier carries the one-stop side (receipt, deadlines, letters); this record carries the money.
    ``proposed_vnd`` and ``explanation`` are written by the appraisal in the same transaction as their
    inputs, so the page shows exactly what the officer proposed and why.
    """

    dossier = models.OneToOneField("procedures.Dossier", verbose_name=_("hồ sơ"), on_delete=models.PROTECT,
                                   related_name="grant_application")
    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT,
                                  related_name="applications")
    content = models.ForeignKey(SupportContent, verbose_name=_("nội dung hỗ trợ"), on_delete=models.PROTECT,
                                related_name="applications")
    year = models.PositiveSmallIntegerField(_("năm kinh phí"))
    quantity = models.PositiveIntegerField(_("số lượng (tiêu chuẩn, hạng mục)"), default=1)
    eligible_cost_vnd = models.BigIntegerField(_("chi phí hợp lệ (đồng)"), null=True, blank=True)
    proposed_vnd = models.BigIntegerField(_("đề xuất hỗ trợ (đồng)"), null=True, blank=True)
    explanation = models.TextField(_("diễn giải mức đề xuất"), blank=True)
    appraised_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    appraised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thẩm định"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    decided_vnd = models.BigIntegerField(_("quyết định hỗ trợ (đồng)"), null=True, blank=True)
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=12, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT)
    note = models.TextField(_("ghi chú, lý do"), blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("hồ sơ đề nghị hỗ trợ")
        verbose_name_plural = _("hồ sơ đề nghị hỗ trợ")
        indexes = [
            models.Index(fields=["programme", "year", "status"]),
            models.Index(fields=["content", "year"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="grants_application_quantity_positive"),
            models.CheckConstraint(
                condition=Q(decided_vnd__isnull=True) | (Q(decided_vnd__gte=0) & Q(decided_vnd__lte=F("proposed_vnd"))),
                name="grants_application_decided_within_proposal"),
        ]

    def __str__(self) -> str:
        return gettext("Đề nghị hỗ trợ %(code)s") % {"code": self.dossier.public_code if self.dossier_id else "?"}

    @property
    def is_committed(self) -> bool:
        return self.status in (ApplicationStatus.DECIDED, ApplicationStatus.PAID)


class Payment(BusinessModel):
    """Money paid against a decision; the payments of an application never exceed what was decided."""

    application = models.ForeignKey(Application, verbose_name=_("hồ sơ đề nghị hỗ trợ"), on_delete=models.PROTECT,
                                    related_name="payments")
    amount_vnd = models.BigIntegerField(_("số tiền (đồng)"))
    paid_on = models.DateField(_("ngày chi"))
    reference = models.CharField(_("chứng từ"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("khoản chi hỗ trợ")
        verbose_name_plural = _("khoản chi hỗ trợ")
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="grants_payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.amount_vnd} ({self.paid_on:%d/%m/%Y})"
