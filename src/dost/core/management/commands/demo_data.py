"""``dost demo-data --scale {tiny,province,national} [--seed N] [--json]``: realistic deterministic data at scale."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from dost.core.audit import acting_as


class Command(BaseCommand):
    help = "Generate deterministic demo data at province or national scale (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["tiny", "province", "national"], default="province")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        from dost.scale import database_size_bytes, generate

        def progress(message: str) -> None:
            self.stderr.write(message)

        try:
            with acting_as(None, "demo-data"):
                result = generate(options["scale"], options["seed"], progress=progress)
        except ValueError as error:
            self.stderr.write(f"Lỗi: {error}")
            sys.exit(2)
        summary = {"scale": options["scale"], "seed": options["seed"], "counts": result.counts,
                   "seconds": round(result.seconds, 1), "database_bytes": database_size_bytes()}
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.counts.items()))
            self.stdout.write(f"Thời gian: {summary['seconds']} giây; dung lượng CSDL: {summary['database_bytes']} byte")
