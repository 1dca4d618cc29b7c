"""Administrators keep the official calendar here: one year with its days off and swapped working days."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay, CalendarYear


class CalendarDayFormSet(BaseInlineFormSet):
    """Checks the days against the year being edited, also when the year itself is new (no id yet)."""

    def clean(self) -> None:
        super().clean()
        year = getattr(self.instance, "year", None)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            day = data.get("date")
            if day and year and day.year != year and not data.get("DELETE"):
                form.add_error("date", _("Ngày này không thuộc năm %(year)s của lịch.") % {"year": year})


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    formset = CalendarDayFormSet
    fields = ["date", "is_workday", "name", "decision"]
    extra = 1
    ordering = ["date"]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "complete", "decision", "day_count"]
    list_filter = ["complete"]
    search_fields = ["decision", "note"]
    fields = ["year", "complete", "decision", "note"]
    inlines = [CalendarDayInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(day_count=Count("days"))

    @admin.display(description=_("số ngày đã nhập"), ordering="day_count")
    def day_count(self, obj: CalendarYear) -> int:
        return obj.day_count


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "is_workday", "name", "decision", "calendar"]
    list_filter = ["is_workday", "calendar"]
    search_fields = ["name", "decision"]
    date_hierarchy = "date"
    fields = ["calendar", "date", "is_workday", "name", "decision"]
    list_select_related = ["calendar"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj: CalendarDay) -> str:
        return obj.weekday_name


# Procedure types are configuration an administrator edits: documents, steps and letters inline.
from .models import LetterTemplate, ProcedureStep, ProcedureType, RequiredDocument  # noqa: E402


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 1
    fields = ["position", "name", "mandatory", "accepted_formats"]


class ProcedureStepInline(admin.TabularInline):
    model = ProcedureStep
    extra = 1
    fields = ["position", "kind", "staff_name", "public_name", "role"]


class LetterTemplateInline(admin.StackedInline):
    model = LetterTemplate
    extra = 0
    fields = ["kind", "title", "body"]


@admin.register(ProcedureType)
class ProcedureTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "organisation", "processing_days", "fee_vnd", "is_active"]
    list_filter = ["is_active", "organisation"]
    search_fields = ["code", "name"]
    inlines = [RequiredDocumentInline, ProcedureStepInline, LetterTemplateInline]
