"""``dost verify FILE [--json]``: recompute the derived figures in a document's tables with ``dost.docparse``."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Check the totals, percentages and differences in the tables of a document (.txt, .docx, .pdf, "
            "scanned .pdf or image, .doc) and list the figures that do not follow from their inputs.")
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="Print exactly one JSON document on stdout.")

    def handle(self, *args, **options):
        from dost.docparse.cli import run_verify

        code = run_verify(options["file"], options["json"], self.stdout._out, self.stderr._out)
        self.stdout.flush()
        if code:
            sys.exit(code)
