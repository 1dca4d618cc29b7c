"""The dossier queue's FilterSet (shared by the queue page and the API)."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dost.core.status import DossierStatus
from dost.core.text import fold

from .models import Dossier, ProcedureType


def _procedure_choices(request):
    """The procedures the requesting user handles (every one when there is no request, e.g. for the schema)."""
    from .queries import handled_procedures

    user = getattr(request, "user", None)
    return ProcedureType.objects.all() if user is None else handled_procedures(user)


OPEN = "open"  # every dossier still without a result: what a fresh queue page shows
STATUS_CHOICES = [(OPEN, _("Chưa có kết quả")), *DossierStatus.choices]
DUE_CHOICES = (("today", _("Đến hạn hôm nay")), ("overdue", _("Quá hạn")), ("week", _("Đến hạn trong 7 ngày")))


class DossierFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Mã hồ sơ, tổ chức"))
    procedure = django_filters.ModelChoiceFilter(queryset=_procedure_choices, label=_("Thủ tục"))
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", label=_("Trạng thái"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Hồ sơ tôi thụ lý"))
    due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_due", label=_("Hạn"))
    ordering = django_filters.OrderingFilter(fields=(("due_date", "due"), ("received_on", "received"),
                                                     ("public_code", "code")), label=_("Sắp xếp"))

    class Meta:
        model = Dossier
        fields = ["q", "procedure", "status", "mine", "due"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            folded = fold(word)
            queryset = queryset.filter(Q(public_code__icontains=word) | Q(applicant__search_text__contains=folded)
                                       | Q(applicant__tax_code=word))
        return queryset

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            from .queries import OPEN as OPEN_STATUSES

            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_mine(self, queryset, name, value):
        request = getattr(self, "request", None)
        return queryset.filter(assigned_to=request.user) if value and request else queryset

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        open_ = queryset.filter(status__in=(DossierStatus.RECEIVED, DossierStatus.SIGNATURE))
        if value == "today":
            return open_.filter(due_date=today)
        if value == "overdue":
            return open_.filter(due_date__lt=today)
        if value == "week":
            return open_.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=7))
        return queryset
