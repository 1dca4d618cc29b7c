"""Shared fixtures: a small world of organisations, people and a plan, built with factories."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PURE_DIRS = ("docparse",)


def pytest_collection_modifyitems(config, items):
    """Tests under tests/docparse, and those marked ``pure``, touch no database: CI runs them once."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        if any(d in parts for d in PURE_DIRS) and "pure" not in item.keywords:
            item.add_marker(pytest.mark.pure)


@pytest.fixture(autouse=True)
def _empty_memo():
    """Every test starts with nothing kept by ``dost.core.memo`` (the memory is per process, not per test)."""
    from dost.core import memo

    memo.forget()
    yield
    memo.forget()


@dataclass
class World:
    department: object
    unit: object  # lead unit of the task
    other_unit: object
    plan: object
    task: object
    report: object  # submitted by the officer of the lead unit
    draft: object  # a draft by the same officer
    users: dict


@pytest.fixture
def world(db):
    from dost.core.status import OrganisationKind, ReportStatus, Role
    from tests.factories import (
        MembershipFactory,
        OrganisationFactory,
        PlanFactory,
        ProgressReportFactory,
        TaskFactory,
        UserFactory,
    )

    department = OrganisationFactory(name="Sở Khoa học và Công nghệ tỉnh Thử", kind=OrganisationKind.DEPARTMENT,
                                     head_title="Giám đốc")
    unit = OrganisationFactory(name="Chi cục Tiêu chuẩn Đo lường Chất lượng", parent=department,
                               kind=OrganisationKind.SUB_DEPARTMENT, short_name="Chi cục TCĐLCL")
    other_unit = OrganisationFactory(name="Phòng Quản lý Khoa học", parent=department,
                                     kind=OrganisationKind.DIVISION, short_name="Phòng QLKH")
    users = {
        "viewer": UserFactory(username="viewer"),
        "officer": UserFactory(username="officer"),
        "other_officer": UserFactory(username="other_officer"),
        "leader": UserFactory(username="leader"),
        "admin": UserFactory(username="admin"),
    }
    MembershipFactory(user=users["viewer"], organisation=department, role=Role.VIEWER)
    MembershipFactory(user=users["officer"], organisation=unit, role=Role.OFFICER)
    MembershipFactory(user=users["other_officer"], organisation=other_unit, role=Role.OFFICER)
    MembershipFactory(user=users["leader"], organisation=department, role=Role.LEADER, position="Phó Giám đốc")
    MembershipFactory(user=users["admin"], organisation=department, role=Role.ADMIN)
    plan = PlanFactory(owner=department, title="Kế hoạch thử nghiệm năm 2026")
    task = TaskFactory(plan=plan, lead=unit, due_date=datetime.date(2026, 12, 31))
    report = ProgressReportFactory(task=task, author=users["officer"], status=ReportStatus.SUBMITTED,
                                   percent=Decimal("40"))
    draft = ProgressReportFactory(task=task, author=users["officer"], status=ReportStatus.DRAFT)
    return World(department, unit, other_unit, plan, task, report, draft, users)
