"""``dost import FILE… --owner ID [--yes] [--json]``: parse documents and create (or update) tracked plans."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from dost.core.audit import acting_as
from dost.core.models import Organisation


class Command(BaseCommand):
    help = "Import plans from documents (.txt, .docx, .pdf, scans, .doc) through dost.docparse."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--owner", type=int, required=True, help="id of the organisation that tracks the plans")
        parser.add_argument("--yes", action="store_true", help="import without asking for confirmation")
        parser.add_argument("--json", action="store_true", help="print one JSON array of results")

    def handle(self, *args, **options):
        from dost.docparse import ParseError, ToolMissingError, parse_file
        from dost.plans.imports import import_plan

        owner = Organisation.objects.filter(pk=options["owner"]).first()
        if owner is None:
            raise CommandError(f"Không có cơ quan, đơn vị số hiệu {options['owner']}.", returncode=2)
        parsed = []
        for path in options["files"]:  # parse everything first: a bad file imports nothing
            try:
                parsed.append((path, parse_file(path)))
            except ToolMissingError as error:
                raise CommandError(str(error), returncode=3) from error
            except ParseError as error:
                raise CommandError(str(error), returncode=2) from error
        if not options["yes"]:
            for path, data in parsed:
                self.stderr.write(f"{path}: {data.get('number') or '/' + (data.get('symbol') or '')} — "
                                  f"{(data.get('title') or '')[:80]} ({len(data.get('tasks') or [])} nhiệm vụ)")
            if not sys.stdin.isatty() or input("Nhập các kế hoạch trên? [y/N] ").strip().lower() not in ("y", "yes", "c", "co"):
                raise CommandError("Chưa nhập gì (dùng --yes để nhập không cần xác nhận).", returncode=2)
        results = []
        with acting_as(None, "import"):
            for path, data in parsed:
                result = import_plan(data, owner)
                results.append({
                    "file": path, "plan_id": result.plan.pk, "created": result.created,
                    "tasks_created": result.tasks_created, "tasks_kept": result.tasks_kept,
                    "unknown_organisations": result.unknown_organisations,
                })
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            for row in results:
                verb = "Đã tạo" if row["created"] else "Đã cập nhật"
                self.stdout.write(f"{verb} kế hoạch #{row['plan_id']} từ {row['file']}: "
                                  f"{row['tasks_created']} nhiệm vụ mới, {row['tasks_kept']} giữ nguyên.")
                if row["unknown_organisations"]:
                    self.stdout.write("  Đơn vị chưa có trong hệ thống (đề nghị tạo): " + "; ".join(row["unknown_organisations"]))
