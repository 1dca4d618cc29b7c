from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "dost.procedures"
    label = "procedures"
    verbose_name = _("Thủ tục hành chính")

    def ready(self) -> None:
        from dost.core.attachments import register_viewer

        from . import dossiers
        from .models import Dossier, DossierRevision

        def can_see(user, dossier) -> bool:
            return dossiers.can_process(user, dossier) or dossiers.is_applicant(user, dossier)

        register_viewer(Dossier, can_see)
        register_viewer(DossierRevision, lambda user, revision: can_see(user, revision.dossier))
