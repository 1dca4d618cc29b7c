"""Programmes are configuration an administrator enters from the resolution: contents, levels, envelopes.

Applications and payments are not edited here: they change only through the services, which check the
rules (eligibility, envelope, payments within the decision).
"""

from django.contrib import admin

from .forms import SupportContentAdminForm
from .models import Envelope, Programme, SupportContent


class SupportContentInline(admin.StackedInline):
    model = SupportContent
    form = SupportContentAdminForm
    extra = 0
    fields = ["position", "code", "name", ("share_percent", "cap_vnd", "cap_unit", "item_name"), "eligible_kinds",
              "allowed_areas", ("one_per_period", "period_years"), "notes"]


class EnvelopeInline(admin.TabularInline):
    model = Envelope
    extra = 1
    fields = ["year", "amount_vnd", "note"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "organisation", "start_year", "end_year", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]
    raw_id_fields = ["issuer", "organisation"]
    inlines = [SupportContentInline, EnvelopeInline]
