"""The proposed support of an application: the share of the eligible cost, limited by the cap (pure Python).

Kept apart from the services so that the rule (and the sentence that explains it to the leader who signs)
can be tested on its own and reused by reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext as _

from dost.core.formatting import format_money, format_number

PER_ITEM = "item"
PER_ORGANISATION = "organisation"


class UnknownLevel(ValueError):  # noqa: N818 (a condition, not a failure of the code)
    """The content's share is not entered: there is nothing to compute from."""


@dataclass(frozen=True)
class Proposal:
    share_amount: int
    cap_amount: int | None
    amount: int
    explanation: str


def share_of(cost_vnd: int, share_percent: Decimal) -> int:
    """``share × cost`` in whole đồng, rounded down: support may never exceed the legal share."""
    return int((Decimal(cost_vnd) * Decimal(share_percent) / Decimal(100)).to_integral_value(rounding=ROUND_DOWN))


def _percent(share: Decimal) -> str:
    return f"{format_number(Decimal(share).normalize())} %"


def propose(share_percent: Decimal | None, cap_vnd: int | None, cap_unit: str, eligible_cost_vnd: int,
            quantity: int = 1, item_name: str = "tiêu chuẩn") -> Proposal:
    """min(share × eligible cost, cap × quantity) for a per-item cap, min(share × cost, cap) per organisation.

    Without a cap the share alone is proposed and the explanation says that no cap was entered, so a
    reader never mistakes a missing figure for an unlimited one.
    """
    if share_percent is None:
        raise UnknownLevel("share not entered")
    if eligible_cost_vnd < 0 or quantity < 1:
        raise ValueError("cost must be >= 0 and quantity >= 1")
    share_amount = share_of(eligible_cost_vnd, share_percent)
    parts = [f"{_percent(share_percent)} × {format_money(eligible_cost_vnd)} = {format_money(share_amount)}"]
    if cap_vnd is None:
        cap_amount = None
        parts.append(_("chưa có mức trần (chưa được nhập)"))
        amount = share_amount
    elif cap_unit == PER_ORGANISATION:
        cap_amount = cap_vnd
        parts.append(_("mức trần %(cap)s/tổ chức") % {"cap": format_money(cap_vnd)})
        amount = min(share_amount, cap_amount)
    else:
        cap_amount = cap_vnd * quantity
        parts.append(_("mức trần %(cap)s/%(item)s × %(n)s = %(total)s")
                     % {"cap": format_money(cap_vnd), "item": item_name, "n": quantity, "total": format_money(cap_amount)})
        amount = min(share_amount, cap_amount)
    limited = cap_amount is not None and cap_amount < share_amount
    tail = _("đề xuất %(amount)s") % {"amount": format_money(amount)}
    if limited:
        tail += " " + _("(theo mức trần)")
    return Proposal(share_amount, cap_amount, amount, "; ".join(parts) + " → " + tail)
