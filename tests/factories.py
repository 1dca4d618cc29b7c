from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from dost.core.models import LegalDocument, Membership, Organisation
from dost.core.status import DocumentKind, OrganisationKind, PlanStatus, ReportStatus, Role
from dost.plans.models import Milestone, Plan, ProgressReport, Task

PASSWORD = "mat-khau-thu-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("name", locale="vi_VN")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(self, create, extracted, **kwargs):
        if create:
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = OrganisationKind.DIVISION


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.OFFICER
    position = "Chuyên viên"


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalDocument

    kind = DocumentKind.DECISION
    number_symbol = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    title = "Quyết định thử"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    owner = factory.SubFactory(OrganisationFactory)
    number = factory.Sequence(lambda n: str(n + 10))
    symbol = "KH-KHCN"
    place = "Bắc Ninh"
    date_year = 2026
    date_month = 2
    title = factory.Sequence(lambda n: f"Kế hoạch số {n}")
    status = PlanStatus.IN_PROGRESS


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    ref = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Nhiệm vụ {n}")
    start_date = datetime.date(2026, 1, 1)
    due_date = datetime.date(2026, 12, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    task = factory.SubFactory(TaskFactory)
    due_date = datetime.date(2026, 3, 31)
    text = "Mốc thử"


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    task = factory.SubFactory(TaskFactory)
    author = factory.SubFactory(UserFactory)
    report_date = datetime.date(2026, 6, 30)
    percent = Decimal("50")
    narrative = "Đã triển khai."
    status = ReportStatus.SUBMITTED
