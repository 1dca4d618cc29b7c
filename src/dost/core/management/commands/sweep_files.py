"""``dost sweep-files [--older-than-hours N] [--dry-run] [--json]``: remove stored files no record points to.

Such files are left when a process dies between writing a file and committing its record (see
``dost.core.storage_sweep``). Run it daily from cron. With ``--json`` stdout carries exactly
``{"scanned", "orphans": [names], "deleted", "bytes", "dry_run"}``.
"""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dost.core.audit import acting_as
from dost.core.storage_sweep import sweep_orphan_files


class Command(BaseCommand):
    help = "Delete uploaded files that no record references any more (older than a grace period)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-hours", type=float, default=1.0,
                            help="grace period: only files last written before this many hours ago (default 1)")
        parser.add_argument("--dry-run", action="store_true", help="list the files, delete nothing")
        parser.add_argument("--json", action="store_true", help="Print exactly one JSON document on stdout.")

    def handle(self, *args, **options):
        hours = options["older_than_hours"]
        if hours < 0:
            raise CommandError(_("--older-than-hours phải là số không âm."), returncode=2)
        try:
            with acting_as(None, "sweep"):
                result = sweep_orphan_files(older_than=datetime.timedelta(hours=hours), dry_run=options["dry_run"])
        except OSError as error:
            raise CommandError(_("Không đọc được kho tệp: %(error)s") % {"error": error}) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        message = (_("Đã kiểm tra %(scanned)s tệp; sẽ xóa %(n)s tệp không còn bản ghi nào trỏ tới (%(bytes)s byte).")
                   if result.dry_run else
                   _("Đã kiểm tra %(scanned)s tệp; đã xóa %(n)s tệp không còn bản ghi nào trỏ tới (%(bytes)s byte)."))
        self.stdout.write(message % {"scanned": result.scanned, "n": len(result.orphans), "bytes": result.bytes})
        for name in result.orphans:
            self.stdout.write(f"  {name}")
