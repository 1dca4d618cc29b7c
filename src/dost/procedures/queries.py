"""Read paths of the officer pages: a fixed number of queries per page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from dost.core.memo import remember
from dost.core.models import Attachment
from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.status import DossierStatus, Role

from . import services
from .models import Dossier, DossierRevision, ProcedureType

OPEN = (DossierStatus.RECEIVED, DossierStatus.SIGNATURE, DossierStatus.SUPPLEMENT, DossierStatus.SUBMITTED)
HANDLING_ROLES = frozenset({*WRITE_ROLES, Role.LEADER})


def _handling_q(user: Any, lookup: str) -> Q | None:
    """Organisations ``user`` acts for: under one of their paths, or an ancestor of one (their Department)."""
    scope = scope_for(user)
    if scope.is_admin:
        return None
    query = Q(pk__in=[])
    for path in scope.paths(HANDLING_ROLES):
        parts = [p for p in path.strip("/").split("/") if p]
        ancestors = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]
        query |= Q(**{f"{lookup}__path__startswith": path}) | Q(**{f"{lookup}__path__in": ancestors})
    return query


def _handled_procedure_pairs(user: Any) -> list[tuple[int, str]] | None:
    """(id, name) of the procedures whose dossiers ``user`` handles, by name; None for an administrator.

    Kept on the user object for the rest of the request (as ``scope_for`` keeps the scope), and across
    requests (``dost.core.memo``) until a membership, an organisation's place or a procedure changes: the
    queue needs the ids for its rows and the names for its procedure filter.
    """
    cached = getattr(user, "_dost_handled_procedures", False)
    if cached is not False:
        return cached
    query = _handling_q(user, "organisation")
    pairs = None if query is None else remember(
        ("handled_procedures", user.pk),
        lambda: tuple(ProcedureType.objects.filter(query).order_by("name", "pk").values_list("pk", "name")))
    if pairs is not None:
        pairs = list(pairs)
    if user is not None:
        user._dost_handled_procedures = pairs
    return pairs


def handled_procedure_ids(user: Any) -> list[int] | None:
    """Ids of the procedures whose dossiers ``user`` handles; None for an administrator (every procedure)."""
    pairs = _handled_procedure_pairs(user)
    return None if pairs is None else [pk for pk, _name in pairs]


def procedure_choices(user: Any) -> list[tuple[int, str]]:
    """(id, name) of the procedures the queue's filter offers ``user``: those they handle, by name."""
    pairs = _handled_procedure_pairs(user)
    if pairs is None:
        return list(ProcedureType.objects.order_by("name", "pk").values_list("pk", "name"))
    return pairs


def handled_dossiers(user: Any) -> QuerySet:
    queryset = Dossier.objects.select_related("procedure", "applicant", "step", "assigned_to").order_by(
        F("due_date").asc(nulls_last=True), "id")
    # The procedures first (a handful of ids): with literal ids PostgreSQL knows how many dossiers they hold
    # and walks the (due_date, id) index for the first page instead of sorting all of them.
    procedures = handled_procedure_ids(user)
    return queryset if procedures is None else queryset.filter(procedure_id__in=procedures)


def handled_procedures(user: Any) -> QuerySet:
    """The procedures ``user`` handles, by name: the choices of the queue's procedure filter."""
    ids = handled_procedure_ids(user)
    queryset = ProcedureType.objects.order_by("name")
    return queryset if ids is None else queryset.filter(pk__in=ids)


@dataclass(frozen=True)
class Officer:
    """Someone a dossier can be assigned to, as the pages list them (a ``<select>`` of names)."""

    pk: int
    first_name: str
    last_name: str
    username: str

    @property
    def id(self) -> int:
        return self.pk

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __str__(self) -> str:
        return self.get_full_name() or self.username


def officers_for(user: Any) -> tuple[Officer, ...]:
    """People a dossier can be assigned to: officers and leaders of the organisations the user handles.

    Kept across requests (``dost.core.memo``) until a membership, an organisation's place or a user's name
    changes.
    """
    return remember(("officers", user.pk, scope_for(user).is_admin), lambda: _officers(user))


def _officers(user: Any) -> tuple[Officer, ...]:
    query = _handling_q(user, "memberships__organisation")
    users = get_user_model().objects.filter(memberships__role__in=WRITE_ROLES)
    if query is not None:
        users = users.filter(query)
    rows = users.values_list("id", "first_name", "last_name", "username").distinct().order_by(
        "first_name", "username")
    return tuple(Officer(*row) for row in rows)


def revisions_with_files(dossier: Dossier) -> list[DossierRevision]:
    revisions = list(dossier.revisions.order_by("number"))
    files = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(DossierRevision),
                                      object_id__in=[r.pk for r in revisions]).order_by("id")
    names = {f"doc-{r.pk}": r.name for r in dossier.procedure.required_documents.all()}
    by_revision: dict[int, list] = {}
    for attachment in files:
        attachment.requirement = names.get(attachment.purpose, attachment.purpose)
        by_revision.setdefault(attachment.object_id, []).append(attachment)
    for revision in revisions:
        revision.files = by_revision.get(revision.pk, [])
    return revisions


def count_by_step(queryset: QuerySet) -> list[dict]:
    return list(queryset.filter(status__in=OPEN).values("status", "step__staff_name").annotate(n=Count("id"))
                .order_by("status", "step__staff_name"))


def overdue(queryset: QuerySet, today: datetime.date, limit: int = 20) -> list[Dossier]:
    late = list(queryset.filter(status__in=OPEN, due_date__lt=today).order_by("due_date")[:limit])
    return services.mark_late(late, today)


def on_time_by_month(queryset: QuerySet, months: int = 12) -> list[dict]:
    """Decided dossiers per month and the share decided by their deadline (one aggregate query)."""
    rows = (queryset.filter(decided_on__isnull=False, due_date__isnull=False)
            .annotate(month=TruncMonth("decided_on")).values("month")
            .annotate(total=Count("id"), on_time=Count("id", filter=Q(decided_on__lte=F("due_date"))))
            .order_by("-month")[:months])
    return [{**row, "rate": (100 * row["on_time"] / row["total"]) if row["total"] else None} for row in rows]
