"""FilterSets of indicator sets and budget tables, shared by the list page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dost.core.models import Organisation
from dost.core.search import contains_words

from .models import BudgetKind, BudgetTable, IndicatorSet


class _FigureFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm kiếm"))
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), method="filter_organisation",
                                                    label=_("Đơn vị (gồm đơn vị trực thuộc)"))
    year = django_filters.NumberFilter(field_name="year", label=_("Năm"), min_value=1, max_value=9999)

    def filter_q(self, queryset, name, value):
        return contains_words(queryset, value)

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(organisation__path__startswith=value.path) if value else queryset


class IndicatorSetFilterSet(_FigureFilterSet):
    class Meta:
        model = IndicatorSet
        fields = ["q", "organisation", "year"]


class BudgetTableFilterSet(_FigureFilterSet):
    kind = django_filters.ChoiceFilter(choices=BudgetKind.choices, label=_("Loại bảng"))

    class Meta:
        model = BudgetTable
        fields = ["q", "organisation", "year", "kind"]
