"""``make soak``: concurrent users reading and writing for a while on gunicorn + PostgreSQL; every write a
client saw acknowledged must be stored, and nothing else; no response may be a server error.

    python bench/soak.py [--duration 600] [--users 50]

Steps: a fresh database (``SOAK_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/dost_soak``) with
the province data set; soak officers of the Department's units, each with its own submitted dossiers of a
procedure with steps and, when the councils app is installed, a seat on a council whose round is scoring;
gunicorn with production settings (``bench/server.py``); locust (``bench/soakfile.py``) with ``users`` users
for ``duration`` seconds; then, with the server stopped, the check (``verify``): the progress reports by the
soak officers are exactly the acknowledged ids, each soak dossier has exactly the acknowledged step events,
the round's score sheets are exactly the acknowledged (entry, member) pairs. Results go to
``bench/results/soak-latest.json`` (and a dated copy); the exit status is 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/dost_soak"
DOSSIERS_PER_USER = 40
ENTRIES = 40


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", "600")))
    parser.add_argument("--users", type=int, default=int(os.environ.get("USERS", "50")))
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    from run import recreate_postgres
    from server import collectstatic, production_env, serving

    database_url = os.environ.get("SOAK_DATABASE_URL", DEFAULT_DATABASE)
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="dost-soak-"))
    try:
        _say("database: fresh, with the province data set")
        recreate_postgres(database_url)
        env = production_env(database_url, tmp)
        _child(env, "prepare")
        collectstatic(env)
        _say(f"soak officers, dossiers and council for {args.users} users")
        data = _child(env, "setup", str(args.users))
        ids_file, out = tmp / "identities.json", tmp / "soak.json"
        ids_file.write_text(json.dumps(data))
        with serving(env, workers) as server:
            _say(f"{args.users} users for {args.duration} s on gunicorn ({workers} workers)")
            cmd = [sys.executable, "-m", "locust", "-f", str(BENCH / "soakfile.py"), "--headless",
                   "-u", str(args.users), "-r", str(max(1, args.users // 5)), "-t", f"{args.duration}s",
                   "--host", server.url, "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "30"]
            done = subprocess.run(cmd, env=dict(os.environ, SOAK_IDENTITIES=str(ids_file), SOAK_OUT=str(out)),
                                  cwd=ROOT, check=False, capture_output=True, text=True)
            peak = server.peak_rss_mb()
        if not out.exists():
            raise RuntimeError(f"locust wrote no results:\n{done.stderr[-3000:]}")
        log = json.loads(out.read_text())
        _say("checking what is stored against what was acknowledged")
        check = _child(env, "verify", str(out), data["since"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "date": datetime.date.today().isoformat(), "users": args.users, "duration_s": args.duration,
        "gunicorn_workers": workers, "database": database_url.split("@")[-1], "web_worker_peak_mb": peak,
        "councils": data["councils"],
        "writes": {kind: {"attempted": log["attempts"].get(key, 0), "acknowledged": len(log[kind]),
                          **check[kind]}
                   for kind, key in (("progress_reports", "progress_report"), ("dossier_steps", "dossier_step"),
                                     ("score_sheets", "score_sheet"))},
        "refused": log["refused"], "client_errors": log["client_errors"],
        "server_errors": len(log["server_errors"]), "server_error_samples": log["server_errors"][:10],
        "latency": log["latency"], "soak_s": round(time.monotonic() - started, 1),
    }
    result["ok"] = result["server_errors"] == 0 and all(
        w["missing"] == 0 and w["unexpected"] == 0 for w in result["writes"].values())
    out_dir = BENCH / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    latest = out_dir / "soak-latest.json"
    latest.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    shutil.copy(latest, out_dir / f"soak-{datetime.date.today().isoformat()}.json")
    print(f"{'write':<18}{'attempted':>10}{'acked':>8}{'stored':>8}{'missing':>9}{'unexpected':>11}")
    for kind, w in result["writes"].items():
        print(f"{kind:<18}{w['attempted']:>10}{w['acknowledged']:>8}{w['stored']:>8}{w['missing']:>9}"
              f"{w['unexpected']:>11}")
    print(f"server errors (5xx): {result['server_errors']}; refused writes: {result['refused'] or 'none'}; "
          f"4xx: {result['client_errors'] or 'none'}")
    print(f"{'OK' if result['ok'] else 'FAILED'} — written: {latest.relative_to(ROOT)}")
    return 0 if result["ok"] else 1


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _child(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run([sys.executable, str(Path(__file__)), *args], env=dict(env, PYTHONPATH=f"{env['PYTHONPATH']}"
                                                                                  f"{os.pathsep}{BENCH}"),
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"bench/soak.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------- Django side


def _prepare() -> dict:
    from django.core.management import call_command

    from dost.core.audit import acting_as
    from dost.scale import generate

    call_command("migrate", verbosity=0)
    with acting_as(None, "soak"):
        counts = generate("province").counts
    return {"dataset": counts}


def _setup(users: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from django.utils.crypto import get_random_string
    from server import _paths, signed_in

    from dost.core.audit import acting_as
    from dost.core.models import Membership, Organisation
    from dost.core.status import DossierStatus, Role
    from dost.plans.models import Plan, Task
    from dost.procedures.models import Dossier, ProcedureStep, ProcedureType
    from dost.scale import DEPARTMENT_PREFIX

    User = get_user_model()
    department = Organisation.objects.filter(name__startswith=DEPARTMENT_PREFIX).order_by("id").first()
    units = list(department.children.order_by("id"))
    leader = Membership.objects.filter(organisation=department, role=Role.LEADER).first().user
    year = timezone.localdate().year
    since = timezone.now().isoformat()
    with acting_as(leader, "soak"), transaction.atomic():
        procedure = ProcedureType.objects.create(code="SOAK", name="Thủ tục thử tải", organisation=department,
                                                 processing_days=10, code_prefix="SOAK")
        for position, kind in enumerate(["receive", "appraise", "appraise", "approve", "return"]):
            ProcedureStep.objects.create(procedure=procedure, position=position, kind=kind, staff_name=kind,
                                         public_name=kind)
        enterprise = Organisation.objects.filter(kind="enterprise", path__startswith=department.parent.path).first()
        people = []
        for i in range(users):
            unit = units[i % len(units)]
            user = User.objects.create_user(f"soak_{i + 1:03d}", password=None, first_name=f"Thử tải {i + 1}")
            Membership.objects.create(user=user, organisation=unit, role=Role.OFFICER, position="Chuyên viên")
            people.append((user, unit))
        rows = [Dossier(procedure=procedure, public_code=f"SOAK-{i + 1:03d}-{n + 1:03d}",
                        access_code=get_random_string(10), applicant=enterprise, contact_name="Người liên hệ",
                        status=DossierStatus.SUBMITTED, submitted_at=timezone.now(), assigned_to=user)
                for i, (user, _unit) in enumerate(people) for n in range(DOSSIERS_PER_USER)]
        Dossier.objects.bulk_create(rows, batch_size=2000)
        entries_by_user, councils = _council(department, leader, [u for u, _ in people])
    plans = list(Plan.objects.filter(owner=department, date_year=year).values_list("id", flat=True))
    out = []
    for user, unit in people:
        out.append({
            "username": user.username, "user_id": user.pk, "role": "officer", "organisation": unit.name,
            "session": signed_in(user), "csrf": get_random_string(32),
            "tasks": list(Task.objects.filter(plan_id__in=plans).order_by("id").values_list("id", flat=True)[:300]),
            "own_tasks": list(Task.objects.filter(plan_id__in=plans, lead=unit).order_by("id")
                              .values_list("id", flat=True)[:300]),
            "dossiers": list(Dossier.objects.filter(procedure=procedure, assigned_to=user).order_by("id")
                             .values_list("id", flat=True)),
            "entries": entries_by_user.get(user.pk, []),
        })
    paths = _paths()
    try:
        from django.urls import reverse

        paths["council_entry_sheet"] = reverse("council_entry_sheet", args=[987654321]).replace("987654321", "{id}")
    except Exception:  # noqa: BLE001 - the councils app is optional here
        pass
    return {"identities": out, "paths": paths, "since": since, "councils": councils}


def _council(department, leader, users) -> tuple[dict[int, list[int]], bool]:
    """A council of the Department with every soak officer seated, one round scoring ``ENTRIES`` entries."""
    try:
        from dost.councils import services
        from dost.councils.defaults import IDENTIFICATION, seed_default_rule_sets
    except ImportError:
        return {}, False
    from dost.core.status import CouncilRole

    rule_set = seed_default_rule_sets()[IDENTIFICATION]
    roles = [CouncilRole.CHAIR, CouncilRole.SECRETARY]
    members = [services.MemberSpec(name=u.first_name or u.username, user=u,
                                   role=roles[i] if i < len(roles) else CouncilRole.MEMBER)
               for i, u in enumerate(users)]
    council = services.create_council(name="Hội đồng thử tải", purpose=rule_set.purpose, organisation=department,
                                      rule_set=rule_set, by=leader, members=members)
    rnd = services.open_round(council, title="Phiên thử tải", by=leader)
    entries = [services.add_entry(rnd, title=f"Đề xuất thử tải {n + 1}", code=f"S{n + 1:03d}", by=leader).pk
               for n in range(ENTRIES)]
    services.start_scoring(rnd, present=list(council.members.all()), by=leader)
    return {u.pk: list(entries) for u in users}, True


def _verify(log_file: str, since: str) -> dict:
    """Stored versus acknowledged, per kind of write: counts of missing (acknowledged, not stored) and
    unexpected (stored, never acknowledged)."""
    from collections import Counter

    from django.utils.dateparse import parse_datetime

    from dost.plans.models import ProgressReport
    from dost.procedures.models import DossierEvent

    log = json.loads(Path(log_file).read_text())
    start = parse_datetime(since)
    out = {}
    acked = set(log["progress_reports"])
    stored = set(ProgressReport.objects.filter(author__username__startswith="soak_", created_at__gte=start)
                 .values_list("id", flat=True))
    out["progress_reports"] = {"stored": len(stored), "missing": len(acked - stored),
                               "unexpected": len(stored - acked)}
    acked_steps = Counter((d, a) for d, a in log["dossier_steps"])
    stored_steps = Counter(DossierEvent.objects.filter(dossier__procedure__code="SOAK", at__gte=start,
                                                       action__in=["receive", "advance"])
                           .values_list("dossier_id", "action"))
    out["dossier_steps"] = {"stored": sum(stored_steps.values()),
                            "missing": sum((acked_steps - stored_steps).values()),
                            "unexpected": sum((stored_steps - acked_steps).values())}
    acked_sheets = {(e, u) for e, u in log["score_sheets"]}
    try:
        from dost.councils.models import ScoreSheet

        stored_sheets = set(ScoreSheet.objects.filter(entry__round__title="Phiên thử tải")
                            .values_list("entry_id", "member__user_id"))
    except ImportError:
        stored_sheets = set()
    out["score_sheets"] = {"stored": len(stored_sheets), "missing": len(acked_sheets - stored_sheets),
                           "unexpected": len(stored_sheets - acked_sheets)}
    return out


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("prepare", "setup", "verify"):
        import django

        django.setup()
        command = sys.argv[1]
        if command == "prepare":
            print(json.dumps(_prepare()))
        elif command == "setup":
            print(json.dumps(_setup(int(sys.argv[2]))))
        else:
            print(json.dumps(_verify(sys.argv[2], sys.argv[3])))
    else:
        raise SystemExit(main())
