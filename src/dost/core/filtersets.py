from __future__ import annotations

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, LegalDocument, Organisation
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



def audited_content_types():
    """The kinds of record dost audits (its own apps), for the audit log's record filter."""
    return ContentType.objects.filter(app_label__in=AUDITED_APPS).order_by("app_label", "model")


AUDITED_APPS = ("core", "plans", "figures", "reports", "procedures", "grants", "councils", "research")


class AuditEntryFilterSet(django_filters.FilterSet):
    """The audit log page: by user, record (kind and id, or words of its name), action and time."""

    actor = django_filters.ModelChoiceFilter(queryset=get_user_model().objects.order_by("username"),
                                             label=_("Người thực hiện"))
    content_type = django_filters.ModelChoiceFilter(queryset=audited_content_types(), label=_("Loại bản ghi"))
    object_id = django_filters.CharFilter(label=_("Mã bản ghi"), max_length=64)
    q = django_filters.CharFilter(method="filter_q", label=_("Tên bản ghi"), max_length=100)
    action = django_filters.ChoiceFilter(choices=AuditEntry.ACTIONS, label=_("Thao tác"))
    since = django_filters.DateFilter(method="filter_since", label=_("Từ ngày"))
    until = django_filters.DateFilter(method="filter_until", label=_("Đến ngày"))

    class Meta:
        model = AuditEntry
        fields = ["actor", "content_type", "object_id", "q", "action", "since", "until"]

    def filter_q(self, queryset, name, value):
        """Every word must occur in the record's name, in any case. SQLite's LIKE folds ASCII only, so the
        usual casings of a Vietnamese word ("ứng", "Ứng", "ỨNG") are tried as well."""
        for word in value.split():
            variants = {word, word.lower(), word.upper(), word.capitalize()}
            match = Q(pk__in=[])
            for variant in variants:
                match |= Q(object_repr__icontains=variant)
            queryset = queryset.filter(match)
        return queryset

    @staticmethod
    def _start_of(day: datetime.date) -> datetime.datetime:
        # Days are the Department's (Asia/Ho_Chi_Minh); bounds on ``at`` itself keep its index usable.
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def filter_since(self, queryset, name, value):
        return queryset.filter(at__gte=self._start_of(value)) if value else queryset

    def filter_until(self, queryset, name, value):
        if not value or value >= datetime.date.max:
            return queryset
        return queryset.filter(at__lt=self._start_of(value + datetime.timedelta(days=1)))
