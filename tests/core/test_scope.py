"""``scope_for``: the organisation paths a user acts in, mergers included, read in a bounded number of queries."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dost.core.permissions import memberships_for, scope_for
from dost.core.status import OrganisationKind, Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def _merged(*names: str):
    """Organisations merged one into the next: the first succeeded by the second, and so on."""
    organisations = [OrganisationFactory(name=n, kind=OrganisationKind.DEPARTMENT) for n in names]
    for earlier, later in itertools.pairwise(organisations):
        earlier.successor = later
        earlier.save()
    return organisations


def _fresh(user):
    user.__dict__.pop("_dost_scope", None)
    return user


@pytest.mark.django_db
def test_a_membership_covers_its_organisation_by_role():
    unit = OrganisationFactory()
    user = UserFactory()
    MembershipFactory(user=user, organisation=unit, role=Role.OFFICER)
    scope = scope_for(_fresh(user))
    assert scope.paths_by_role == {Role.OFFICER: {unit.path}}
    assert scope.org_ids == {unit.pk} and not scope.is_admin


@pytest.mark.django_db
def test_two_roles_in_one_organisation_keep_both():
    unit = OrganisationFactory()
    user = UserFactory()
    MembershipFactory(user=user, organisation=unit, role=Role.OFFICER)
    MembershipFactory(user=user, organisation=unit, role=Role.LEADER)
    assert scope_for(_fresh(user)).paths_by_role == {Role.OFFICER: {unit.path}, Role.LEADER: {unit.path}}


@pytest.mark.django_db
def test_a_successor_covers_every_earlier_generation_of_mergers():
    oldest, older, current = _merged("Sở A (1997)", "Sở A (2008)", "Sở A (2025)")
    user = UserFactory()
    MembershipFactory(user=user, organisation=current, role=Role.LEADER)
    assert scope_for(_fresh(user)).paths_by_role[Role.LEADER] == {oldest.path, older.path, current.path}


@pytest.mark.django_db
def test_a_predecessor_does_not_cover_its_successor():
    older, current = _merged("Sở B (2008)", "Sở B (2025)")
    user = UserFactory()
    MembershipFactory(user=user, organisation=older, role=Role.VIEWER)
    assert scope_for(_fresh(user)).paths_by_role[Role.VIEWER] == {older.path}


@pytest.mark.django_db
def test_a_succession_cycle_ends():
    first, second = _merged("Sở C", "Sở D")
    second.successor = first
    second.save()
    user = UserFactory()
    MembershipFactory(user=user, organisation=first, role=Role.OFFICER)
    assert scope_for(_fresh(user)).paths_by_role[Role.OFFICER] == {first.path, second.path}


@pytest.mark.django_db
def test_an_administrator_membership_makes_an_administrator():
    user = UserFactory()
    MembershipFactory(user=user, role=Role.ADMIN)
    assert scope_for(_fresh(user)).is_admin


@pytest.mark.django_db
def test_without_mergers_the_scope_is_one_query():
    user = UserFactory()
    for _ in range(3):
        MembershipFactory(user=user, role=Role.OFFICER)
    with CaptureQueriesContext(connection) as queries:
        scope_for(_fresh(user))
    assert len(queries) == 1


@pytest.mark.django_db
def test_the_scope_is_read_once_per_user_object():
    user = UserFactory()
    MembershipFactory(user=user)
    scope_for(_fresh(user))
    with CaptureQueriesContext(connection) as queries:
        scope_for(user)
    assert len(queries) == 0


@pytest.mark.django_db
def test_memberships_for_finds_the_successor_s_membership_over_an_older_organisation():
    oldest, older, current = _merged("Sở E (1997)", "Sở E (2008)", "Sở E (2025)")
    user = UserFactory()
    leading = MembershipFactory(user=user, organisation=current, role=Role.LEADER)
    MembershipFactory(user=user, organisation=OrganisationFactory(), role=Role.LEADER)
    assert memberships_for(user, oldest, {Role.LEADER}) == [leading]
