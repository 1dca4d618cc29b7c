"""Read-only REST endpoints of councils and rounds (writes go through the pages and the service API).

Sealed scoring holds here too: a round shows, per entry, how many sheets were submitted, never their points;
results appear on the entries only once the round is closed (before that they are empty).
"""

from __future__ import annotations

from django.db.models import Count, Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from . import permissions
from .filtersets import CouncilFilterSet, RoundFilterSet
from .models import Council, CouncilMember, Entry, Round


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = CouncilMember
        fields = ["id", "name", "title", "affiliation", "external", "role", "position"]


class CouncilSerializer(serializers.ModelSerializer):
    members = MemberSerializer(many=True, read_only=True)
    rule_set = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Council
        fields = ["id", "name", "purpose", "organisation", "rule_set", "year", "decision_number", "decision_date",
                  "decision_signer", "note", "version", "members"]


class EntrySerializer(serializers.ModelSerializer):
    subject_type = serializers.SerializerMethodField()
    submitted_sheets = serializers.IntegerField(source="sheet_count", read_only=True)

    class Meta:
        model = Entry
        fields = ["id", "position", "code", "title", "author", "organisation_name", "subject_type", "object_id",
                  "source_entry", "months_late", "submitted_sheets", "mean", "rating", "rating_label", "passed",
                  "rank", "tied", "valid_sheet_count", "invalid_sheets", "explanation"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_subject_type(self, obj: Entry) -> str | None:
        return f"{obj.content_type.app_label}.{obj.content_type.model}" if obj.content_type_id else None


class RoundSerializer(serializers.ModelSerializer):
    entries = EntrySerializer(many=True, read_only=True)
    rule_set = serializers.SlugRelatedField(slug_field="code", read_only=True)
    present = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Round
        fields = ["id", "council", "title", "kind", "rule_set", "previous", "advance_count", "meeting_date", "place",
                  "status", "present", "closed_at", "result_decision_number", "result_decision_date", "version",
                  "entries"]


class CouncilViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CouncilSerializer
    filterset_class = CouncilFilterSet

    def get_queryset(self):
        return (permissions.visible_councils(self.request.user, Council.objects.all())
                .select_related("rule_set").prefetch_related("members").order_by("-year", "-id"))


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RoundSerializer
    filterset_class = RoundFilterSet

    def get_queryset(self):
        councils = permissions.visible_councils(self.request.user, Council.objects.all())
        entries = Entry.objects.select_related("content_type").annotate(sheet_count=Count("sheets")).order_by(
            "position", "id")
        return (Round.objects.filter(council__in=councils.values("pk")).select_related("rule_set")
                .prefetch_related("present", Prefetch("entries", queryset=entries)).order_by("-id"))
