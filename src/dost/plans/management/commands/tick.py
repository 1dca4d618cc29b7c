"""``dost tick``: the periodic work (reminders before reports fall due). Run it from cron or a systemd timer,
e.g. every hour; it is idempotent."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from dost.core.audit import acting_as
from dost.figures.tasks import reap_stale_imports
from dost.plans.services import send_due_reminders
from dost.plans.tasks import reap_stale_jobs
from dost.procedures.reminders import send_dossier_reminders
from dost.reports.tasks import reap_stale_reports


class Command(BaseCommand):
    help = "Send the reminders that are due now (idempotent; run from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        with acting_as(None, "tick"):
            sent = send_due_reminders()
            dossiers = send_dossier_reminders()
            reaped = reap_stale_jobs() + reap_stale_imports() + reap_stale_reports()
        if options["json"]:
            self.stdout.write(json.dumps({"reminders": [{"task_id": t.pk, "recipients": r} for t, r in sent],
                                         "stale_jobs_failed": reaped,
                                         "dossier_reminders": [d.public_code for d in dossiers]}))
        else:
            self.stdout.write(f"Đã gửi {len(sent)} lời nhắc báo cáo tiến độ, {len(dossiers)} lời nhắc hạn hồ sơ; "
                              f"{reaped} việc nền bị dừng được đánh dấu lỗi.")
