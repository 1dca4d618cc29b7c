"""Deterministic demo data at province or national scale, inserted set-wise through the real models' tables.

Organisations are saved one by one (their materialised paths come from ``save``); everything else goes in
set-wise: on PostgreSQL the big tables (tasks, milestones, progress reports, dossiers) are streamed with
``COPY`` (psycopg 3's ``cursor.copy``), elsewhere rows go through ``bulk_create`` in large batches on the
models' base managers. Generated rows are not business events, so they carry no per-row audit entries: one
audit entry records the generation itself (docs/DECISIONS.md, "Generated data"). The shape follows the
samples: provinces with a Department, its units and districts; plans with task trees, milestones and
progress reports; dossiers in every state; state-funded research projects in every stage with their teams
and events, and each past year's acceptance council (seven members, one closed round, a rating sheet per member
and project). ``national`` is 34 provinces × 10 years: 1 020 000 tasks, 3 060 000 progress reports,
1 020 000 dossiers, 13 600 research projects and 340 council rounds.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from dost.core.models import AuditEntry, Membership, Organisation
from dost.core.status import DossierStatus, OrganisationKind, PlanStatus, ReportStatus, Role
from dost.core.text import fold

BATCH = 5000
DEPARTMENT_PREFIX = "Sở Khoa học và Công nghệ (mô phỏng)"
PROVINCES = ["Bắc Ninh", "Hà Nội", "Hải Phòng", "Quảng Ninh", "Thái Nguyên", "Lào Cai", "Tuyên Quang", "Lạng Sơn",
             "Cao Bằng", "Điện Biên", "Lai Châu", "Sơn La", "Phú Thọ", "Hưng Yên", "Ninh Bình", "Thanh Hóa",
             "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
             "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Hồ Chí Minh", "Đồng Tháp", "Vĩnh Long", "An Giang",
             "Cần Thơ", "Cà Mau"]
# The province of the annual-report benchmark (not one of the 34: Bắc Giang merged into Bắc Ninh in 2025).
REPORT_PROVINCE = "Bắc Giang"
UNITS = [("Văn phòng Sở", OrganisationKind.OFFICE), ("Phòng Quản lý Khoa học", OrganisationKind.DIVISION),
         ("Phòng Quản lý Công nghệ", OrganisationKind.DIVISION), ("Thanh tra Sở", OrganisationKind.INSPECTORATE),
         ("Chi cục Tiêu chuẩn Đo lường Chất lượng", OrganisationKind.SUB_DEPARTMENT),
         ("Trung tâm Ứng dụng KH&CN", OrganisationKind.CENTRE)]
VERBS = ["Triển khai", "Tổ chức", "Xây dựng", "Hướng dẫn", "Kiểm tra", "Tuyên truyền", "Hỗ trợ", "Đánh giá"]
TOPICS = ["tiêu chuẩn đo lường chất lượng", "sở hữu trí tuệ", "chuyển đổi số", "đổi mới sáng tạo",
          "truy xuất nguồn gốc sản phẩm", "an toàn bức xạ", "thị trường công nghệ", "năng suất chất lượng",
          "khởi nghiệp đổi mới sáng tạo", "ứng dụng tiến bộ kỹ thuật"]
DIFFICULTIES = ["Chậm do chờ kinh phí.", "Đơn vị phối hợp chưa cung cấp số liệu.",
                "Vướng mắc thủ tục đấu thầu, đang hoàn thiện hồ sơ."]


@dataclass(frozen=True)
class Scale:
    provinces: int
    years: int
    plans_per_year: int
    tasks_per_plan: int
    reports_per_task: int
    dossiers_per_year: int
    districts: int = 8
    projects_per_year: int = 0


SCALES = {
    "tiny": Scale(provinces=1, years=2, plans_per_year=3, tasks_per_plan=6, reports_per_task=2, dossiers_per_year=20,
                  districts=2, projects_per_year=6),
    "province": Scale(provinces=1, years=10, plans_per_year=100, tasks_per_plan=30, reports_per_task=3,
                      dossiers_per_year=3000, projects_per_year=40),
    "national": Scale(provinces=34, years=10, plans_per_year=100, tasks_per_plan=30, reports_per_task=3,
                      dossiers_per_year=3000, projects_per_year=40),
}


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    department: Organisation | None = None


# ----------------------------------------------------------------------------------------------- writing


class _Writer:
    """Inserts rows given as tuples of field attnames' values; the other fields take their defaults.

    PostgreSQL: ``COPY … FROM STDIN`` (ids taken from the table's sequence beforehand when the caller needs
    them). Other engines: ``bulk_create`` in batches of ``BATCH`` on the base manager (no audit rows).
    """

    def __init__(self) -> None:
        self.copy = connection.vendor == "postgresql"
        self.now = timezone.now()

    def insert(self, model: type[models.Model], names: tuple[str, ...], rows: Iterable[tuple],
               want_ids: bool = False) -> list[int]:
        """Insert ``rows``; returns their ids in order when ``want_ids`` (else an empty list)."""
        if self.copy:
            return self._copy(model, names, rows, want_ids)
        ids: list[int] = []
        for batch in _batched(model(**dict(zip(names, row, strict=True))) for row in rows):
            created = model._base_manager.bulk_create(batch, batch_size=BATCH)
            if want_ids:
                ids.extend(obj.pk for obj in created)
        return ids

    def _copy(self, model: type[models.Model], names: tuple[str, ...], rows: Iterable[tuple],
              want_ids: bool) -> list[int]:
        meta = model._meta
        fields = {f.attname: f for f in meta.concrete_fields}
        rest = [f for f in meta.concrete_fields if f.attname not in names and not f.primary_key]
        fill = tuple(self._default(f) for f in rest)
        quote = connection.ops.quote_name
        rows = list(rows) if want_ids else rows
        ids: list[int] = []
        if want_ids:
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                               [meta.db_table, len(rows)])
                ids = [row[0] for row in cursor.fetchall()]
            rows = ((pk, *row) for pk, row in zip(ids, rows, strict=True))
            names = ("id", *names)
        columns = ", ".join(quote(fields[name].column) for name in names) + "".join(
            f", {quote(f.column)}" for f in rest)
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + fill)
        return ids

    def _default(self, f: models.Field) -> Any:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            return self.now
        if f.has_default():
            value = f.get_default()
            return self.now if isinstance(value, datetime.datetime) else f.get_db_prep_save(value, connection)
        return None if f.null else ("" if isinstance(f, models.CharField | models.TextField) else None)


def _batched(rows: Iterator, size: int = BATCH) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -------------------------------------------------------------------------------------------- generation


@dataclass
class _Province:
    index: int
    name: str
    department: Organisation
    units: list[Organisation]
    officers: list[Any]
    leader: Any
    enterprises: list[Organisation]
    procedure: Any


def generate(scale_name: str, seed: int = 2026, first_year: int | None = None,
             progress: Callable[[str], None] | None = None) -> Result:
    """Create the data set; refuses to run twice on the same database (the province names would clash)."""
    scale = SCALES[scale_name]
    if Organisation.objects.filter(name__startswith=DEPARTMENT_PREFIX).exists():
        raise ValueError("Dữ liệu mô phỏng đã có trong cơ sở dữ liệu này.")
    rng = random.Random(seed)  # nosec B311
    started = time.monotonic()
    result = Result()
    last_year = datetime.date.today().year
    first_year = first_year or last_year - scale.years + 1
    say = progress or (lambda _message: None)
    writer = _Writer()
    for p_index in range(scale.provinces):
        province = _province(rng, p_index, PROVINCES[p_index % len(PROVINCES)], scale, result.counts)
        result.department = result.department or province.department
        say(f"{province.name}: kế hoạch và nhiệm vụ")
        for year in range(first_year, last_year + 1):
            _year(writer, rng, province, year, last_year, scale, result.counts)
        say(f"{province.name}: {result.counts.get('tasks', 0)} nhiệm vụ")
    AuditEntry.record(Organisation, "create", 0, f"dost demo-data --scale {scale_name} --seed {seed}", None,
                      {"counts": result.counts})
    _analyze()
    result.seconds = time.monotonic() - started
    return result


def generate_report_province(tasks: int = 2000, year: int | None = None, seed: int = 2026) -> Result:
    """One more province whose Department tracks ``tasks`` tasks in ``year`` (last year by default): the
    subject of the annual-report benchmark ("a province with 2 000 tasks"). 20 tasks per plan."""
    year = year or datetime.date.today().year - 1
    name = f"{DEPARTMENT_PREFIX} {REPORT_PROVINCE}"
    if Organisation.objects.filter(name=name).exists():
        raise ValueError("Tỉnh mô phỏng cho báo cáo năm đã có trong cơ sở dữ liệu này.")
    per_plan = 20
    scale = Scale(provinces=1, years=1, plans_per_year=max(1, tasks // per_plan), tasks_per_plan=per_plan,
                  reports_per_task=3, dossiers_per_year=0)
    rng = random.Random(seed)  # nosec B311
    started = time.monotonic()
    result = Result()
    province = _province(rng, len(PROVINCES), REPORT_PROVINCE, scale, result.counts)
    _year(_Writer(), rng, province, year, datetime.date.today().year, scale, result.counts)
    _analyze()
    result.department = province.department
    result.seconds = time.monotonic() - started
    return result


def _analyze() -> None:
    """Planner statistics for the new rows, and (PostgreSQL) the visibility map that lets counts and
    look-ups be answered from the indexes alone; VACUUM needs autocommit (outside any atomic block)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.get_autocommit():
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


