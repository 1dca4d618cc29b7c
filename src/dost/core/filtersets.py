from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import LegalDocument, Organisation
from .search import contains_words
from .status import DocumentKind, OrganisationKind


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm kiếm"))
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    parent = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all())

    class Meta:
        model = Organisation
        fields = ["q", "kind", "parent"]

    def filter_q(self, queryset, name, value):
        return contains_words(queryset, value)


class LegalDocumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm kiếm"))
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices)

    class Meta:
        model = LegalDocument
        fields = ["q", "kind", "issuer"]

    def filter_q(self, queryset, name, value):
        return contains_words(queryset, value)

