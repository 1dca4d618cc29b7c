"""The council pages and API lists make the same number of SQL queries whatever the number of entries and sheets."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dost.councils import services
from tests.factories import PASSWORD

GOOD = {"noi-dung": "50", "hinh-thuc": "30"}


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _scored_round(jury, entries: int, close: bool, title: str = "Phiên"):
    rnd = jury.round(entries=entries, title=title)
    first = rnd.entries.order_by("id").first()
    services.declare_conflict(first, jury.members["expert"], reason="Đồng tác giả", by=jury.officer)
    jury.start(rnd)
    for entry in rnd.entries.all():
        for key in jury.members:
            if not (entry == first and key == "expert"):
                jury.paper(entry, key, GOOD)
    if close:
        services.close_round(rnd, by=jury.leader)
    return rnd


def _grow(jury, rnd) -> None:
    """More councils (with members) and another scored round with entries, sheets and conflicts."""
    from dost.core.status import CouncilRole

    for i in range(2):
        services.create_council(name=f"Hội đồng thêm {i}", purpose="award", organisation=jury.world.unit,
                                rule_set=jury.rule_sets["award"], by=jury.officer,
                                members=[services.MemberSpec(f"Chủ tịch {i}", CouncilRole.CHAIR)])
    _scored_round(jury, 3, close=True, title="Phiên khác")


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["list", "detail", "round-scoring", "round-closed", "entry-scoring", "entry-closed",
                                  "my-sheets", "paper-sheet", "api-councils", "api-rounds", "minutes"])
def test_query_count_does_not_grow(jury, page):
    closed = page in ("round-closed", "entry-closed", "api-rounds", "minutes")
    small_round = _scored_round(jury, 2, close=closed)
    big_round = _scored_round(jury, 6, close=closed, title="Phiên lớn")
    user = jury.users["member"] if page in ("my-sheets", "entry-scoring") else jury.leader
    client = Client()
    client.login(username=user.username, password=PASSWORD)

    def url(rnd):
        entry = rnd.entries.order_by("id").last()
        return {
            "list": reverse("council_list"),
            "detail": reverse("council_detail", args=[jury.council.pk]),
            "round-scoring": reverse("council_round_detail", args=[rnd.pk]),
            "round-closed": reverse("council_round_detail", args=[rnd.pk]),
            "entry-scoring": reverse("council_entry_detail", args=[entry.pk]),
            "entry-closed": reverse("council_entry_detail", args=[entry.pk]),
            "my-sheets": reverse("council_my_sheets"),
            "paper-sheet": reverse("council_entry_paper_sheet", args=[entry.pk]),
            "api-councils": "/api/v1/councils/",
            "api-rounds": "/api/v1/council-rounds/",
            "minutes": reverse("council_round_document", args=[rnd.pk, "minutes", "docx"]),
        }[page]

    if page == "paper-sheet":
        services.set_present(small_round, present=list(jury.council.members.all()), by=jury.officer)
        extra = services.add_member(jury.council, services.MemberSpec("Ủy viên muộn"), by=jury.officer)
        services.set_present(small_round, present=list(jury.council.members.all()), by=jury.officer)
        services.set_present(big_round, present=list(jury.council.members.all()), by=jury.officer)
        assert extra.pk
    small = _count(client, url(small_round))
    if page in ("list", "detail", "my-sheets", "api-councils", "api-rounds"):
        _grow(jury, big_round)
        assert _count(client, url(small_round)) == small
    else:
        assert _count(client, url(big_round)) == small
