"""Rights over indicator sets and budget tables, decided against the organisation they belong to.

Everyone signed in reads the figures of organisations in their scope; officers and leaders of that scope
enter them; the cross-organisation comparison is for leaders (and administrators), over their scope.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.status import Role


def visible(user: Any, queryset: QuerySet) -> QuerySet:
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    return queryset.filter(scope.q("organisation"))


def can_view(user: Any, record: Any) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers(record.organisation)


def can_edit(user: Any, record: Any = None, organisation: Any = None) -> bool:
    scope = scope_for(user)
    if scope.is_admin:
        return True
    organisation = record.organisation if record is not None else organisation
    if organisation is None:
        return bool(scope.paths(WRITE_ROLES))
    return scope.covers(organisation, WRITE_ROLES)


def can_compare(user: Any) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.paths({Role.LEADER}))


def comparable(user: Any, queryset: QuerySet) -> QuerySet:
    """Rows a leader may compare: those of organisations under the leader's scope."""
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    return queryset.filter(scope.q("organisation", {Role.LEADER}))
