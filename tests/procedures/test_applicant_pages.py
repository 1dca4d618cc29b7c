"""The applicant's pages: own dossiers only, public step names only, online submission and supplements."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dost.core.status import DossierStatus, OrganisationKind, Role
from dost.procedures import dossiers
from dost.procedures.models import Dossier, DossierRevision
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.procedures.conftest import pdf

CONTACT = {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.test"}
STAFF_NAMES = ("Thẩm định hồ sơ", "Trình lãnh đạo ký")
INTERNAL = "Ý kiến nội bộ: hồ sơ yếu, đề nghị xem kỹ"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def applicant(client, desk):
    assert client.login(username=desk.applicant.username, password=PASSWORD)
    return client


def _submitted(desk):
    return dossiers.submit(desk.applicant, desk.procedure, desk.enterprise, CONTACT,
                           {desk.form.pk: [pdf()], desk.plan.pk: [pdf("tm.pdf")]})


def _docx() -> SimpleUploadedFile:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile("thuyet-minh.docx", buffer.getvalue())


APPLICANT_PAGES = [
    ("applicant_home", None),
    ("applicant_procedures", None),
    ("applicant_submit", "procedure"),
    ("applicant_dossier", "dossier"),
    ("applicant_submitted", "dossier"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "officer", "other_officer", "leader", "admin"])
def test_department_people_get_403_on_applicant_pages(client, world, desk, role):
    dossier = _submitted(desk)
    client.login(username=world.users[role].username, password=PASSWORD)
    for name, target in APPLICANT_PAGES:
        args = [] if target is None else [desk.procedure.pk if target == "procedure" else dossier.pk]
        assert client.get(reverse(name, args=args)).status_code == 403, name
    assert client.post(reverse("applicant_supplement", args=[dossier.pk]), {}).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, desk):
    response = client.get(reverse("applicant_home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_another_applicants_dossier_is_not_found(client, desk):
    dossier = _submitted(desk)
    rival = OrganisationFactory(name="Công ty Đối Thủ", kind=OrganisationKind.ENTERPRISE)
    other = UserFactory(username="doithu")
    MembershipFactory(user=other, organisation=rival, role=Role.APPLICANT)
    client.login(username="doithu", password=PASSWORD)
    assert client.get(reverse("applicant_dossier", args=[dossier.pk])).status_code == 404
    assert client.get(reverse("applicant_submitted", args=[dossier.pk])).status_code == 404
    assert dossier.public_code not in client.get(reverse("applicant_home")).content.decode()


@pytest.mark.django_db
def test_procedure_list_shows_active_procedures_only(applicant, desk):
    from dost.procedures.models import ProcedureType

    old = ProcedureType.objects.create(code="CU-01", name="Thủ tục đã bãi bỏ", organisation=desk.procedure.organisation,
                                       processing_days=5, is_active=False)
    page = applicant.get(reverse("applicant_procedures")).content.decode()
    assert desk.procedure.name in page and old.name not in page
    assert applicant.get(reverse("applicant_submit", args=[old.pk])).status_code == 404


@pytest.mark.django_db
def test_the_form_shows_each_document_with_its_mark_and_formats(applicant, desk):
    page = applicant.get(reverse("applicant_submit", args=[desk.procedure.pk])).content.decode()
    for requirement in (desk.form, desk.plan, desk.extra):
        assert f'name="doc_{requirement.pk}"' in page and requirement.name in page
    assert 'accept=".docx,.pdf"' in page and "multiple" in page
    assert page.count('class="text-danger" title="bắt buộc"') >= 3  # two documents + contact name
    assert "Định dạng: docx, pdf" in page


@pytest.mark.django_db
def test_a_missing_mandatory_file_shows_the_errors_and_creates_nothing(applicant, desk):
    response = applicant.post(reverse("applicant_submit", args=[desk.procedure.pk]), {
        "organisation": desk.enterprise.pk, "contact_name": "An", f"doc_{desk.form.pk}": pdf()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thiếu thành phần hồ sơ bắt buộc: Thuyết minh dự án." in page
    assert not Dossier.objects.exists() and not DossierRevision.objects.exists()


@pytest.mark.django_db
def test_file_content_must_match_the_accepted_formats(applicant, desk):
    response = applicant.post(reverse("applicant_submit", args=[desk.procedure.pk]), {
        "organisation": desk.enterprise.pk, "contact_name": "An",
        f"doc_{desk.form.pk}": SimpleUploadedFile("don.pdf", _docx().read()),  # a Word file named .pdf
        f"doc_{desk.plan.pk}": SimpleUploadedFile("tm.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04"),  # an executable
    })
    errors = response.context["form"].errors
    assert "không thuộc định dạng được chấp nhận" in " ".join(errors[f"doc_{desk.form.pk}"])
    assert "không thuộc loại được chấp nhận" in " ".join(errors[f"doc_{desk.plan.pk}"])
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_a_successful_submission_shows_both_codes(applicant, desk):
    response = applicant.post(reverse("applicant_submit", args=[desk.procedure.pk]), {
        "organisation": desk.enterprise.pk, "contact_name": "Trần Thị Bình", "contact_phone": "0987 654 321",
        "contact_email": "binh@example.test",
        f"doc_{desk.form.pk}": [pdf("don-trang-1.pdf"), pdf("don-trang-2.pdf", b"2")],
        f"doc_{desk.plan.pk}": _docx(),
    }, follow=True)
    dossier = Dossier.objects.get()
    assert response.redirect_chain[-1][0] == reverse("applicant_submitted", args=[dossier.pk])
    page = response.content.decode()
    assert dossier.public_code in page and dossier.access_code in page
    assert dossier.applicant == desk.enterprise and dossier.status == DossierStatus.SUBMITTED
    assert dossier.contact_phone == "0987654321"
    detail = applicant.get(reverse("applicant_dossier", args=[dossier.pk])).content.decode()
    assert "don-trang-1.pdf" in detail and "don-trang-2.pdf" in detail and "thuyet-minh.docx" in detail


@pytest.mark.django_db
def test_a_file_named_without_extension_is_named_by_its_content(applicant, desk):
    applicant.post(reverse("applicant_submit", args=[desk.procedure.pk]), {
        "organisation": desk.enterprise.pk, "contact_name": "An",
        f"doc_{desk.form.pk}": SimpleUploadedFile("ban-scan", b"%PDF-1.4\n1\n%%EOF"),
        f"doc_{desk.plan.pk}": pdf("tm.pdf"),
    })
    dossier = Dossier.objects.get()
    assert "ban-scan.pdf" in applicant.get(reverse("applicant_dossier", args=[dossier.pk])).content.decode()


@pytest.mark.django_db
def test_organisation_must_be_one_of_the_users(applicant, desk):
    rival = OrganisationFactory(kind=OrganisationKind.ENTERPRISE)
    response = applicant.post(reverse("applicant_submit", args=[desk.procedure.pk]), {
        "organisation": rival.pk, "contact_name": "An",
        f"doc_{desk.form.pk}": pdf(), f"doc_{desk.plan.pk}": pdf("tm.pdf")})
    assert "organisation" in response.context["form"].errors
    assert not Dossier.objects.exists()


def _through_appraisal(world, desk):
    dossier = dossiers.receive(world.users["officer"], _submitted(desk))
    return dossiers.advance(world.users["officer"], dossier, INTERNAL)


@pytest.mark.django_db
def test_applicants_never_see_staff_step_names_or_internal_comments(applicant, world, desk):
    dossier = _through_appraisal(world, desk)
    assert dossier.status == DossierStatus.SIGNATURE
    officer = world.users["officer"]
    officer.first_name, officer.last_name = "Chuyên viên", "Thụ Lý Riêng"
    officer.save()
    dossiers.assign(world.users["leader"], [dossier], officer)
    officer_name = officer.get_full_name()
    for url in (reverse("applicant_home"), reverse("applicant_dossier", args=[dossier.pk])):
        page = applicant.get(url).content.decode()
        assert "Đang trình ký" in page
        for secret in (*STAFF_NAMES, INTERNAL, officer_name):
            assert secret not in page, (url, secret)
    detail = applicant.get(reverse("applicant_dossier", args=[dossier.pk]))
    assert [e.step for e in detail.context["history"]] == ["", "Đang thẩm định", "Đang trình ký"]


@pytest.mark.django_db
def test_list_shows_status_public_step_dates_and_letters(applicant, world, desk):
    dossier = dossiers.receive(world.users["officer"], _submitted(desk))
    response = applicant.get(reverse("applicant_home"))
    page = response.content.decode()
    assert dossier.public_code in page and "Đang giải quyết" in page and "Đang thẩm định" in page
    letter = dossier.letters.get()
    assert reverse("attachment_download", args=[letter.attachment.pk]) in page
    assert applicant.get(reverse("attachment_download", args=[letter.attachment.pk])).status_code == 200


@pytest.mark.django_db
def test_the_supplement_answer_flow(applicant, world, desk):
    dossier = dossiers.receive(world.users["officer"], _submitted(desk))
    dossiers.request_supplement(world.users["officer"], dossier,
                                ["Thuyết minh có chữ ký của người đại diện", "Bảng giá có đóng dấu"],
                                "Hồ sơ thiếu chữ ký.")
    url = reverse("applicant_dossier", args=[dossier.pk])
    page = applicant.get(url).content.decode()
    assert "Thuyết minh có chữ ký của người đại diện" in page and "Bảng giá có đóng dấu" in page
    assert 'data-testid="supplement-form"' in page and "dừng tính hạn" in page

    empty = applicant.post(reverse("applicant_supplement", args=[dossier.pk]), {"note": "Gửi bổ sung"})
    assert empty.status_code == 400 and "ít nhất một tài liệu" in empty.content.decode()
    assert dossier.revisions.count() == 1

    response = applicant.post(reverse("applicant_supplement", args=[dossier.pk]), {
        f"doc_{desk.plan.pk}": pdf("tm-co-chu-ky.pdf", b"signed"), f"doc_{desk.extra.pk}": pdf("bang-gia.pdf"),
        "note": "Đã bổ sung chữ ký và bảng giá."})
    assert response.status_code == 302 and response.url == url
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED and dossier.due_date is not None
    assert dossier.revisions.count() == 2
    page = applicant.get(url).content.decode()
    assert "tm-co-chu-ky.pdf" in page and "Bổ sung lần 1" in page and "Đã bổ sung chữ ký và bảng giá." in page
    assert 'data-testid="supplement-form"' not in page
    # once answered, a second answer is refused
    again = applicant.post(reverse("applicant_supplement", args=[dossier.pk]), {f"doc_{desk.plan.pk}": pdf()})
    assert again.status_code == 302 and dossier.revisions.count() == 2


@pytest.mark.django_db
def test_supplement_files_are_checked_by_content(applicant, world, desk):
    dossier = dossiers.receive(world.users["officer"], _submitted(desk))
    dossiers.request_supplement(world.users["officer"], dossier, ["Đơn có chữ ký"])
    response = applicant.post(reverse("applicant_supplement", args=[dossier.pk]), {
        f"doc_{desk.form.pk}": SimpleUploadedFile("don.pdf", b"PK\x03\x04not really")})
    assert response.status_code == 400
    assert dossier.revisions.count() == 1


@pytest.mark.django_db
def test_an_applicant_of_several_organisations_chooses_one(client, desk):
    second = OrganisationFactory(name="Hợp tác xã Thứ Hai", kind=OrganisationKind.COOPERATIVE)
    MembershipFactory(user=desk.applicant, organisation=second, role=Role.APPLICANT)
    client.login(username=desk.applicant.username, password=PASSWORD)
    page = client.get(reverse("applicant_submit", args=[desk.procedure.pk])).content.decode()
    assert '<select name="organisation"' in page and "Hợp tác xã Thứ Hai" in page
    client.post(reverse("applicant_submit", args=[desk.procedure.pk]), {
        "organisation": second.pk, "contact_name": "An",
        f"doc_{desk.form.pk}": pdf(), f"doc_{desk.plan.pk}": pdf("tm.pdf")})
    assert Dossier.objects.get().applicant == second


@pytest.mark.django_db
def test_my_dossiers_page_does_not_grow_queries_with_data(applicant, world, desk):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert applicant.get(reverse("applicant_home")).status_code == 200
        return len(queries)

    dossiers.receive(world.users["officer"], _submitted(desk))
    count()
    small = count()
    for _ in range(4):
        dossier = dossiers.receive(world.users["officer"], _submitted(desk))
        dossiers.request_supplement(world.users["officer"], dossier, ["Bản sao"])
    assert count() <= small <= 10
