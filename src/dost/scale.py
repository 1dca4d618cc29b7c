"""Deterministic demo data at province or national scale, inserted set-wise through the real models.

Organisations are saved one by one (their materialised paths come from ``save``); everything else goes in
with ``bulk_create`` in large batches on the models' base managers: generated rows are not business events,
so they carry no per-row audit entries (one audit entry records the generation itself). The shape follows
the samples: provinces with a Department, its units and districts; plans with task trees, milestones and
progress reports; indicator sets and budget tables; dossiers in every state.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction

from dost.core.models import AuditEntry, Membership, Organisation
from dost.core.status import DossierStatus, OrganisationKind, PlanStatus, ReportStatus, Role
from dost.core.text import fold

BATCH = 5000
PROVINCES = ["Bắc Ninh", "Hà Nội", "Hải Phòng", "Quảng Ninh", "Thái Nguyên", "Lào Cai", "Tuyên Quang", "Lạng Sơn",
             "Cao Bằng", "Điện Biên", "Lai Châu", "Sơn La", "Phú Thọ", "Hưng Yên", "Ninh Bình", "Thanh Hóa",
             "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
             "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Hồ Chí Minh", "Đồng Tháp", "Vĩnh Long", "An Giang",
             "Cần Thơ", "Cà Mau"]
UNITS = [("Văn phòng Sở", OrganisationKind.OFFICE), ("Phòng Quản lý Khoa học", OrganisationKind.DIVISION),
         ("Phòng Quản lý Công nghệ", OrganisationKind.DIVISION), ("Thanh tra Sở", OrganisationKind.INSPECTORATE),
         ("Chi cục Tiêu chuẩn Đo lường Chất lượng", OrganisationKind.SUB_DEPARTMENT),
         ("Trung tâm Ứng dụng KH&CN", OrganisationKind.CENTRE)]
VERBS = ["Triển khai", "Tổ chức", "Xây dựng", "Hướng dẫn", "Kiểm tra", "Tuyên truyền", "Hỗ trợ", "Đánh giá"]
TOPICS = ["tiêu chuẩn đo lường chất lượng", "sở hữu trí tuệ", "chuyển đổi số", "đổi mới sáng tạo",
          "truy xuất nguồn gốc sản phẩm", "an toàn bức xạ", "thị trường công nghệ", "năng suất chất lượng",
          "khởi nghiệp đổi mới sáng tạo", "ứng dụng tiến bộ kỹ thuật"]


@dataclass(frozen=True)
class Scale:
    provinces: int
    years: int
    plans_per_year: int
    tasks_per_plan: int
    reports_per_task: int
    dossiers_per_year: int
    districts: int = 8


SCALES = {
    "tiny": Scale(provinces=1, years=2, plans_per_year=3, tasks_per_plan=6, reports_per_task=2, dossiers_per_year=20,
                  districts=2),
    "province": Scale(provinces=1, years=10, plans_per_year=100, tasks_per_plan=30, reports_per_task=3,
                      dossiers_per_year=3000),
    "national": Scale(provinces=34, years=10, plans_per_year=100, tasks_per_plan=30, reports_per_task=3,
                      dossiers_per_year=3000),
}


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _batched(rows: Iterator, size: int = BATCH) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(model: type, rows: Iterator, counts: dict[str, int], key: str) -> None:
    for batch in _batched(rows):
        model._base_manager.bulk_create(batch, batch_size=BATCH)
        counts[key] = counts.get(key, 0) + len(batch)


def generate(scale_name: str, seed: int = 2026, first_year: int | None = None,
             progress: Callable[[str], None] | None = None) -> Result:
    """Create the data set; refuses to run twice on the same database (the province names would clash)."""
    from dost.plans.models import Milestone, Plan, ProgressReport, Task
    from dost.procedures.models import Dossier, ProcedureType

    scale = SCALES[scale_name]
    rng = random.Random(seed)
    started = time.monotonic()
    result = Result()
    counts = result.counts
    last_year = datetime.date.today().year
    first_year = first_year or last_year - scale.years + 1
    say = progress or (lambda _message: None)
    if Organisation.objects.filter(name__startswith="Sở Khoa học và Công nghệ (mô phỏng)").exists():
        raise ValueError("Dữ liệu mô phỏng đã có trong cơ sở dữ liệu này.")
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for p_index in range(scale.provinces):
        province = PROVINCES[p_index % len(PROVINCES)]
        with transaction.atomic():
            ubnd = Organisation(name=f"UBND tỉnh {province} (mô phỏng)", kind=OrganisationKind.PEOPLES_COMMITTEE)
            ubnd.save()
            department = Organisation(name=f"Sở Khoa học và Công nghệ (mô phỏng) {province}",
                                      short_name=f"Sở KH&CN {province}", kind=OrganisationKind.DEPARTMENT,
                                      parent=ubnd, head_title="Giám đốc")
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
            officers = [User.objects.create_user(f"cv_{slug}_{p_index}_{i}", password=None,
                                                 first_name=f"Chuyên viên {i + 1}") for i in range(len(units))]
            Membership._base_manager.bulk_create(
                [Membership(user=leader, organisation=department, role=Role.LEADER, position="Giám đốc", is_head=True)]
                + [Membership(user=o, organisation=u, role=Role.OFFICER, position="Chuyên viên")
                   for o, u in zip(officers, units, strict=True)])
            counts["users"] = counts.get("users", 0) + 1 + len(officers)
            procedure = ProcedureType.objects.create(code=f"MP-{p_index}", name="Thủ tục mô phỏng",
                                                     organisation=department, processing_days=15,
                                                     code_prefix=f"MP{p_index}")
        say(f"{province}: kế hoạch và nhiệm vụ")
        for year in range(first_year, last_year + 1):
            with transaction.atomic():
                plans = [Plan(owner=department, issuer=department, issuer_name=department.name,
                              number=str(n + 1), symbol="KH-KHCN", place=province, date_year=year,
                              date_month=rng.randint(1, 3), date_day=rng.randint(1, 28),
                              title=f"Kế hoạch {rng.choice(VERBS).lower()} {rng.choice(TOPICS)} năm {year} ({n + 1})",
                              period_start=year, period_end=year, budget_vnd=rng.randint(1, 50) * 100_000_000,
                              status=PlanStatus.CLOSED if year < last_year else PlanStatus.IN_PROGRESS)
                         for n in range(scale.plans_per_year)]
                for plan in plans:
                    plan.search_text = fold(f"{plan.number}/{plan.symbol} {plan.title} {plan.issuer_name} {province}")
                Plan._base_manager.bulk_create(plans, batch_size=BATCH)
                counts["plans"] = counts.get("plans", 0) + len(plans)
                plans = list(Plan._base_manager.filter(owner=department, date_year=year).only("id"))
                _insert(Task, _tasks(rng, plans, units, year, scale), counts, "tasks")
                tasks = list(Task._base_manager.filter(plan__in=plans).values_list("id", "due_date", "lead_id"))
                unit_officer = {u.pk: o for u, o in zip(units, officers, strict=True)}
                _insert(Milestone, (Milestone(task_id=t, due_date=due, text="Mốc kiểm tra giữa kỳ",
                                              achieved=year < last_year)
                                    for t, due, _lead in tasks[::3]), counts, "milestones")
                _insert(ProgressReport, _reports(rng, tasks, unit_officer, leader, year, last_year, scale), counts,
                        "progress_reports")
                _insert(Dossier, _dossiers(rng, procedure, enterprises, officers, year, p_index, scale), counts,
                        "dossiers")
            say(f"{province} {year}: {counts.get('tasks', 0)} nhiệm vụ")
    AuditEntry.record(Organisation, "create", 0, f"dost demo-data --scale {scale_name} --seed {seed}", None,
                      {"counts": counts})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result.seconds = time.monotonic() - started
    return result


def _tasks(rng: random.Random, plans, units, year: int, scale: Scale):
    from dost.plans.models import Precision, Task

    for plan in plans:
        for n in range(scale.tasks_per_plan):
            month = rng.randint(2, 12)
            due = datetime.date(year, month, 28)
            yield Task(plan_id=plan.pk, ref=str(n + 1), order=n + 1,
                       title=f"{rng.choice(VERBS)} {rng.choice(TOPICS)} đợt {n + 1}",
                       lead=rng.choice(units), start_date=datetime.date(year, 1, 1), due_date=due,
                       due_precision=Precision.MONTH, budget_vnd=rng.randint(0, 20) * 10_000_000 or None,
                       progress=Decimal(rng.choice([0, 20, 40, 60, 80, 100])))


def _reports(rng: random.Random, tasks, unit_officer, leader, year: int, last_year: int, scale: Scale):
    from dost.plans.models import ProgressReport

    now = datetime.datetime(year, 12, 31, 12, tzinfo=datetime.UTC)
    for task_id, _due, lead_id in tasks:
        for r in range(scale.reports_per_task):
            day = datetime.date(year, min(12, 3 + r * 3), 15)
            accepted = year < last_year or rng.random() < 0.7
            yield ProgressReport(task_id=task_id, author=unit_officer[lead_id], report_date=day,
                                 period_label=f"Quý {r + 1}/{year}", percent=Decimal(min(100, (r + 1) * 30)),
                                 narrative="Đã triển khai các nội dung theo kế hoạch.",
                                 difficulties="" if rng.random() < 0.8 else "Chậm do chờ kinh phí.",
                                 status=ReportStatus.ACCEPTED if accepted else ReportStatus.SUBMITTED,
                                 submitted_at=now, reviewed_by=leader if accepted else None,
                                 reviewed_at=now if accepted else None)


def _dossiers(rng: random.Random, procedure, enterprises, officers, year: int, p_index: int, scale: Scale):
    from dost.procedures.models import Dossier

    statuses = [DossierStatus.APPROVED] * 6 + [DossierStatus.REFUSED, DossierStatus.RECEIVED,
                                                DossierStatus.SUPPLEMENT, DossierStatus.SIGNATURE,
                                                DossierStatus.SUBMITTED]
    for n in range(scale.dossiers_per_year):
        received = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        status = rng.choice(statuses)
        decided = status in (DossierStatus.APPROVED, DossierStatus.REFUSED)
        yield Dossier(procedure=procedure, public_code=f"MP{p_index}-{year}-{n + 1:06d}",
                      access_code=f"{rng.getrandbits(48):012X}"[:10], applicant=rng.choice(enterprises),
                      contact_name="Người liên hệ", status=status,
                      received_on=None if status == DossierStatus.SUBMITTED else received,
                      due_date=None if status in (DossierStatus.SUBMITTED, DossierStatus.SUPPLEMENT)
                      else received + datetime.timedelta(days=21),
                      decided_on=received + datetime.timedelta(days=rng.randint(10, 30)) if decided else None,
                      assigned_to=rng.choice(officers))


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
