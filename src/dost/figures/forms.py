"""Forms of the figures pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dost.core.forms import BootstrapMixin, VersionedForm, writable_organisations

from . import sources
from .models import BudgetKind, BudgetTable, CarryBasis, IndicatorSet

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class IndicatorSetForm(BootstrapMixin, VersionedForm):
    class Meta:
        model = IndicatorSet
        fields = ["organisation", "year", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = writable_organisations(user)
        self._style()


class BudgetTableForm(BootstrapMixin, VersionedForm):
    class Meta:
        model = BudgetTable
        fields = ["organisation", "year", "kind", "title", "as_of", "unit", "relative_includes_carry_over", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2}), "as_of": forms.DateInput(attrs={"type": "date"},
                                                                                      format="%Y-%m-%d")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = writable_organisations(user)
        if self.instance.pk:
            self.fields["kind"].disabled = True
        self._style()

    def clean(self):
        data = super().clean()
        if data.get("kind") == BudgetKind.EXECUTION and data.get("as_of") and data.get("year") \
                and data["as_of"].year != data["year"]:
            self.add_error("as_of", _("Ngày số liệu phải thuộc năm của bảng."))
        return data


class LineForm(BootstrapMixin, forms.Form):
    parent = forms.TypedChoiceField(label=_("Thuộc dòng"), required=False, coerce=int, empty_value=None)
    ref = forms.CharField(label=_("STT"), max_length=12, required=False)
    label = forms.CharField(label=_("Nội dung"), max_length=1000)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=50, required=False)
    is_heading = forms.BooleanField(label=_("Dòng tiêu đề (không có số liệu)"), required=False)
    carry_basis = forms.ChoiceField(label=_("Cơ sở tính tỷ lệ"), choices=CarryBasis.choices, required=False)
    source = forms.ChoiceField(label=_("Số liệu thực hiện lấy từ"), required=False)

    def __init__(self, *args, lines=(), indicator: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("(cấp cao nhất)"))] + [
            (line.pk, f"{'· ' * depth}{line.ref} {line.label}"[:120]) for line, depth in lines
        ]
        if indicator:
            del self.fields["carry_basis"]
            self.fields["source"].choices = [("", _("(nhập tay)")), *sources.source_choices()]
        else:
            del self.fields["unit"], self.fields["is_heading"], self.fields["source"]
        self._style()


class SheetUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu xuất từ bảng này"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".xlsx"})