@transaction.atomic
def _province(rng: random.Random, p_index: int, province: str, scale: Scale, counts: dict[str, int]) -> _Province:
    from django.contrib.auth import get_user_model

    from dost.procedures.models import ProcedureType

    User = get_user_model()
    ubnd = Organisation(name=f"UBND tỉnh {province} (mô phỏng)", kind=OrganisationKind.PEOPLES_COMMITTEE)
    ubnd.save()
    department = Organisation(name=f"{DEPARTMENT_PREFIX} {province}", short_name=f"Sở KH&CN {province}",
                              kind=OrganisationKind.DEPARTMENT, parent=ubnd, head_title="Giám đốc")
    department.save()
    units = []
    for name, kind in UNITS:
        unit = Organisation(name=f"{name} {province} (mô phỏng)", kind=kind, parent=department)
        unit.save()
        units.append(unit)
    districts = []
    for d in range(scale.districts):
        district = Organisation(name=f"UBND huyện {d + 1} tỉnh {province} (mô phỏng)",
                                kind=OrganisationKind.DISTRICT, parent=ubnd)
        district.save()
        districts.append(district)
    enterprises = []
    for e in range(20):
        enterprise = Organisation(name=f"Công ty mô phỏng {e + 1} {province}", kind=OrganisationKind.ENTERPRISE,
                                  parent=districts[e % len(districts)])
        enterprise.save()
        enterprises.append(enterprise)
    counts["organisations"] = counts.get("organisations", 0) + 3 + len(units) + len(districts) + 20
    slug = fold(province).replace(" ", "")
    leader = User.objects.create_user(f"lanhdao_{slug}_{p_index}", password=None, first_name=f"Lãnh đạo {province}")
    viewer = User.objects.create_user(f"xem_{slug}_{p_index}", password=None, first_name=f"Theo dõi {province}")
    officers = [User.objects.create_user(f"cv_{slug}_{p_index}_{i}", password=None, first_name=f"Chuyên viên {i + 1}")
                for i in range(len(units))]
    Membership._base_manager.bulk_create(
        [Membership(user=leader, organisation=department, role=Role.LEADER, position="Giám đốc", is_head=True),
         Membership(user=viewer, organisation=department, role=Role.VIEWER, position="Chuyên viên tổng hợp")]
        + [Membership(user=o, organisation=u, role=Role.OFFICER, position="Chuyên viên")
           for o, u in zip(officers, units, strict=True)])
    counts["users"] = counts.get("users", 0) + 2 + len(officers)
    procedure = ProcedureType.objects.create(code=f"MP-{p_index}", name="Thủ tục mô phỏng",
                                             organisation=department, processing_days=15,
                                             code_prefix=f"MP{p_index}")
    return _Province(p_index, province, department, units, officers, leader, enterprises, procedure)


