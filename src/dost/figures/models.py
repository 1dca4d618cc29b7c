"""Indicator sets (chỉ tiêu) and budget tables (dự toán, kinh phí): trees of lines with entered figures.

Only raw figures are stored. Parent sums of budget lines, comparison percentages and differences are
computed on read (``dost.figures.compute``) so they can never drift from their inputs.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dost.core.mixins import BusinessModel
from dost.core.models import Organisation
from dost.core.status import ImportStatus
from dost.core.text import fold

FIGURE = {"max_digits": 20, "decimal_places": 3, "null": True, "blank": True}


class BudgetKind(models.TextChoices):
    EXECUTION = "execution", _("Đánh giá thực hiện kinh phí")
    ESTIMATE = "estimate", _("Dự kiến kinh phí năm sau")


class MoneyUnit(models.TextChoices):
    DONG = "dong", _("đồng")
    THOUSAND = "thousand", _("nghìn đồng")
    MILLION = "million", _("triệu đồng")


class CarryBasis(models.TextChoices):
    """Whether a relative figure divides by the allocation alone or by carried-over funds plus allocation."""

    INHERIT = "", _("Theo thiết lập của bảng")
    WITH = "with", _("Tính cả kinh phí chuyển nguồn")
    WITHOUT = "without", _("Không tính kinh phí chuyển nguồn")


def line_key(labels: list[str]) -> str:
    """Identity of a line across organisations and years: its folded label path."""
    return " / ".join(fold(label).strip(" -+:") for label in labels)[:255]


class IndicatorSet(BusinessModel):
    """The indicator table of one organisation for one report year Y.

    Its figures are actual Y-1, plan Y, actual Y and plan Y+1 (the columns of the Department's appendix).
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="indicator_sets"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên bảng"), max_length=255, default="Chỉ tiêu kế hoạch khoa học - công nghệ")
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-year", "organisation__name"]
        verbose_name = _("bảng chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "title"], name="indicator_set_unique_title")
        ]
        indexes = [models.Index(fields=["organisation", "year"])]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(f"{self.title} {self.year} {self.organisation.name} {self.organisation.short_name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("indicator_set_detail", args=[self.pk])

    @property
    def years(self) -> tuple[int, int, int]:
        return self.year - 1, self.year, self.year + 1


class Indicator(BusinessModel):
    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="indicators")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    ref = models.CharField(_("STT"), max_length=12, blank=True)
    label = models.CharField(_("chỉ tiêu"), max_length=500)
    unit = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    is_heading = models.BooleanField(_("dòng tiêu đề (không có số liệu)"), default=False)
    key = models.CharField(max_length=255, db_index=True, editable=False, default="")
    # Blank: figures are entered by hand. Otherwise a code of ``dost.figures.sources`` whose provider writes
    # the actual figures (e.g. the number of research projects by level and field).
    source = models.CharField(_("nguồn số liệu thực hiện"), max_length=100, blank=True, default="")

    class Meta:
        ordering = ["indicator_set", "position"]
        verbose_name = _("chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.ref} {self.label}".strip()


class IndicatorValue(BusinessModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("năm"))
    plan = models.DecimalField(_("kế hoạch"), **FIGURE)
    actual = models.DecimalField(_("thực hiện"), **FIGURE)

    class Meta:
        verbose_name = _("số liệu chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="indicator_value_unique_year")]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.year}: {self.plan} / {self.actual}"


class BudgetTable(BusinessModel):
    """A budget table of one organisation and year: execution to a date, or next year's estimate."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="budget_tables"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại bảng"), max_length=10, choices=BudgetKind.choices, default=BudgetKind.EXECUTION)
    title = models.CharField(_("tên bảng"), max_length=255)
    as_of = models.DateField(_("số liệu đến ngày"), null=True, blank=True)
    unit = models.CharField(_("đơn vị tính"), max_length=10, choices=MoneyUnit.choices, default=MoneyUnit.MILLION)
    relative_includes_carry_over = models.BooleanField(
        _("tỷ lệ tương đối tính cả kinh phí chuyển nguồn"),
        default=False,
        help_text=_("Mặc định của bảng; từng dòng có thể chọn khác và được ghi rõ trên bảng."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-year", "-as_of", "organisation__name"]
        verbose_name = _("bảng kinh phí")
        indexes = [models.Index(fields=["organisation", "year", "kind"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budget_table_detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(f"{self.title} {self.year} {self.organisation.name} {self.organisation.short_name}")
        super().save(*args, **kwargs)


class BudgetLine(BusinessModel):
    table = models.ForeignKey(BudgetTable, on_delete=models.CASCADE, related_name="lines")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    ref = models.CharField(_("TT"), max_length=12, blank=True)
    label = models.CharField(_("nội dung"), max_length=1000)
    key = models.CharField(max_length=255, db_index=True, editable=False, default="")
    carry_basis = models.CharField(
        _("cơ sở tính tỷ lệ"), max_length=8, choices=CarryBasis.choices, default=CarryBasis.INHERIT, blank=True
    )
    carried_over = models.DecimalField(_("chuyển nguồn"), **FIGURE)
    central_notified = models.DecimalField(_("Trung ương thông báo"), **FIGURE)
    allocated = models.DecimalField(_("dự toán giao"), **FIGURE)
    executed = models.DecimalField(_("thực hiện"), **FIGURE)
    proposed = models.DecimalField(_("dự kiến năm sau"), **FIGURE)

    class Meta:
        ordering = ["table", "position"]
        verbose_name = _("dòng kinh phí")

    def __str__(self) -> str:
        return f"{self.ref} {self.label}".strip()[:120]


class SheetImport(models.Model):
    """An Excel file being imported into an indicator set or a budget table by the background worker.

    ``errors`` lists ``{"row", "column", "message"}``; any error means nothing was written.
    """

    indicator_set = models.ForeignKey(IndicatorSet, null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="imports")
    budget_table = models.ForeignKey(BudgetTable, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="imports")
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt nhập Excel")

    def __str__(self) -> str:
        return f"#{self.pk} {self.original_name}"

    @property
    def target(self) -> Any:
        return self.indicator_set or self.budget_table
