"""Write paths of the core records. Views and the API call these; they never write models directly."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction

from .models import Attachment, LegalDocument, Organisation, OrganisationAlias
from .numbering import NumberSymbolError, parse_number_symbol
from .text import fold
from .uploads import check_upload


@transaction.atomic
def attach_file(target: Any, uploaded, user: Any, purpose: str = "evidence") -> Attachment:
    checked = check_upload(uploaded)
    uploaded.seek(0)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        mime_type=checked.mime_type,
        purpose=purpose,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    attachment.file.save(checked.name, ContentFile(uploaded.read()), save=False)
    attachment.save()
    return attachment


def attachments_of(target: Any):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("uploaded_by")


def find_organisation(name: str | None, near: Organisation | None = None) -> Organisation | None:
    """Match a name as printed ("Sở KH&CN", "Chi cục TCĐLCL") against names, short names and aliases.

    Several organisations may answer to one alias ("Sở KH&CN" is every province's Department): the one
    closest to ``near`` in the tree wins, then the most general one.
    """
    folded = fold(name)
    if not folded:
        return None
    candidates = {a.organisation for a in OrganisationAlias.objects.filter(folded=folded).select_related("organisation")}
    candidates |= {
        org for org in Organisation.objects.filter(search_text__contains=folded)[:50]
        if folded in (fold(org.name), fold(org.short_name))
    }
    if not candidates:
        return None
    near_parts = near.path.strip("/").split("/") if near is not None else []

    def closeness(org: Organisation) -> tuple[int, int, int]:
        shared = 0
        for a, b in zip(org.path.strip("/").split("/"), near_parts, strict=False):
            if a != b:
                break
            shared += 1
        return shared, -len(org.path), -org.pk

    return max(candidates, key=closeness)


@transaction.atomic
def get_or_create_legal_document(number_symbol: str, **defaults: Any) -> LegalDocument:
    """One record per document: matched on the normalised number-symbol key."""
    try:
        key = parse_number_symbol(number_symbol).key
    except NumberSymbolError:
        key = fold(number_symbol).replace(" ", "")
    existing = LegalDocument.objects.filter(key=key).first()
    if existing:
        return existing
    document = LegalDocument(number_symbol=number_symbol, **defaults)
    document.save()
    return document


@transaction.atomic
def rename_organisation(organisation: Organisation, new_name: str, effective: datetime.date) -> Organisation:
    """Rename from ``effective`` on; the old name is kept for records of earlier times."""
    from .models import OrganisationName

    previous = organisation.former_names.order_by("-valid_to").first()
    OrganisationName.objects.create(
        organisation=organisation,
        name=organisation.name,
        valid_from=(previous.valid_to + datetime.timedelta(days=1)) if previous else organisation.valid_from,
        valid_to=effective - datetime.timedelta(days=1),
    )
    organisation.name = new_name
    organisation.save()
    return organisation