TASK_FIELDS = ("plan_id", "ref", "order", "title", "lead_id", "start_date", "due_date", "due_precision",
               "budget_vnd", "progress")
MILESTONE_FIELDS = ("task_id", "due_date", "text", "achieved")
REPORT_FIELDS = ("task_id", "author_id", "report_date", "period_label", "percent", "narrative", "difficulties",
                 "status", "submitted_at", "reviewed_by_id", "reviewed_at")
DOSSIER_FIELDS = ("procedure_id", "public_code", "access_code", "applicant_id", "contact_name", "status",
                  "submitted_at", "received_on", "due_date", "decided_on", "assigned_to_id")


@transaction.atomic
def _year(writer: _Writer, rng: random.Random, p: _Province, year: int, last_year: int, scale: Scale,
          counts: dict[str, int]) -> None:
    """One province's year: plans, their tasks, milestones, progress reports and the year's dossiers."""
    from dost.plans.models import Milestone, Plan, Precision, ProgressReport, Task
    from dost.procedures.models import Dossier

    closed = year < last_year
    department = p.department
    plans = [Plan(owner=department, issuer=department, issuer_name=department.name,
                  number=str(n + 1), symbol="KH-KHCN", place=p.name, date_year=year,
                  date_month=rng.randint(1, 3), date_day=rng.randint(1, 28),
                  title=f"Kế hoạch {rng.choice(VERBS).lower()} {rng.choice(TOPICS)} năm {year} ({n + 1})",
                  period_start=year, period_end=year, budget_vnd=rng.randint(1, 50) * 100_000_000,
                  status=PlanStatus.CLOSED if closed else PlanStatus.IN_PROGRESS)
             for n in range(scale.plans_per_year)]
    for plan in plans:
        plan.search_text = fold(f"{plan.number}/{plan.symbol} {plan.title} {plan.issuer_name} {p.name}")
    plan_ids = [plan.pk for plan in Plan._base_manager.bulk_create(plans, batch_size=BATCH)]
    counts["plans"] = counts.get("plans", 0) + len(plans)

    # Closed years: most tasks done, some stuck; the current year: anything from not started to done.
    progress_choices = [100] * 6 + [40, 60, 80] if closed else [0, 20, 40, 60, 80, 100]
    tasks = []  # (lead, due, final percent)
    task_rows = []
    for plan_id in plan_ids:
        for n in range(scale.tasks_per_plan):
            due = datetime.date(year, rng.randint(2, 12), 28)
            lead = rng.choice(p.units)
            final = rng.choice(progress_choices)
            tasks.append((lead.pk, due, final))
            task_rows.append((plan_id, str(n + 1), n + 1, f"{rng.choice(VERBS)} {rng.choice(TOPICS)} đợt {n + 1}",
                              lead.pk, datetime.date(year, 1, 1), due, Precision.MONTH,
                              rng.randint(0, 20) * 10_000_000 or None, Decimal(final)))
    task_ids = writer.insert(Task, TASK_FIELDS, task_rows, want_ids=True)
    counts["tasks"] = counts.get("tasks", 0) + len(task_ids)

    milestones = [(task_id, due, "Mốc kiểm tra giữa kỳ", closed)
                  for task_id, (_lead, due, _final) in list(zip(task_ids, tasks, strict=True))[::3]]
    writer.insert(Milestone, MILESTONE_FIELDS, milestones)
    counts["milestones"] = counts.get("milestones", 0) + len(milestones)

    unit_officer = {u.pk: o.pk for u, o in zip(p.units, p.officers, strict=True)}
    counts["progress_reports"] = counts.get("progress_reports", 0) + len(task_ids) * scale.reports_per_task
    writer.insert(ProgressReport, REPORT_FIELDS,
                  _reports(rng, task_ids, tasks, unit_officer, p.leader.pk, year, closed, scale))

    if scale.dossiers_per_year:
        writer.insert(Dossier, DOSSIER_FIELDS, _dossiers(rng, p, year, scale))
        counts["dossiers"] = counts.get("dossiers", 0) + scale.dossiers_per_year
    if scale.projects_per_year:
        _research_year(writer, rng, p, year, last_year, scale, counts)


