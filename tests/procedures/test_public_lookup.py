"""The public status look-up: both codes or a neutral "not found", public facts only, rate-limited per client."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from dost.procedures import dossiers
from dost.procedures.applicant_views import LOOKUP_LIMIT
from tests.procedures.conftest import pdf

CONTACT = {"name": "Nguyễn Văn Liên Hệ", "phone": "0911222333", "email": "lienhe@example.test"}
NOT_FOUND = "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu đã nhập."
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dossier(world, desk):
    submitted = dossiers.submit(desk.applicant, desk.procedure, desk.enterprise, CONTACT,
                                {desk.form.pk: [pdf()], desk.plan.pk: [pdf("tm.pdf")]})
    received = dossiers.receive(world.users["officer"], submitted)
    return dossiers.advance(world.users["officer"], received, "Ý kiến nội bộ không công khai")


def _look(client, public_code: str, access_code: str, **extra):
    return client.post(reverse("public_lookup"), {"public_code": public_code, "access_code": access_code}, **extra)


@pytest.mark.django_db
def test_the_form_opens_without_login(client):
    response = client.get(reverse("public_lookup"))
    assert response.status_code == 200 and 'name="access_code"' in response.content.decode()


@pytest.mark.django_db
def test_right_codes_show_public_facts_only(client, dossier, desk):
    response = _look(client, dossier.public_code, dossier.access_code)
    page = response.content.decode()
    assert response.status_code == 200 and NOT_FOUND not in page
    assert dossier.public_code in page and desk.procedure.name in page
    assert dossier.received_on.strftime("%d/%m/%Y") in page and dossier.due_date.strftime("%d/%m/%Y") in page
    assert "Chờ lãnh đạo ký" in page and "Đang trình ký" in page and "Đang thẩm định" in page
    for private in (CONTACT["name"], CONTACT["phone"], CONTACT["email"], desk.enterprise.name,
                    "Thẩm định hồ sơ", "Trình lãnh đạo ký", "Ý kiến nội bộ", "Hẹn trả kết quả ngày",
                    dossier.access_code):
        assert private not in page, private


@pytest.mark.django_db
def test_codes_are_read_forgivingly(client, dossier):
    access = dossier.access_code
    typed = f" {dossier.public_code.lower()} ", f"{access[:5].lower()} {access[5:]}"
    assert NOT_FOUND not in _look(client, *typed).content.decode()


@pytest.mark.django_db
def test_any_wrong_pair_gets_the_same_neutral_answer(client, dossier, world, desk):
    other = dossiers.submit(desk.applicant, desk.procedure, desk.enterprise, CONTACT, {
        desk.form.pk: [pdf()], desk.plan.pk: [pdf("tm.pdf")]})
    answers = [
        _look(client, dossier.public_code, "ABCDEFGHJK"),  # right code, wrong access code
        _look(client, "KHCN-2026-999999", dossier.access_code),  # unknown code, a real access code
        _look(client, other.public_code, dossier.access_code),  # another dossier's access code
    ]
    for response in answers:
        page = response.content.decode()
        assert response.status_code == 200 and NOT_FOUND in page
        assert "lookup-result" not in page and desk.procedure.name not in page
    assert len({r.context["not_found"] for r in answers}) == 1


@pytest.mark.django_db
def test_empty_fields_are_asked_for_and_not_counted(client):
    for _ in range(LOOKUP_LIMIT.attempts + 2):
        response = client.post(reverse("public_lookup"), {})
        assert response.status_code == 200 and "public_code" in response.context["form"].errors


@pytest.mark.django_db
def test_failed_attempts_are_limited_per_client_then_released(client, dossier):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(LOOKUP_LIMIT.attempts):
            assert _look(client, dossier.public_code, "WRONGCODE2").status_code == 200
        blocked = _look(client, dossier.public_code, dossier.access_code)  # even the right pair now
        assert blocked.status_code == 429
        assert "quá nhiều lần" in blocked.content.decode() and int(blocked["Retry-After"]) <= LOOKUP_LIMIT.window
        assert "lookup-result" not in blocked.content.decode()
        # another client is not affected
        other = _look(client, dossier.public_code, dossier.access_code, REMOTE_ADDR="198.51.100.20")
        assert other.status_code == 200 and "lookup-result" in other.content.decode()
        # a forged X-Forwarded-For does not give a fresh allowance
        forged = _look(client, dossier.public_code, dossier.access_code, HTTP_X_FORWARDED_FOR="203.0.113.99")
        assert forged.status_code == 429
        clock.shift(datetime.timedelta(seconds=LOOKUP_LIMIT.window + 1))
        released = _look(client, dossier.public_code, dossier.access_code)
        assert released.status_code == 200 and "lookup-result" in released.content.decode()


@pytest.mark.django_db
def test_successful_look_ups_do_not_use_up_the_allowance(client, dossier):
    with time_machine.travel(START, tick=False):
        for _ in range(LOOKUP_LIMIT.attempts + 5):
            assert _look(client, dossier.public_code, dossier.access_code).status_code == 200


@pytest.mark.django_db
def test_a_dossier_waiting_for_supplements_shows_the_stopped_clock(client, world, desk):
    waiting = dossiers.receive(world.users["officer"], dossiers.submit(
        desk.applicant, desk.procedure, desk.enterprise, CONTACT, {desk.form.pk: [pdf()], desk.plan.pk: [pdf()]}))
    dossiers.request_supplement(world.users["officer"], waiting, ["Bản sao giấy phép kinh doanh"])
    page = _look(client, waiting.public_code, waiting.access_code).content.decode()
    assert "Chờ bổ sung hồ sơ" in page and "dừng tính hạn" in page
    assert "Bản sao giấy phép kinh doanh" not in page  # items are for the applicant's page, not the public


@pytest.mark.django_db
def test_the_answer_is_not_cached(client, dossier):
    response = _look(client, dossier.public_code, dossier.access_code)
    assert "no-store" in response["Cache-Control"]
