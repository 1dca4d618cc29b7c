"""The proposed support: share of the eligible cost, limited by a per-item or per-organisation cap."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dost.grants.compute import PER_ITEM, PER_ORGANISATION, UnknownLevel, propose
from dost.grants.forms import parse_vnd

pytestmark = pytest.mark.pure

HALF = Decimal("50")


def test_share_below_the_cap_is_proposed_and_explained():
    proposal = propose(HALF, 50_000_000, PER_ITEM, 80_000_000, 1)
    assert proposal.amount == 40_000_000
    assert proposal.explanation == ("50 % × 80.000.000 đ = 40.000.000 đ; mức trần 50.000.000 đ/tiêu chuẩn × 1 = "
                                    "50.000.000 đ → đề xuất 40.000.000 đ")


def test_per_item_cap_grows_with_the_quantity_and_binds():
    proposal = propose(HALF, 50_000_000, PER_ITEM, 240_000_000, 2)
    assert (proposal.share_amount, proposal.cap_amount, proposal.amount) == (120_000_000, 100_000_000, 100_000_000)
    assert proposal.explanation.endswith("→ đề xuất 100.000.000 đ (theo mức trần)")


def test_per_organisation_cap_ignores_the_quantity():
    proposal = propose(HALF, 100_000_000, PER_ORGANISATION, 300_000_000, 3)
    assert proposal.amount == 100_000_000
    assert "mức trần 100.000.000 đ/tổ chức" in proposal.explanation


def test_without_a_cap_the_share_is_proposed_and_the_missing_cap_is_said():
    proposal = propose(HALF, None, PER_ITEM, 80_000_000, 1)
    assert proposal.amount == 40_000_000 and proposal.cap_amount is None
    assert "chưa có mức trần" in proposal.explanation


def test_unknown_level_cannot_be_computed():
    with pytest.raises(UnknownLevel):
        propose(None, 50_000_000, PER_ITEM, 80_000_000, 1)


def test_share_is_rounded_down_to_the_dong():
    assert propose(Decimal("47.5"), None, PER_ITEM, 33, 1).amount == 15


@pytest.mark.parametrize(("text", "value"), [("80.000.000", 80_000_000), ("80 000 000 đ", 80_000_000),
                                             ("1500", 1500)])
def test_amounts_are_read_as_typed(text, value):
    assert parse_vnd(text) == value


@pytest.mark.parametrize("text", ["80,5", "8.00.000", "abc", "-5"])
def test_other_texts_are_not_amounts(text):
    with pytest.raises(ValueError):
        parse_vnd(text)
