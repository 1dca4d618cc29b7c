"""One FilterSet for the council list page and the API: purpose, year, organisation, search, ordering."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dost.core.models import Organisation
from dost.core.search import contains_words
from dost.core.status import RoundStatus

from .models import Council, Purpose, Round, RoundKind


class CouncilFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm kiếm"))
    purpose = django_filters.ChoiceFilter(choices=Purpose.choices, label=_("Mục đích"), empty_label=_("Mọi mục đích"))
    year = django_filters.NumberFilter(label=_("Năm"))
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.none(), method="filter_organisation",
                                                    label=_("Đơn vị"), empty_label=_("Mọi đơn vị"))
    ordering = django_filters.OrderingFilter(
        fields=(("year", "year"), ("name", "name"), ("decision_date", "decision")),
        field_labels={"year": _("Năm"), "name": _("Tên"), "decision_date": _("Ngày quyết định")},
        label=_("Sắp xếp"))

    class Meta:
        model = Council
        fields = ["q", "purpose", "year", "organisation"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = (organisations if organisations is not None
                                                 else Organisation.objects.all())

    def filter_q(self, queryset, name, value):
        return contains_words(queryset, value)

    def filter_organisation(self, queryset, name, value):
        """The organisation and its units (a Department sees its divisions' councils)."""
        return queryset.filter(organisation__path__startswith=value.path) if value else queryset


class RoundFilterSet(django_filters.FilterSet):
    council = django_filters.NumberFilter(field_name="council_id", label=_("Hội đồng"))
    status = django_filters.ChoiceFilter(choices=RoundStatus.choices, label=_("Trạng thái"))
    kind = django_filters.ChoiceFilter(choices=RoundKind.choices, label=_("Loại vòng"))

    class Meta:
        model = Round
        fields = ["council", "status", "kind"]
