"""The programme pages, the summaries and their .xlsx, and the panel on the officer's dossier page."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dost.core.status import ApplicationStatus, DossierStatus
from tests.factories import PASSWORD


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def officer(grants):
    return _client("officer")


@pytest.fixture
def leader(grants):
    return _client("leader")


@pytest.fixture
def outsider(grants):
    return _client("outsider")


# ---------------------------------------------------------------------------------------------- pages


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "listed", "detail"), [
    ("officer", True, 200), ("leader", True, 200), ("viewer", True, 200), ("outsider", False, 403)])
def test_programme_pages_per_role(grants, username, listed, detail):
    client = _client(username)
    listing = client.get(reverse("grants_programme_list"))
    assert listing.status_code == 200 and (grants.programme.name in listing.content.decode()) is listed
    assert client.get(reverse("grants_programme_detail", args=[grants.programme.pk])).status_code == detail


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login(grants):
    response = Client().get(reverse("grants_programme_detail", args=[grants.programme.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_programme_page_shows_levels_envelope_and_filters_applications(officer, grants):
    decided = grants.decided(40_000_000)
    other = grants.application(grants.per_org)
    url = reverse("grants_programme_detail", args=[grants.programme.pk])
    page = officer.get(url).content.decode()
    assert 'data-testid="level-unknown"' in page
    assert '<progress value="40000000" max="100000000"' in page and "60.000.000 đ" in page
    filtered = officer.get(url, {"status": ApplicationStatus.DECIDED}).content.decode()
    assert decided.dossier.public_code in filtered and other.dossier.public_code not in filtered
    by_content = officer.get(url, {"content": grants.per_org.pk, "year": 2026}).content.decode()
    assert other.dossier.public_code in by_content and decided.dossier.public_code not in by_content


@pytest.mark.django_db
@pytest.mark.parametrize("report", ["demand", "by-content", "by-district", "by-kind"])
def test_report_pages(officer, grants, report):
    grants.decided(40_000_000)
    response = officer.get(reverse("grants_report", args=[grants.programme.pk, report]), {"year": 2026})
    assert response.status_code == 200 and "40.000.000" in response.content.decode()


@pytest.mark.django_db
def test_unknown_report_is_not_found(officer, grants):
    assert officer.get(reverse("grants_report", args=[grants.programme.pk, "nothing"])).status_code == 404


@pytest.mark.django_db
def test_outsider_gets_no_report(outsider, grants):
    url = reverse("grants_report_xlsx", args=[grants.programme.pk, "demand"])
    assert outsider.get(url).status_code == 403


@pytest.mark.django_db
def test_xlsx_export_reads_back_with_numbers(officer, grants):
    grants.appraised(cost=80_000_000)
    response = officer.get(reverse("grants_report_xlsx", args=[grants.programme.pk, "demand"]), {"year": 2026})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('-demand-2026.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Tổng hợp nhu cầu hỗ trợ năm 2026"
    header = next(r for r in rows if r[0] == "STT")
    assert header[1:] == ("Nội dung hỗ trợ", "Số hồ sơ đề nghị", "Số lượng (tiêu chuẩn, hạng mục)", "Đã thẩm định",
                          "Kinh phí đề xuất hỗ trợ", "Không hỗ trợ")
    iso = next(r for r in rows if r[1] == "ISO. Áp dụng ISO 14000, ISO 50001")
    assert iso[2:] == (1, 1, 1, 40_000_000, 0)
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[5] == 40_000_000


# ---------------------------------------------------------------------------------------------- panel


@pytest.mark.django_db
def test_dossier_without_application_has_no_panel(officer, grants):
    page = officer.get(reverse("dossier_detail", args=[grants.dossier().pk])).content.decode()
    assert 'data-testid="grants-panel"' not in page


@pytest.mark.django_db
def test_panel_offers_the_appraisal_to_officers(officer, grants):
    application = grants.application()
    page = officer.get(reverse("dossier_detail", args=[application.dossier.pk])).content.decode()
    assert 'data-testid="grants-panel"' in page and 'data-testid="appraise-form"' in page
    assert reverse("grants_appraise", args=[application.pk]) in page
    assert 'data-testid="decide-form"' not in page


@pytest.mark.django_db
def test_panel_shows_eligibility_failures(officer, grants):
    association = grants.organisation("Hội Thử", "association")
    application = grants.application(applicant=association)
    page = officer.get(reverse("dossier_detail", args=[application.dossier.pk])).content.decode()
    assert 'data-testid="eligibility"' in page and "không thuộc đối tượng được hỗ trợ" in page


@pytest.mark.django_db
def test_panel_offers_the_decision_to_leaders_with_the_remaining_envelope(leader, officer, grants):
    grants.decided(30_000_000, cost=60_000_000)
    application = grants.appraised()
    url = reverse("dossier_detail", args=[application.dossier.pk])
    page = leader.get(url).content.decode()
    assert 'data-testid="decide-form"' in page and 'value="40.000.000"' in page
    assert '<strong data-testid="remaining">70.000.000 đ</strong>' in page
    assert "→ đề xuất 40.000.000 đ" in page
    assert 'data-testid="decide-form"' not in officer.get(url).content.decode()


@pytest.mark.django_db
def test_appraisal_through_the_panel_returns_to_the_dossier(officer, grants):
    application = grants.application()
    response = officer.post(reverse("grants_appraise", args=[application.pk]),
                            {"eligible_cost_vnd": "80.000.000", "quantity": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("dossier_detail",
                                                                           args=[application.dossier.pk])
    application.refresh_from_db()
    assert application.proposed_vnd == 40_000_000


@pytest.mark.django_db
def test_refused_appraisal_says_why(officer, grants):
    application = grants.application(grants.unknown)
    response = officer.post(reverse("grants_appraise", args=[application.pk]),
                            {"eligible_cost_vnd": "80.000.000", "quantity": "1"}, follow=True)
    assert "chưa có mức hỗ trợ" in response.content.decode()


@pytest.mark.django_db
def test_decision_through_the_panel_approves_the_dossier(leader, grants):
    application = grants.appraised()
    response = leader.post(reverse("grants_decide", args=[application.pk]), {"amount_vnd": "40.000.000"})
    assert response.status_code == 302
    application.refresh_from_db()
    application.dossier.refresh_from_db()
    assert application.decided_vnd == 40_000_000 and application.dossier.status == DossierStatus.APPROVED


@pytest.mark.django_db
def test_officers_cannot_post_a_decision(officer, grants):
    application = grants.appraised()
    assert officer.post(reverse("grants_decide", args=[application.pk]), {"amount_vnd": "1"}).status_code == 403


@pytest.mark.django_db
def test_outsider_cannot_appraise(outsider, grants):
    application = grants.application()
    response = outsider.post(reverse("grants_appraise", args=[application.pk]), {"eligible_cost_vnd": "1"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_payment_through_the_panel(officer, grants):
    application = grants.decided(40_000_000)
    officer.post(reverse("grants_payment", args=[application.pk]),
                 {"amount_vnd": "40.000.000", "paid_on": "2026-01-05", "reference": "UNC 01"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    page = officer.get(reverse("dossier_detail", args=[application.dossier.pk])).content.decode()
    assert "UNC 01" in page and 'data-testid="payment-form"' not in page


@pytest.mark.django_db
def test_rejection_through_the_panel(officer, grants):
    application = grants.application()
    officer.post(reverse("grants_reject", args=[application.pk]), {"reason": "Không thuộc đối tượng."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


@pytest.mark.django_db
def test_pages_carry_no_inline_script_or_style(officer, grants):
    application = grants.appraised()
    pages = [reverse("grants_programme_list"), reverse("grants_programme_detail", args=[grants.programme.pk]),
             reverse("grants_report", args=[grants.programme.pk, "demand"]),
             reverse("dossier_detail", args=[application.dossier.pk])]
    for url in pages:
        html = officer.get(url).content.decode()
        assert " style=" not in html and "<style" not in html and "hx-on" not in html
        assert all('src="' in tag for tag in html.split("<script")[1:]), url
