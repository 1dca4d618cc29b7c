"""The audit trail: read-only everywhere (admin included), and its page filterable by user, record and time."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.deletion import ProtectedError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dost.core.audit import acting_as
from dost.core.models import AuditEntry, Organisation
from dost.plans.models import Plan
from tests.factories import OrganisationFactory, PlanFactory, UserFactory

URL = reverse("audit_log")
BUDGET = 12  # session, user, memberships, the filter's users and record kinds, count, page


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(response) -> list[str]:
    return [str(e) for e in response.context["page"].object_list]


@pytest.fixture
def admin(world):
    return _client(world.users["admin"])


@pytest.mark.django_db
def test_administrators_read_the_log(world, admin):
    with acting_as(world.users["officer"]):
        OrganisationFactory(name="Phòng Nhật ký")
    response = admin.get(URL)
    assert response.status_code == 200 and "Phòng Nhật ký" in response.content.decode()


@pytest.mark.django_db
def test_leaders_are_refused(world):
    assert _client(world.users["leader"]).get(URL).status_code == 403


@pytest.mark.django_db
def test_filter_by_user(world, admin):
    with acting_as(world.users["officer"]):
        OrganisationFactory(name="Của chuyên viên")
    with acting_as(world.users["leader"]):
        OrganisationFactory(name="Của lãnh đạo")
    rows = _rows(admin.get(URL, {"actor": world.users["officer"].pk}))
    assert rows and all(world.users["officer"].get_full_name() in r for r in rows)
    assert not any("Của lãnh đạo" in r for r in rows)


@pytest.mark.django_db
def test_filter_by_record_kind_and_id(world, admin):
    plan = PlanFactory(owner=world.department, title="Kế hoạch cần tra")
    Plan.objects.filter(pk=plan.pk).update(title="Kế hoạch đã sửa")
    response = admin.get(URL, {"content_type": ContentType.objects.get_for_model(Plan).pk,
                               "object_id": str(plan.pk)})
    entries = list(response.context["page"].object_list)
    assert {e.action for e in entries} == {"create", "update"}
    assert {(e.content_type.model, e.object_id) for e in entries} == {("plan", str(plan.pk))}


@pytest.mark.django_db
def test_filter_by_words_of_the_record_and_action(world, admin):
    org = OrganisationFactory(name="Trung tâm Ứng dụng")
    org.name = "Trung tâm Ứng dụng tiến bộ"
    org.save()
    entries = list(admin.get(URL, {"q": "ứng dụng", "action": "update"}).context["page"].object_list)
    assert [(e.object_id, e.action) for e in entries] == [(str(org.pk), "update")]


@pytest.mark.django_db
def test_filter_by_date_range_in_local_days(world, admin):
    for day in (1, 2, 3):
        # 06:30 in Hà Nội is 23:30 of the day before in UTC: days are counted locally.
        with time_machine.travel(datetime.datetime(2026, 3, day, 6, 30, tzinfo=timezone.get_current_timezone()),
                                 tick=False):
            OrganisationFactory(name=f"Ngày {day}")
    entries = admin.get(URL, {"since": "2026-03-02", "until": "2026-03-02"}).context["page"].object_list
    names = {e.object_repr for e in entries if e.content_type.model == "organisation"}
    assert names == {"Ngày 2"}


@pytest.mark.django_db
def test_a_bad_filter_is_explained_and_lists_nothing(world, admin):
    response = admin.get(URL, {"since": "không-phải-ngày"})
    assert response.status_code == 200 and response.context["filter"].form.errors["since"]
    assert _rows(response) == []


@pytest.mark.django_db
def test_pages_of_fifty(world, admin):
    Organisation.objects.bulk_create([Organisation(name=f"Đơn vị {i}", kind="division") for i in range(60)])
    total = AuditEntry.objects.count()
    response = admin.get(URL, {"page": 2})
    assert len(_rows(response)) == total - 50 and response.context["page"].paginator.count == total


@pytest.mark.django_db
def test_queries_do_not_grow_with_entries(world, admin):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin.get(URL).status_code == 200
        return len(queries)

    small = count()
    for i in range(20):
        with acting_as(UserFactory()):
            plan = PlanFactory(owner=world.department, title=f"Kế hoạch {i}")
            Plan.objects.filter(pk=plan.pk).update(title=f"Kế hoạch {i}*")
    assert count() == small <= BUDGET


@pytest.fixture
def superuser_client():
    return _client(UserFactory(username="sieuquantri", is_superuser=True, is_staff=True))


@pytest.mark.django_db
def test_admin_lists_the_trail_read_only_even_for_superusers(world, superuser_client):
    entry = AuditEntry.objects.first()
    assert superuser_client.get(reverse("admin:core_auditentry_changelist")).status_code == 200
    assert superuser_client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert superuser_client.get(reverse("admin:core_auditentry_delete", args=[entry.pk])).status_code == 403
    change = reverse("admin:core_auditentry_change", args=[entry.pk])
    assert superuser_client.post(change, {"actor_name": "giả mạo"}).status_code == 403
    changelist = superuser_client.get(reverse("admin:core_auditentry_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    entry.refresh_from_db()
    assert entry.actor_name != "giả mạo"


@pytest.mark.django_db
def test_admin_bulk_delete_action_is_refused(world, superuser_client):
    before = AuditEntry.objects.count()
    superuser_client.post(reverse("admin:core_auditentry_changelist"),
                          {"action": "delete_selected", "_selected_action": [AuditEntry.objects.first().pk],
                           "post": "yes"})
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_a_user_who_acted_cannot_be_deleted_so_entries_keep_their_actor(world):
    user = UserFactory()
    with acting_as(user):
        OrganisationFactory()
    with pytest.raises(ProtectedError):
        user.delete()
    assert AuditEntry.objects.filter(actor=user).exists()


@pytest.mark.django_db
def test_the_base_manager_refuses_changes_too(world):
    with pytest.raises(PermissionError):
        AuditEntry._base_manager.all().update(actor_name="x")
    with pytest.raises(PermissionError):
        AuditEntry._base_manager.all().delete()
