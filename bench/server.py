"""dost served as production serves it, for the HTTP benchmarks and the soak test.

gunicorn with ``dost.settings.production`` (``DEBUG=False``, static files collected and served by
WhiteNoise, HSTS, secure cookies, two-factor authentication for leaders and administrators) on the
benchmark's database. The load tool plays a TLS-terminating proxy on 127.0.0.1: it sends
``X-Forwarded-Proto: https`` (production's ``SECURE_PROXY_SSL_HEADER``), so no request is redirected, and the
cookies lose their Secure flag (``DOST_INSECURE_COOKIES=1``, the switch production.py already has) so that a
plain-HTTP client sends them back. Signed-in users are officers and viewers (no second factor in
production) of several organisations; their sessions are created directly in the session store.

``python bench/server.py identities N`` (run by :func:`identities` under the same settings) prints them.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def production_env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "dost.settings.production",
        "DATABASE_URL": database_url,
        "DOST_SECRET_KEY": env.get("DOST_SECRET_KEY") or secrets.token_urlsafe(50),
        "DOST_ALLOWED_HOSTS": f"{HOST},localhost",
        "DOST_INSECURE_COOKIES": "1",
        "DOST_DATA_DIR": str(data_dir),
        # Persistent database connections, as a production deployment configures them.
        "DOST_CONN_MAX_AGE": env.get("DOST_CONN_MAX_AGE", "60"),
        "DOST_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DOST_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT / "src"),
    })
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def collectstatic(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"], env=env, check=True,
                   cwd=ROOT)


def identities(env: dict[str, str], count: int) -> dict:
    """Signed-in users of different organisations, with the ids of records they may see, and the paths of
    the pages (JSON from a child process running under the benchmark's settings)."""
    done = subprocess.run([sys.executable, str(Path(__file__)), "identities", str(count)], env=env,
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"identities: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


class Server:
    """A running gunicorn; ``peak_rss_mb()`` is the largest peak resident size among its workers."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.env, self.workers = env, workers
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [sys.executable, "-m", "gunicorn", "dost.wsgi:application", "--bind", f"{HOST}:{self.port}",
               "--workers", str(self.workers), "--worker-tmp-dir", "/dev/shm", "--timeout", "120",
               "--graceful-timeout", "10", "--log-level", "warning", "--forwarded-allow-ips", HOST]
        self.proc = subprocess.Popen(cmd, env=self.env, cwd=ROOT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}")
            try:
                request = urllib.request.Request(f"{self.url}/health/", headers=PROXY_HEADERS)
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer /health/ within 90 s")

    def worker_pids(self) -> list[int]:
        if self.proc is None:
            return []
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def peak_rss_mb(self) -> float | None:
        """VmHWM (peak resident set) of the largest worker, in MB."""
        peaks = []
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
            except OSError:
                continue
        return round(max(peaks), 1) if peaks else None

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@contextmanager
def serving(env: dict[str, str], workers: int):
    server = Server(env, workers)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# ------------------------------------------------------------------------------------- Django side


def _paths() -> dict[str, str]:
    """Paths of the measured pages; ``{id}`` stands for a record id. A page whose URL name does not resolve
    (not built yet) is left out."""
    from django.urls import NoReverseMatch, reverse

    names = {"floor": ("ping", False), "dashboard": ("dashboard", False), "plan_list": ("plan_list", False),
             "plan_detail": ("plan_detail", True), "plan_gantt": ("plan_gantt", True),
             "task_detail": ("task_detail", True), "dossier_queue": ("dossier_queue", False),
             "dossier_detail": ("dossier_detail", True), "dossier_action": ("dossier_action", True),
             "research_portfolio": ("research_portfolio", False)}
    paths = {}
    for key, (name, with_id) in names.items():
        try:
            path = reverse(name, args=[987654321] if with_id else [])
        except NoReverseMatch:
            continue
        paths[key] = path.replace("987654321", "{id}")
    return paths


def signed_in(user) -> str:
    """A session key of ``user`` signed in with the model backend (no login request, no password)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _identities(count: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Q
    from django.utils.crypto import get_random_string

    from dost.core.models import Membership
    from dost.core.status import Role
    from dost.core.text import fold
    from dost.plans.models import Plan, Task
    from dost.plans.permissions import visible_plans
    from dost.scale import REPORT_PROVINCE

    # Officers of a unit and viewers of a Department, spread over the provinces (one identity per
    # organisation); never leaders or administrators, whom production holds to a second factor.
    memberships = list(Membership.objects.filter(role__in=[Role.OFFICER, Role.VIEWER])
                       .filter(Q(user__username__startswith="cv_") | Q(user__username__startswith="xem_"))
                       .exclude(user__username__contains=f"_{fold(REPORT_PROVINCE).replace(' ', '')}_")
                       .select_related("user", "organisation").order_by("organisation__path"))
    by_province: dict[str, list] = {}
    for m in memberships:
        by_province.setdefault(m.organisation.path.strip("/").split("/")[0], []).append(m)
    picked, rounds = [], max((len(v) for v in by_province.values()), default=0)
    for r in range(rounds):  # round-robin over the provinces, each starting one further along its list,
        for j, members in enumerate(by_province.values()):  # so viewers and officers of units alternate
            member = members[(r + j) % len(members)]
            if r < len(members) and len(picked) < count and member not in picked:
                picked.append(member)
    User = get_user_model()
    out = []
    year = max(Plan.objects.order_by("-date_year").values_list("date_year", flat=True)[:1] or [0])
    for m in picked:
        user: User = m.user  # type: ignore[valid-type]
        session_key = signed_in(user)
        plans = list(visible_plans(user).order_by("-date_year", "-id").values_list("id", flat=True)[:40])
        tasks = list(Task.objects.filter(plan_id__in=plans).order_by("id").values_list("id", flat=True)[::7][:200])
        own = list(Task.objects.filter(plan_id__in=plans, plan__date_year=year, lead=m.organisation)
                   .order_by("id").values_list("id", flat=True)[:200]) if m.role == Role.OFFICER else []
        out.append({"username": user.username, "role": m.role, "organisation": m.organisation.name,
                    "organisation_id": m.organisation_id, "user_id": user.pk,
                    "session": session_key, "csrf": get_random_string(32),
                    "plans": plans, "tasks": tasks, "own_tasks": own})
    return {"identities": out, "paths": _paths()}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "identities":
        print(json.dumps(_identities(int(sys.argv[2]))))
    else:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
