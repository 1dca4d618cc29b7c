"""Form building blocks shared by every app: Bootstrap styling, stale-edit versions, writable organisations."""

from __future__ import annotations

from django import forms

from .models import Organisation
from .permissions import WRITE_ROLES, scope_for


class VersionedForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["expected_version"] = self.instance.version


class BootstrapMixin:
    """Adds Bootstrap classes so templates can render fields without inline styles."""

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")


def writable_organisations(user):
    """Organisations in which ``user`` may create or edit plans."""
    scope = scope_for(user)
    if scope.is_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(scope.q("", WRITE_ROLES))
