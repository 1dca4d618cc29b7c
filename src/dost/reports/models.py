"""Periodic reports (báo cáo định kỳ): generated from tracked data, checked, then issued by a leader."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dost.core.mixins import BusinessModel
from dost.core.models import Organisation
from dost.core.status import PeriodicReportStatus


class PeriodKind(models.TextChoices):
    FIRST_HALF = "h1", _("6 tháng đầu năm")
    ANNUAL = "annual", _("Cả năm")
    RANGE = "range", _("Khoảng thời gian tuỳ chọn")


def period_bounds(kind: str, year: int | None, start: datetime.date | None = None,
                  end: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    if kind == PeriodKind.FIRST_HALF:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    if kind == PeriodKind.ANNUAL:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return start, end


class PeriodicReport(BusinessModel):
    organisation = models.ForeignKey(Organisation, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT,
                                     related_name="periodic_reports")
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=8, choices=PeriodKind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    title = models.CharField(_("trích yếu"), max_length=500)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-KHCN")
    number = models.CharField(_("số"), max_length=20, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_capacity = models.CharField(_("thẩm quyền ký"), max_length=150, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=PeriodicReportStatus.choices,
                              default=PeriodicReportStatus.QUEUED)
    findings = models.JSONField(_("sai lệch số liệu"), default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-end", "-id"]
        verbose_name = _("báo cáo định kỳ")
        indexes = [models.Index(fields=["organisation", "end"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("periodic_report_detail", args=[self.pk])

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}" if self.number else f"/{self.symbol}"
