from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "dost.research"
    label = "research"
    verbose_name = _("Nhiệm vụ khoa học và công nghệ")

    def ready(self) -> None:
        """Learn councils' results: the engine sends ``round_closed`` and never imports research."""
        from dost.councils.signals import round_closed

        from .services import on_round_closed

        round_closed.connect(on_round_closed, dispatch_uid="research_on_round_closed")

        # The indicator tables' research counts come from here (figures never imports research).
        from dost.figures.sources import register_source

        from .indicators import provider

        register_source(provider())
