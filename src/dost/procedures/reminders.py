"""Reminders to the assigned officer before a dossier's deadline (run by ``dost tick``; idempotent)."""

from __future__ import annotations

import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dost.core.formatting import format_date
from dost.core.status import DossierStatus

from . import services
from .models import Dossier, DossierReminder

DAYS_BEFORE = 2  # working days


def send_dossier_reminders(today: datetime.date | None = None) -> list[Dossier]:
    """Remind once per dossier and deadline, when the deadline is within ``DAYS_BEFORE`` working days."""
    today = today or timezone.localdate()
    horizon = services.add_workdays(today, DAYS_BEFORE)
    due = (Dossier.objects.filter(status__in=(DossierStatus.RECEIVED, DossierStatus.SIGNATURE),
                                  due_date__gte=today, due_date__lte=horizon, assigned_to__isnull=False)
           .exclude(assigned_to__email="").exclude(reminders__due_date=F("due_date"))
           .select_related("assigned_to", "procedure"))
    sent = []
    for dossier in due:
        try:
            with transaction.atomic():
                DossierReminder.objects.create(dossier=dossier, due_date=dossier.due_date,
                                               recipient=dossier.assigned_to.email)
                send_mail(
                    _("Hồ sơ %(code)s đến hạn ngày %(due)s") % {"code": dossier.public_code,
                                                               "due": format_date(dossier.due_date)},
                    _("Hồ sơ %(code)s (%(procedure)s) phải trả kết quả ngày %(due)s. Nếu không kịp, hãy gia hạn và "
                      "gửi phiếu xin lỗi trước khi hết hạn.") % {"code": dossier.public_code,
                                                                 "procedure": dossier.procedure.name,
                                                                 "due": format_date(dossier.due_date)},
                    None, [dossier.assigned_to.email])
        except IntegrityError:  # reminded already (another tick got there first)
            continue
        sent.append(dossier)
    return sent
