"""Who sees and who acts on S&T tasks, decided against the managing organisation.

- Everyone signed in with a role over the managing organisation (its own staff, or staff above it — the
  Department's leaders and viewers see what its units manage) sees the project; after a merger, the
  successor's staff see the predecessor's projects (``core.permissions.scope_for``).
- Officers and leaders of that scope take the officer's moves (send to a council, sign the contract, record
  progress checks, register the results…); only leaders of that scope take the leader's moves (decisions).
  Administrators may do everything.
- Calls for proposals follow the same rule on the round's organisation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.status import Role

from .lifecycle import LEADER, OFFICER, Transition
from .models import CallRound, Project, Proposal

READ_ROLES = frozenset({Role.LEADER, Role.OFFICER, Role.VIEWER})
ROLE_SETS = {OFFICER: WRITE_ROLES, LEADER: frozenset({Role.LEADER})}


def _visible(user: Any, queryset: QuerySet, lookup: str) -> QuerySet:
    """Rows whose organisation at ``lookup`` the user may read (everything for administrators)."""
    scope = scope_for(user)
    return queryset if scope.is_admin else queryset.filter(scope.q(lookup, READ_ROLES))


def visible_projects(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    return _visible(user, Project.objects.all() if queryset is None else queryset, "organisation")


def visible_rounds(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    return _visible(user, CallRound.objects.all() if queryset is None else queryset, "organisation")


def visible_proposals(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    return _visible(user, Proposal.objects.all() if queryset is None else queryset, "round__organisation")


def can_view(user: Any, project: Project) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(project.organisation, READ_ROLES)


def can_edit(user: Any, project: Project | None = None, organisation: Any = None) -> bool:
    """Officers and leaders managing the project edit its facts; with no project: may create one somewhere."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    organisation = project.organisation if project is not None else organisation
    if organisation is None:
        return bool(scope.paths(WRITE_ROLES))
    return scope.covers(organisation, WRITE_ROLES)


def can_take(user: Any, project: Project, transition: Transition) -> bool:
    """Whether the user's role over the project allows the move (the state is checked by the service)."""
    scope = scope_for(user)
    return scope.is_admin or scope.covers(project.organisation, ROLE_SETS[transition.role])


def can_view_round(user: Any, call_round: CallRound) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(call_round.organisation, READ_ROLES)


def can_manage_round(user: Any, call_round: CallRound | None = None, organisation: Any = None) -> bool:
    scope = scope_for(user)
    if scope.is_admin:
        return True
    organisation = call_round.organisation if call_round is not None else organisation
    if organisation is None:
        return bool(scope.paths(WRITE_ROLES))
    return scope.covers(organisation, WRITE_ROLES)
