"""Forms of the support pages: appraisal, decision, payment, refusal, and the admin's content form."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dost.core.forms import BootstrapMixin
from dost.core.models import Organisation
from dost.core.status import OrganisationKind

from .models import SupportContent

_MONEY = re.compile(r"^\d{1,3}(?:[.\s]\d{3})+$|^\d+$")


def parse_vnd(text: str) -> int:
    """"80.000.000", "80 000 000", "80000000" (optionally ending in "đ") → 80000000; anything else is refused.

    Staff type amounts the Vietnamese way, with dots between thousands; a decimal comma is not money in đồng.
    """
    cleaned = str(text).strip().removesuffix("đồng").removesuffix("đ").strip().replace("\u00a0", " ")
    if not _MONEY.match(cleaned):
        raise ValueError(text)
    return int(re.sub(r"[.\s]", "", cleaned))


class MoneyField(forms.CharField):
    """An amount in whole đồng typed with or without thousands separators."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_vnd(value)
        except ValueError as error:
            raise ValidationError(_("“%(value)s” không phải là số tiền (đồng), ví dụ 80.000.000."),
                                  params={"value": value}) from error


class _Styled(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
        for field in self.fields.values():
            field.widget.attrs["class"] = field.widget.attrs.get("class", "") + " form-control-sm"


class AppraiseForm(_Styled):
    eligible_cost_vnd = MoneyField(label=_("Chi phí hợp lệ (đồng)"))
    quantity = forms.IntegerField(label=_("Số lượng (tiêu chuẩn, hạng mục)"), min_value=1, initial=1)


class DecideForm(_Styled):
    amount_vnd = MoneyField(label=_("Số tiền quyết định hỗ trợ (đồng)"))
    comment = forms.CharField(label=_("Ý kiến"), required=False, max_length=1000)


class PaymentForm(_Styled):
    amount_vnd = MoneyField(label=_("Số tiền chi (đồng)"))
    paid_on = forms.DateField(label=_("Ngày chi"), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reference = forms.CharField(label=_("Chứng từ (số, ngày)"), required=False, max_length=255)


class RejectForm(_Styled):
    reason = forms.CharField(label=_("Lý do không hỗ trợ"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class SupportContentAdminForm(forms.ModelForm):
    """Kinds and areas chosen from lists, stored as the JSON lists the rules read."""

    eligible_kinds = forms.MultipleChoiceField(label=_("Loại tổ chức được hỗ trợ"), choices=OrganisationKind.choices,
                                               required=False, widget=forms.CheckboxSelectMultiple)
    allowed_areas = forms.ModelMultipleChoiceField(
        label=_("Địa bàn được hỗ trợ"), required=False,
        queryset=Organisation.objects.filter(kind__in=[OrganisationKind.PEOPLES_COMMITTEE, OrganisationKind.DISTRICT,
                                                       OrganisationKind.COMMUNE]),
        help_text=_("Tổ chức phải trực thuộc một trong các địa bàn này; để trống: không giới hạn."))

    class Meta:
        model = SupportContent
        fields = ["position", "code", "name", "share_percent", "cap_vnd", "cap_unit", "item_name", "eligible_kinds",
                  "one_per_period", "period_years", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["allowed_areas"] = list(self.instance.allowed_area_ids or [])

    def save(self, commit: bool = True):
        self.instance.allowed_area_ids = sorted(o.pk for o in self.cleaned_data.get("allowed_areas") or [])
        self.instance.eligible_kinds = list(self.cleaned_data.get("eligible_kinds") or [])
        return super().save(commit)
