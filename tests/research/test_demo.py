"""The research demo: a portfolio across levels, fields and states, the 2023 call, the acceptance council of
seven; loaded twice without duplicates."""

from __future__ import annotations

import pytest

from dost.core.demo import seed_organisations, seed_users
from dost.research.demo import ROUND_2023, seed_research
from dost.research.models import CallRound, Project


@pytest.fixture
def seeded(db):
    from dost.councils.demo import seed_councils

    orgs = seed_organisations()
    users = seed_users(orgs)
    seed_councils(orgs, users)
    return orgs, users, seed_research(orgs, users)


def test_demo_portfolio_spans_levels_fields_and_states(seeded):
    levels = set(Project.objects.values_list("level", flat=True))
    fields = set(Project.objects.values_list("field", flat=True))
    states = set(Project.objects.values_list("status", flat=True))
    assert Project.objects.count() >= 12
    assert levels == {"national", "provincial", "grassroots"}
    assert fields == {"agriculture", "industry", "culture_health_education", "other"}
    assert states >= {"identification", "selection", "appraisal", "contracting", "implementing", "suspended",
                      "acceptance", "completed", "registered", "applied", "terminated", "not_selected"}


def test_demo_call_of_2023_with_duplicates(seeded):
    call = CallRound.objects.get(title=ROUND_2023)
    assert call.proposals.count() == 36
    assert call.proposals.filter(status="merged").count() == 4
    assert call.proposals.filter(status="sent").count() == 4


def test_demo_acceptance_council_of_seven(seeded):
    nursing = seeded[2]["nursing"]
    assert (nursing.status, nursing.rating_label) == ("completed", "Đạt")
    from dost.councils.services import entries_for

    entry = entries_for(nursing).get()
    assert entry.round.council.members.count() == 7 and entry.conflicts.count() == 1
    sources = sorted(entry.sheets.values_list("source", flat=True))
    assert sources == ["online"] * 3 + ["paper"] * 3
    accepted = nursing.events.get(action="accept")  # recorded when the round closed: the council's decision
    assert (accepted.decision_number, accepted.by.username) == ("88/QĐ-KHCN", "lanhdao")


def test_demo_is_idempotent(seeded):
    orgs, users, _first = seeded
    before = (Project.objects.count(), CallRound.objects.count())
    assert seed_research(orgs, users) == {}
    assert (Project.objects.count(), CallRound.objects.count()) == before


def test_demo_bac_ninh_staff_see_the_bac_giang_tasks(seeded):
    from dost.research.permissions import visible_projects

    _orgs, users, _out = seeded
    assert visible_projects(users["chuyenvien2"]).count() == Project.objects.count()
    assert visible_projects(users["lanhdaohb"]).count() == 0
