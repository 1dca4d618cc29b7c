"""The one-stop rules of the dossier engine, through its services."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from dost.core.status import DossierStatus
from dost.procedures import calendar as cal
from dost.procedures import dossiers
from dost.procedures.models import LetterKind
from tests.procedures.conftest import pdf

CONTACT = {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.test"}
MONDAY = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def _submit(world, desk, files=None):
    files = files if files is not None else {desk.form.pk: [pdf()], desk.plan.pk: [pdf("tm.pdf", b"2")]}
    return dossiers.submit(desk.applicant, desk.procedure, desk.enterprise, CONTACT, files)


@pytest.mark.django_db
def test_submission_gets_a_public_code_and_an_unguessable_access_code(world, desk):
    first, second = _submit(world, desk), _submit(world, desk)
    year = datetime.date.today().year
    assert (first.public_code, second.public_code) == (f"KHCN-{year}-000001", f"KHCN-{year}-000002")
    assert len(first.access_code) == 10 and first.access_code != second.access_code


@pytest.mark.django_db
def test_missing_mandatory_document_and_wrong_format_are_refused_together(world, desk):
    with pytest.raises(ValidationError) as error:
        _submit(world, desk, {desk.form.pk: [pdf("don.docx")]})
    messages = " ".join(error.value.messages)
    assert "Thuyết minh dự án" in messages and "don.docx" in messages


@pytest.mark.django_db
def test_someone_else_cannot_submit_for_the_enterprise(world, desk):
    with pytest.raises(PermissionDenied):
        dossiers.submit(world.users["other_officer"], desk.procedure, desk.enterprise, CONTACT,
                        {desk.form.pk: [pdf()], desk.plan.pk: [pdf()]})


@pytest.mark.django_db
@time_machine.travel(MONDAY, tick=False)
def test_receipt_gives_the_appointment_date(world, desk):
    dossier = dossiers.receive(world.users["officer"], _submit(world, desk))
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.due_date == cal.add_workdays(datetime.date(2026, 3, 2), 10)
    assert [letter.kind for letter in dossier.letters.all()] == [LetterKind.RECEIPT]


@pytest.mark.django_db
def test_only_the_handling_organisation_receives(world, desk):
    with pytest.raises(PermissionDenied):
        dossiers.receive(desk.applicant, _submit(world, desk))


@pytest.mark.django_db
def test_supplement_request_stops_the_clock_and_resubmission_restarts_it(world, desk):
    officer = world.users["leader"]
    with time_machine.travel(MONDAY, tick=False):
        dossier = dossiers.receive(officer, _submit(world, desk))
        first_due = dossier.due_date
    with time_machine.travel(MONDAY + datetime.timedelta(days=2), tick=False):
        dossiers.request_supplement(officer, dossier, ["Thuyết minh dự án có chữ ký"], "Thiếu chữ ký.")
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.SUPPLEMENT and dossier.due_date is None
    with time_machine.travel(MONDAY + datetime.timedelta(days=9), tick=False):  # a week later (5 working days)
        dossiers.resubmit(desk.applicant, dossier, {desk.plan.pk: [pdf("tm2.pdf", b"3")]}, "Đã ký.")
        dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    assert cal.workdays_between(first_due, dossier.due_date) == 5
    assert dossiers.revision_changes(dossier) == [{"document": "Thuyết minh dự án", "change": "replaced"}]


@pytest.mark.django_db
def test_a_second_request_for_something_not_asked_first_is_refused(world, desk):
    officer = world.users["leader"]
    dossier = dossiers.receive(officer, _submit(world, desk))
    dossiers.request_supplement(officer, dossier, ["Thuyết minh dự án có chữ ký"])
    dossiers.resubmit(desk.applicant, dossier, {desk.plan.pk: [pdf("tm2.pdf")]})
    with pytest.raises(ValidationError, match="chỉ được yêu cầu bổ sung một lần"):
        dossiers.request_supplement(officer, dossier, ["Báo cáo tài chính"])
    dossiers.request_supplement(officer, dossier, ["Thuyết minh dự án có chữ ký"])  # the same item, still missing


@pytest.mark.django_db
def test_refusal_needs_reasons_and_writes_a_letter(world, desk):
    dossier = dossiers.receive(world.users["leader"], _submit(world, desk))
    with pytest.raises(ValidationError):
        dossiers.refuse(world.users["leader"], dossier, " ")
    dossiers.refuse(world.users["leader"], dossier, "Doanh nghiệp không đóng trên địa bàn tỉnh")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.REFUSED
    assert dossier.letters.filter(kind=LetterKind.REFUSAL).exists()


@pytest.mark.django_db
def test_apology_and_new_date_only_before_the_deadline(world, desk):
    officer = world.users["leader"]
    with time_machine.travel(MONDAY, tick=False):
        dossier = dossiers.receive(officer, _submit(world, desk))
        due = dossier.due_date
        dossiers.extend(officer, dossier, 3, "Chờ ý kiến của Sở Tài chính")
        dossier.refresh_from_db()
    assert cal.workdays_between(due, dossier.due_date) == 3
    assert dossier.letters.filter(kind=LetterKind.APOLOGY).exists()
    late = datetime.datetime.combine(dossier.due_date + datetime.timedelta(days=1), datetime.time(9),
                                     tzinfo=datetime.UTC)
    with time_machine.travel(late, tick=False), pytest.raises(ValidationError, match="trước khi hết hạn"):
        dossiers.extend(officer, dossier, 1, "Vẫn chờ")


@pytest.mark.django_db
def test_batch_send_for_signature_then_leader_approves_with_a_decision(world, desk):
    leader = world.users["leader"]
    batch = [dossiers.receive(leader, _submit(world, desk)) for _ in range(2)]
    assert dossiers.send_for_signature(leader, batch) == 2
    for dossier in batch:
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.SIGNATURE
        with pytest.raises(PermissionDenied):
            dossiers.approve(world.users["officer"], dossier)
        dossiers.approve(leader, dossier, "Đồng ý hỗ trợ")
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.APPROVED and dossier.step.public_name == "Đã có kết quả"


@pytest.mark.django_db
def test_batch_assignment_checks_the_officer_belongs_to_the_handling_organisation(world, desk):
    dossier = dossiers.receive(world.users["leader"], _submit(world, desk))
    assert dossiers.assign(world.users["leader"], [dossier], world.users["officer"]) == 1
    with pytest.raises(ValidationError):
        dossiers.assign(world.users["leader"], [dossier], desk.applicant)


@pytest.mark.django_db
def test_public_lookup_needs_both_codes(world, desk):
    dossier = _submit(world, desk)
    assert dossiers.lookup(dossier.public_code, dossier.access_code) == dossier
    assert dossiers.lookup(dossier.public_code, "AAAAAAAAAA") is None
    assert dossiers.lookup(dossier.public_code.lower(), dossier.access_code.lower()) == dossier


@pytest.mark.django_db
def test_suspension_stops_the_clock_and_resuming_restarts_it(world, desk):
    officer = world.users["leader"]
    with time_machine.travel(MONDAY, tick=False):
        dossier = dossiers.receive(officer, _submit(world, desk))
        first_due = dossier.due_date
        dossiers.suspend(officer, dossier, "Chờ ý kiến Sở Tài chính")
        dossier.refresh_from_db()
        assert dossier.due_date is None
    with time_machine.travel(MONDAY + datetime.timedelta(days=7), tick=False):
        dossiers.resume(officer, dossier)
        dossier.refresh_from_db()
    assert cal.workdays_between(first_due, dossier.due_date) == 5


@pytest.mark.django_db
def test_suspension_needs_the_procedure_to_allow_it(world, desk):
    desk.procedure.allows_suspension = False
    desk.procedure.save()
    dossier = dossiers.receive(world.users["leader"], _submit(world, desk))
    with pytest.raises(ValidationError):
        dossiers.suspend(world.users["leader"], dossier, "Lý do")
