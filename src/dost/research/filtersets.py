"""One FilterSet per list, shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dost.core.models import Organisation
from dost.core.search import contains_words, search
from dost.core.status import ProjectStatus, ProjectTiming, ProposalStatus

from .models import CallRound, Level, Project, ProjectKind, Proposal, ScienceField


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm kiếm"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Cấp"))
    field = django_filters.ChoiceFilter(choices=ScienceField.choices, label=_("Lĩnh vực"))
    kind = django_filters.ChoiceFilter(choices=ProjectKind.choices, label=_("Loại"))
    status = django_filters.MultipleChoiceFilter(choices=ProjectStatus.choices, label=_("Trạng thái"))
    timing = django_filters.ChoiceFilter(choices=ProjectTiming.choices, method="filter_timing", label=_("Tiến độ"))
    host = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), method="filter_host",
                                            label=_("Cơ quan chủ trì"))
    year = django_filters.NumberFilter(method="filter_year", label=_("Năm"))
    ordering = django_filters.OrderingFilter(
        fields=(("year", "year"), ("title", "title"), ("end_date", "end"), ("start_date", "start"),
                ("budget_state_vnd", "budget"), ("status", "status"), ("code", "code")),
        field_labels={"year": _("Năm"), "title": _("Tên"), "end_date": _("Kết thúc"), "start_date": _("Bắt đầu"),
                      "budget_state_vnd": _("Kinh phí"), "status": _("Trạng thái"), "code": _("Mã số")},
        label=_("Sắp xếp"),
    )

    class Meta:
        model = Project
        fields = ["q", "level", "field", "kind", "status", "timing", "host", "year"]

    def filter_q(self, queryset, name, value):
        return search(queryset, value)

    def filter_timing(self, queryset, name, value):
        # ``timing`` is annotated by the base queryset (``queries.with_timing``).
        return queryset.filter(timing=value) if value else queryset

    def filter_host(self, queryset, name, value):
        return queryset.filter(host__path__startswith=value.path) if value else queryset

    def filter_year(self, queryset, name, value):
        """Projects of that year's call, or running at some time during it (carried over included)."""
        year = int(value)
        if not 1 <= year <= 9999:  # no such year in the data (and none a date could hold)
            return queryset.none()
        return queryset.filter(Q(year=year) | Q(start_date__year__lte=year, end_date__year__gte=year))


class ProposalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm kiếm"))
    round = django_filters.ModelChoiceFilter(queryset=CallRound.objects.all(), label=_("Đợt"))
    year = django_filters.NumberFilter(method="filter_year", label=_("Năm"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Cấp"))
    field = django_filters.ChoiceFilter(choices=ScienceField.choices, label=_("Lĩnh vực"))
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, label=_("Tình trạng"))
    proposer = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Tổ chức đề xuất"))
    ordering = django_filters.OrderingFilter(
        fields=(("number", "number"), ("title", "title"), ("budget_estimate_vnd", "budget"),
                ("received_on", "received")),
        label=_("Sắp xếp"),
    )

    class Meta:
        model = Proposal
        fields = ["q", "round", "year", "level", "field", "status", "proposer"]

    def filter_q(self, queryset, name, value):
        return contains_words(queryset, value)

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(round__year=year) if 1 <= year <= 9999 else queryset.none()
