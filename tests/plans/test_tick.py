import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from dost.plans.models import ReportingSchedule


@pytest.fixture
def quarterly(world):
    world.task.reporting_schedule = ReportingSchedule.QUARTERLY
    world.task.save()
    world.report.delete()
    world.draft.delete()
    return world


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 9, 25, 8, 0, tzinfo=datetime.UTC), tick=False)
def test_tick_reminds_lead_unit_before_quarter_end(quarterly):
    call_command("tick", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["officer@example.test"]


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 9, 25, 8, 0, tzinfo=datetime.UTC), tick=False)
def test_tick_reminds_only_once_per_period(quarterly):
    call_command("tick", stdout=open("/dev/null", "w"))
    call_command("tick", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 9, 10, 8, 0, tzinfo=datetime.UTC), tick=False)
def test_tick_is_silent_far_from_period_end(quarterly):
    call_command("tick", stdout=open("/dev/null", "w"))
    assert mail.outbox == []


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 9, 25, 8, 0, tzinfo=datetime.UTC), tick=False)
def test_tick_skips_tasks_already_reported_this_period(quarterly):
    from tests.factories import ProgressReportFactory

    ProgressReportFactory(task=quarterly.task, author=quarterly.users["officer"], report_date=datetime.date(2026, 9, 20))
    call_command("tick", stdout=open("/dev/null", "w"))
    assert mail.outbox == []
