import pytest
from django.contrib.contenttypes.models import ContentType

from dost.core.audit import acting_as
from dost.core.models import AuditEntry, Organisation
from dost.plans.models import Task
from tests.factories import OrganisationFactory, TaskFactory, UserFactory


def _entries(obj):
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


@pytest.mark.django_db
def test_create_is_audited_with_actor():
    user = UserFactory()
    with acting_as(user):
        org = OrganisationFactory(name="Phòng thử")
    entry = _entries(org).get(action="create")
    assert entry.actor == user and entry.after["name"] == "Phòng thử"


@pytest.mark.django_db
def test_update_records_before_and_after():
    org = OrganisationFactory(name="Tên cũ")
    org.name = "Tên mới"
    org.save()
    entry = _entries(org).filter(action="update").first()
    assert (entry.before, entry.after) == ({"name": "Tên cũ"}, {"name": "Tên mới"})


@pytest.mark.django_db
def test_queryset_update_is_audited():
    task = TaskFactory(title="A")
    Task.objects.filter(pk=task.pk).update(title="B")
    entry = _entries(task).filter(action="update").first()
    assert entry.after == {"title": "B"}


@pytest.mark.django_db
def test_bulk_create_is_audited():
    parent = OrganisationFactory()
    created = Organisation.objects.bulk_create([Organisation(name="X", kind="division", parent=parent)])
    assert _entries(created[0]).filter(action="create").exists()


@pytest.mark.django_db
def test_delete_is_audited():
    org = OrganisationFactory(name="Sẽ xóa")
    pk = org.pk
    org.delete()
    assert AuditEntry.objects.filter(object_id=str(pk), action="delete", before__name="Sẽ xóa").exists()


@pytest.mark.django_db
def test_queryset_delete_is_audited():
    task = TaskFactory()
    pk = task.pk
    Task.objects.filter(pk=pk).delete()
    assert AuditEntry.objects.filter(object_id=str(pk), action="delete").exists()


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed():
    entry = _entries(OrganisationFactory()).first()
    entry.actor_name = "giả mạo"
    with pytest.raises(PermissionError):
        entry.save()


@pytest.mark.django_db
def test_audit_entries_cannot_be_deleted():
    OrganisationFactory()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db
def test_audit_entries_cannot_be_bulk_updated():
    OrganisationFactory()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(actor_name="x")


@pytest.mark.django_db
def test_many_to_many_changes_are_audited():
    task = TaskFactory()
    partner = OrganisationFactory()
    task.partners.add(partner)
    entry = _entries(task).filter(action="update").first()
    assert entry.after == {"partners": {"added": [partner.pk]}}


@pytest.mark.django_db
def test_plan_queryset_update_is_audited():
    from dost.plans.models import Plan
    from tests.factories import PlanFactory

    plan = PlanFactory(title="Cũ")
    Plan.objects.filter(pk=plan.pk).update(title="Mới")
    assert _entries(plan).filter(action="update", after={"title": "Mới"}).exists()
