from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "dost.grants"
    label = "grants"
    verbose_name = _("Chương trình hỗ trợ")
