"""Officer pages: the queue with its batch actions, the dossier page with its actions, the dashboard."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from dost.core.status import DossierStatus
from dost.procedures import dossiers
from dost.procedures.reminders import send_dossier_reminders
from tests.factories import PASSWORD
from tests.procedures.conftest import pdf

CONTACT = {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.test"}


def _submitted(desk):
    return dossiers.submit(desk.applicant, desk.procedure, desk.enterprise, CONTACT,
                           {desk.form.pk: [pdf()], desk.plan.pk: [pdf("tm.pdf")]})


@pytest.fixture
def leader(client, world):
    client.login(username="leader", password=PASSWORD)
    return client


@pytest.mark.django_db
def test_queue_lists_handled_dossiers_and_filters_overdue(leader, world, desk):
    dossier = dossiers.receive(world.users["leader"], _submitted(desk))
    response = leader.get(reverse("dossier_queue"))
    assert dossier.public_code in response.content.decode()
    assert dossier.public_code not in leader.get(reverse("dossier_queue") + "?due=overdue").content.decode()


@pytest.mark.django_db
def test_receive_through_the_page_issues_the_receipt(leader, world, desk):
    dossier = _submitted(desk)
    response = leader.post(reverse("dossier_action", args=[dossier.pk]), {"action": "receive"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED and dossier.letters.count() == 1


@pytest.mark.django_db
def test_supplement_without_items_is_refused_with_a_message(leader, world, desk):
    dossier = dossiers.receive(world.users["leader"], _submitted(desk))
    response = leader.post(reverse("dossier_action", args=[dossier.pk]), {"action": "supplement", "items": " "},
                           follow=True)
    assert "Cần liệt kê đầy đủ" in response.content.decode()


@pytest.mark.django_db
def test_batch_assign_and_sign(leader, world, desk):
    batch = [dossiers.receive(world.users["leader"], _submitted(desk)) for _ in range(2)]
    ids = [d.pk for d in batch]
    leader.post(reverse("dossier_batch"), {"ids": ids, "action": "assign", "officer": world.users["officer"].pk})
    leader.post(reverse("dossier_batch"), {"ids": ids, "action": "sign"})
    for dossier in batch:
        dossier.refresh_from_db()
        assert dossier.assigned_to == world.users["officer"] and dossier.status == DossierStatus.SIGNATURE


@pytest.mark.django_db
def test_dashboard_counts(leader, world, desk):
    dossiers.receive(world.users["leader"], _submitted(desk))
    response = leader.get(reverse("dossier_dashboard"))
    assert response.status_code == 200 and response.context["by_step"][0]["n"] == 1


@pytest.mark.django_db
def test_reminder_goes_once_to_the_assigned_officer_before_the_deadline(world, desk):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        dossier = dossiers.receive(world.users["officer"], _submitted(desk))
    world.users["officer"].email = "officer@example.test"
    world.users["officer"].save()
    day_before = dossier.due_date - datetime.timedelta(days=1)
    assert [d.pk for d in send_dossier_reminders(day_before)] == [dossier.pk]
    assert send_dossier_reminders(day_before) == []
    assert len(mail.outbox) == 1 and dossier.public_code in mail.outbox[0].subject
