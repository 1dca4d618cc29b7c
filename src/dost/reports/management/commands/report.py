"""``dost report --organisation ID --period 2023-H1|2023|2023-01-01:2023-06-30 [--format docx,xlsx,pdf]
[--output DIR] [--json]``: render a periodic report from the tracked data and check its figures."""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from dost.core.models import Organisation
from dost.reports.models import PeriodKind, period_bounds

EXIT_BAD_INPUT, EXIT_TOOL_MISSING, EXIT_OTHER = 2, 3, 1


def parse_period(text: str) -> tuple[str, datetime.date, datetime.date]:
    """"2023-H1" (6 months), "2023" (the year), or "2023-01-01:2023-06-30" (any range)."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-H1", text, re.I):
        year = int(m.group(1))
        return PeriodKind.FIRST_HALF, *period_bounds(PeriodKind.FIRST_HALF, year)
    if re.fullmatch(r"\d{4}", text):
        return PeriodKind.ANNUAL, *period_bounds(PeriodKind.ANNUAL, int(text))
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})", text):
        start, end = (datetime.date.fromisoformat(g) for g in m.groups())
        if start > end:
            raise ValueError("ngày bắt đầu sau ngày kết thúc")
        return PeriodKind.RANGE, start, end
    raise ValueError(f"kỳ báo cáo “{text}” không hợp lệ (dùng 2023-H1, 2023 hoặc 2023-01-01:2023-06-30)")


class Command(BaseCommand):
    help = "Render a periodic report (.docx, .xlsx, .pdf) for an organisation and period, and check its figures."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Organisation id.")
        parser.add_argument("--period", required=True, help="2023-H1, 2023, or 2023-01-01:2023-06-30.")
        parser.add_argument("--format", default="docx,xlsx,pdf", help="Comma-separated: docx, xlsx, pdf.")
        parser.add_argument("--output", default=".", help="Directory for the files (created if missing).")
        parser.add_argument("--title", default="")
        parser.add_argument("--symbol", default="BC-KHCN")
        parser.add_argument("--json", action="store_true", help="Print exactly one JSON document on stdout.")

    def fail(self, code: int, message: str):
        self.stderr.write(f"Lỗi: {message}")
        sys.exit(code)

    def handle(self, *args, **options):
        from dost.docparse.errors import ToolMissingError
        from dost.documents.model import RenderError
        from dost.reports.services import render

        try:
            kind, start, end = parse_period(options["period"])
        except ValueError as error:
            self.fail(EXIT_BAD_INPUT, str(error))
        formats = tuple(f.strip().lower() for f in options["format"].split(",") if f.strip())
        if not formats or any(f not in ("docx", "xlsx", "pdf") for f in formats):
            self.fail(EXIT_BAD_INPUT, "định dạng phải là docx, xlsx và/hoặc pdf")
        try:
            organisation = Organisation.objects.get(pk=int(options["organisation"]))
        except (Organisation.DoesNotExist, ValueError):
            self.fail(EXIT_BAD_INPUT, f"không có đơn vị mã {options['organisation']}")
        try:
            rendered = render(organisation, kind, start, end, formats=formats, title=options["title"],
                              symbol=options["symbol"])
        except ToolMissingError as error:
            self.fail(EXIT_TOOL_MISSING, str(error))
        except RenderError as error:
            self.fail(EXIT_OTHER, str(error))
        out = Path(options["output"])
        try:
            out.mkdir(parents=True, exist_ok=True)
            base = f"bao-cao-{organisation.pk}-{start:%Y%m%d}-{end:%Y%m%d}"
            written = []
            for extension in formats:
                path = out / f"{base}.{extension}"
                path.write_bytes(rendered.files[extension])
                written.append(str(path.resolve()))
        except OSError as error:
            self.fail(EXIT_OTHER, f"không ghi được tệp: {error}")
        result = {
            "organisation": {"id": organisation.pk, "name": organisation.name},
            "period": {"kind": str(kind), "start": start.isoformat(), "end": end.isoformat()},
            "title": rendered.document.title,
            "files": written,
            "summary": rendered.summary,
            "appendices": [a.heading + ": " + a.title for a in rendered.document.appendices],
            "findings": rendered.findings,
            "notes": rendered.notes,
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{rendered.document.title}\n{organisation.name}, {start:%d/%m/%Y} – {end:%d/%m/%Y}")
        for path in written:
            self.stdout.write(f"  {path}")
        self.stdout.write(f"Sai lệch số liệu: {len(rendered.findings)}")
        for finding in rendered.findings:
            self.stdout.write(f"  - {finding.get('table')} / {finding.get('row')} / {finding.get('column')}: "
                              f"ghi {finding.get('stated')}, đúng ra {finding.get('expected')}")
