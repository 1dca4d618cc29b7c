"""Core records: organisations, people and roles, legal documents, attachments and the audit trail."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import current_actor, current_source
from .mixins import BusinessModel
from .numbering import NumberSymbolError, parse_number_symbol
from .status import DocumentKind, OrganisationKind, Role
from .text import fold


class Organisation(BusinessModel):
    """A body in the provincial hierarchy or outside it (enterprises, cooperatives, associations).

    ``path`` is a materialised path of ids ("/1/4/9/") so that "everything beneath" is one indexed prefix
    query. Organisations change: ``valid_to`` and ``successor`` record mergers (Bắc Giang into Bắc Ninh in
    2025), and ``OrganisationName`` keeps the names of earlier times.
    """

    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    head_title = models.CharField(_("chức danh người đứng đầu"), max_length=100, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=20, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["path"]
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")

    def __str__(self) -> str:
        return self.name

    @property
    def display_short(self) -> str:
        return self.short_name or self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def place_name(self) -> str:
        """The place printed on its documents: the province or city in its name ("Bắc Ninh")."""
        for marker in ("tỉnh ", "thành phố "):
            if marker in self.name:
                return self.name.split(marker, 1)[1].strip()
        return ""

    def name_on(self, day: datetime.date | None) -> str:
        """The name this organisation carried on ``day`` (records keep the name of their time)."""
        if day is None:
            return self.name
        for old in self.former_names.all():
            if (old.valid_from is None or old.valid_from <= day) and old.valid_to >= day:
                return old.name
        return self.name

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def save(self, *args: Any, **kwargs: Any) -> None:
        aliases = " ".join(a.name for a in self.aliases.all()) if self.pk else ""
        self.search_text = fold(f"{self.name} {self.short_name} {aliases}")
        parent_path = self.parent.path if self.parent_id else "/"
        if self.pk:
            self.path = f"{parent_path}{self.pk}/"
        super().save(*args, **kwargs)
        if not self.path.endswith(f"/{self.pk}/"):
            self.path = f"{parent_path}{self.pk}/"
            type(self)._base_manager.filter(pk=self.pk).update(path=self.path)
            if getattr(self, "_audit_loaded", None) is not None:
                self._audit_loaded["path"] = self.path  # the path completes the creation, not an edit


class OrganisationAlias(models.Model):
    """Other names documents use: "Sở KH&CN", "Chi cục TCĐLCL", "Liên minh HTX"."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("tên gọi khác"), max_length=255)
    folded = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("tên gọi khác")
        constraints = [models.UniqueConstraint(fields=["organisation", "folded"], name="uniq_alias_per_org")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.folded = fold(self.name)
        super().save(*args, **kwargs)


class OrganisationName(models.Model):
    """A name an organisation carried until ``valid_to``."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(_("tên cũ"), max_length=255)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField()

    class Meta:
        ordering = ["valid_to"]

    def __str__(self) -> str:
        return self.name


class Membership(BusinessModel):
    """A person's role in an organisation.

    ``is_head`` marks the head (Giám đốc); a leader who is not the head is a deputy and signs "KT."; an
    ``acting`` head signs "Q.". Approvals copy ``capacity`` at the moment they are made.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    position = models.CharField(_("chức vụ"), max_length=100, blank=True)
    is_head = models.BooleanField(_("người đứng đầu"), default=False)
    acting = models.BooleanField(_("quyền (Q.)"), default=False)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="uniq_membership_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    @property
    def capacity(self) -> str:
        """How this person signs: "GIÁM ĐỐC", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Q. GIÁM ĐỐC"."""
        head = (self.organisation.head_title or self.position or "").upper()
        position = (self.position or "").upper()
        if self.acting:
            return f"Q. {head}".strip()
        if self.is_head or self.role != Role.LEADER:
            return position or head
        return f"KT. {head} / {position}" if head and position else position


class LegalDocument(BusinessModel):
    """A document referred to by plans and decisions (văn bản): a legal basis, a replaced plan, …"""

    kind = models.CharField(_("loại văn bản"), max_length=32, choices=DocumentKind.choices)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    key = models.CharField(max_length=100, db_index=True, editable=False, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.ForeignKey(
        Organisation, verbose_name=_("cơ quan ban hành"), null=True, blank=True, on_delete=models.SET_NULL
    )
    issuer_name = models.CharField(_("cơ quan ban hành (như in)"), max_length=255, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-issued_on", "number_symbol"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def __str__(self) -> str:
        return self.number_symbol or str(self.title)[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        try:
            parsed = parse_number_symbol(self.number_symbol)
            self.number_symbol = parsed.text
            self.key = parsed.key
            if not self.kind and parsed.kind:
                self.kind = next((k for k, label in DocumentKind.choices if label == parsed.kind), DocumentKind.OTHER)
        except NumberSymbolError:
            self.key = fold(self.number_symbol).replace(" ", "")
        self.search_text = fold(f"{self.number_symbol} {self.title} {self.issuer_name}")
        super().save(*args, **kwargs)


class Attachment(BusinessModel):
    """A file attached to any record; served only through a permission-checked view."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    mime_type = models.CharField(max_length=100)
    purpose = models.CharField(_("mục đích"), max_length=32, default="evidence")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name


class AuditQuerySet(models.QuerySet):
    """The audit trail is append-only: no update or delete through the application."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit trail cannot be changed.")

    def delete(self):
        raise PermissionError("The audit trail cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any):
        raise PermissionError("The audit trail cannot be changed.")


class AuditEntry(models.Model):
    ACTIONS = [("create", _("Tạo")), ("update", _("Sửa")), ("delete", _("Xóa"))]

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    # PROTECT: deleting a user who acted would rewrite their entries (deactivate the account instead).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    source = models.CharField(max_length=16, default="system")
    action = models.CharField(_("thao tác"), max_length=8, choices=ACTIONS)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=255)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]
        base_manager_name = "objects"  # so that related-object handling cannot update or delete entries either
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any):
        raise PermissionError("The audit trail cannot be deleted.")

    @classmethod
    def record(cls, instance_or_model, action: str, object_id: Any, object_repr: str, before, after) -> None:
        actor = current_actor()
        cls.objects.create(
            actor=actor,
            actor_name=(actor.get_full_name() or actor.get_username()) if actor else "",
            source=current_source(),
            action=action,
            content_type=ContentType.objects.get_for_model(instance_or_model, for_concrete_model=True),
            object_id=str(object_id),
            object_repr=object_repr[:255],
            before=before,
            after=after,
        )

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys]


class AccessGeneration(models.Model):
    """The one row whose token database triggers renew when memberships, organisations, … change.

    Not a business record (no audit, not in backups): ``dost.core.memo`` explains what reads it.
    """

    token = models.CharField(max_length=64)

    class Meta:
        verbose_name = "access generation"

    def __str__(self) -> str:
        return self.token
