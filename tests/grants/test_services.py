"""Appraisal, decision, refusal and payments of support applications, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dost.core.status import ApplicationStatus, DossierStatus, OrganisationKind
from dost.grants import services
from dost.grants.models import Application
from dost.procedures.models import LetterKind


def _messages(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


# ---------------------------------------------------------------------------------------------- creation


@pytest.mark.django_db
def test_the_applicant_creates_the_application_of_a_submitted_dossier(grants):
    dossier = grants.dossier(state="submitted")
    application = services.create_application(grants.desk.applicant, dossier, grants.programme, grants.iso, 2026)
    assert application.status == ApplicationStatus.DRAFT and application.dossier == dossier


@pytest.mark.django_db
def test_an_application_outside_the_programme_period_is_refused(grants):
    with pytest.raises(ValidationError) as error:
        services.create_application(grants.officer, grants.dossier(), grants.programme, grants.iso, 2031)
    assert "ngoài thời gian thực hiện chương trình" in _messages(error)


@pytest.mark.django_db
def test_a_dossier_has_one_application(grants):
    application = grants.application()
    with pytest.raises(ValidationError) as error:
        services.create_application(grants.officer, application.dossier, grants.programme, grants.iso, 2026)
    assert "đã có đề nghị hỗ trợ" in _messages(error)


# ---------------------------------------------------------------------------------------------- appraisal


@pytest.mark.django_db
def test_appraisal_stores_the_proposal_and_its_explanation(grants):
    application = services.appraise(grants.officer, grants.application(), 80_000_000, 1)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPRAISED
    assert (application.eligible_cost_vnd, application.proposed_vnd) == (80_000_000, 40_000_000)
    assert application.explanation.startswith("50 % × 80.000.000 đ = 40.000.000 đ")
    assert application.appraised_by == grants.officer


@pytest.mark.django_db
def test_per_item_cap_counts_the_standards(grants):
    application = services.appraise(grants.officer, grants.application(quantity=2), 240_000_000, 2)
    assert application.proposed_vnd == 100_000_000


@pytest.mark.django_db
def test_per_organisation_cap_does_not_count_the_items(grants):
    application = services.appraise(grants.officer, grants.application(grants.per_org), 300_000_000, 3)
    assert application.proposed_vnd == 100_000_000


@pytest.mark.django_db
def test_content_without_cap_proposes_the_share(grants):
    application = services.appraise(grants.officer, grants.application(grants.no_cap), 300_000_000, 1)
    assert application.proposed_vnd == 150_000_000 and "chưa có mức trần" in application.explanation


@pytest.mark.django_db
def test_unknown_level_is_refused_at_appraisal(grants):
    application = grants.application(grants.unknown)
    with pytest.raises(ValidationError) as error:
        services.appraise(grants.officer, application, 80_000_000, 1)
    assert "chưa có mức hỗ trợ" in _messages(error)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.proposed_vnd is None


@pytest.mark.django_db
def test_unknown_level_is_refused_at_decision(grants):
    application = grants.appraised()
    grants.iso.share_percent = None
    grants.iso.save()
    with pytest.raises(ValidationError) as error:
        services.decide(grants.leader, application, 40_000_000)
    assert "chưa có mức hỗ trợ" in _messages(error)


@pytest.mark.django_db
def test_applicant_of_another_kind_is_not_eligible(grants):
    association = grants.organisation("Hiệp hội Doanh nghiệp tỉnh Thử", OrganisationKind.ASSOCIATION)
    with pytest.raises(ValidationError) as error:
        services.appraise(grants.officer, grants.application(applicant=association), 80_000_000, 1)
    assert "Hội, hiệp hội, liên minh" in _messages(error)


@pytest.mark.django_db
def test_applicant_outside_the_allowed_area_is_not_eligible(grants):
    province = grants.organisation("UBND tỉnh Thử", OrganisationKind.PEOPLES_COMMITTEE)
    elsewhere = grants.organisation("UBND tỉnh Khác", OrganisationKind.PEOPLES_COMMITTEE)
    grants.iso.allowed_area_ids = [province.pk]
    grants.iso.save()
    enterprise = grants.organisation("Công ty Tỉnh Khác", parent=elsewhere)
    with pytest.raises(ValidationError) as error:
        services.appraise(grants.officer, grants.application(applicant=enterprise), 80_000_000, 1)
    assert "không hoạt động trên địa bàn được hỗ trợ (UBND tỉnh Thử)" in _messages(error)


@pytest.mark.django_db
def test_area_of_a_merged_province_covers_its_predecessors_enterprises(grants):
    merged = grants.organisation("UBND tỉnh Mới", OrganisationKind.PEOPLES_COMMITTEE)
    old = grants.organisation("UBND tỉnh Cũ", OrganisationKind.PEOPLES_COMMITTEE)
    old.successor = merged
    old.save()
    grants.iso.allowed_area_ids = [merged.pk]
    grants.iso.save()
    enterprise = grants.organisation("Công ty ở tỉnh cũ", parent=old)
    application = services.appraise(grants.officer, grants.application(applicant=enterprise), 80_000_000, 1)
    assert application.status == ApplicationStatus.APPRAISED


@pytest.mark.django_db
def test_second_support_of_a_content_in_the_period_is_not_eligible(grants):
    grants.iso.one_per_period, grants.iso.period_years = True, 3
    grants.iso.save()
    first = grants.decided()
    with pytest.raises(ValidationError) as error:
        services.appraise(grants.officer, grants.application(), 80_000_000, 1)
    assert f"đã được hỗ trợ nội dung này năm 2026 (hồ sơ {first.dossier.public_code})" in _messages(error)


@pytest.mark.django_db
def test_every_failed_rule_is_reported_at_once(grants):
    province = grants.organisation("UBND tỉnh Thử", OrganisationKind.PEOPLES_COMMITTEE)
    grants.unknown.allowed_area_ids = [province.pk]
    grants.unknown.save()
    association = grants.organisation("Hội Thử", OrganisationKind.ASSOCIATION)
    with pytest.raises(ValidationError) as error:
        services.appraise(grants.officer, grants.application(grants.unknown, applicant=association), 0, 0)
    assert len(error.value.messages) == 5  # cost, quantity, level, kind, location


@pytest.mark.django_db
def test_only_staff_of_the_handling_organisation_appraise(grants):
    with pytest.raises(PermissionDenied):
        services.appraise(grants.outsider, grants.application(), 80_000_000, 1)


# ---------------------------------------------------------------------------------------------- decision


@pytest.mark.django_db
def test_decision_approves_the_dossier_and_issues_the_decision_letter(grants):
    application = services.decide(grants.leader, grants.appraised(), 40_000_000, "Đồng ý.")
    application.refresh_from_db()
    dossier = application.dossier
    dossier.refresh_from_db()
    assert application.status == ApplicationStatus.DECIDED and application.decided_vnd == 40_000_000
    assert dossier.status == DossierStatus.APPROVED
    assert LetterKind.DECISION in {letter.kind for letter in dossier.letters.all()}
    assert "Quyết định hỗ trợ 40.000.000 đ" in dossier.outcome_note


@pytest.mark.django_db
def test_decision_before_signature_is_refused(grants):
    application = grants.appraised(state="received")
    with pytest.raises(ValidationError) as error:
        services.decide(grants.leader, application, 40_000_000)
    assert "chưa được trình lãnh đạo ký" in _messages(error)


@pytest.mark.django_db
def test_decision_above_the_proposal_is_refused(grants):
    with pytest.raises(ValidationError) as error:
        services.decide(grants.leader, grants.appraised(), 40_000_001)
    assert "vượt mức đề xuất" in _messages(error)


@pytest.mark.django_db
def test_officers_do_not_decide(grants):
    with pytest.raises(PermissionDenied):
        services.decide(grants.officer, grants.appraised(), 40_000_000)


@pytest.mark.django_db
def test_envelope_is_never_over_committed(grants):
    services.decide(grants.leader, grants.appraised(cost=200_000_000, quantity=2), 60_000_000)
    second = grants.appraised(cost=200_000_000, quantity=2)
    with pytest.raises(ValidationError) as error:
        services.decide(grants.leader, second, 50_000_000)
    assert "còn lại 40.000.000 đ" in _messages(error)
    services.decide(grants.leader, second, 40_000_000)
    status = services.envelope_status(grants.programme, 2026)
    assert (status.amount, status.committed, status.remaining) == (100_000_000, 100_000_000, 0)


@pytest.mark.django_db
def test_year_without_an_envelope_cannot_be_decided(grants):
    application = grants.appraised(year=2027)
    with pytest.raises(ValidationError) as error:
        services.decide(grants.leader, application, 40_000_000)
    assert "Chưa có dự toán kinh phí năm 2027" in _messages(error)


@pytest.mark.django_db
def test_rejection_refuses_the_dossier_in_writing(grants):
    application = services.reject(grants.officer, grants.application(), "Không thuộc đối tượng hỗ trợ.")
    application.dossier.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.dossier.status == DossierStatus.REFUSED
    assert application.dossier.letters.filter(kind=LetterKind.REFUSAL).exists()


# ---------------------------------------------------------------------------------------------- payments


@pytest.mark.django_db
def test_payments_up_to_the_decision_close_it(grants):
    application = grants.decided(40_000_000)
    services.record_payment(grants.officer, application, 15_000_000, datetime.date(2026, 1, 5), "UNC 01")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECIDED
    services.record_payment(grants.officer, application, 25_000_000, datetime.date(2026, 1, 6), "UNC 02")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    status = services.envelope_status(grants.programme, 2026)
    assert (status.committed, status.paid, status.unpaid) == (40_000_000, 40_000_000, 0)


@pytest.mark.django_db
def test_payments_never_exceed_the_decision(grants):
    application = grants.decided(40_000_000)
    services.record_payment(grants.officer, application, 30_000_000, datetime.date(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        services.record_payment(grants.officer, application, 10_000_001, datetime.date(2026, 1, 6))
    assert "còn được chi 10.000.000 đ" in _messages(error)
    assert services.paid_vnd(application) == 30_000_000


@pytest.mark.django_db
def test_no_payment_without_a_decision(grants):
    with pytest.raises(ValidationError) as error:
        services.record_payment(grants.officer, grants.appraised(), 1_000_000, datetime.date(2026, 1, 5))
    assert "đã có quyết định hỗ trợ" in _messages(error)


@pytest.mark.django_db
def test_envelope_status_without_an_envelope(grants):
    status = services.envelope_status(grants.programme, 2027)
    assert (status.amount, status.committed, status.paid, status.remaining) == (None, 0, 0, None)


@pytest.mark.django_db
def test_writes_are_audited(grants):
    from dost.core.models import AuditEntry

    application = grants.decided()
    assert AuditEntry.objects.filter(object_id=str(application.pk),
                                     content_type__model=Application._meta.model_name).count() >= 3
