"""Read-only REST endpoint of periodic reports (generation and issuing go through the pages and ``dost report``)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from .filtersets import PeriodicReportFilterSet
from .models import PeriodicReport
from .views import visible_reports


class PeriodicReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = PeriodicReport
        fields = ["id", "organisation", "period_kind", "start", "end", "title", "number", "symbol", "issued_on",
                  "signer_name", "signer_capacity", "status", "findings", "notes", "summary", "version"]


class PeriodicReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PeriodicReportSerializer
    filterset_class = PeriodicReportFilterSet

    def get_queryset(self):
        return visible_reports(self.request.user).order_by("-end", "-id")
