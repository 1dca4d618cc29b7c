"""``dost restore FILE [--json]``: bring a ``dost backup`` archive into an instance without business data.

Order (see ``dost.core.backup``): read and check the archive, refuse a newer schema, ``migrate``, refuse a
non-empty instance, then load rows and files in one transaction, reset sequences and verify the manifest
before committing. With ``--json`` stdout carries exactly ``{"models": {label: rows}, "files": n,
"verified": true}``. Exit codes follow CONTRACTS.md: 2 for bad input (missing, corrupt or tampered archive,
newer schema, non-empty instance), 1 for anything else; either way nothing is changed.
"""

from __future__ import annotations

import json
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.utils.translation import gettext as _

from dost.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a dost backup archive into an instance that has no business data yet."

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by “dost backup”")
        parser.add_argument("--json", action="store_true", help="Print exactly one JSON document on stdout.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias (default: default)")

    def handle(self, *args, **options):
        started = time.monotonic()
        database = options["database"]

        def migrate() -> None:
            # Migration progress would break the one-document stdout of --json: it goes to stderr, if at all.
            call_command("migrate", database=database, interactive=False,
                         verbosity=0 if options["json"] else max(0, options["verbosity"] - 1),
                         stdout=self.stderr._out, stderr=self.stderr._out)

        try:
            result = restore_backup(options["file"], using=database, migrate=migrate)
        except BackupError as error:
            raise CommandError(error.message, returncode=error.code) from error
        except (DatabaseError, OSError) as error:
            raise CommandError(_("Khôi phục thất bại: %(error)s") % {"error": str(error).strip().splitlines()[0]},
                               returncode=1) from error
        for name in result.missing_files:
            self.stderr.write(_("Cảnh báo: tệp “%(name)s” đã thiếu từ khi sao lưu; bản ghi vẫn trỏ tới tệp này.")
                              % {"name": name})
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            _("Đã khôi phục từ %(file)s: %(rows)s bản ghi trong %(tables)s bảng, %(files)s tệp tải lên "
              "(%(seconds).1f giây).")
            % {"file": options["file"], "rows": sum(result.models.values()), "tables": len(result.models),
               "files": result.files, "seconds": time.monotonic() - started}
        )
        self.stdout.write(_("Đã đối chiếu với manifest.json: số bản ghi của từng bảng và mã SHA-256 của từng tệp "
                            "đều khớp."))
        if options["verbosity"] >= 2:
            for label, count in result.models.items():
                self.stdout.write(f"  {label}: {count}")
