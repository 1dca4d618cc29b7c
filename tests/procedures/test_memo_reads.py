"""The dossier engine's reads kept by ``dost.core.memo``: the procedures an officer handles, the officers to
assign to and the stored calendar, never past a change."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model

from dost.core import memo
from dost.core.status import OrganisationKind, Role
from dost.procedures import queries, services
from dost.procedures.models import CalendarDay, CalendarYear, ProcedureType
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.memo_support import in_request


def token() -> str:
    return memo.read_token()


@pytest.mark.django_db
def test_moving_a_procedure_renews_the_token_and_changing_its_fee_does_not():
    department, other = OrganisationFactory(), OrganisationFactory()
    procedure = ProcedureType.objects.create(code="T-1", name="Thủ tục thử", organisation=department,
                                             processing_days=10)
    before = token()
    ProcedureType.objects.filter(pk=procedure.pk).update(fee_vnd=500_000)
    assert token() == before
    ProcedureType.objects.filter(pk=procedure.pk).update(organisation=other)
    assert token() != before


@pytest.mark.django_db
def test_a_stored_day_off_renews_the_token():
    year = CalendarYear.objects.create(year=2031)
    before = token()
    CalendarDay.objects.create(calendar=year, date=datetime.date(2031, 9, 1), is_workday=False, name="Nghỉ bù")
    assert token() != before


@pytest.mark.django_db(transaction=True)
def test_a_renamed_officer_shows_under_the_new_name_at_the_next_request():
    department = OrganisationFactory(kind=OrganisationKind.DEPARTMENT)
    officer = UserFactory(first_name="Lan", last_name="Nguyễn")
    MembershipFactory(user=officer, organisation=department, role=Role.OFFICER)

    def names():
        viewer = get_user_model().objects.get(pk=officer.pk)
        return [o.get_full_name() for o in queries.officers_for(viewer)]

    assert in_request(names) == ["Lan Nguyễn"]
    get_user_model().objects.filter(pk=officer.pk).update(first_name="Hoa")
    assert in_request(names) == ["Hoa Nguyễn"]


@pytest.mark.django_db(transaction=True)
def test_a_new_day_off_counts_at_the_next_request():
    year = CalendarYear.objects.create(year=2031, complete=False)
    day = datetime.date(2031, 9, 3)  # a Wednesday
    assert in_request(lambda: services.is_workday(day))
    CalendarDay.objects.create(calendar=year, date=day, is_workday=False, name="Nghỉ bù")
    assert not in_request(lambda: services.is_workday(day))


@pytest.mark.django_db(transaction=True)
def test_a_procedure_moved_to_the_officers_department_enters_their_queue_filter_at_the_next_request():
    department, elsewhere = (OrganisationFactory(kind=OrganisationKind.DEPARTMENT) for _ in range(2))
    officer = UserFactory()
    MembershipFactory(user=officer, organisation=department, role=Role.OFFICER)
    procedure = ProcedureType.objects.create(code="T-2", name="Thủ tục chuyển", organisation=elsewhere,
                                             processing_days=10)

    def handled():
        return queries.procedure_choices(get_user_model().objects.get(pk=officer.pk))

    assert in_request(handled) == []
    ProcedureType.objects.filter(pk=procedure.pk).update(organisation=department)
    assert in_request(handled) == [(procedure.pk, "Thủ tục chuyển")]
