"""Forms of the reports pages."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dost.core.forms import writable_organisations

from .models import PeriodKind


class ReportRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Đơn vị báo cáo"))
    period_kind = forms.ChoiceField(choices=PeriodKind.choices, label=_("Kỳ báo cáo"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    start = forms.DateField(label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, initial="BC-KHCN")
    title = forms.CharField(label=_("Trích yếu (để trống: tự đặt theo kỳ)"), max_length=500, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = writable_organisations(user)
        self.fields["year"].initial = timezone.localdate().year
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind")
        if kind == PeriodKind.RANGE:
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError(_("Kỳ tuỳ chọn cần có ngày bắt đầu và ngày kết thúc."))
            if data["start"] > data["end"]:
                raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        elif not data.get("year"):
            self.add_error("year", _("Cần nhập năm báo cáo."))
        return data


class IssueForm(forms.Form):
    number = forms.CharField(label=_("Số văn bản"), max_length=20)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"type": "date"}),
                                initial=datetime.date.today)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("number", "issued_on"):
            self.fields[name].widget.attrs["class"] = "form-control"


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Văn bản có bảng số liệu (.docx, .pdf, .txt, .doc)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "form-control"
