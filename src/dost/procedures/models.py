"""The editable official calendar: the government's yearly decisions on days off and swapped working days.

The statutory rules are computed (``dost.procedures.calendar``); what is stored here is only what the law
cannot tell us: which exact days the Prime Minister fixes for Tết and National Day, and the swaps of
working days announced each year. How stored entries combine with the computed holidays is documented in
the calendar module: a stored day decides its date; a year marked complete keeps no computed holiday.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dost.core.mixins import BusinessModel

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
