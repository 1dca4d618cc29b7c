"""The read mix of ``make bench``: signed-in users of different organisations over the key pages.

Run by ``bench/http_load.py`` (``locust -f bench/locustfile.py --headless …``) with ``BENCH_IDENTITIES`` (the JSON
written by ``bench/server.py identities``) and ``BENCH_OUT`` (where the exact timings go). Each user is one
identity (round-robin) and requests the pages back to back (a closed loop, no think time), each page equally
often; ids of plans and tasks are drawn from those the identity may see. Response times are recorded here in
full (locust's own percentiles round to two significant digits) and summarised per page after a warm-up.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time

from locust import FastHttpUser, constant, events

DATA = json.loads(open(os.environ["BENCH_IDENTITIES"], encoding="utf-8").read())
PATHS = DATA["paths"]
# BENCH_ROLES / BENCH_PAGES (comma-separated) narrow a phase to some identities and pages.
ROLES = set(filter(None, os.environ.get("BENCH_ROLES", "").split(",")))
PEOPLE = [p for p in DATA["identities"] if not ROLES or p["role"] in ROLES] or DATA["identities"]
WARMUP_S = float(os.environ.get("BENCH_WARMUP", "5"))
SEARCHES = ["ke hoach", "chuyen doi so", "so huu tri tue", "do luong chat luong", "doi moi sang tao"]
_people = itertools.count()
_samples: dict[str, list[float]] = {}
_errors: dict[str, dict[str, int]] = {}
_window: dict[str, float] = {}


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None, exception=None, **_kw):
    now = time.monotonic()
    _window.setdefault("first", now)
    if now - _window["first"] < WARMUP_S:
        return
    _window.setdefault("start", now)
    _window["end"] = now
    status = getattr(response, "status_code", 0) or 0
    if exception is not None or status != 200:
        bucket = _errors.setdefault(name, {})
        key = str(status or type(exception).__name__)
        bucket[key] = bucket.get(key, 0) + 1
        return
    _samples.setdefault(name, []).append(response_time)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


@events.quitting.add_listener
def _summarise(environment, **_kw):
    seconds = max(1e-9, _window.get("end", 0) - _window.get("start", 0))
    pages = {}
    for name in sorted(set(_samples) | set(_errors)):
        values = _samples.get(name, [])
        errors = _errors.get(name, {})
        pages[name] = {
            "requests": len(values),
            "errors": sum(errors.values()),
            "error_codes": errors,
            "p50_ms": round(_percentile(values, 50), 1) if values else None,
            "p95_ms": round(_percentile(values, 95), 1) if values else None,
            "p99_ms": round(_percentile(values, 99), 1) if values else None,
            "rps": round(len(values) / seconds, 2),
        }
    with open(os.environ["BENCH_OUT"], "w", encoding="utf-8") as out:
        json.dump({"seconds": round(seconds, 1), "pages": pages}, out)


class Reader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.me = PEOPLE[next(_people) % len(PEOPLE)]
        self.headers = {"Cookie": f"sessionid={self.me['session']}", "X-Forwarded-Proto": "https",
                        "Accept-Encoding": "gzip"}

    def _get(self, name: str, path: str) -> None:
        with self.client.get(path, name=name, headers=self.headers, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


PAGES = {
    "floor": lambda me: PATHS["floor"],
    "dashboard": lambda me: PATHS["dashboard"],
    "plan_list_search": lambda me: PATHS["plan_list"] + "?q=" + random.choice(SEARCHES).replace(" ", "+"),
    "plan_detail": lambda me: PATHS["plan_detail"].format(id=random.choice(me["plans"])),
    "plan_gantt": lambda me: PATHS["plan_gantt"].format(id=random.choice(me["plans"])),
    "task_detail": lambda me: PATHS["task_detail"].format(id=random.choice(me["tasks"])),
    "dossier_queue": lambda me: PATHS["dossier_queue"],
    "research_portfolio": lambda me: PATHS["research_portfolio"],
    "api_plans": lambda me: "/api/v1/plans/",
    "api_tasks": lambda me: "/api/v1/tasks/",
    "api_progress_reports": lambda me: "/api/v1/progress-reports/",
    "api_dossiers": lambda me: "/api/v1/dossiers/",
}
if "research_portfolio" not in PATHS:  # built by another issue; measured once its URL exists
    del PAGES["research_portfolio"]


def _page(name: str, url):
    def request(user: Reader) -> None:
        user._get(name, url(user.me))

    request.__name__ = name
    return request


ONLY = set(filter(None, os.environ.get("BENCH_PAGES", "").split(",")))
Reader.tasks = [_page(name, url) for name, url in PAGES.items() if not ONLY or name in ONLY]
