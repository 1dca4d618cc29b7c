import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import PlanFactory, TaskFactory


@pytest.mark.django_db
def test_plans_list_json_shape():
    plan = PlanFactory(number="25", symbol="KH-KHCN", date_year=2019, date_month=2, date_day=25, budget_vnd=5)
    TaskFactory(plan=plan)
    TaskFactory(plan=plan, parent=TaskFactory(plan=plan))
    out = io.StringIO()
    call_command("plans", "list", "--json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert {k: row[k] for k in ("id", "number", "symbol", "date", "budget_vnd", "task_count", "status")} == {
        "id": plan.pk, "number": "25/KH-KHCN", "symbol": "KH-KHCN",
        "date": {"year": 2019, "month": 2, "day": 25}, "budget_vnd": 5, "task_count": 3, "status": "in_progress",
    }


@pytest.mark.django_db
def test_blank_number_is_null():
    PlanFactory(number="", date_day=None)
    out = io.StringIO()
    call_command("plans", "list", "--json", stdout=out)
    row = json.loads(out.getvalue())[0]
    assert row["number"] is None and row["date"]["day"] is None


@pytest.mark.django_db
def test_plans_show_includes_tasks():
    task = TaskFactory(title="Nhiệm vụ A")
    out = io.StringIO()
    call_command("plans", "show", str(task.plan_id), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [t["title"] for t in data["tasks"]] == ["Nhiệm vụ A"] and data["tasks"][0]["status"]


@pytest.mark.django_db
def test_plans_show_unknown_id_exits_2():
    with pytest.raises(CommandError) as error:
        call_command("plans", "show", "999999", "--json")
    assert error.value.returncode == 2
