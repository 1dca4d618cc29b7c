"""The FilterSet of periodic reports, shared by the list page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dost.core.models import Organisation
from dost.core.status import PeriodicReportStatus

from .models import PeriodicReport, PeriodKind


class PeriodicReportFilterSet(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Đơn vị"))
    year = django_filters.NumberFilter(field_name="end__year", label=_("Năm"), min_value=1, max_value=9999)
    period_kind = django_filters.ChoiceFilter(choices=PeriodKind.choices, label=_("Kỳ báo cáo"))
    status = django_filters.ChoiceFilter(choices=PeriodicReportStatus.choices, label=_("Trạng thái"))

    class Meta:
        model = PeriodicReport
        fields = ["organisation", "year", "period_kind", "status"]
