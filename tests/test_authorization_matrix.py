"""The authorization matrix, generated from the URL conf and the OpenAPI document.

Every URL pattern and every API operation must have an entry here; a new one without an entry fails
``test_every_url_has_an_entry`` / ``test_every_api_operation_has_an_entry``. Roles, in this order:
anonymous, viewer of the Department, officer of the lead unit, officer of another unit, leader of the
Department, administrator.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator

from tests.authz import MODULES
from tests.factories import PASSWORD

ROLES = ("anonymous", "viewer", "officer", "other_officer", "leader", "admin")
EXCLUDED_NAMESPACES = {"admin"}  # Django admin enforces is_staff itself; see test_admin_requires_staff


def _url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns in EXCLUDED_NAMESPACES or str(pattern.pattern).startswith("api/"):
                    continue
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


# name: (method, object for the URL, (anonymous, viewer, officer, other_officer, leader, admin))
PAGES = {
    "login": ("GET", None, (200, 302, 302, 302, 302, 302)),
    "logout": ("POST", None, (302, 302, 302, 302, 302, 302)),
    "health": ("GET", None, (200, 200, 200, 200, 200, 200)),
    "ping": ("GET", None, (302, 200, 200, 200, 200, 200)),  # the benchmarks' floor: authentication only
    "two_factor_setup": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "two_factor_qr": ("GET", None, (302, 404, 404, 404, 404, 404)),  # only while a device is being enrolled
    "two_factor_verify": ("GET", None, (302, 302, 302, 302, 302, 302)),  # no device yet: to enrolment
    "two_factor_backup_codes": ("GET", None, (302, 302, 302, 302, 302, 302)),  # shown once after enrolment
    "openapi": ("GET", None, (200, 200, 200, 200, 200, 200)),
    "set_language": ("POST", None, (302, 302, 302, 302, 302, 302)),
    "dashboard": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "plan_list": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "review_queue": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "plan_create": ("GET", None, (302, 403, 200, 200, 200, 200)),
    "plan_detail": ("GET", "plan", (302, 200, 200, 403, 200, 200)),
    "plan_gantt": ("GET", "plan", (302, 200, 200, 403, 200, 200)),
    "plan_history": ("GET", "plan", (302, 200, 200, 403, 200, 200)),
    "plan_edit": ("GET", "plan", (302, 403, 403, 403, 200, 200)),
    "plan_attach": ("POST", "plan", (302, 403, 403, 403, 302, 302)),
    "task_create": ("GET", "plan", (302, 403, 403, 403, 200, 200)),
    "task_detail": ("GET", "task", (302, 200, 200, 403, 200, 200)),
    "task_history": ("GET", "task", (302, 200, 200, 403, 200, 200)),
    "task_edit": ("GET", "task", (302, 403, 200, 403, 200, 200)),
    "task_override": ("POST", "task", (302, 403, 302, 403, 302, 302)),
    "report_create": ("POST", "task", (302, 403, 400, 403, 400, 400)),
    "report_submit": ("POST", "draft", (302, 403, 302, 403, 403, 403)),
    "report_review": ("POST", "report", (302, 403, 403, 403, 302, 302)),
    "import_new": ("GET", None, (302, 403, 200, 200, 200, 200)),
    "import_job": ("GET", "job", (302, 403, 403, 403, 200, 200)),
    "import_confirm": ("POST", "job", (302, 403, 403, 403, 302, 302)),
    "import_retry": ("POST", "job", (302, 403, 403, 403, 302, 302)),
    "attachment_download": ("GET", "attachment", (302, 200, 200, 403, 200, 200)),
    "figures_home": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "figures_charts": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "figures_compare": ("GET", None, (302, 403, 403, 403, 200, 200)),
    "indicator_set_create": ("GET", None, (302, 403, 200, 200, 200, 200)),
    "indicator_set_detail": ("GET", "indicator_set", (302, 200, 403, 403, 200, 200)),
    "indicator_set_edit": ("GET", "indicator_set", (302, 403, 403, 403, 200, 200)),
    "indicator_set_refresh": ("POST", "indicator_set", (302, 403, 403, 403, 302, 302)),
    "budget_table_create": ("GET", None, (302, 403, 200, 200, 200, 200)),
    "budget_table_detail": ("GET", "budget_table", (302, 200, 403, 403, 200, 200)),
    "budget_table_edit": ("GET", "budget_table", (302, 403, 403, 403, 200, 200)),
    "figures_line_add": ("POST", "indicator_set", (302, 403, 403, 403, 302, 302), {"kind": "indicators"}),
    "figures_line_delete": ("GET", "budget_line", (302, 403, 403, 403, 200, 200), {"kind": "budgets"}),
    "figures_export": ("GET", "budget_table", (302, 200, 403, 403, 200, 200), {"kind": "budgets"}),
    "figures_import_upload": ("POST", "indicator_set", (302, 403, 403, 403, 302, 302), {"kind": "indicators"}),
    "figures_import": ("GET", "sheet_import", (302, 403, 403, 403, 200, 200)),
    "periodic_report_list": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "periodic_report_create": ("GET", None, (302, 403, 200, 200, 200, 200)),
    "periodic_report_detail": ("GET", "periodic_report", (302, 200, 403, 403, 200, 200)),
    "periodic_report_regenerate": ("POST", "periodic_report", (302, 403, 403, 403, 302, 302)),
    "verify_upload": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "dossier_queue": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "grants_programme_list": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "grants_programme_detail": ("GET", "programme", (302, 200, 200, 200, 200, 200)),
    "grants_report": ("GET", "programme", (302, 200, 200, 200, 200, 200), {"report": "demand"}),
    "grants_report_xlsx": ("GET", "programme", (302, 200, 200, 200, 200, 200), {"report": "demand"}),
    "grants_appraise": ("POST", "application", (302, 403, 302, 302, 302, 302)),
    "grants_decide": ("POST", "application", (302, 403, 403, 403, 302, 302)),
    "grants_payment": ("POST", "application", (302, 403, 302, 302, 302, 302)),
    "grants_reject": ("POST", "application", (302, 403, 302, 302, 302, 302)),
    "grants_apply": ("POST", "dossier", (302, 403, 302, 302, 302, 302), {"dossier_pk": None}),
    "applicant_register": ("GET", None, (200, 200, 200, 200, 200, 200)),
    "public_lookup": ("GET", None, (200, 200, 200, 200, 200, 200)),
    "applicant_home": ("GET", None, (302, 403, 403, 403, 403, 403)),
    "applicant_procedures": ("GET", None, (302, 403, 403, 403, 403, 403)),
    "applicant_submit": ("GET", "procedure", (302, 403, 403, 403, 403, 403)),
    "applicant_dossier": ("GET", "dossier", (302, 403, 403, 403, 403, 403)),
    "applicant_submitted": ("GET", "dossier", (302, 403, 403, 403, 403, 403)),
    "applicant_supplement": ("POST", "dossier", (302, 403, 403, 403, 403, 403)),
    "dossier_dashboard": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "dossier_batch": ("POST", None, (302, 302, 302, 302, 302, 302)),
    "dossier_detail": ("GET", "dossier", (302, 403, 200, 200, 200, 200)),
    "dossier_action": ("POST", "dossier", (302, 403, 302, 302, 302, 302)),
    "periodic_report_issue": ("POST", "periodic_report", (302, 403, 403, 403, 302, 302)),
    "audit_log": ("GET", None, (302, 403, 403, 403, 403, 200)),  # administrators only (docs/DECISIONS.md)
}
for _module in MODULES:
    PAGES.update(_module.PAGES)


def _operations() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (path, method.upper())
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }


A = 403  # anonymous API calls: refused (session authentication sends no WWW-Authenticate challenge)
# (path, method): (object for {id}, payload builder, statuses per role)
API = {
    ("/api/v1/organisations/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/organisations/{id}/", "GET"): ("department", None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/legal-documents/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/legal-documents/", "POST"): (None, "legal", (A, 403, 201, 201, 201, 201)),
    ("/api/v1/legal-documents/{id}/", "GET"): ("legal", None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/plans/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/plans/", "POST"): (None, "plan", (A, 403, 403, 403, 201, 201)),
    ("/api/v1/plans/{id}/", "GET"): ("plan", None, (A, 200, 200, 404, 200, 200)),
    ("/api/v1/plans/{id}/", "PUT"): ("plan", "plan", (A, 403, 403, 404, 200, 200)),
    ("/api/v1/plans/{id}/", "PATCH"): ("plan", "title", (A, 403, 403, 404, 200, 200)),
    ("/api/v1/plans/{id}/", "DELETE"): ("plan", None, (A, 403, 403, 404, 204, 204)),
    ("/api/v1/tasks/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/tasks/", "POST"): (None, "task", (A, 403, 403, 403, 201, 201)),
    ("/api/v1/tasks/{id}/", "GET"): ("task", None, (A, 200, 200, 404, 200, 200)),
    ("/api/v1/tasks/{id}/", "PUT"): ("task", "task", (A, 403, 200, 404, 200, 200)),
    ("/api/v1/tasks/{id}/", "PATCH"): ("task", "title", (A, 403, 200, 404, 200, 200)),
    ("/api/v1/tasks/{id}/", "DELETE"): ("task", None, (A, 403, 403, 404, 204, 204)),
    ("/api/v1/progress-reports/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/progress-reports/", "POST"): (None, "report", (A, 403, 201, 403, 201, 201)),
    ("/api/v1/progress-reports/{id}/", "GET"): ("report", None, (A, 200, 200, 404, 200, 200)),
    ("/api/v1/progress-reports/{id}/accept/", "POST"): ("report", "review", (A, 403, 403, 404, 200, 200)),
    ("/api/v1/progress-reports/{id}/return/", "POST"): ("report", "review", (A, 403, 403, 404, 200, 200)),
    ("/api/v1/indicator-sets/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/indicator-sets/{id}/", "GET"): ("indicator_set", None, (A, 200, 404, 404, 200, 200)),
    ("/api/v1/budget-tables/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/budget-tables/{id}/", "GET"): ("budget_table", None, (A, 200, 404, 404, 200, 200)),
    ("/api/v1/periodic-reports/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/dossiers/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/dossiers/{id}/", "GET"): ("dossier", None, (A, 404, 200, 200, 200, 200)),
    ("/api/v1/periodic-reports/{id}/", "GET"): ("periodic_report", None, (A, 200, 404, 404, 200, 200)),
}
for _module in MODULES:
    API.update(_module.API)


def test_every_url_has_an_entry():
    assert _url_names() - set(PAGES) == set(), "add the new URL to PAGES with its expected answers"


def test_every_api_operation_has_an_entry():
    assert _operations() - set(API) == set(), "add the new API operation to API with its expected answers"


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        assert client.login(username=world.users[role].username, password=PASSWORD)
    return client


def _objects(world) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dost.core.services import attach_file, get_or_create_legal_document
    from dost.figures.models import BudgetLine, BudgetTable, IndicatorSet, SheetImport
    from dost.plans.models import ImportJob
    from dost.procedures.models import Dossier, ProcedureType
    from dost.reports.models import PeriodicReport

    procedure = ProcedureType.objects.create(code="TT-01", name="Thủ tục thử", organisation=world.department,
                                             processing_days=10)
    enterprise = world.other_unit.__class__.objects.create(name="Công ty Thử", kind="enterprise")
    dossier = Dossier.objects.create(procedure=procedure, public_code="KHCN-2026-999999", access_code="ABCDEFGHJK",
                                     applicant=enterprise, contact_name="An")
    from dost.grants.models import Application, Programme, SupportContent

    programme = Programme.objects.create(code="CT-01", name="Chương trình thử", organisation=world.department,
                                         procedure=procedure, start_year=2023, end_year=2030)
    content = SupportContent.objects.create(programme=programme, code="ND1", name="Nội dung thử")
    application = Application.objects.create(dossier=dossier, programme=programme, content=content, year=2026)
    indicator_set = IndicatorSet.objects.create(organisation=world.department, year=2026)
    budget_table = BudgetTable.objects.create(organisation=world.department, year=2026, title="Kinh phí 2026")
    objects = {
        "programme": programme,
        "application": application,
        "procedure": procedure,
        "dossier": dossier,
        "indicator_set": indicator_set,
        "budget_table": budget_table,
        "budget_line": BudgetLine.objects.create(table=budget_table, label="Chi sự nghiệp", allocated=10),
        "sheet_import": SheetImport.objects.create(indicator_set=indicator_set, file="imports/x.xlsx",
                                                   original_name="x.xlsx", created_by=world.users["leader"]),
        "periodic_report": PeriodicReport.objects.create(
            organisation=world.department, period_kind="h1", start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 6, 30), title="Báo cáo 6 tháng", created_by=world.users["leader"]),
        "plan": world.plan,
        "task": world.task,
        "report": world.report,
        "draft": world.draft,
        "department": world.department,
        "legal": get_or_create_legal_document("754/QĐ-UBND", kind="quyet_dinh"),
        "job": ImportJob.objects.create(owner=world.department, created_by=world.users["leader"]),
        "attachment": attach_file(world.report, SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4 x"), None),
    }
    for module in MODULES:
        objects.update(module.objects(world, objects))
    return objects


def _payload(kind: str | None, world, objects: dict | None = None) -> dict | None:
    if kind is None:
        return None
    for module in MODULES:
        if kind in module.PAYLOADS:
            return module.PAYLOADS[kind](world, objects or {})
    return {
        "legal": {"kind": "quyet_dinh", "number_symbol": "12/QĐ-UBND", "title": "Quyết định thử"},
        "plan": {"owner": world.department.pk, "title": "Kế hoạch mới", "status": "draft", "symbol": "KH-KHCN"},
        "title": {"title": "Tên đã sửa"},
        "task": {"plan": world.plan.pk, "title": "Nhiệm vụ mới", "lead": world.unit.pk},
        "report": {"task": world.task.pk, "report_date": datetime.date(2026, 6, 30).isoformat(), "percent": "20",
                   "narrative": "Đã làm."},
        "review": {"comment": "Ý kiến"},
    }[kind]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_answers_per_role(world, name):
    method, target, expected, *extra = PAGES[name]
    objects = _objects(world)
    kwargs = dict(extra[0]) if extra else {}
    if target:
        key = next((k for k, v in kwargs.items() if v is None), "plan_pk" if name == "task_create" else "pk")
        kwargs[key] = objects[target].pk
    url = reverse(name, kwargs=kwargs)
    answers = {}
    for role in ROLES:
        client = _client(world, role)
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, {})
            transaction.set_rollback(True)
        answers[role] = response.status_code
    assert answers == dict(zip(ROLES, expected, strict=True))


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(API), ids=lambda op: f"{op[1]} {op[0]}")
def test_api_answers_per_role(world, operation):
    path, method = operation
    target, payload_kind, expected = API[operation]
    objects = _objects(world)
    url = path.replace("{id}", str(objects[target].pk)) if target else path
    answers = {}
    for role in ROLES:
        client = _client(world, role)
        data = _payload(payload_kind, world, objects)
        if method == "PUT" and payload_kind == "task":
            data = {**data, "plan": world.plan.pk}
        with transaction.atomic():
            response = getattr(client, method.lower())(url, data=data, content_type="application/json")
            transaction.set_rollback(True)
        answers[role] = response.status_code
    assert answers == dict(zip(ROLES, expected, strict=True))


@pytest.mark.django_db
def test_admin_requires_staff(world):
    client = _client(world, "leader")
    assert client.get(reverse("admin:index")).status_code == 302
    assert _client(world, "admin").get(reverse("admin:index")).status_code in (200, 302)


# The applicant role (a user of the enterprise that owns the matrix's dossier): every URL not listed here must
# answer 403, so a new staff page is closed to applicants unless it is listed.
APPLICANT = {
    "login": 302, "logout": 302, "health": 200, "openapi": 200, "set_language": 302,
    "dashboard": 302,  # to the applicant's own dossiers
    "attachment_download": 403,  # a progress report's evidence: not theirs
    "applicant_register": 200, "public_lookup": 200, "applicant_home": 200, "applicant_procedures": 200,
    "applicant_submit": 200, "applicant_dossier": 200, "applicant_submitted": 200, "applicant_supplement": 302,
    "grants_apply": 302, "two_factor_setup": 200, "two_factor_qr": 404, "two_factor_verify": 302,
    "two_factor_backup_codes": 302,
}
for _module in MODULES:
    APPLICANT.update(_module.APPLICANT)


def _applicant_client(world, dossier) -> Client:
    from dost.core.status import Role
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="doanhnghiep_thu")
    MembershipFactory(user=user, organisation=dossier.applicant, role=Role.APPLICANT)
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_applicant_answers(world):
    objects = _objects(world)
    client = _applicant_client(world, objects["dossier"])
    answers, expected = {}, {}
    for name in sorted(PAGES, key=lambda n: n == "logout"):  # logging out last keeps the session for the rest
        method, target, _answers, *extra = PAGES[name]
        kwargs = dict(extra[0]) if extra else {}
        if target:
            key = next((k for k, v in kwargs.items() if v is None), "plan_pk" if name == "task_create" else "pk")
            kwargs[key] = objects[target].pk
        url = reverse(name, kwargs=kwargs)
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, {})
            transaction.set_rollback(True)
        answers[name], expected[name] = response.status_code, APPLICANT.get(name, 403)
    assert {k: v for k, v in answers.items() if v != expected[k]} == {}, answers


@pytest.mark.django_db
def test_applicant_is_refused_by_the_api(world):
    objects = _objects(world)
    client = _applicant_client(world, objects["dossier"])
    answers = {path: client.get(path.replace("{id}", str(objects[target].pk)) if target else path).status_code
               for (path, method), (target, _payload, _expected) in API.items() if method == "GET"}
    assert set(answers.values()) == {403}, answers
