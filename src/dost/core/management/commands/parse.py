"""``dost parse FILE [--json]``: read an administrative document with ``dost.docparse``."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Read a plan (.txt, .docx, .pdf, scanned .pdf or image, .doc) and print its structure."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="Print exactly one JSON document on stdout.")

    def handle(self, *args, **options):
        from dost.docparse.cli import run_parse

        code = run_parse(options["file"], options["json"], self.stdout._out, self.stderr._out)
        self.stdout.flush()
        if code:
            sys.exit(code)
