"""The grants pages make the same number of SQL queries whatever the number of applications (no N+1)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dost.grants import services
from tests.factories import PASSWORD


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(grants) -> None:
    for i in range(3):
        application = grants.decided(10_000_000, cost=20_000_000,
                                     applicant=grants.organisation(f"Công ty thêm {i}"))
        services.record_payment(grants.officer, application, 5_000_000, datetime.date(2026, 1, 5))
        grants.application(grants.per_org, applicant=grants.organisation(f"HTX thêm {i}", "cooperative"))


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["list", "detail", "demand", "by-district", "panel"])
def test_query_count_does_not_grow_with_applications(grants, page):
    client = Client()
    client.login(username="leader", password=PASSWORD)
    application = grants.decided(40_000_000)
    services.record_payment(grants.officer, application, 5_000_000, datetime.date(2026, 1, 5))
    url = {
        "list": reverse("grants_programme_list"),
        "detail": reverse("grants_programme_detail", args=[grants.programme.pk]),
        "demand": reverse("grants_report", args=[grants.programme.pk, "demand"]) + "?year=2026",
        "by-district": reverse("grants_report", args=[grants.programme.pk, "by-district"]) + "?year=2026",
        "panel": reverse("dossier_detail", args=[application.dossier.pk]),
    }[page]
    small = _count(client, url)
    _grow(grants)
    assert _count(client, url) == small
