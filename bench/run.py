"""``make bench``: measure and record. Today: docparse throughput (text layer and .docx).

Writes ``bench/results/latest.json`` and a dated copy, and prints a table. The HTTP load, dataset and
report benchmarks of the scale issue will add their sections to the same file.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dost.docparse.bench import throughput  # noqa: E402


def main() -> int:
    samples = sorted((ROOT / "samples").glob("*.txt"))
    docx = sorted((ROOT / "samples" / "extra").glob("*.docx"))
    results = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "docparse": {
            "txt_docs_per_s": round(throughput(samples, seconds=5.0), 1),
            "docx_docs_per_s": round(throughput(docx, seconds=3.0), 1) if docx else None,
        },
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    latest = out / "latest.json"
    latest.write_text(json.dumps(results, indent=2) + "\n")
    shutil.copy(latest, out / f"{datetime.date.today().isoformat()}.json")
    print(f"{'measure':<28}{'value':>10}  target")
    print(f"{'docparse txt docs/s':<28}{results['docparse']['txt_docs_per_s']:>10}  ≥ 50")
    print(f"{'docparse docx docs/s':<28}{results['docparse']['docx_docs_per_s'] or '-':>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
