"""Read-only REST endpoints of indicator sets and budget tables, with their computed figures."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from . import permissions, queries
from .filtersets import BudgetTableFilterSet, IndicatorSetFilterSet
from .models import BudgetTable, IndicatorSet


def _dec(value):
    return None if value is None else str(value.normalize())


class IndicatorSetSerializer(serializers.ModelSerializer):
    rows = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorSet
        fields = ["id", "organisation", "year", "title", "note", "version", "rows"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_rows(self, obj):
        if self.context.get("view") and self.context["view"].action == "list":
            return []
        return [{"id": r.indicator.pk, "parent": r.indicator.parent_id, "ref": r.indicator.ref,
                 "label": r.indicator.label, "unit": r.indicator.unit, "key": r.indicator.key,
                 "heading": r.indicator.is_heading, "prev_actual": _dec(r.prev_actual), "plan": _dec(r.plan),
                 "actual": _dec(r.actual), "next_plan": _dec(r.next_plan),
                 "growth_percent": None if r.growth is None else str(round(r.growth, 2)),
                 "next_ratio_percent": None if r.next_ratio is None else str(round(r.next_ratio, 2)),
                 "warnings": r.warnings} for r in queries.indicator_set_rows(obj)]


class BudgetTableSerializer(serializers.ModelSerializer):
    rows = serializers.SerializerMethodField()

    class Meta:
        model = BudgetTable
        fields = ["id", "organisation", "year", "kind", "title", "as_of", "unit", "relative_includes_carry_over",
                  "note", "version", "rows"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_rows(self, obj):
        if self.context.get("view") and self.context["view"].action == "list":
            return []
        return [{"id": r.line.pk, "parent": r.line.parent_id, "ref": r.line.ref, "label": r.line.label,
                 "key": r.line.key, "carry_basis": r.line.carry_basis or None,
                 "values": {k: _dec(v) for k, v in r.values.items()},
                 "relative_percent": None if r.relative is None else str(round(r.relative, 2)),
                 "absolute": _dec(r.absolute), "warnings": r.warnings} for r in queries.budget_table_rows(obj)]


class IndicatorSetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSetSerializer
    filterset_class = IndicatorSetFilterSet

    def get_queryset(self):
        return permissions.visible(self.request.user, IndicatorSet.objects.all()).order_by("-year", "id")


class BudgetTableViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BudgetTableSerializer
    filterset_class = BudgetTableFilterSet

    def get_queryset(self):
        return permissions.visible(self.request.user, BudgetTable.objects.all()).order_by("-year", "id")
