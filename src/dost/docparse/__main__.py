"""``python -m dost.docparse FILE [--json]``."""

from .cli import main

raise SystemExit(main())
