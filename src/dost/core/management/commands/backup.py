"""``dost backup FILE [--json]``: the whole instance in one zip archive (see ``dost.core.backup``).

With ``--json`` stdout carries exactly ``{"file", "models": {label: rows}, "files": n, "bytes": n}``;
warnings (a referenced file missing from storage) go to stderr. Exit codes follow CONTRACTS.md: 2 for a
bad target path, 1 for anything else (database not migrated, storage or disk errors).
"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.utils.translation import gettext as _

from dost.core.backup import BackupError, create_backup


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"  # pragma: no cover


class Command(BaseCommand):
    help = "Back up the data, every uploaded file and a manifest into one zip archive (written atomically)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. dost-2026-05-01.zip (replaced atomically)")
        parser.add_argument("--json", action="store_true", help="Print exactly one JSON document on stdout.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias (default: default)")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            result = create_backup(options["file"], using=options["database"], warn=self.stderr.write)
        except BackupError as error:
            raise CommandError(error.message, returncode=error.code) from error
        except (DatabaseError, OSError) as error:
            raise CommandError(_("Sao lưu thất bại: %(error)s") % {"error": str(error).strip().splitlines()[0]},
                               returncode=1) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        rows = sum(result.models.values())
        self.stdout.write(
            _("Đã sao lưu vào %(file)s: %(rows)s bản ghi trong %(tables)s bảng, %(files)s tệp tải lên; "
              "%(size)s, %(seconds).1f giây.")
            % {"file": result.file, "rows": rows, "tables": len(result.models), "files": result.files,
               "size": human_size(result.bytes), "seconds": time.monotonic() - started}
        )
        if options["verbosity"] >= 2:
            for label, count in result.models.items():
                self.stdout.write(f"  {label}: {count}")
