"""Dataset and report benchmarks, run in a child process on their own database (``bench/run.py`` calls it).

Prints one JSON document: generation counts and time, database size, the time to render one province's
annual report (.docx, .xlsx, .pdf, checked), and the process's peak memory.
"""

from __future__ import annotations

import datetime
import json
import os
import resource
import sys
import time

import django


def main() -> int:
    scale = sys.argv[1] if len(sys.argv) > 1 else "province"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dost.settings.base")
    django.setup()
    from django.core.management import call_command

    from dost.core.audit import acting_as
    from dost.core.models import Organisation
    from dost.reports.services import render
    from dost.scale import database_size_bytes, generate

    call_command("migrate", verbosity=0)
    with acting_as(None, "bench"):
        result = generate(scale)
    department = Organisation.objects.filter(name__startswith="Sở Khoa học và Công nghệ (mô phỏng)").first()
    year = datetime.date.today().year - 1
    started = time.monotonic()
    rendered = render(department, "annual", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    report_seconds = time.monotonic() - started
    print(json.dumps({
        "dataset": {**result.counts, "generation_s": round(result.seconds, 1),
                    "database_bytes": database_size_bytes()},
        "report": {"province_annual_s": round(report_seconds, 2), "findings": len(rendered.findings),
                   "pages_docx_bytes": len(rendered.files["docx"])},
        "memory": {"worker_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)},
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
