"""Read-only REST endpoints of S&T tasks and proposals (the same FilterSets and visibility as the pages).

Objects outside the user's scope are not in the queryset, so they answer 404.
"""

from __future__ import annotations

from rest_framework import serializers, viewsets

from . import permissions, queries
from .filtersets import ProjectFilterSet, ProposalFilterSet
from .models import Project, ProjectEvent, Proposal


class ProjectEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectEvent
        fields = ["id", "action", "from_status", "to_status", "at", "by_name", "decision_number", "decision_date",
                  "decision_signer", "note"]


class ProjectSerializer(serializers.ModelSerializer):
    timing = serializers.CharField(read_only=True)
    host_display = serializers.CharField(read_only=True)
    budget_total_vnd = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Project
        fields = ["id", "code", "title", "level", "field", "kind", "year", "organisation", "host", "host_display",
                  "principal_investigator", "pi_title", "ordering_organisation", "ordering_name", "plan_task", "proposal",
                  "assignment_method", "start_date", "end_date", "original_end_date", "budget_state_vnd",
                  "budget_other_vnd", "budget_total_vnd", "contract_number", "contract_date", "rating",
                  "rating_label", "accepted_on", "certificate_number", "certificate_date", "recovery_required_vnd",
                  "recovered_vnd", "recovered_on", "status", "timing", "version"]


class ProjectDetailSerializer(ProjectSerializer):
    events = ProjectEventSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "summary", "expected_results", "events"]


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = ProjectFilterSet

    def get_serializer_class(self):
        return ProjectDetailSerializer if self.action == "retrieve" else ProjectSerializer

    def get_queryset(self):
        queryset = queries.portfolio(self.request.user).order_by("-year", "-id")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("events")
        return queryset


class ProposalSerializer(serializers.ModelSerializer):
    proposer_display = serializers.CharField(read_only=True)

    class Meta:
        model = Proposal
        fields = ["id", "round", "number", "title", "proposer", "proposer_display", "level", "field", "kind",
                  "objectives", "expected_results", "duration_months", "budget_estimate_vnd", "received_on",
                  "status", "duplicate_of", "version"]


class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilterSet

    def get_queryset(self):
        return (permissions.visible_proposals(self.request.user).select_related("proposer")
                .order_by("-round__year", "round_id", "number", "id"))
