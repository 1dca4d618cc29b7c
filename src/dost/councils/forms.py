"""Forms of the council pages. The score sheet is built from the round's rule set (criteria, scale)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dost.core.forms import BootstrapMixin, VersionedForm, writable_organisations
from dost.core.status import CouncilRole

from . import rules
from .models import Council, Criterion, Method, Round, RoundKind, RuleSet, ordered_criteria
from .services import parse_points

DATE_INPUT = {"input_formats": ["%Y-%m-%d", "%d/%m/%Y"],
              "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class _Styled(BootstrapMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class CouncilForm(_Styled, VersionedForm):
    decision_date = forms.DateField(label=_("Ngày quyết định thành lập"), required=False, **DATE_INPUT)

    class Meta:
        model = Council
        fields = ["name", "purpose", "organisation", "rule_set", "year", "decision_number", "decision_date",
                  "decision_signer", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = writable_organisations(user)
        self.fields["rule_set"].queryset = RuleSet.objects.filter(is_active=True)


class MemberForm(_Styled, forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=255)
    title = forms.CharField(label=_("Học hàm, học vị, chức vụ"), max_length=255, required=False)
    affiliation = forms.CharField(label=_("Cơ quan công tác"), max_length=255, required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=CouncilRole.choices, initial=CouncilRole.MEMBER)
    external = forms.BooleanField(label=_("Chuyên gia bên ngoài"), required=False)
    username = forms.CharField(label=_("Tài khoản dost (tên đăng nhập)"), max_length=150, required=False,
                               help_text=_("Để trống nếu thành viên chấm trên phiếu giấy."))

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError(_("Không có tài khoản “%(name)s”."), params={"name": username})
        return user


class RoundForm(_Styled, forms.ModelForm):
    meeting_date = forms.DateField(label=_("Ngày họp"), required=False, **DATE_INPUT)

    class Meta:
        model = Round
        fields = ["title", "kind", "rule_set", "meeting_date", "place"]

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, v) for k, v in RoundKind.choices if k != RoundKind.FINAL]
        self.fields["rule_set"].queryset = RuleSet.objects.filter(is_active=True)
        self.fields["rule_set"].required = False
        self.fields["rule_set"].help_text = _("Để trống: dùng bộ quy tắc mặc định của hội đồng.")


class EntryForm(_Styled, forms.Form):
    code = forms.CharField(label=_("Mã hồ sơ"), max_length=60, required=False)
    title = forms.CharField(label=_("Tên hồ sơ"), max_length=1000)
    author = forms.CharField(label=_("Tác giả, chủ nhiệm"), max_length=500, required=False)
    organisation_name = forms.CharField(label=_("Tổ chức"), max_length=500, required=False)


class PresenceForm(_Styled, forms.Form):
    present = forms.ModelMultipleChoiceField(label=_("Thành viên có mặt"), queryset=None,
                                             widget=forms.CheckboxSelectMultiple)
    meeting_date = forms.DateField(label=_("Ngày họp"), required=False, **DATE_INPUT)

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = round.council.members.all()
        self.fields["present"].label_from_instance = lambda m: f"{m.display} ({m.get_role_display()})"


class ConflictForm(_Styled, forms.Form):
    entry = forms.ModelChoiceField(label=_("Hồ sơ"), queryset=None)
    member = forms.ModelChoiceField(label=_("Thành viên"), queryset=None)
    reason = forms.CharField(label=_("Lý do"), max_length=500,
                             help_text=_("Ví dụ: là tác giả, đồng tác giả, cùng đơn vị, có quan hệ gia đình."))

    def __init__(self, *args, round=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = round.entries.all()
        self.fields["member"].queryset = members if members is not None else round.council.members.all()


class FinalForm(_Styled, forms.Form):
    council = forms.ModelChoiceField(label=_("Hội đồng chấm chung khảo"), queryset=None)
    title = forms.CharField(label=_("Tên vòng"), max_length=500)
    rule_set = forms.ModelChoiceField(label=_("Bộ quy tắc của vòng chung khảo"), queryset=None, required=False,
                                      help_text=_("Để trống: bộ quy tắc mặc định của hội đồng chấm chung khảo."))
    advance_count = forms.IntegerField(label=_("Số hồ sơ vào chung khảo"), min_value=1,
                                       help_text=_("Các hồ sơ xếp hạng từ 1 đến số này (đồng hạng ở ranh giới đều "
                                                   "được vào)."))
    meeting_date = forms.DateField(label=_("Ngày họp"), required=False, **DATE_INPUT)

    def __init__(self, *args, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["rule_set"].queryset = RuleSet.objects.filter(is_active=True)


class DecisionForm(_Styled, forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=100)
    date = forms.DateField(label=_("Ngày quyết định"), **DATE_INPUT)


class SheetForm(_Styled, forms.Form):
    """One field per scored criterion (a decimal comma is accepted), "not applicable" where allowed, the scale."""

    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, round: Round, criteria: list[Criterion], members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule_set = round.rule_set
        params = self.rule_set.params(criteria=criteria, levels=list(self.rule_set.levels.all()))
        self.params = params
        self.method = params.method
        leaves = {c.code for c in params.criteria}
        self.rows: list[tuple[Criterion, str | None, str | None]] = []
        fields: dict[str, forms.Field] = {}
        if members is not None:
            fields["member"] = forms.ModelChoiceField(label=_("Phiếu của thành viên"), queryset=members)
        for criterion in ordered_criteria(criteria):
            if criterion.code not in leaves:
                self.rows.append((criterion, None, None))
                continue
            name = f"c_{criterion.code}"
            fields[name] = forms.CharField(
                label=criterion.label, required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off",
                                              "placeholder": f"0 – {rules.vn(criterion.max_points)}",
                                              "data-testid": f"score-{criterion.code}"}))
            na_name = None
            if criterion.allow_na:
                na_name = f"na_{criterion.code}"
                fields[na_name] = forms.BooleanField(label=_("Không áp dụng"), required=False)
            self.rows.append((criterion, name, na_name))
        if params.method == Method.RATING_VOTE:
            fields["rating"] = forms.ChoiceField(label=_("Xếp loại"),
                                                 choices=[(lv.code, lv.label) for lv in params.levels],
                                                 widget=forms.RadioSelect)
        if params.method == Method.PASS_SHARE:
            fields["verdict"] = forms.TypedChoiceField(
                label=_("Kết luận"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
                choices=[("1", _("Đạt")), ("0", _("Không đạt"))])
        self.fields = {**fields, **self.fields}
        self._style()

    def clean(self):
        data = super().clean()
        scores = {}
        for criterion, name, na_name in self.rows:
            if name is None:
                continue
            if na_name and data.get(na_name):
                scores[criterion.code] = None
                continue
            raw = (data.get(name) or "").strip()
            if raw == "":
                if self.method == Method.SCORE:
                    self.add_error(name, _("Hãy nhập điểm (hoặc chọn “không áp dụng” nếu được phép)."))
                continue
            try:
                points = parse_points(raw)
            except ValueError:
                self.add_error(name, _("“%(value)s” không phải là số điểm (ví dụ 8,5).") % {"value": raw})
                continue
            if points < 0 or points > criterion.max_points:
                self.add_error(name, _("Điểm phải từ 0 đến %(max)s.") % {"max": rules.vn(criterion.max_points)})
            scores[criterion.code] = points
        data["scores"] = scores
        return data

    def field_rows(self):
        """(criterion, field, not-applicable field) per row for the template; groups come with no field."""
        return [(c, self[name] if name else None, self[na] if na else None) for c, name, na in self.rows]
