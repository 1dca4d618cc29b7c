"""The figures check of uploaded documents in the web app."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PASSWORD

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "001_cfb6b72ad2394691.txt"


@pytest.mark.django_db
def test_uploaded_document_shows_its_findings(client, world):
    client.login(username="viewer", password=PASSWORD)
    upload = SimpleUploadedFile("bao-cao.txt", SAMPLE.read_bytes(), content_type="text/plain")
    response = client.post(reverse("verify_upload"), {"file": upload})
    assert response.status_code == 200
    findings = response.context["result"]["findings"]
    assert any(f["row"].startswith("1 Cấp Quốc gia") for f in findings)
    assert "Tuyệt đối" in response.content.decode()


@pytest.mark.django_db
def test_an_executable_is_refused(client, world):
    client.login(username="viewer", password=PASSWORD)
    upload = SimpleUploadedFile("x.docx", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(reverse("verify_upload"), {"file": upload})
    assert response.context["result"] is None and response.context["form"].errors
