"""The demo councils: seeded through the services, idempotent, with the results the demo promises."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dost.core.demo import seed_organisations, seed_users
from dost.core.status import RoundStatus
from dost.councils.demo import INITIATIVES, ISO, PRESS, seed_councils
from dost.councils.models import Council, Entry, Round, ScoreSheet


@pytest.fixture
def demo(db):
    orgs = seed_organisations()
    users = seed_users(orgs)
    return orgs, users, seed_councils(orgs, users)


def test_seeding_twice_changes_nothing(demo):
    orgs, users, _councils = demo
    counts = (Council.objects.count(), Round.objects.count(), Entry.objects.count(), ScoreSheet.objects.count())
    seed_councils(orgs, users)
    assert (Council.objects.count(), Round.objects.count(), Entry.objects.count(),
            ScoreSheet.objects.count()) == counts == (3, 4, 20, counts[3])


def test_press_preliminary_has_a_tie_and_feeds_the_final(demo):
    press = demo[2][PRESS]
    preliminary, final = press.rounds.order_by("id")
    ranks = dict(preliminary.entries.values_list("code", "rank"))
    assert ranks == {"BC01": 1, "BC02": 2, "BC04": 2, "BC05": 4, "BC03": 5, "BC06": 6}
    assert final.status == RoundStatus.SCORING and final.previous == preliminary
    assert sorted(final.entries.values_list("code", flat=True)) == ["BC01", "BC02", "BC04", "BC05"]
    assert final.entries.get(code="BC05").conflicts.count() == 1  # the same jury's conflict still holds


def test_initiatives_and_iso_are_closed_with_ratings(demo):
    councils = demo[2]
    initiatives = councils[INITIATIVES].rounds.get()
    assert initiatives.status == RoundStatus.CLOSED
    assert initiatives.entries.filter(passed=True).count() == 5
    iso = councils[ISO].rounds.get()
    cq02 = iso.entries.get(code="CQ02")  # "not applicable" on 4.1: scaled to 100, not counted as 0
    assert cq02.mean == Decimal("84.71") and cq02.rating_label == "Tốt"
