"""Who may do what, decided against the organisation that owns a record.

A membership in an organisation covers that organisation and everything beneath it (its subtree, by
materialised path) and, after a merger, the subtrees of the organisations it succeeded. Leaders approve
within their scope, officers edit within theirs, viewers only read; administrators may do everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from .status import Role

WRITE_ROLES = frozenset({Role.LEADER, Role.OFFICER})


@dataclass
class Scope:
    """The organisation paths a user acts in, per role; computed once per request."""

    is_admin: bool = False
    paths_by_role: dict[str, set[str]] = field(default_factory=dict)
    org_ids: set[int] = field(default_factory=set)

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


def _collect_paths(organisation: Any, seen: set[int]) -> set[str]:
    """The organisation's path and those of every organisation it succeeded (recursively)."""
    if organisation.pk in seen:
        return set()
    seen.add(organisation.pk)
    paths = {organisation.path}
    for predecessor in organisation.predecessors.all():
        paths |= _collect_paths(predecessor, seen)
    return paths


def scope_for(user: Any) -> Scope:
    """The user's scope, kept on the user object for the rest of the request.

    Every page and API call starts here (the two-factor and applicant checks of the middleware ask first), so
    it reads plain values: one query for the memberships with their organisations' paths and those of the
    organisations they directly succeeded, then one per further generation of mergers, only when there is
    one. Building model instances and asking each organisation for its predecessors cost a millisecond of
    CPU and a second query on every request.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_dost_scope", None)
    if cached is not None:
        return cached
    from .models import Membership  # late import to keep this module importable without apps

    scope = Scope(is_admin=bool(user.is_superuser))
    rows = Membership.objects.filter(user=user).values_list(
        "role", "organisation_id", "organisation__path", "organisation__predecessors__id",
        "organisation__predecessors__path")
    predecessors: dict[int, set[int]] = {}  # organisation -> the organisations it directly succeeded
    paths_of: dict[int, set[str]] = {}
    roles_of: dict[int, set[str]] = {}
    for role, organisation_id, path, predecessor_id, predecessor_path in rows:
        if role == Role.ADMIN:
            scope.is_admin = True
        scope.org_ids.add(organisation_id)
        roles_of.setdefault(organisation_id, set()).add(role)
        paths_of.setdefault(organisation_id, {path})
        if predecessor_id is not None:
            predecessors.setdefault(organisation_id, set()).add(predecessor_id)
            paths_of[organisation_id].add(predecessor_path)
    if predecessors:
        _add_earlier_successions(paths_of, predecessors)
    for organisation_id, roles in roles_of.items():
        for role in roles:
            scope.paths_by_role.setdefault(role, set()).update(paths_of[organisation_id])
    user._dost_scope = scope
    return scope


def _add_earlier_successions(paths_of: dict[int, set[str]], predecessors: dict[int, set[int]]) -> None:
    """Extend each organisation's paths with those of the organisations its predecessors succeeded, and so on
    (``_collect_paths`` over values: one query per generation, cycles stopped)."""
    from .models import Organisation

    for organisation_id, frontier in predecessors.items():
        seen = {organisation_id, *frontier}
        while frontier:
            earlier = list(Organisation.objects.filter(successor_id__in=frontier).exclude(pk__in=seen)
                           .values_list("pk", "path"))
            frontier = {pk for pk, _path in earlier}
            seen |= frontier
            paths_of[organisation_id].update(path for _pk, path in earlier)


def memberships_for(user: Any, organisation: Any, roles: frozenset[str] | set[str]):
    """The user's memberships that give one of ``roles`` over ``organisation`` (nearest first)."""
    from .models import Membership

    found = [
        m
        for m in Membership.objects.filter(user=user, role__in=roles).select_related("organisation")
        if any(organisation.path.startswith(p) for p in _collect_paths(m.organisation, set()))
    ]
    return sorted(found, key=lambda m: -len(m.organisation.path))
