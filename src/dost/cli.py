"""The ``dost`` command: every operator task is a Django management command (``dost plans list --json``,
``dost parse FILE --json``, ``dost tick``, ``dost migrate``, …), run against the same default database as
``make run`` from any directory."""

from __future__ import annotations

import os
import sys

# Command names as documented (Django modules cannot hold a hyphen).
ALIASES = {"demo-data": "demo_data", "sweep-files": "sweep_files"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dost.settings.base")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    execute_from_command_line(["dost", *args])


if __name__ == "__main__":
    main()