def _reports(rng: random.Random, task_ids: list[int], tasks: list[tuple], unit_officer: dict[int, int],
             leader_id: int, year: int, closed: bool, scale: Scale) -> Iterator[tuple]:
    """Quarterly reports climbing to the task's final figure; reviewed by the Department's leader, except
    some of the current year's, still waiting."""
    now = datetime.datetime(year, 12, 31, 12, tzinfo=datetime.UTC)
    count = scale.reports_per_task
    for task_id, (lead_id, _due, final) in zip(task_ids, tasks, strict=True):
        for r in range(count):
            day = datetime.date(year, min(12, 3 + r * 3), 15)
            accepted = closed or rng.random() < 0.7
            percent = Decimal(round(final * (r + 1) / count))
            stuck = final < 100 and r == count - 1
            yield (task_id, unit_officer[lead_id], day, f"Quý {r + 1}/{year}", percent,
                   "Đã triển khai các nội dung theo kế hoạch.", rng.choice(DIFFICULTIES) if stuck else "",
                   ReportStatus.ACCEPTED if accepted else ReportStatus.SUBMITTED, now,
                   leader_id if accepted else None, now if accepted else None)


def _dossiers(rng: random.Random, p: _Province, year: int, scale: Scale) -> Iterator[tuple]:
    statuses = [DossierStatus.APPROVED] * 6 + [DossierStatus.REFUSED, DossierStatus.RECEIVED,
                                                DossierStatus.SUPPLEMENT, DossierStatus.SIGNATURE,
                                                DossierStatus.SUBMITTED]
    for n in range(scale.dossiers_per_year):
        received = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        status = rng.choice(statuses)
        decided = status in (DossierStatus.APPROVED, DossierStatus.REFUSED)
        yield (p.procedure.pk, f"MP{p.index}-{year}-{n + 1:06d}", f"{rng.getrandbits(48):012X}"[:10],
               rng.choice(p.enterprises).pk, "Người liên hệ", status,
               datetime.datetime.combine(received, datetime.time(8), tzinfo=datetime.UTC),
               None if status == DossierStatus.SUBMITTED else received,
               None if status in (DossierStatus.SUBMITTED, DossierStatus.SUPPLEMENT)
               else received + datetime.timedelta(days=21),
               received + datetime.timedelta(days=rng.randint(10, 30)) if decided else None,
               rng.choice(p.officers).pk)


