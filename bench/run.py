"""``make bench``: measure and record: docparse throughput, dataset generation, a province's annual report,
peak memory. ``make bench-quick`` (``--quick``) uses the province data set on SQLite.

Writes ``bench/results/latest.json`` and a dated copy, and prints a table. The HTTP load, dataset and
report benchmarks of the scale issue will add their sections to the same file.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dost.docparse.bench import throughput  # noqa: E402


def _dataset_and_report(scale: str) -> dict:
    """Generate the data set in a fresh database (a temporary SQLite file unless DATABASE_URL is set) and
    time a province's annual report on it, in a child process so its peak memory is its own."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="dost-bench-") as tmp:
        env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
        env["PYTHONPATH"] = str(ROOT / "src")
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "dataset.py"), scale], env=env,
                              capture_output=True, text=True, check=False)
    if done.returncode:
        print(done.stderr[-2000:], file=sys.stderr)
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


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
    quick = "--quick" in sys.argv
    results.update(_dataset_and_report("province" if quick else os.environ.get("DOST_BENCH_SCALE", "province")))
    results["machine"]["database"] = os.environ.get("DATABASE_URL", "sqlite (temporary)").split("@")[-1]
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    latest = out / "latest.json"
    latest.write_text(json.dumps(results, indent=2) + "\n")
    shutil.copy(latest, out / f"{datetime.date.today().isoformat()}.json")
    print(f"{'measure':<28}{'value':>10}  target")
    print(f"{'docparse txt docs/s':<28}{results['docparse']['txt_docs_per_s']:>10}  ≥ 50")
    print(f"{'docparse docx docs/s':<28}{results['docparse']['docx_docs_per_s'] or '-':>10}")
    dataset, report = results.get("dataset", {}), results.get("report", {})
    print(f"{'dataset tasks':<28}{dataset.get('tasks', '-'):>10}")
    print(f"{'dataset progress reports':<28}{dataset.get('progress_reports', '-'):>10}")
    print(f"{'dataset generation s':<28}{dataset.get('generation_s', '-'):>10}")
    print(f"{'province annual report s':<28}{report.get('province_annual_s', '-'):>10}")
    print(f"{'worker peak MB':<28}{results.get('memory', {}).get('worker_peak_mb', '-'):>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
