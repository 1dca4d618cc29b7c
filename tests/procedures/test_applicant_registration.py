"""Enterprise self-registration: organisation, account and applicant membership in one audited transaction."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse

from dost.core.models import Attachment, AuditEntry, Membership, Organisation
from dost.core.status import OrganisationKind, Role
from dost.procedures import registration
from tests.factories import OrganisationFactory

VALID = {
    "name": "Công ty Cổ phần Cơ khí Chính xác Yên Dũng",
    "tax_code": "0100233488",
    "kind": "enterprise",
    "address": "Số 1 đường Hùng Vương, phường Bắc Giang, tỉnh Bắc Ninh",
    "representative": "Lê Văn Cường",
    "representative_title": "Giám đốc",
    "contact_name": "Phạm Thị Dung",
    "email": "dung@cokhi.example",
    "phone": "0912 345 678",
    "username": "cokhiyendung",
    "password1": "Vai-thieu-Luc-Ngan-2026",
    "password2": "Vai-thieu-Luc-Ngan-2026",
}


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_registration_creates_organisation_account_and_membership(client):
    response = client.post(reverse("applicant_register"), VALID)
    assert response.status_code == 302 and response.url == reverse("applicant_home")
    organisation = Organisation.objects.get(tax_code="0100233488")
    assert organisation.kind == OrganisationKind.ENTERPRISE and organisation.parent is None
    assert organisation.head_title == "Giám đốc"
    user = get_user_model().objects.get(username="cokhiyendung")
    assert user.email == "dung@cokhi.example" and user.first_name == "Phạm Thị Dung"
    assert user.check_password(VALID["password1"])
    membership = Membership.objects.get(user=user)
    assert membership.organisation == organisation and membership.role == Role.APPLICANT
    # signed in: the applicant's own page opens
    assert client.get(reverse("applicant_home")).status_code == 200


@pytest.mark.django_db
def test_registration_is_audited_under_the_new_account_and_keeps_the_declaration(client):
    client.post(reverse("applicant_register"), VALID)
    user = get_user_model().objects.get(username="cokhiyendung")
    organisation = Organisation.objects.get(tax_code="0100233488")
    entries = AuditEntry.objects.filter(actor=user, action="create")
    models = {e.content_type.model for e in entries}
    assert {"user", "organisation", "membership", "attachment"} <= models
    assert all(e.source == "web" for e in entries)
    assert not any("password" in (e.after or {}) for e in entries)
    declaration = Attachment.objects.get(content_type=ContentType.objects.get_for_model(Organisation),
                                         object_id=organisation.pk, purpose="registration")
    text = declaration.file.read().decode("utf-8")
    assert "Số 1 đường Hùng Vương" in text and "Lê Văn Cường" in text and "0912345678" in text
    assert VALID["password1"] not in text


@pytest.mark.django_db
def test_a_registered_tax_code_is_refused_without_revealing_the_holder(client):
    OrganisationFactory(name="Công ty Bí Mật", kind=OrganisationKind.ENTERPRISE, tax_code="0100 233 488")
    response = client.post(reverse("applicant_register"), {**VALID, "tax_code": "0100233488"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "đã được đăng ký" in page and "Bí Mật" not in page
    assert not get_user_model().objects.filter(username="cokhiyendung").exists()
    assert Organisation.objects.filter(tax_code__contains="233").count() == 1


@pytest.mark.django_db
def test_a_branch_code_is_a_different_taxpayer(client):
    OrganisationFactory(kind=OrganisationKind.ENTERPRISE, tax_code="0314409058")
    response = client.post(reverse("applicant_register"), {**VALID, "tax_code": "0314409058002"})
    assert response.status_code == 302
    assert Organisation.objects.filter(tax_code="0314409058-002").exists()
    again = client.post(reverse("applicant_register"),
                        {**VALID, "tax_code": "0314409058-002", "username": "chinhanh2"})
    assert "đã được đăng ký" in again.content.decode()


@pytest.mark.django_db
def test_service_refuses_a_duplicate_too():
    """The service checks again inside its transaction (the form's check may be stale)."""
    from django.core.exceptions import ValidationError

    OrganisationFactory(kind=OrganisationKind.ENTERPRISE, tax_code="0100233488")
    data = registration.Registration(name="X", tax_code="0100233488", kind="enterprise", address="A",
                                     representative="B", representative_title="", contact_name="C",
                                     email="c@example.test", phone="0912345678", username="xyz",
                                     password="Vai-thieu-Luc-Ngan-2026")
    with pytest.raises(ValidationError) as caught:
        registration.register_enterprise(data)
    assert "tax_code" in caught.value.error_dict
    assert not get_user_model().objects.filter(username="xyz").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field", "message"), [
    ({"tax_code": "0100233480"}, "tax_code", "chữ số kiểm tra"),
    ({"tax_code": "12345"}, "tax_code", "10 chữ số"),
    ({"kind": "department"}, "kind", ""),
    ({"password1": "short", "password2": "short"}, "password1", ""),
    ({"password1": "1234567890123", "password2": "1234567890123"}, "password1", ""),
    ({"password2": "something-else-2026"}, "password2", "không khớp"),
    ({"phone": "12"}, "phone", "chữ số"),
    ({"username": "doanhnghiep x"}, "username", ""),
])
def test_invalid_data_creates_nothing(client, change, field, message):
    response = client.post(reverse("applicant_register"), {**VALID, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE).exists()
    assert not get_user_model().objects.filter(username=VALID["username"]).exists()


@pytest.mark.django_db
def test_a_taken_username_is_refused(client, world):
    response = client.post(reverse("applicant_register"), {**VALID, "username": "OFFICER"})
    assert "username" in response.context["form"].errors
    assert not Organisation.objects.filter(tax_code="0100233488").exists()


@pytest.mark.django_db
def test_cooperatives_register_with_their_kind(client):
    client.post(reverse("applicant_register"), {**VALID, "kind": "cooperative", "name": "Hợp tác xã Vải thiều"})
    assert Organisation.objects.get(tax_code="0100233488").kind == OrganisationKind.COOPERATIVE


@pytest.mark.django_db
def test_registration_attempts_are_rate_limited(client):
    from dost.procedures.applicant_views import REGISTRATION_LIMIT

    for _ in range(REGISTRATION_LIMIT.attempts):
        assert client.post(reverse("applicant_register"), {}).status_code == 200
    response = client.post(reverse("applicant_register"), VALID)
    assert response.status_code == 429 and "Retry-After" in response
    assert not Organisation.objects.filter(tax_code="0100233488").exists()


@pytest.mark.django_db
def test_the_form_page_opens_without_login(client):
    page = client.get(reverse("applicant_register")).content.decode()
    assert "Mã số thuế" in page and 'name="password2"' in page
