"""Who may do what, decided against the organisation that owns a record.

A membership in an organisation covers that organisation and everything beneath it (its subtree, by
materialised path) and, after a merger, the subtrees of the organisations it succeeded. Leaders approve
within their scope, officers edit within theirs, viewers only read; administrators may do everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.db.models import Q

from .memo import remember
from .status import Role

WRITE_ROLES = frozenset({Role.LEADER, Role.OFFICER})


@dataclass
class Scope:
    """The organisation paths a user acts in, per role; computed once per request."""

    is_admin: bool = False
    paths_by_role: Mapping[str, frozenset[str]] = field(default_factory=dict)
    org_ids: frozenset[int] = frozenset()

    def paths(self, roles: frozenset[str] | set[str] | None = None) -> set[str]:
        if roles is None:
            return set().union(*self.paths_by_role.values()) if self.paths_by_role else set()
        return set().union(*(self.paths_by_role.get(r, set()) for r in roles))

    def covers(self, organisation: Any, roles: frozenset[str] | set[str] | None = None) -> bool:
        if organisation is None:
            return False
        return any(organisation.path.startswith(p) for p in self.paths(roles))

    def q(self, lookup: str, roles: frozenset[str] | set[str] | None = None) -> Q:
        """``Q`` matching rows whose organisation at ``lookup`` lies in scope.

        ``lookup`` ends at the organisation foreign key ("owner", "tasks__lead"); empty for Organisation itself.
        """
        key = f"{lookup}__path__startswith" if lookup else "path__startswith"
        query = Q(pk__in=[])
        for path in sorted(self.paths(roles)):
            query |= Q(**{key: path})
        return query


def _add_succession_paths(paths_of: dict[int, set[str]], frontier: dict[int, set[int]]) -> None:
    """Add to each organisation's paths those of every organisation it succeeded, recursively.

    ``frontier`` maps each organisation of ``paths_of`` to the organisations whose predecessors are still to
    be read (itself, or its direct predecessors when they are already known). One query per generation of
    mergers for all of them together; a succession cycle ends.
    """
    from .models import Organisation

    seen = {root: {root, *ids} for root, ids in frontier.items()}
    frontier = {root: ids for root, ids in frontier.items() if ids}
    while frontier:
        succeeded: dict[int, list[tuple[int, str]]] = {}
        for pk, path, successor_id in Organisation.objects.filter(
            successor_id__in=set().union(*frontier.values())
        ).values_list("pk", "path", "successor_id"):
            succeeded.setdefault(successor_id, []).append((pk, path))
        following: dict[int, set[int]] = {}
        for root, ids in frontier.items():
            for successor_id in ids:
                for pk, path in succeeded.get(successor_id, ()):
                    if pk not in seen[root]:
                        seen[root].add(pk)
                        paths_of[root].add(path)
                        following.setdefault(root, set()).add(pk)
        frontier = following


def scope_for(user: Any) -> Scope:
    """The user's scope, kept on the user object for the rest of the request.

    Every page and API call starts here (the two-factor and applicant checks of the middleware ask first).
    What the memberships give is kept across requests (``dost.core.memo``) until a membership or an
    organisation's place changes; whether the user is a superuser is read from the user row of this request.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_dost_scope", None)
    if cached is not None:
        return cached
    granted = remember(("scope", user.pk), lambda: _granted_scope(user.pk))
    scope = Scope(is_admin=bool(user.is_superuser) or granted.is_admin, paths_by_role=granted.paths_by_role,
                  org_ids=granted.org_ids)
    user._dost_scope = scope
    return scope


def _granted_scope(user_id: int) -> Scope:
    """What ``user_id``'s memberships give, with frozen sets (the value is shared by later requests).

    Plain values: one query for the memberships with their organisations' paths and those of the
    organisations they directly succeeded, then one per further generation of mergers, only when there is
    one.
    """
    from .models import Membership  # late import to keep this module importable without apps

    rows = Membership.objects.filter(user_id=user_id).values_list(
        "role", "organisation_id", "organisation__path", "organisation__predecessors__id",
        "organisation__predecessors__path")
    is_admin = False
    org_ids: set[int] = set()
    predecessors: dict[int, set[int]] = {}  # organisation -> the organisations it directly succeeded
    paths_of: dict[int, set[str]] = {}
    roles_of: dict[int, set[str]] = {}
    for role, organisation_id, path, predecessor_id, predecessor_path in rows:
        if role == Role.ADMIN:
            is_admin = True
        org_ids.add(organisation_id)
        roles_of.setdefault(organisation_id, set()).add(role)
        paths_of.setdefault(organisation_id, {path})
        if predecessor_id is not None:
            predecessors.setdefault(organisation_id, set()).add(predecessor_id)
            paths_of[organisation_id].add(predecessor_path)
    if predecessors:
        _add_succession_paths(paths_of, predecessors)
    paths_by_role: dict[str, set[str]] = {}
    for organisation_id, roles in roles_of.items():
        for role in roles:
            paths_by_role.setdefault(role, set()).update(paths_of[organisation_id])
    frozen = MappingProxyType({role: frozenset(paths) for role, paths in paths_by_role.items()})
    return Scope(is_admin=is_admin, paths_by_role=frozen, org_ids=frozenset(org_ids))


def memberships_for(user: Any, organisation: Any, roles: frozenset[str] | set[str]):
    """The user's memberships that give one of ``roles`` over ``organisation`` (nearest first)."""
    from .models import Membership

    memberships = list(Membership.objects.filter(user=user, role__in=roles).select_related("organisation"))
    paths_of = {m.organisation_id: {m.organisation.path} for m in memberships}
    _add_succession_paths(paths_of, {pk: {pk} for pk in paths_of})
    found = [m for m in memberships if any(organisation.path.startswith(p) for p in paths_of[m.organisation_id])]
    return sorted(found, key=lambda m: -len(m.organisation.path))
