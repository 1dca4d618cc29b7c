"""Who sees a support programme and who acts on its applications.

Reading follows the engine's rule for handling dossiers, extended to viewers: staff of the handling
organisation, above it or in one of its units (the Chi cục that appraises works for the Department). Acting
is the engine's own: officers and leaders of the handling organisation appraise and record payments
(``can_process``), its leaders decide (``can_decide``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dost.core.permissions import scope_for
from dost.core.status import Role
from dost.procedures.dossiers import can_decide, can_process, works_in

READ_ROLES = frozenset({Role.LEADER, Role.OFFICER, Role.VIEWER})

__all__ = ["READ_ROLES", "can_decide", "can_process", "can_view", "visible_programmes"]


def can_view(user: Any, programme: Any) -> bool:
    return works_in(user, programme.organisation, READ_ROLES)


def _ancestor_paths(path: str) -> list[str]:
    """"/1/4/9/" → ["/1/", "/1/4/", "/1/4/9/"]: the organisations a member of "/1/4/9/" works for."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def visible_programmes(user: Any, queryset: QuerySet) -> QuerySet:
    """The programmes ``can_view`` allows, as one query (prefix match both ways on the materialised path)."""
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    query = Q(pk__in=[])
    for path in sorted(scope.paths(READ_ROLES)):
        query |= Q(organisation__path__startswith=path) | Q(organisation__path__in=_ancestor_paths(path))
    return queryset.filter(query)
