from django.contrib import admin

from .models import AuditEntry, LegalDocument, Membership, Organisation, OrganisationAlias


class AliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1
    exclude = ["folded"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "search_text"]
    inlines = [AliasInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "position", "is_head", "acting"]
    list_filter = ["role"]


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    list_display = ["number_symbol", "kind", "issued_on", "issuer_name"]
    search_fields = ["number_symbol", "title", "search_text"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail cannot be edited or deleted, administrators included."""

    list_display = ["at", "actor_name", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["actor_name", "object_repr", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
