"""Rule sets are configuration an administrator edits: parameters, rating levels (the scale) and criteria.

Councils, rounds, sheets and results are not edited here: they change only through the services, which keep
sealed scoring, conflicts of interest and the closing transaction intact.
"""

from __future__ import annotations

from django.contrib import admin

from .models import Criterion, RatingLevel, RuleSet


class RatingLevelInline(admin.TabularInline):
    model = RatingLevel
    extra = 0
    fields = ["position", "code", "label", "passing", "min_score", "vote_share", "vote_inclusive", "count_better",
              "vetoed_by", "max_rank", "is_default"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    fk_name = "rule_set"
    extra = 0
    fields = ["position", "code", "label", "parent", "max_points", "weight", "allow_na"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = Criterion.objects.filter(rule_set_id=object_id or 0, parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "purpose", "method", "quorum_share", "is_active"]
    list_filter = ["purpose", "method", "is_active"]
    search_fields = ["name", "code"]
    fieldsets = [
        (None, {"fields": ["code", "name", "purpose", "method", "legal_basis", "is_active"]}),
        ("Điều kiện họp", {"fields": ["quorum_share", "required_roles"]}),
        ("Quy tắc ra kết quả", {"fields": ["pass_share", "pass_inclusive", "outlier_share", "min_mean", "zero_share",
                                           "single_winner", "late_fail_months", "advance_count"]}),
    ]
    inlines = [RatingLevelInline, CriterionInline]
