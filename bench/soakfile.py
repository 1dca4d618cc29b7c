"""The soak mix (``bench/soak.py``): signed-in officers reading and writing through the real pages and API.

Each locust user is one soak officer (``SOAK_IDENTITIES``) with its own dossiers, so that it knows what each
dossier's next step is. Writes:

- a progress report through the API (``POST /api/v1/progress-reports/``): acknowledged = 201 with its id;
- a dossier step through the dossier action page (receive, then advance twice): acknowledged = the redirect
  lands on the dossier page with a success message (the page shows what the server did);
- a council score sheet through the member's sheet page (when the councils app is there): acknowledged =
  the redirect lands on the entry's page with a success message.

Every acknowledged write is recorded (``SOAK_OUT``) for ``bench/soak.py verify``, with every 5xx. Reads: the
dashboard, the plan list with a search, a task, the dossier queue, the API lists.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time

from locust import HttpUser, between, events, task

DATA = json.loads(open(os.environ["SOAK_IDENTITIES"], encoding="utf-8").read())
PEOPLE, PATHS = DATA["identities"], DATA["paths"]
_people = itertools.count()
LOG: dict = {"progress_reports": [], "dossier_steps": [], "score_sheets": [], "server_errors": [],
             "client_errors": {}, "refused": {}, "attempts": {}, "latency_ms": {}}
SUCCESS = 'class="alert alert-success'
STEPS = ("receive", "advance", "advance")


def _count(kind: str, key: str) -> None:
    LOG[key][kind] = LOG[key].get(kind, 0) + 1


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None, exception=None, **_kw):
    LOG["latency_ms"].setdefault(name, []).append(round(response_time, 1))
    status = getattr(response, "status_code", 0) or 0
    if 400 <= status < 500:
        key = f"{name} {status}"
        LOG["client_errors"][key] = LOG["client_errors"].get(key, 0) + 1
    if status >= 500 or exception is not None:
        LOG["server_errors"].append({"name": name, "status": status, "error": str(exception or "")[:200]})


@events.quitting.add_listener
def _write(environment, **_kw):
    latency = LOG.pop("latency_ms")
    LOG["latency"] = {name: {"requests": len(v), "p50_ms": _pct(v, 50), "p95_ms": _pct(v, 95), "p99_ms": _pct(v, 99)}
                      for name, v in sorted(latency.items())}
    with open(os.environ["SOAK_OUT"], "w", encoding="utf-8") as out:
        json.dump(LOG, out)


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


class Officer(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.me = PEOPLE[next(_people) % len(PEOPLE)]
        host = self.host.split("://", 1)[1]
        self.origin = f"https://{host}"
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": self.origin,
                                    "Referer": f"{self.origin}/"})
        self.client.cookies.set("sessionid", self.me["session"])
        self.client.cookies.set("csrftoken", self.me["csrf"])
        self.dossiers = [[d, 0] for d in self.me["dossiers"]]  # [id, steps done]
        self.entries = list(self.me["entries"])

    # ------------------------------------------------------------------------------------------- reads

    def _get(self, name: str, path: str) -> None:
        self.client.get(path, name=name, allow_redirects=False)

    @task(3)
    def dashboard(self) -> None:
        self._get("dashboard", PATHS["dashboard"])

    @task(3)
    def plan_list(self) -> None:
        self._get("plan_list_search", PATHS["plan_list"] + "?q=ke+hoach")

    @task(3)
    def task_detail(self) -> None:
        self._get("task_detail", PATHS["task_detail"].format(id=random.choice(self.me["tasks"])))

    @task(2)
    def dossier_queue(self) -> None:
        self._get("dossier_queue", PATHS["dossier_queue"])

    @task(3)
    def api_lists(self) -> None:
        name = random.choice(["plans", "tasks", "progress-reports", "dossiers"])
        self._get(f"api_{name.replace('-', '_')}", f"/api/v1/{name}/")

    # ------------------------------------------------------------------------------------------ writes

    @task(4)
    def progress_report(self) -> None:
        if not self.me["own_tasks"]:
            return
        _count("progress_report", "attempts")
        payload = {"task": random.choice(self.me["own_tasks"]), "report_date": time.strftime("%Y-%m-%d"),
                   "period_label": "Soak", "percent": str(random.randint(0, 100)),
                   "narrative": "Báo cáo tiến độ (soak)", "difficulties": ""}
        with self.client.post("/api/v1/progress-reports/", json=payload, name="write_progress_report",
                              headers={"X-CSRFToken": self.me["csrf"]}, catch_response=True) as response:
            if response.status_code == 201:
                LOG["progress_reports"].append(response.json()["id"])
            else:
                _count(f"progress_report {response.status_code}", "refused")
                if response.status_code < 500:
                    response.success()

    @task(2)
    def dossier_step(self) -> None:
        pending = [d for d in self.dossiers if d[1] < len(STEPS)]
        if not pending:
            return
        dossier = pending[0]
        action = STEPS[dossier[1]]
        _count("dossier_step", "attempts")
        path = PATHS["dossier_action"].format(id=dossier[0])
        with self.client.post(path, data={"action": action, "comment": "soak",
                                          "csrfmiddlewaretoken": self.me["csrf"]},
                              name="write_dossier_step", catch_response=True) as response:
            if response.status_code == 200 and SUCCESS in response.text:
                LOG["dossier_steps"].append([dossier[0], action])
                dossier[1] += 1
            else:
                _count(f"dossier_step {response.status_code}", "refused")
                if response.status_code < 500:
                    response.success()
                dossier[1] = len(STEPS)  # leave a dossier whose step was refused

    @task(2)
    def score_sheet(self) -> None:
        if not self.entries:
            return
        entry = self.entries.pop(0)
        _count("score_sheet", "attempts")
        with self.client.post(PATHS["council_entry_sheet"].format(id=entry),
                              data={"verdict": random.choice(["1", "0"]), "comment": "soak",
                                    "csrfmiddlewaretoken": self.me["csrf"]},
                              name="write_score_sheet", catch_response=True) as response:
            if response.status_code == 200 and SUCCESS in response.text:
                LOG["score_sheets"].append([entry, self.me["user_id"]])
            else:
                _count(f"score_sheet {response.status_code}", "refused")
                if response.status_code < 500:
                    response.success()
