from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "dost.reports"
    label = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from dost.core.attachments import register_viewer

        from .models import PeriodicReport
        from .services import can_view

        register_viewer(PeriodicReport, can_view)
