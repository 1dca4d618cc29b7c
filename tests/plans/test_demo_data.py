import datetime

import pytest
from django.core.management import call_command

from dost.plans.models import Plan, Task


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _plan(fragment: str) -> Plan:
    return Plan.objects.get(title__contains=fragment)


def test_five_sample_plans_are_loaded(demo):
    assert Plan.objects.count() == 5


def test_seeding_twice_keeps_the_data(demo):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert Plan.objects.count() == 5 and Task.objects.count() == 30


def test_key_tasks_plan_has_six_tasks_with_leads_and_months(demo):
    tasks = list(_plan("nhiệm vụ trọng tâm").tasks.order_by("order"))
    assert [(t.ref, t.lead.short_name, t.due_date) for t in tasks] == [
        ("1.1", "Phòng QLKH", datetime.date(2022, 3, 31)),
        ("1.2", "Chi cục TCĐLCL", datetime.date(2022, 12, 31)),
        ("1.3", "TTƯD KH&CN", datetime.date(2022, 5, 31)),
        ("2.1", "Phòng QLKH", datetime.date(2022, 5, 31)),
        ("2.2", "Phòng QLKHCN cơ sở và SHTT", datetime.date(2022, 8, 31)),
        ("2.3", "Chi cục TCĐLCL", datetime.date(2022, 12, 31)),
    ]


def test_key_tasks_have_monthly_roadmaps(demo):
    task = _plan("nhiệm vụ trọng tâm").tasks.get(ref="1.2")
    assert task.milestones.count() == 7


def test_productivity_plan_has_five_tasks_led_by_the_department(demo):
    plan = _plan("năng suất và chất lượng")
    assert plan.tasks.count() == 5
    assert set(plan.tasks.values_list("lead_name", flat=True)) == {"Sở KH&CN"}
    assert (plan.period_start, plan.period_end) == (2021, 2025)


def test_2026_plan_budget(demo):
    assert _plan("năm 2026").budget_vnd == 800_000_000


def test_blank_number_stays_blank(demo):
    plan = _plan("năm 2026")
    assert (plan.number, plan.symbol, plan.date_day, plan.date_month) == ("", "KH-SKHCN", None, 2)


def test_numbered_plan_keeps_its_number_and_basis(demo):
    plan = _plan("đổi mới công nghệ")
    assert plan.number_symbol == "25/KH-KHCN"
    assert [d.number_symbol for d in plan.legal_bases.all()] == ["754/QĐ-UBND"]


def test_replaced_plan_is_linked(demo):
    assert [d.number_symbol for d in _plan("nhiệm vụ trọng tâm").replaces.all()] == ["33/KH-KH&CN"]
