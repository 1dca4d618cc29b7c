"""The filter of a programme's applications table (status, content, year)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dost.core.status import ApplicationStatus

from .models import Application, SupportContent


class ApplicationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Trạng thái"),
                                         empty_label=_("Mọi trạng thái"))
    content = django_filters.ModelChoiceFilter(queryset=SupportContent.objects.none(), label=_("Nội dung"),
                                               empty_label=_("Mọi nội dung"))
    year = django_filters.NumberFilter(label=_("Năm"))

    class Meta:
        model = Application
        fields = ["status", "content", "year"]

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["content"].queryset = programme.contents.all() if programme else SupportContent.objects.none()
