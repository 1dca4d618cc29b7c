"""The Django side of the benchmarks, run by ``bench/run.py`` in child processes on the benchmark's database
(``DATABASE_URL``), each printing one JSON document:

- ``generate SCALE``: migrate, generate the data set (``dost.scale.generate``) and the annual-report
  province (2 000 tasks), with counts, time and the database's size on disk;
- ``counts``: the counts of a data set generated earlier (``BENCH_REUSE=1``);
- ``report``: a province's annual report with its appendices for the province with 2 000 tasks, generated as
  the task worker does it (.docx and .xlsx, the .docx checked by ``dost verify``, stored), then its PDF
  (the follow-up task), each timed, with the process's peak memory (it plays the task worker);
- ``explain``: the SQL of the key pages, as one signed-in officer runs them, with the query plans of the
  slowest queries of each page (``EXPLAIN ANALYZE`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on SQLite).
"""

from __future__ import annotations

import datetime
import json
import os
import resource
import sys
import time

import django

REPORT_TASKS = 2000


def generate(scale: str) -> dict:
    from django.core.management import call_command

    from dost.core.audit import acting_as
    from dost.scale import database_size_bytes, generate, generate_report_province

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    migrate_s = time.monotonic() - started
    with acting_as(None, "bench"):
        result = generate(scale)
        report = generate_report_province(REPORT_TASKS)
    return {"dataset": {"scale": scale, **result.counts, "generation_s": round(result.seconds, 1),
                        "migrate_s": round(migrate_s, 1), "report_province_tasks": report.counts["tasks"],
                        "report_province_s": round(report.seconds, 1), "database_bytes": database_size_bytes()}}


def counts() -> dict:
    """Counts of the data set in the database (generated earlier); adds the annual-report province if absent."""
    from django.contrib.auth import get_user_model

    from dost.core.audit import acting_as
    from dost.core.models import Organisation
    from dost.councils.models import Entry, Round, ScoreSheet
    from dost.plans.models import Milestone, Plan, ProgressReport, Task
    from dost.procedures.models import Dossier
    from dost.research.models import Project
    from dost.scale import DEPARTMENT_PREFIX, REPORT_PROVINCE, database_size_bytes, generate_report_province

    if not Organisation.objects.filter(name=f"{DEPARTMENT_PREFIX} {REPORT_PROVINCE}").exists():
        with acting_as(None, "bench"):
            generate_report_province(REPORT_TASKS)
    models = {"organisations": Organisation, "users": get_user_model(), "plans": Plan, "tasks": Task,
              "milestones": Milestone, "progress_reports": ProgressReport, "dossiers": Dossier,
              "research_projects": Project, "council_rounds": Round, "council_entries": Entry,
              "score_sheets": ScoreSheet}
    return {"dataset": {name: model._base_manager.count() for name, model in models.items()}
            | {"database_bytes": database_size_bytes(), "reused": True}}


def report() -> dict:
    """The annual report of the 2 000-task province, generated as the worker does it (``reports.services.
    generate``: .docx and .xlsx rendered, the .docx checked, stored; the report is then ready), then its PDF
    (``attach_pdf``, the follow-up task: LibreOffice converts the checked .docx), each timed."""
    from dost.core.models import Membership, Organisation
    from dost.core.status import Role
    from dost.reports import services
    from dost.reports.models import PeriodKind
    from dost.scale import DEPARTMENT_PREFIX, REPORT_PROVINCE

    department = Organisation.objects.get(name=f"{DEPARTMENT_PREFIX} {REPORT_PROVINCE}")
    leader = Membership.objects.filter(organisation=department, role=Role.LEADER).first().user
    steps: dict[str, float] = {}
    render = services.render

    def timed_render(*args, **kwargs):
        rendered = render(*args, **kwargs)
        steps.update(rendered.timings)
        return rendered

    services.render = timed_render
    report = services.request_report(leader, department, PeriodKind.ANNUAL, datetime.date.today().year - 1)
    started = time.monotonic()
    services.generate(report)
    generated = time.monotonic() - started
    docx = services.files_of(report).get(purpose="report-docx")
    started = time.monotonic()
    services.attach_pdf(report, docx.pk)
    pdf = time.monotonic() - started
    files = {f.purpose.removeprefix("report-"): f.size for f in services.files_of(report)}
    return {
        "report": {"province_annual_s": round(generated, 2), "pdf_s": round(pdf, 2),
                   "with_pdf_s": round(generated + pdf, 2), "tasks": report.summary.get("tasks"),
                   "status": report.status, "findings": len(report.findings), "steps_s": steps, "bytes": files},
        "memory": {"report_worker_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)},
    }


def explain() -> dict:
    """The slowest queries of each key page and their plans, as a signed-in officer of a unit loads it."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from server import signed_in

    from dost.core.models import Membership
    from dost.core.status import Role
    from dost.plans.models import Task
    from dost.plans.permissions import visible_plans

    member = (Membership.objects.filter(role=Role.OFFICER, user__username__startswith="cv_")
              .select_related("user", "organisation").order_by("organisation__path").first())
    if member is None:
        return {"query_plans": {}}
    user = member.user
    plan = visible_plans(user).order_by("-date_year", "-id").first()
    task = Task.objects.filter(plan=plan).order_by("id").first()
    pages = {"floor": ("ping", []), "dashboard": ("dashboard", []), "plan_list_search": ("plan_list", []),
             "plan_detail": ("plan_detail", [plan.pk]), "plan_gantt": ("plan_gantt", [plan.pk]),
             "task_detail": ("task_detail", [task.pk]), "dossier_queue": ("dossier_queue", []),
             "research_portfolio": ("research_portfolio", [])}
    urls = {}
    for key, (name, args) in pages.items():
        try:
            urls[key] = reverse(name, args=args) + ("?q=chuyen+doi+so" if key == "plan_list_search" else "")
        except NoReverseMatch:
            continue
    urls |= {f"api_{k}": f"/api/v1/{k.replace('_', '-')}/" for k in ("plans", "tasks", "progress_reports",
                                                                      "dossiers")}
    client = Client()
    client.cookies["sessionid"] = signed_in(user)
    out: dict = {"_user": f"{member.get_role_display()} {member.organisation.name}", "_backend": connection.vendor}
    for key, url in urls.items():
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
        timed = sorted(((_time(sql), sql) for sql in queries), reverse=True)[:3]
        out[key] = {"status": response.status_code, "queries": len(captured.captured_queries),
                    "slowest": [{"ms": round(ms, 2), "sql": sql[:2000], "plan": _plan(sql)} for ms, sql in timed]}
    return {"query_plans": out}


def _time(sql: str) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        return (time.perf_counter() - started) * 1000


def _plan(sql: str) -> list[str]:
    from django.db import connection

    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return [" | ".join(str(c) for c in row) for row in cursor.fetchall()]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dost.settings.base")
    django.setup()
    command = sys.argv[1] if len(sys.argv) > 1 else "generate"
    if command == "generate":
        result = generate(sys.argv[2] if len(sys.argv) > 2 else "province")
    elif command == "counts":
        result = counts()
    elif command == "report":
        result = report()
    elif command == "explain":
        result = explain()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
