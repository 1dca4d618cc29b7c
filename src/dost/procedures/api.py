"""Read-only REST endpoint of the dossiers an officer handles (same FilterSet as the queue page)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from . import queries
from .filtersets import DossierFilterSet
from .models import Dossier


class DossierSerializer(serializers.ModelSerializer):
    step = serializers.CharField(source="step.staff_name", default=None, read_only=True, allow_null=True)
    public_step = serializers.CharField(source="step.public_name", default=None, read_only=True, allow_null=True)

    class Meta:
        model = Dossier
        fields = ["id", "public_code", "procedure", "applicant", "channel", "submitted_at", "received_on", "status",
                  "step", "public_step", "assigned_to", "extension_days", "due_date", "decided_on", "version"]


class DossierViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DossierSerializer
    filterset_class = DossierFilterSet

    def get_queryset(self):
        # The serializer shows related records by id, except the step's names: only the step is joined.
        return queries.handled_dossiers(self.request.user).select_related(None).select_related("step")
