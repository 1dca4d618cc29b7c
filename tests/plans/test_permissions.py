import datetime

import pytest

from dost.core.status import OrganisationKind, Role
from dost.plans import permissions
from tests.factories import MembershipFactory, OrganisationFactory, PlanFactory, TaskFactory, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [
    ("viewer", True), ("officer", True), ("other_officer", False), ("leader", True), ("admin", True),
])
def test_who_sees_the_plan(world, role, expected):
    assert permissions.can_view_plan(world.users[role], world.plan) is expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [
    ("viewer", False), ("officer", True), ("other_officer", False), ("leader", True), ("admin", True),
])
def test_who_edits_the_task(world, role, expected):
    assert permissions.can_edit_task(world.users[role], world.task) is expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [
    ("viewer", False), ("officer", False), ("other_officer", False), ("leader", True), ("admin", True),
])
def test_who_edits_the_plan(world, role, expected):
    assert permissions.can_edit_plan(world.users[role], world.plan) is expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [
    ("viewer", False), ("officer", False), ("other_officer", False), ("leader", True), ("admin", True),
])
def test_who_reviews_reports(world, role, expected):
    assert permissions.can_review_report(world.users[role], world.report) is expected


@pytest.mark.django_db
def test_partner_unit_sees_the_plan(world):
    world.task.partners.add(world.other_unit)
    assert permissions.can_view_plan(world.users["other_officer"], world.plan)


@pytest.mark.django_db
def test_successor_organisation_inherits_predecessor_plans():
    old = OrganisationFactory(name="Sở KH&CN tỉnh Bắc Giang", kind=OrganisationKind.DEPARTMENT,
                              valid_to=datetime.date(2025, 6, 30))
    new = OrganisationFactory(name="Sở KH&CN tỉnh Bắc Ninh", kind=OrganisationKind.DEPARTMENT)
    old.successor = new
    old.save()
    plan = PlanFactory(owner=old)
    leader = UserFactory()
    MembershipFactory(user=leader, organisation=new, role=Role.LEADER)
    assert permissions.can_view_plan(leader, plan) and permissions.can_edit_plan(leader, plan)


@pytest.mark.django_db
def test_unrelated_user_sees_nothing():
    TaskFactory()
    assert permissions.visible_plans(UserFactory()).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "officer", "other_officer", "leader"])
def test_visible_plans_are_the_same_as_ids_or_as_a_subquery(world, role, monkeypatch):
    """Up to ``LITERAL_IDS_MAX`` plans the visible set is written as ids, beyond it as a subquery: same plans."""
    PlanFactory(owner=world.department)
    as_ids = set(permissions.visible_plans(world.users[role]).values_list("pk", flat=True))
    monkeypatch.setattr(permissions, "LITERAL_IDS_MAX", 0)
    assert set(permissions.visible_plans(world.users[role]).values_list("pk", flat=True)) == as_ids
