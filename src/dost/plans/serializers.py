from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dost.core.models import Organisation
from dost.core.status import TaskStatus

from .models import Milestone, Plan, ProgressReport, Task


@extend_schema_field(
    {
        "type": "object",
        "properties": {k: {"type": "integer", "nullable": True} for k in ("year", "month", "day")},
    }
)
class PartialDateField(serializers.Field):
    """A document's own date: ``{"year": 2021, "month": 9, "day": null}`` (CONTRACTS.md)."""

    def to_representation(self, plan):
        return {"year": plan.date_year, "month": plan.date_month, "day": plan.date_day}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError("Ngày phải có dạng {year, month, day}.")
        return {f"date_{k}": data.get(k) for k in ("year", "month", "day")}


class PlanSerializer(serializers.ModelSerializer):
    date = PartialDateField(source="*", required=False)
    task_count = serializers.IntegerField(read_only=True)
    number_symbol = serializers.CharField(read_only=True)
    # A list of strings as printed ("Lưu: VT, …"); DRF's JSONField would let a form's "null" through to the
    # NOT NULL column (a 500 found by the schema-based tests).
    recipients = serializers.ListField(child=serializers.CharField(allow_blank=True), required=False)

    class Meta:
        model = Plan
        fields = [
            "id", "owner", "issuer", "issuer_name", "number", "symbol", "number_symbol", "place", "date", "title",
            "period_start", "period_end", "purpose", "budget_vnd", "signer_name", "signer_title",
            "signer_on_behalf", "recipients", "status", "legal_bases", "replaces", "task_count", "version",
            "created_at", "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at", "replaces"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "due_date", "label", "text", "expected_result", "achieved"]


class TaskSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=TaskStatus.choices, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    partners = serializers.PrimaryKeyRelatedField(many=True, queryset=Organisation.objects.all(), required=False)
    effective_progress = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id", "plan", "parent", "ref", "order", "title", "description", "lead", "lead_name", "partners",
            "partners_text", "start_date", "start_precision", "due_date", "due_precision", "recurrence",
            "deliverables", "budget_vnd", "weight", "progress", "progress_override", "override_reason",
            "effective_progress", "reporting_schedule", "status", "milestones", "version",
        ]
        read_only_fields = ["progress", "version"]


class ProgressReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressReport
        fields = [
            "id", "task", "author", "report_date", "period_label", "percent", "narrative", "difficulties", "status",
            "submitted_at", "reviewed_by", "reviewed_at", "reviewer_capacity", "review_comment", "version",
        ]
        read_only_fields = [
            "author", "status", "submitted_at", "reviewed_by", "reviewed_at", "reviewer_capacity", "review_comment",
            "version",
        ]


class ReviewSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)
