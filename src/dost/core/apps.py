from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dost.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the many-to-many audit)
