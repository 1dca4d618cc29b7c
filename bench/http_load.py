"""HTTP load benchmark (not ``http.py``: a script directory on ``sys.path`` would shadow the standard library's
``http``): gunicorn with production settings, driven by locust (headless, in its own process).

Phases: ``users`` concurrent users for ``seconds`` (the "http" section), then one user alone for
``single_seconds`` ("http_single_user"). Per page: p50/p95/p99 latency, requests per second, errors, and the
page's p95 as a ratio to the p95 of the floor (``/ping/``: authentication only) of the same phase.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from server import ROOT, collectstatic, identities, production_env, serving

TARGET_RATIO = 3.0


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def run(database_url: str, *, users: int = 16, seconds: int = 120, single_seconds: int = 60, warmup: int = 10,
        workers: int | None = None) -> dict:
    workers = workers or default_workers()
    with tempfile.TemporaryDirectory(prefix="dost-http-") as tmp:
        env = production_env(database_url, Path(tmp))
        collectstatic(env)
        data = identities(env, max(users, 8))
        if not data["identities"]:
            raise RuntimeError("no officer or viewer to sign in as: generate the data set first")
        ids_file = Path(tmp) / "identities.json"
        ids_file.write_text(json.dumps(data))
        load_before = os.getloadavg()
        with serving(env, workers) as server:
            concurrent = _locust(server.url, ids_file, Path(tmp) / "concurrent.json", users, seconds, warmup)
            single = (_locust(server.url, ids_file, Path(tmp) / "single.json", 1, single_seconds, min(warmup, 3))
                      if single_seconds else None)
            # The dossier queue and its API list alone, as officers who handle dossiers (the comparison the
            # scale issue quotes: 16 users, then one).
            dossiers = {f"{n}_user{'s' if n > 1 else ''}": _locust(server.url, ids_file, Path(tmp) / f"dossiers-{n}.json", n,
                                              max(10, single_seconds), min(warmup, 3), roles="officer",
                                              pages="floor,dossier_queue,api_dossiers")
                        for n in (users, 1)} if single_seconds else None
            # Each alone, as the reference measured its case list: every user calls one page back to back.
            if dossiers is not None:
                for page in ("api_dossiers", "dossier_queue"):
                    dossiers[f"{page}_alone_{users}_users"] = _locust(
                        server.url, ids_file, Path(tmp) / f"{page}-alone.json", users, max(10, single_seconds),
                        min(warmup, 3), roles="officer", pages=page)
            peak = server.peak_rss_mb()
    result = {
        "http": _with_ratios(concurrent),
        "http_setup": {"users": users, "seconds": seconds, "warmup_s": warmup, "gunicorn_workers": workers,
                       # Other work on the machine shows here (the benchmark itself adds about 2-3).
                       "load_average_before": [round(v, 2) for v in load_before],
                       "load_average_after": [round(v, 2) for v in os.getloadavg()],
                       "settings": "dost.settings.production", "tool": "locust (FastHttpUser, closed loop)",
                       "identities": [f"{i['role']} {i['organisation']}" for i in data["identities"][:users]]},
        "memory": {"web_worker_peak_mb": peak},
    }
    if single is not None:
        result["http_single_user"] = _with_ratios(single)
    if dossiers is not None:
        result["http_dossiers"] = {phase: _with_ratios(pages) for phase, pages in dossiers.items()}
    return result


def _locust(url: str, ids_file: Path, out: Path, users: int, seconds: int, warmup: int, roles: str = "",
            pages: str = "") -> dict:
    env = dict(os.environ, BENCH_IDENTITIES=str(ids_file), BENCH_OUT=str(out), BENCH_WARMUP=str(warmup),
               BENCH_ROLES=roles, BENCH_PAGES=pages)
    cmd = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
           "-u", str(users), "-r", str(users), "-t", f"{seconds + warmup}s", "--host", url, "--only-summary",
           "--loglevel", "WARNING", "--stop-timeout", "10"]
    done = subprocess.run(cmd, env=env, cwd=ROOT, check=False, capture_output=True, text=True)
    if not out.exists():
        raise RuntimeError(f"locust wrote no results:\n{done.stderr[-3000:]}")
    return json.loads(out.read_text())["pages"]


def _with_ratios(pages: dict) -> dict:
    floor = (pages.get("floor") or {}).get("p95_ms")
    for name, page in pages.items():
        if floor and page.get("p95_ms") is not None and name != "floor":
            page["p95_vs_floor"] = round(page["p95_ms"] / floor, 2)
    return pages


def table(section: dict, title: str) -> str:
    lines = [title, f"{'page':<22}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}{'×floor':>8}{'err':>6}"]
    for name in sorted(section, key=lambda n: (n != "floor", n)):
        p = section[name]
        ratio = p.get("p95_vs_floor")
        mark = " !" if ratio and ratio > TARGET_RATIO else ""
        lines.append(f"{name:<22}{_f(p.get('p50_ms')):>9}{_f(p.get('p95_ms')):>9}{_f(p.get('p99_ms')):>9}"
                     f"{_f(p.get('rps')):>8}{_f(ratio):>8}{p.get('errors', 0):>6}{mark}")
    return "\n".join(lines)


def _f(value) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, int) else f"{value:.1f}"


if __name__ == "__main__":  # python bench/http_load.py DATABASE_URL [users seconds]
    sys.path.insert(0, str(Path(__file__).parent))
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ["DATABASE_URL"]
    args = [int(a) for a in sys.argv[2:4]]
    res = run(url, users=args[0] if args else 16, seconds=args[1] if len(args) > 1 else 60, single_seconds=20)
    print(table(res["http"], "concurrent"))
    print(table(res["http_single_user"], "one user"))
    for phase, pages in res.get("http_dossiers", {}).items():
        print(table(pages, f"dossiers, {phase}"))
    print(json.dumps(res["memory"]))
