import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dost.core.models import Attachment
from dost.plans.models import Plan
from tests.factories import PASSWORD


def _client(user) -> Client:
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_leader_attaches_plan_document(world):
    response = _client(world.users["leader"]).post(
        reverse("plan_attach", args=[world.plan.pk]), {"files": [SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 x")]}
    )
    assert response.status_code == 302 and Attachment.objects.filter(purpose="document").count() == 1


@pytest.mark.django_db
def test_executable_upload_is_refused_and_nothing_is_stored(world):
    _client(world.users["leader"]).post(
        reverse("plan_attach", args=[world.plan.pk]),
        {"files": [SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), SimpleUploadedFile("b.pdf", b"MZ\x90\x00")]},
    )
    assert Attachment.objects.filter(purpose="document").count() == 0


@pytest.mark.django_db
def test_stale_plan_form_is_refused_with_message(world):
    client = _client(world.users["leader"])
    url = reverse("plan_edit", args=[world.plan.pk])
    data = {"owner": world.department.pk, "title": "Sửa", "status": "draft", "expected_version": 1}
    Plan.objects.filter(pk=world.plan.pk).update(version=2)
    response = client.post(url, data)
    assert response.status_code == 200 and "đã được người khác thay đổi" in response.content.decode()


@pytest.mark.django_db
def test_plan_list_search_without_diacritics(world):
    response = _client(world.users["viewer"]).get(reverse("plan_list"), {"q": "ke hoach thu nghiem"})
    assert world.plan.title in response.content.decode()


@pytest.mark.django_db
def test_plan_list_empty_state(world):
    response = _client(world.users["viewer"]).get(reverse("plan_list"), {"q": "khong ton tai"})
    assert "Không có kế hoạch nào khớp" in response.content.decode()
