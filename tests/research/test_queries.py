"""The research pages and API lists make the same number of SQL queries whatever the number of projects,
events, progress checks and proposals (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dost.research.models import CallRound, Proposal
from tests.factories import PASSWORD


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(lab, call: CallRound) -> None:
    for status in ("implementing", "applied", "terminated", "identification"):
        lab.project(status, host=lab.world.other_unit)
    for i in range(5):
        Proposal.objects.create(round=call, number=10 + i, title=f"Đề xuất thêm số {i} về giống cây trồng",
                                proposer=lab.world.other_unit)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["portfolio", "portfolio_search", "detail", "calls", "round", "api_projects",
                                  "api_project", "api_proposals"])
def test_query_count_does_not_grow(lab, page):
    client = Client()
    client.login(username=lab.leader.username, password=PASSWORD)
    project = lab.project("applied")
    call = CallRound.objects.create(organisation=lab.world.unit, year=2023, title="Đề xuất đặt hàng năm 2023")
    Proposal.objects.create(round=call, number=1, title="Bảo tồn nguồn gen Lim xanh", proposer_name="Sở NN")
    url = {
        "portfolio": reverse("research_portfolio"),
        "portfolio_search": reverse("research_portfolio") + "?q=vai+thieu&ordering=-end",
        "detail": reverse("research_project_detail", args=[project.pk]),
        "calls": reverse("research_calls"),
        "round": reverse("research_round_detail", args=[call.pk]),
        "api_projects": "/api/v1/research-projects/",
        "api_project": f"/api/v1/research-projects/{project.pk}/",
        "api_proposals": "/api/v1/research-proposals/",
    }[page]
    small = _count(client, url)
    _grow(lab, call)
    if page in ("detail", "api_project"):  # more events and checks on the same project
        lab.move(project, "apply", year=2026, place="Huyện Yên Thế")
    assert _count(client, url) == small
