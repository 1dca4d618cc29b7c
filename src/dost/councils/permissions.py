"""Who may see and do what with a council, decided against its owning organisation.

- Viewers, officers and leaders whose scope covers the owner (the owner or an organisation above it) read
  the council; so does any member with a linked dost user (they must see the round they score).
- Officers and leaders of the owner manage it: members, rounds, entries, conflicts, presence, paper sheets.
- Only leaders of the owner close a round and record the result decision.
- A member with a linked user scores online only their own sheets; the council's secretary (with a linked
  user) may also enter paper sheets.
- Administrators may do everything.

Sealed scoring (``may_see_scores``): before a round closes, a member sees the sheets of an entry only after
submitting their own for it; managers see who has submitted, not the scores.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.status import CouncilRole, Role

READ_ROLES = frozenset({Role.LEADER, Role.OFFICER, Role.VIEWER})
CLOSE_ROLES = frozenset({Role.LEADER})


def _seats(user: Any) -> dict[int, Any]:
    """The user's council seats by council id, loaded once per user object (i.e. per request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_dost_council_seats", None)
    if cached is None:
        from .models import CouncilMember

        cached = {m.council_id: m for m in CouncilMember.objects.filter(user=user)}
        user._dost_council_seats = cached
    return cached


def forget_seats(user: Any) -> None:
    if hasattr(user, "_dost_council_seats"):
        del user._dost_council_seats


def member_for(user: Any, council: Any) -> Any:
    """The user's seat on ``council`` (a CouncilMember), or None."""
    return _seats(user).get(council.pk)


def can_view(user: Any, council: Any) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(council.organisation, READ_ROLES) or member_for(user, council) is not None


def can_manage(user: Any, council: Any) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(council.organisation, WRITE_ROLES)


def can_close(user: Any, council: Any) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(council.organisation, CLOSE_ROLES)


def can_create(user: Any) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.paths(WRITE_ROLES))


def can_enter_paper(user: Any, council: Any) -> bool:
    member = member_for(user, council)
    return can_manage(user, council) or (member is not None and member.role == CouncilRole.SECRETARY)


def visible_councils(user: Any, queryset: QuerySet) -> QuerySet:
    """The councils ``can_view`` allows, as one query."""
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    seats = list(_seats(user))
    return queryset.filter(scope.q("organisation", READ_ROLES) | Q(pk__in=seats))


def manageable_councils(user: Any, queryset: QuerySet) -> QuerySet:
    scope = scope_for(user)
    return queryset if scope.is_admin else queryset.filter(scope.q("organisation", WRITE_ROLES))


def may_see_scores(user: Any, entry: Any, submitted_member_ids: set[int] | None = None) -> bool:
    """Whether ``user`` may see the members' sheets (points, ratings) and the running mean of ``entry``.

    ``submitted_member_ids`` (the members who have a sheet for the entry) may be passed to save a query.
    """
    council = entry.round.council
    if entry.round.is_closed:
        return can_view(user, council)
    member = member_for(user, council)
    if member is None:
        return False
    if submitted_member_ids is None:
        return entry.sheets.filter(member=member).exists()
    return member.pk in submitted_member_ids