PROJECT_FIELDS = ("organisation_id", "code", "title", "level", "field", "kind", "year", "host_id", "host_name",
                  "principal_investigator", "pi_title", "assignment_method", "start_date", "end_date",
                  "original_end_date", "budget_state_vnd", "budget_other_vnd", "rating", "rating_label",
                  "accepted_on", "status", "status_changed_at", "search_text")
PROJECT_MEMBER_FIELDS = ("project_id", "name", "degree", "role", "affiliation", "position")
PROJECT_EVENT_FIELDS = ("project_id", "action", "from_status", "to_status", "at", "by_id", "by_name",
                        "decision_number", "decision_date", "decision_signer")
COUNCIL_ROLES = ["chair", "vice_chair", "secretary", "reviewer", "reviewer", "member", "member"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Hải", "Thanh Hương", "Hữu Nghĩa"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"


def _project_status(rng: random.Random, year: int, last_year: int) -> str:
    """Older projects are finished (mostly accepted), recent ones running, this year's still being chosen."""
    from dost.core.status import ProjectStatus as S

    age = last_year - year
    if age >= 3:
        return rng.choice([S.COMPLETED] * 4 + [S.REGISTERED] * 3 + [S.APPLIED] * 2 + [S.NOT_PASSED, S.TERMINATED])
    if age >= 1:
        return rng.choice([S.IMPLEMENTING] * 3 + [S.ACCEPTANCE, S.COMPLETED, S.SUSPENDED])
    return rng.choice([S.PROPOSED, S.IDENTIFICATION, S.SELECTION, S.APPRAISAL, S.CONTRACTING, S.IMPLEMENTING])


def _research_year(writer: _Writer, rng: random.Random, p: _Province, year: int, last_year: int, scale: Scale,
                   counts: dict[str, int]) -> None:
    """The year's state-funded research projects (with team and events) and, for a past year, the acceptance
    council that rated its finished projects: seven members, one closed round, one rating sheet per member."""
    from django.contrib.contenttypes.models import ContentType

    from dost.core.status import ProjectStatus, RoundStatus
    from dost.councils.defaults import ACCEPTANCE, seed_default_rule_sets
    from dost.councils.models import Council, CouncilMember, Entry, Purpose, Round, RuleSet, ScoreSheet
    from dost.research.models import Level, Project, ProjectEvent, ProjectKind, ProjectMember, ScienceField

    rated = {ProjectStatus.COMPLETED, ProjectStatus.REGISTERED, ProjectStatus.APPLIED, ProjectStatus.NOT_PASSED}
    ratings = [("xuat-sac", "Xuất sắc", True), ("dat", "Đạt", True), ("dat", "Đạt", True), ("dat", "Đạt", True)]
    levels = [Level.PROVINCIAL] * 6 + [Level.GRASSROOTS] * 3 + [Level.NATIONAL]
    projects = []
    for n in range(scale.projects_per_year):
        status = _project_status(rng, year, last_year)
        months = rng.choice([12, 18, 24, 30])
        start = datetime.date(year, rng.randint(1, 6), 1)
        end = start + datetime.timedelta(days=30 * months)
        host = rng.choice(p.enterprises + p.units)
        field = rng.choice(list(ScienceField.values))
        title = f"Nghiên cứu {rng.choice(TOPICS)} phục vụ phát triển kinh tế - xã hội tỉnh {p.name} ({year}-{n + 1})"
        code = f"{p.index:02d}/{year}/ĐT{n + 1:03d}"
        pi = _person(rng)
        if status in rated:
            rating = ("khong-dat", "Không đạt", False) if status == ProjectStatus.NOT_PASSED else rng.choice(ratings)
        else:
            rating = ("", "", None)
        projects.append((status, rating, start, end, pi, host, (
            p.department.pk, code, title, rng.choice(levels), field,
            rng.choice([ProjectKind.RESEARCH] * 3 + [ProjectKind.TRIAL]), year, host.pk, host.name, pi, "TS.",
            rng.choice(["selection", "direct"]), start, end, end, rng.randint(3, 40) * 50_000_000,
            rng.choice([None, rng.randint(1, 10) * 50_000_000]), rating[0], rating[1],
            end + datetime.timedelta(days=45) if status in rated else None, status,
            datetime.datetime.combine(start, datetime.time(9), tzinfo=datetime.UTC),
            fold(f"{code} {title} {host.name} {pi}"))))
    project_ids = writer.insert(Project, PROJECT_FIELDS, (row for *_ignored, row in projects), want_ids=True)
    counts["research_projects"] = counts.get("research_projects", 0) + len(project_ids)
    writer.insert(ProjectMember, PROJECT_MEMBER_FIELDS, (
        (pk, _person(rng), "ThS.", "secretary" if position == 0 else "member", host.name, position)
        for pk, (_s, _r, _st, _e, _pi, host, _row) in zip(project_ids, projects, strict=True)
        for position in range(3)))
    events = [(pk, "contract", ProjectStatus.CONTRACTING, ProjectStatus.IMPLEMENTING,
               datetime.datetime.combine(start, datetime.time(9), tzinfo=datetime.UTC), p.leader.pk,
               str(p.leader.first_name), f"{pk}/QĐ-SKHCN", start, str(p.leader.first_name))
              for pk, (_s, _r, start, *_rest) in zip(project_ids, projects, strict=True)]
    writer.insert(ProjectEvent, PROJECT_EVENT_FIELDS, events)
    counts["research_events"] = counts.get("research_events", 0) + len(events)

    finished = [(pk, spec) for pk, spec in zip(project_ids, projects, strict=True) if spec[0] in rated]
    if year >= last_year or not finished:
        return
    rule_set = RuleSet.objects.filter(code=ACCEPTANCE).first() or seed_default_rule_sets()[ACCEPTANCE]
    council = Council.objects.create(
        name=f"Hội đồng nghiệm thu nhiệm vụ KH&CN cấp tỉnh năm {year + 1} ({p.name})", purpose=Purpose.ACCEPTANCE,
        organisation=p.department, rule_set=rule_set, year=year + 1, decision_number=f"{year}/QĐ-SKHCN",
        decision_date=datetime.date(year + 1, 3, 1), decision_signer=str(p.leader.first_name))
    members = CouncilMember._base_manager.bulk_create(
        [CouncilMember(council=council, position=i + 1, name=_person(rng), title="PGS.TS." if i == 0 else "TS.",
                       affiliation="Trường Đại học (mô phỏng)", external=i >= 3, role=role)
         for i, role in enumerate(COUNCIL_ROLES)])
    meeting = datetime.date(year + 1, 4, 15)
    closed_at = datetime.datetime.combine(meeting, datetime.time(16), tzinfo=datetime.UTC)
    rnd = Round._base_manager.create(council=council, title=f"Phiên nghiệm thu năm {year + 1}", rule_set=rule_set,
                                     meeting_date=meeting, place=f"Sở KH&CN {p.name}", status=RoundStatus.CLOSED,
                                     closed_at=closed_at, rules_snapshot={"code": ACCEPTANCE})
    rnd.present.add(*members)
    project_type = ContentType.objects.get_for_model(Project)
    entries = Entry._base_manager.bulk_create(
        [Entry(round=rnd, position=i + 1, code=spec[6][1], title=spec[6][2][:1000], author=spec[4],
               organisation_name=spec[5].name, content_type=project_type, object_id=pk, rating=spec[1][0],
               rating_label=spec[1][1], passed=spec[1][2], rank=None, valid_sheet_count=len(members),
               explanation=f"{len(members)} phiếu hợp lệ; xếp loại {spec[1][1]}.")
         for i, (pk, spec) in enumerate(finished)])
    sheets = [(entry.pk, member.pk, "paper", entry.rating, entry.passed, "")
              for entry in entries for member in members]
    writer.insert(ScoreSheet, ("entry_id", "member_id", "source", "rating", "verdict", "comment"), sheets)
    counts["council_rounds"] = counts.get("council_rounds", 0) + 1
    counts["council_entries"] = counts.get("council_entries", 0) + len(entries)
    counts["score_sheets"] = counts.get("score_sheets", 0) + len(sheets)


def database_size_bytes() -> int | None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    if connection.vendor == "sqlite":
        import os

        name = connection.settings_dict["NAME"]
        return os.path.getsize(name) if name and os.path.exists(str(name)) else None
    return None
