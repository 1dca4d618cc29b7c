"""The support asked for, on the applicant's dossier page: choose the content once, then follow its status."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from dost.core.status import DossierStatus

from .models import Application, Programme


def programme_for(dossier: Any) -> Programme | None:
    return Programme.objects.filter(procedure_id=dossier.procedure_id, is_active=True).first()


def render_applicant_panel(request: Any, dossier: Any) -> str | None:
    programme = programme_for(dossier)
    if programme is None:
        return None
    application = Application.objects.select_related("content").filter(dossier_id=dossier.pk).first()
    can_choose = application is None and dossier.status not in (DossierStatus.APPROVED, DossierStatus.REFUSED,
                                                                 DossierStatus.WITHDRAWN)
    contents = list(programme.contents.order_by("code")) if can_choose else []
    return render_to_string("grants/_applicant_panel.html", {
        "programme": programme, "application": application, "dossier": dossier, "contents": contents,
    }, request=request)
