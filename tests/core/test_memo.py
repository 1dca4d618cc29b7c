"""``dost.core.memo``: per-user reads kept across requests, never past a change of what they were read from."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from dost.core import memo
from dost.core.models import Membership, Organisation
from dost.core.permissions import scope_for
from dost.core.status import OrganisationKind, Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.memo_support import in_request


def scope_paths(user) -> dict:
    """The user's paths by role, read as a new request does (a fresh user row, nothing kept on it)."""
    fresh = get_user_model().objects.get(pk=user.pk)
    return {role: set(paths) for role, paths in scope_for(fresh).paths_by_role.items()}


def token() -> str:
    return memo.read_token()


# ------------------------------------------------------------------ the triggers renew the token


def installed_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dost_memo_%'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'dost_memo_%'")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
@pytest.mark.parametrize("table", sorted(memo.WATCHED))
def test_every_watched_table_has_its_triggers(table):
    events = ("insert", "delete", "update") + (("truncate",) if connection.vendor == "postgresql" else ())
    assert {f"dost_memo_{table}_{event}" for event in events} <= installed_triggers()


@pytest.mark.django_db
def test_a_new_membership_renews_the_token():
    user, unit = UserFactory(), OrganisationFactory()
    before = token()
    MembershipFactory(user=user, organisation=unit, role=Role.OFFICER)
    assert token() != before


@pytest.mark.django_db
def test_a_queryset_update_of_a_role_renews_the_token():
    membership = MembershipFactory(role=Role.OFFICER)
    before = token()
    Membership.objects.filter(pk=membership.pk).update(role=Role.VIEWER)
    assert token() != before


@pytest.mark.django_db
def test_a_raw_delete_of_a_membership_renews_the_token():
    membership = MembershipFactory(role=Role.OFFICER)
    before = token()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_membership WHERE id = %s", [membership.pk])
    assert token() != before


@pytest.mark.django_db
def test_a_merger_renews_the_token():
    earlier, later = OrganisationFactory(), OrganisationFactory()
    before = token()
    Organisation.objects.filter(pk=earlier.pk).update(successor=later)
    assert token() != before


@pytest.mark.django_db
def test_renaming_an_organisation_leaves_the_token():
    unit = OrganisationFactory()
    before = token()
    Organisation.objects.filter(pk=unit.pk).update(short_name="Phòng mới", search_text="phong moi")
    assert token() == before


@pytest.mark.django_db
def test_a_login_leaves_the_token_and_a_withdrawn_superuser_renews_it():
    user = UserFactory(is_superuser=True)
    before = token()
    get_user_model().objects.filter(pk=user.pk).update(last_login=datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC))
    assert token() == before
    get_user_model().objects.filter(pk=user.pk).update(is_superuser=False)
    assert token() != before


@pytest.mark.django_db
def test_confirming_a_device_renews_the_token_and_checking_a_code_does_not():
    device = TOTPDevice.objects.create(user=UserFactory(), name="default", confirmed=False)
    before = token()
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=12345, throttling_failure_count=1)
    assert token() == before
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    assert token() != before


@pytest.mark.django_db
def test_a_removed_token_row_comes_back_with_a_new_token():
    before = token()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {memo.TABLE}")
    after = token()
    assert after and after != before


# --------------------------------------------------------------------- what the requests see


@pytest.mark.django_db(transaction=True)
def test_a_second_request_reads_the_scope_from_memory():
    user = UserFactory()
    MembershipFactory(user=user, organisation=OrganisationFactory(), role=Role.OFFICER)
    in_request(lambda: scope_paths(user))
    with CaptureQueriesContext(connection) as second:
        in_request(lambda: scope_paths(user))
    assert not any("core_membership" in q["sql"] for q in second.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_role_is_gone_at_the_next_request():
    user, unit = UserFactory(), OrganisationFactory()
    membership = MembershipFactory(user=user, organisation=unit, role=Role.OFFICER)
    assert in_request(lambda: scope_paths(user)) == {Role.OFFICER: {unit.path}}
    Membership.objects.filter(pk=membership.pk).delete()
    assert in_request(lambda: scope_paths(user)) == {}


@pytest.mark.django_db(transaction=True)
def test_a_role_withdrawn_in_raw_sql_is_gone_at_the_next_request():
    user, unit = UserFactory(), OrganisationFactory()
    membership = MembershipFactory(user=user, organisation=unit, role=Role.OFFICER)
    in_request(lambda: scope_paths(user))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_membership WHERE id = %s", [membership.pk])
    assert in_request(lambda: scope_paths(user)) == {}


@pytest.mark.django_db(transaction=True)
def test_a_merger_reaches_the_successors_staff_at_the_next_request():
    earlier = OrganisationFactory(kind=OrganisationKind.DEPARTMENT)
    later = OrganisationFactory(kind=OrganisationKind.DEPARTMENT)
    user = UserFactory()
    MembershipFactory(user=user, organisation=later, role=Role.OFFICER)
    assert in_request(lambda: scope_paths(user)) == {Role.OFFICER: {later.path}}
    Organisation.objects.filter(pk=earlier.pk).update(successor=later)
    assert in_request(lambda: scope_paths(user)) == {Role.OFFICER: {later.path, earlier.path}}


@pytest.mark.django_db(transaction=True)
def test_a_request_that_writes_reads_afresh_after_its_write():
    user, unit = UserFactory(), OrganisationFactory()

    def grant_then_read():
        before = scope_paths(user)
        MembershipFactory(user=user, organisation=unit, role=Role.LEADER)
        return before, scope_paths(user)

    in_request(lambda: scope_paths(user))
    assert in_request(grant_then_read) == ({}, {Role.LEADER: {unit.path}})


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_grant_leaves_nothing_behind():
    user, unit = UserFactory(), OrganisationFactory()

    def grant_and_fail():
        with transaction.atomic():
            MembershipFactory(user=user, organisation=unit, role=Role.LEADER)
            assert scope_paths(user) == {Role.LEADER: {unit.path}}
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        in_request(grant_and_fail)
    assert in_request(lambda: scope_paths(user)) == {}


@pytest.mark.django_db(transaction=True)
def test_nothing_is_kept_inside_a_transaction():
    calls = []

    def read():
        with transaction.atomic():
            return memo.remember(("test",), lambda: calls.append(1) or len(calls))

    assert in_request(read) == 1
    assert in_request(read) == 2


@pytest.mark.django_db(transaction=True)
def test_nothing_is_kept_outside_a_request():
    calls = []
    for _ in range(2):
        memo.remember(("test",), lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_the_memory_holds_at_most_its_bound(monkeypatch):
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)
    in_request(lambda: [memo.remember(("n", i), lambda i=i: i) for i in range(10)])
    assert len(memo._held[1]) <= 3
