"""The support panel on the officer's dossier page (registered with the engine in ``GrantsConfig.ready``).

For a dossier with an application it shows the appraisal (a form for officers), the decision (a form for
leaders, beside what remains of the year's envelope) and the payments. The engine renders whatever the
panel returns and knows nothing about grants.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from dost.core.formatting import group_thousands
from dost.core.status import ApplicationStatus, DossierStatus

from . import services
from .forms import AppraiseForm, DecideForm, PaymentForm, RejectForm
from .models import Application
from .permissions import can_decide, can_process


def _urls(application: Application) -> dict[str, str] | None:
    try:
        return {name: reverse(f"grants_{name}", args=[application.pk])
                for name in ("appraise", "decide", "payment", "reject")}
    except NoReverseMatch:  # the grants URLs are not wired into this site: show, but offer no actions
        return None


def _typed(amount: int | None) -> str:
    """An amount as staff type it ("40.000.000"), to prefill a form."""
    return "" if amount is None else group_thousands(amount)


def render_panel(request: Any, dossier: Any) -> str | None:
    application = (Application.objects.select_related("programme", "content", "appraised_by", "decided_by")
                   .filter(dossier_id=dossier.pk).first())
    if application is None:
        return None
    application.dossier = dossier
    user, status = request.user, application.status
    urls = _urls(application)
    processes, decides = can_process(user, dossier), can_decide(user, dossier)
    open_ = status in services.OPEN
    context: dict[str, Any] = {
        "application": application,
        "content": application.content,
        "dossier": dossier,
        "urls": urls,
        "envelope": services.envelope_status(application.programme, application.year),
        "payments": list(application.payments.select_related("recorded_by")),
        "problems": services.eligibility_problems(application) if open_ else [],
        "unknown_level": None if application.content.level_known else services.unknown_level_message(
            application.content),
    }
    context["paid"] = sum(p.amount_vnd for p in context["payments"])
    if urls and processes and open_ and dossier.status in services.APPRAISABLE_DOSSIER:
        context["appraise_form"] = AppraiseForm(initial={
            "eligible_cost_vnd": _typed(application.eligible_cost_vnd), "quantity": application.quantity},
            auto_id="id_grants_%s")
    if urls and processes and open_ and dossier.status not in services.FINISHED_DOSSIER:
        context["reject_form"] = RejectForm(auto_id="id_grants_reject_%s")
    if (urls and decides and status == ApplicationStatus.APPRAISED
            and dossier.status == DossierStatus.SIGNATURE):
        context["decide_form"] = DecideForm(initial={"amount_vnd": _typed(application.proposed_vnd)},
                                            auto_id="id_grants_decide_%s")
    if urls and processes and status == ApplicationStatus.DECIDED:
        context["payment_form"] = PaymentForm(auto_id="id_grants_payment_%s")
    return render_to_string("grants/_panel.html", context, request=request)
