"""Rule data an administrator edits: the extension and late-acceptance policy (per province or the default).

Projects, proposals and their events are not edited here: they change only through the services, which
check the lifecycle, the rights and the decision documents. They are listed read-only for support.
"""

from django.contrib import admin

from .models import CallRound, ExtensionPolicy, Project, ProjectEvent


@admin.register(ExtensionPolicy)
class ExtensionPolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "max_extensions", "long_task_months", "long_task_max_months",
                    "short_task_max_months", "notice_months", "late_acceptance_months", "is_active"]
    list_filter = ["is_active"]
    raw_id_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["name", "organisation", "legal_basis", "is_active"]}),
        ("Gia hạn", {"fields": ["max_extensions", "long_task_months", "long_task_max_months",
                                "short_task_max_months", "notice_months"]}),
        ("Kiểm tra, nghiệm thu", {"fields": ["check_interval_months", "acceptance_dossier_days",
                                             "late_acceptance_months"]}),
    ]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "level", "field", "status", "start_date", "end_date"]
    list_filter = ["level", "field", "status"]
    search_fields = ["code", "title", "principal_investigator"]


@admin.register(ProjectEvent)
class ProjectEventAdmin(ReadOnlyAdmin):
    list_display = ["project", "action", "from_status", "to_status", "at", "by_name", "decision_number"]
    list_filter = ["action"]


@admin.register(CallRound)
class CallRoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "organisation", "level"]
