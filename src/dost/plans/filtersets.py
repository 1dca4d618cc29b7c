"""One FilterSet per list, shared by the HTML list page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from dost.core.models import Organisation
from dost.core.search import search
from dost.core.status import PlanStatus, TaskStatus

from .models import Plan, ProgressReport, Task


class PlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Tìm kiếm"))
    year = django_filters.NumberFilter(method="filter_year", label=_("Năm"), min_value=1, max_value=9999)
    issuer = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Cơ quan ban hành"))
    owner = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Đơn vị theo dõi"))
    lead = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), field_name="tasks__lead", method="filter_lead",
        label=_("Đơn vị chủ trì"),
    )
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Trạng thái"))
    ordering = django_filters.OrderingFilter(
        fields=(("date_year", "date"), ("title", "title"), ("budget_vnd", "budget"), ("number", "number")),
        field_labels={"date_year": _("Năm"), "title": _("Trích yếu"), "budget_vnd": _("Kinh phí"), "number": _("Số")},
        label=_("Sắp xếp"),
    )

    class Meta:
        model = Plan
        fields = ["q", "year", "issuer", "owner", "lead", "status"]

    def filter_q(self, queryset, name, value):
        return search(queryset, value)

    def filter_year(self, queryset, name, value):
        return queryset.filter(plan_year_q(int(value)))

    def filter_lead(self, queryset, name, value):
        if not value:
            return queryset
        leads = Task.objects.filter(plan=OuterRef("pk"), lead__path__startswith=value.path)
        return queryset.filter(Exists(leads))


class TaskFilterSet(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("Kế hoạch"))
    lead = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Đơn vị chủ trì"))
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices, method="filter_status", label=_("Tình trạng"))
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("Hạn trước ngày"))
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("Hạn từ ngày"))

    class Meta:
        model = Task
        fields = ["plan", "lead", "status", "due_before", "due_after"]

    def filter_status(self, queryset, name, value):
        # Status is annotated by the views' base queryset (``with_status``).
        return queryset.filter(status=value) if value else queryset


def plan_year_q(year: int) -> Q:
    """Plans of ``year``: dated in it, or whose period covers it."""
    return Q(date_year=year) | Q(period_start__lte=year, period_end__gte=year)


def running_plans_q(year: int) -> Q:
    """Plans still running in ``year`` or the year before (the progress-report list's default window)."""
    return (Q(period_end__gte=year - 1)
            | Q(period_end__isnull=True, period_start__gte=year - 1)
            | Q(period_end__isnull=True, period_start__isnull=True, date_year__gte=year - 1))


class ProgressReportFilterSet(django_filters.FilterSet):
    """Without ``task``, ``plan`` or ``year`` the API lists the reports of plans running this year or last:
    the list then costs what a Department's current work costs, not its whole history (the view applies
    that window to the plans it starts from, see ``ProgressReportViewSet``)."""

    task = django_filters.ModelChoiceFilter(queryset=Task.objects.all(), label=_("Nhiệm vụ"))
    plan = django_filters.ModelChoiceFilter(field_name="task__plan", queryset=Plan.objects.all(),
                                            label=_("Kế hoạch"))
    year = django_filters.NumberFilter(method="filter_year", label=_("Năm của kế hoạch"), min_value=1,
                                       max_value=9999)
    status = django_filters.ChoiceFilter(choices=ProgressReport._meta.get_field("status").choices, label=_("Trạng thái"))

    class Meta:
        model = ProgressReport
        fields = ["task", "plan", "year", "status"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(task__plan__in=Plan.objects.filter(plan_year_q(int(value))).values("pk"))
