from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "dost.grants"
    label = "grants"
    verbose_name = _("Chương trình hỗ trợ")

    def ready(self) -> None:
        """Show the support panel on the officer's dossier page (the engine never imports this app)."""
        from dost.procedures.panels import register_panel

        from .panel import render_panel

        register_panel(render_panel)

        from dost.procedures.panels import register_approval_guard

        from .services import approval_guard

        register_approval_guard(approval_guard)

        from dost.procedures.panels import register_applicant_panel

        from .applicant_panel import render_applicant_panel

        register_applicant_panel(render_applicant_panel)
