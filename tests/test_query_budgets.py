"""SQL query budgets of the key pages and API lists, independent of data size.

Each page is rendered over a small world and again after adding more plans, tasks, partners, milestones
and reports: the count must not grow (no N+1) and must stay within ``query_budgets.json``. Regenerate
the file with ``make query-budgets`` after a deliberate change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD, MilestoneFactory, PlanFactory, ProgressReportFactory, TaskFactory

BUDGET_FILE = Path(__file__).with_name("query_budgets.json")
PAGES = {
    "dashboard": lambda w: reverse("dashboard"),
    "plan_list": lambda w: reverse("plan_list"),
    "plan_list_search": lambda w: reverse("plan_list") + "?q=ke+hoach",
    "plan_detail": lambda w: reverse("plan_detail", args=[w.plan.pk]),
    "task_detail": lambda w: reverse("task_detail", args=[w.task.pk]),
    "review_queue": lambda w: reverse("review_queue"),
    "api_plans": lambda w: "/api/v1/plans/",
    "api_tasks": lambda w: "/api/v1/tasks/",
    "api_progress_reports": lambda w: "/api/v1/progress-reports/",
    "figures_home": lambda w: reverse("figures_home"),
    "indicator_set_detail": lambda w: reverse("indicator_set_detail", args=[w.figures["indicators"].pk]),
    "budget_table_detail": lambda w: reverse("budget_table_detail", args=[w.figures["execution"].pk]),
    "figures_compare": lambda w: reverse("figures_compare") + "?kind=budget&key=phan+thu&measure=executed",
    "figures_charts": lambda w: reverse("figures_charts"),
    "periodic_report_list": lambda w: reverse("periodic_report_list"),
    "periodic_report_detail": lambda w: reverse("periodic_report_detail", args=[w.periodic_report.pk]),
    "api_indicator_sets": lambda w: "/api/v1/indicator-sets/",
    "api_indicator_set": lambda w: f"/api/v1/indicator-sets/{w.figures['indicators'].pk}/",
    "api_budget_tables": lambda w: "/api/v1/budget-tables/",
    "api_periodic_reports": lambda w: "/api/v1/periodic-reports/",
    "dossier_queue": lambda w: reverse("dossier_queue"),
    "api_dossiers": lambda w: "/api/v1/dossiers/",
    "dossier_dashboard": lambda w: reverse("dossier_dashboard"),
    "dossier_detail": lambda w: reverse("dossier_detail", args=[w.dossier.pk]),
}


def _with_figures(world) -> None:
    import datetime

    from dost.figures.demo import seed_sample_figures
    from dost.reports.models import PeriodicReport

    world.figures = seed_sample_figures(world.department, world.users["admin"])
    world.dossier = _dossiers(world, 1)[0]
    world.periodic_report = PeriodicReport.objects.create(
        organisation=world.department, period_kind="h1", start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 6, 30), title="Báo cáo 6 tháng", created_by=world.users["leader"])


def _dossiers(world, n: int) -> list:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dost.core.status import OrganisationKind, Role
    from dost.procedures import dossiers
    from dost.procedures.models import ProcedureStep, ProcedureType, RequiredDocument
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    procedure = ProcedureType.objects.filter(code="TT-QB").first()
    if procedure is None:
        procedure = ProcedureType.objects.create(code="TT-QB", name="Thủ tục thử", organisation=world.department,
                                                 processing_days=10)
        RequiredDocument.objects.create(procedure=procedure, name="Đơn", accepted_formats="pdf")
        for position, kind in enumerate(["receive", "appraise", "approve", "return"]):
            ProcedureStep.objects.create(procedure=procedure, position=position, kind=kind, staff_name=kind,
                                         public_name=kind)
    form = procedure.required_documents.get()
    made = []
    for i in range(n):
        enterprise = OrganisationFactory(name=f"Công ty {i} {procedure.dossiers.count()}",
                                         kind=OrganisationKind.ENTERPRISE)
        applicant = UserFactory()
        MembershipFactory(user=applicant, organisation=enterprise, role=Role.APPLICANT)
        dossier = dossiers.submit(applicant, procedure, enterprise, {"name": "An"},
                                  {form.pk: [SimpleUploadedFile("don.pdf", b"%PDF-1.4 x")]})
        dossier = dossiers.receive(world.users["leader"], dossier)
        dossiers.request_supplement(world.users["leader"], dossier, ["Bản sao giấy phép"])
        dossiers.resubmit(applicant, dossier, {form.pk: [SimpleUploadedFile("don2.pdf", b"%PDF-1.4 y")]})
        made.append(dossier)
    return made


def _grow_figures(world, n: int = 6) -> None:
    _dossiers(world, 4)
    import datetime
    from decimal import Decimal

    from dost.figures import services
    from dost.figures.models import BudgetTable, IndicatorSet
    from dost.reports.models import PeriodicReport

    admin = world.users["admin"]
    indicators, execution = world.figures["indicators"], world.figures["execution"]
    for i in range(n):
        indicators.refresh_from_db()
        execution.refresh_from_db()
        services.add_line(admin, indicators, None, services.LineSpec(1, f"Chỉ tiêu thêm {i}", unit="ĐT"))
        services.add_line(admin, execution, None, services.LineSpec(1, f"Dòng thêm {i}"))
        IndicatorSet.objects.create(organisation=world.unit, year=2020 + i)
        table = BudgetTable.objects.create(organisation=world.department, year=2023, title=f"Bảng {i}",
                                           as_of=datetime.date(2023, 1 + i, 28))
        services.replace_budget_lines(admin, table, [services.LineSpec(1, "Phần thu", values={
            "allocated": Decimal(10 + i), "executed": Decimal(i)})])
        PeriodicReport.objects.create(
            organisation=world.department, period_kind="annual", start=datetime.date(2020 + i, 1, 1),
            end=datetime.date(2020 + i, 12, 31), title=f"Báo cáo năm {2020 + i}", created_by=world.users["leader"])


def _grow(world, n: int = 6) -> None:
    for i in range(n):
        plan = PlanFactory(owner=world.department, title=f"Kế hoạch bổ sung {i}")
        for _ in range(3):
            task = TaskFactory(plan=plan, lead=world.unit)
            task.partners.add(world.other_unit)
            MilestoneFactory(task=task)
            ProgressReportFactory(task=task, author=world.users["officer"])
        child = TaskFactory(plan=world.plan, parent=world.task, lead=world.unit)
        child.partners.add(world.other_unit)
        MilestoneFactory(task=world.task)
        ProgressReportFactory(task=world.task, author=world.users["officer"])


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _budgets() -> dict[str, int]:
    return json.loads(BUDGET_FILE.read_text()) if BUDGET_FILE.exists() else {}


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_query_count_is_bounded(world, page):
    client = Client()
    client.login(username=world.users["leader"].username, password=PASSWORD)
    _with_figures(world)
    url = PAGES[page](world)
    _count(client, url)  # warm caches (content types, sessions)
    small = _count(client, url)
    _grow(world)
    _grow_figures(world)
    large = _count(client, url)
    assert large <= small, f"{page}: {small} queries grew to {large} with more data (N+1)"
    if os.environ.get("DOST_WRITE_QUERY_BUDGETS"):
        budgets = _budgets()
        budgets[page] = large
        BUDGET_FILE.write_text(json.dumps(dict(sorted(budgets.items())), indent=2) + "\n")
        return
    budget = _budgets().get(page)
    assert budget is not None, f"no budget for {page}: run make query-budgets"
    assert large <= budget, f"{page}: {large} queries, budget {budget}"
