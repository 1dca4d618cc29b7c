"""Forms of the plans pages; every edit form carries the record's version for stale-edit refusal."""

from __future__ import annotations

import calendar
import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from dost.core.forms import BootstrapMixin, VersionedForm, writable_organisations  # noqa: F401 (re-exported)

from .models import Milestone, Plan, Precision, ProgressReport, Task


class PlanForm(BootstrapMixin, VersionedForm):
    class Meta:
        model = Plan
        fields = [
            "owner", "issuer", "issuer_name", "number", "symbol", "place", "date_day", "date_month", "date_year",
            "title", "period_start", "period_end", "purpose", "budget_vnd", "budget_note", "signer_name",
            "signer_title", "signer_on_behalf", "status", "legal_bases",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "budget_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = writable_organisations(user)
        self.fields["legal_bases"].required = False
        self._style()

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("Năm kết thúc phải sau năm bắt đầu."))
        day, month, year = data.get("date_day"), data.get("date_month"), data.get("date_year")
        if day and month and year:
            try:
                datetime.date(year, month, day)
            except ValueError:
                self.add_error("date_day", _("Ngày không hợp lệ."))
        if data.get("budget_vnd") is not None and data["budget_vnd"] < 0:
            self.add_error("budget_vnd", _("Kinh phí không được âm."))
        return data


def end_of_period(day: datetime.date, precision: str) -> datetime.date:
    """A deadline printed as a month, quarter or year ends on the period's last day."""
    if precision == Precision.MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == Precision.QUARTER:
        last_month = ((day.month - 1) // 3 + 1) * 3
        return datetime.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
    if precision == Precision.YEAR:
        return datetime.date(day.year, 12, 31)
    return day


class TaskForm(BootstrapMixin, VersionedForm):
    class Meta:
        model = Task
        fields = [
            "parent", "ref", "order", "title", "description", "lead", "lead_name", "partners", "partners_text",
            "start_date", "start_precision", "due_date", "due_precision", "recurrence", "deliverables",
            "budget_vnd", "weight", "reporting_schedule",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "deliverables": forms.Textarea(attrs={"rows": 3}),
            "partners_text": forms.Textarea(attrs={"rows": 2}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        plan = plan or self.instance.plan
        parents = Task.objects.filter(plan=plan)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["partners"].required = False
        self._style()

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("start_precision"):
            start = data["start_date"]
            if data["start_precision"] == Precision.MONTH:
                data["start_date"] = start.replace(day=1)
        if data.get("due_date") and data.get("due_precision"):
            data["due_date"] = end_of_period(data["due_date"], data["due_precision"])
        if data.get("start_date") and data.get("due_date") and data["start_date"] > data["due_date"]:
            self.add_error("due_date", _("Hạn hoàn thành phải sau thời gian bắt đầu."))
        return data


class OverrideForm(BootstrapMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    progress_override = forms.DecimalField(
        label=_("Tiến độ điều chỉnh (%)"), min_value=0, max_value=100, required=False, decimal_places=2
    )
    override_reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self):
        data = super().clean()
        if data.get("progress_override") is not None and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Cần nêu lý do khi điều chỉnh tiến độ."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ProgressReportForm(BootstrapMixin, forms.ModelForm):
    files = MultipleFileField(label=_("Tệp minh chứng"), required=False)

    class Meta:
        model = ProgressReport
        fields = ["report_date", "period_label", "percent", "narrative", "difficulties", "milestones_achieved"]
        widgets = {
            "report_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "difficulties": forms.Textarea(attrs={"rows": 2}),
            "milestones_achieved": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestones_achieved"].queryset = Milestone.objects.filter(task=task, achieved=False)
        self.fields["milestones_achieved"].required = False
        self._style()

    def clean_files(self):
        from django.core.exceptions import ValidationError

        from dost.core.uploads import check_upload

        files = self.cleaned_data.get("files") or []
        for uploaded in files:
            try:
                check_upload(uploaded)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return files


class ReviewForm(BootstrapMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    decision = forms.ChoiceField(choices=[("accept", _("Chấp nhận")), ("return", _("Trả lại"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
