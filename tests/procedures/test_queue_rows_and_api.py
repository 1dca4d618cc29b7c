"""The queue's rows and the dossier API's rows are written out by hand for speed: they must say what the
generic paths (a template loop, DRF's field walk) said."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework import serializers

from dost.core.status import OrganisationKind
from dost.procedures import dossiers
from dost.procedures.api import DossierSerializer
from dost.procedures.models import Dossier, ProcedureType
from dost.procedures.tables import queue_rows
from tests.factories import PASSWORD, OrganisationFactory
from tests.procedures.conftest import pdf

CONTACT = {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.test"}


def _received(world, desk):
    submitted = dossiers.submit(desk.applicant, desk.procedure, desk.enterprise, CONTACT,
                                {desk.form.pk: [pdf()], desk.plan.pk: [pdf("tm.pdf")]})
    return dossiers.receive(world.users["leader"], submitted)


def _loaded(pk: int) -> Dossier:
    return Dossier.objects.select_related("procedure", "applicant", "step", "assigned_to").get(pk=pk)


@pytest.mark.django_db
def test_api_row_is_what_the_declared_fields_give(world, desk):
    dossier = _loaded(_received(world, desk).pk)
    dossier.assigned_to = world.users["officer"]
    dossier.decided_on = datetime.date(2026, 3, 2)
    serializer = DossierSerializer()
    generic = serializers.ModelSerializer.to_representation(serializer, dossier)
    assert serializer.to_representation(dossier) == dict(generic)


@pytest.mark.django_db
def test_api_row_without_step_dates_or_officer_is_what_the_declared_fields_give(world, desk):
    dossier = _loaded(_received(world, desk).pk)
    dossier.step = None
    dossier.submitted_at = dossier.received_on = dossier.due_date = None
    serializer = DossierSerializer()
    generic = serializers.ModelSerializer.to_representation(serializer, dossier)
    assert serializer.to_representation(dossier) == dict(generic)


@pytest.mark.django_db
def test_queue_row_links_the_dossier_and_escapes_names(world, desk):
    desk.enterprise.name = "Công ty <b>A&B</b>"
    desk.enterprise.save()
    dossier = _loaded(_received(world, desk).pk)
    html = queue_rows([dossier], datetime.date(2026, 1, 5))
    assert f'href="{reverse("dossier_detail", args=[dossier.pk])}"' in html
    assert "Công ty &lt;b&gt;A&amp;B&lt;/b&gt;" in html and "<b>" not in html
    assert f'name="ids" value="{dossier.pk}"' in html


@pytest.mark.django_db
def test_queue_row_shows_how_many_days_a_dossier_is_late(world, desk):
    dossier = _loaded(_received(world, desk).pk)
    dossier.late_by = 3
    html = queue_rows([dossier], dossier.due_date + datetime.timedelta(days=5))
    assert '<span class="badge text-bg-danger">quá 3 ngày</span>' in html


@pytest.mark.django_db
def test_queue_row_marks_a_dossier_due_today(world, desk):
    dossier = _loaded(_received(world, desk).pk)
    dossier.late_by = 0
    html = queue_rows([dossier], dossier.due_date)
    assert '<span class="badge text-bg-warning">hôm nay</span>' in html


@pytest.mark.django_db
def test_queue_page_shows_the_rows_with_their_status(client, world, desk):
    dossier = _received(world, desk)
    client.login(username="leader", password=PASSWORD)
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, 0), tick=False):
        html = client.get(reverse("dossier_queue")).content.decode()
    assert dossier.public_code in html and f"status-{dossier.status}" in html


@pytest.mark.django_db
def test_queue_filter_offers_only_the_procedures_the_user_handles(client, world, desk):
    elsewhere = OrganisationFactory(name="Sở Khoa học và Công nghệ tỉnh Khác", kind=OrganisationKind.DEPARTMENT)
    ProcedureType.objects.create(code="KHAC-01", name="Thủ tục của tỉnh khác", organisation=elsewhere,
                                 processing_days=5)
    client.login(username="leader", password=PASSWORD)
    html = client.get(reverse("dossier_queue")).content.decode()
    assert desk.procedure.name in html and "Thủ tục của tỉnh khác" not in html


@pytest.mark.django_db
def test_a_fresh_queue_shows_the_dossiers_without_a_result(client, world, desk):
    from dost.core.status import DossierStatus

    open_one, decided = _received(world, desk), _received(world, desk)
    Dossier.objects.filter(pk=decided.pk).update(status=DossierStatus.APPROVED)
    client.login(username="leader", password=PASSWORD)
    html = client.get(reverse("dossier_queue")).content.decode()
    assert open_one.public_code in html and decided.public_code not in html
    assert '<option value="open" selected>' in html


@pytest.mark.django_db
def test_every_status_shows_decided_dossiers_too(client, world, desk):
    from dost.core.status import DossierStatus

    decided = _received(world, desk)
    Dossier.objects.filter(pk=decided.pk).update(status=DossierStatus.APPROVED)
    client.login(username="leader", password=PASSWORD)
    html = client.get(reverse("dossier_queue") + "?status=").content.decode()
    assert decided.public_code in html


@pytest.mark.django_db
def test_the_queue_pages_keep_the_default_filter(client, world, desk, monkeypatch):
    from dost.procedures import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    _received(world, desk), _received(world, desk)
    client.login(username="leader", password=PASSWORD)
    html = client.get(reverse("dossier_queue")).content.decode()
    assert "?status=open&page=2" in html
