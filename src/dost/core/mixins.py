"""Cross-cutting model behaviour: timestamps, optimistic concurrency and the audit trail.

Every business model inherits ``BusinessModel``. Its queryset audits ``update()``, ``delete()``,
``bulk_create()`` and ``bulk_update()`` as well as ``save()``/``delete()`` on instances, so no ORM write
path escapes the trail.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaleEditError(Exception):
    """The record changed since the form was opened; refusing to overwrite someone else's edit."""

    message = _("Bản ghi đã được người khác thay đổi sau khi bạn mở biểu mẫu. Vui lòng tải lại trang và nhập lại.")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


AUDIT_EXCLUDED_FIELDS = {"search_text", "updated_at"}


def snapshot(instance: models.Model) -> dict[str, Any]:
    """JSON-able values of the concrete fields (foreign keys by id)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.attname in AUDIT_EXCLUDED_FIELDS:
            continue
        data[field.attname] = _jsonable(getattr(instance, field.attname))
    return data


def _diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[dict, dict]:
    if before is None or after is None:
        return before or {}, after or {}
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def write_audit(instance_or_model, action: str, object_id: Any, object_repr: str, before, after) -> None:
    from .models import AuditEntry  # late import: models import this module

    AuditEntry.record(instance_or_model, action, object_id, object_repr, before, after)


class AuditedQuerySet(models.QuerySet):
    """A queryset whose bulk writes leave audit rows like single saves do."""

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db):
            before = {obj.pk: snapshot(obj) for obj in self.model._base_manager.filter(pk__in=self.values("pk"))}
            count = super().update(**kwargs)
            if before:
                for obj in self.model._base_manager.filter(pk__in=list(before)):
                    old, new = _diff(before[obj.pk], snapshot(obj))
                    if new:
                        write_audit(obj, "update", obj.pk, str(obj), old, new)
            return count

    update.alters_data = True

    def delete(self):
        with transaction.atomic(using=self.db):
            for obj in self.model._base_manager.filter(pk__in=self.values("pk")):
                write_audit(obj, "delete", obj.pk, str(obj), snapshot(obj), None)
            return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args: Any, **kwargs: Any):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            for obj in created:
                write_audit(obj, "create", obj.pk, str(obj), None, snapshot(obj))
            return created

    def bulk_update(self, objs, fields, *args: Any, **kwargs: Any):
        with transaction.atomic(using=self.db):
            objs = list(objs)
            before = {
                obj.pk: snapshot(obj) for obj in self.model._base_manager.filter(pk__in=[o.pk for o in objs])
            }
            count = super().bulk_update(objs, fields, *args, **kwargs)
            for obj in objs:
                old, new = _diff(before.get(obj.pk), snapshot(obj))
                if new:
                    write_audit(obj, "update", obj.pk, str(obj), old, new)
            return count


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(models.Model):
    """Writes an audit row for every create, update and delete of the instance."""

    objects = AuditedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        before = getattr(self, "_audit_loaded", None)
        with transaction.atomic():
            if not adding and before is None:
                fresh = type(self)._base_manager.filter(pk=self.pk).first()
                before = snapshot(fresh) if fresh else None
            super().save(*args, **kwargs)
            after = snapshot(self)
            if adding or before is None:
                write_audit(self, "create", self.pk, str(self), None, after)
            else:
                old, new = _diff(before, after)
                if new:
                    write_audit(self, "update", self.pk, str(self), old, new)
        self._audit_loaded = after

    def delete(self, *args: Any, **kwargs: Any):
        with transaction.atomic():
            write_audit(self, "delete", self.pk, str(self), snapshot(self), None)
            return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values, *args: Any, **kwargs: Any):
        instance = super().from_db(db, field_names, values, *args, **kwargs)
        # The "before" of a later save, kept as the loaded values and turned into a snapshot only if the
        # instance is saved: list pages load hundreds of rows and save none. Values that can be changed in
        # place (JSON) are copied now.
        if len(field_names) == len(cls._meta.concrete_fields):
            raw = list(values)
            for index in _mutable_indexes(cls):
                raw[index] = _jsonable(raw[index])
            instance.__dict__["_audit_raw"] = raw
        return instance

    @property
    def _audit_loaded(self) -> dict[str, Any] | None:
        """The values as loaded (or as last saved), JSON-able, for the audit's before/after."""
        if "_audit_state" not in self.__dict__:
            raw = self.__dict__.pop("_audit_raw", None)
            self.__dict__["_audit_state"] = None if raw is None else _snapshot_of_values(type(self), raw)
        return self.__dict__["_audit_state"]

    @_audit_loaded.setter
    def _audit_loaded(self, value: dict[str, Any] | None) -> None:
        self.__dict__.pop("_audit_raw", None)
        self.__dict__["_audit_state"] = value


_MUTABLE_INDEXES: dict[type, tuple[int, ...]] = {}


def _mutable_indexes(model: type[models.Model]) -> tuple[int, ...]:
    """Positions of the concrete fields whose loaded values are mutable containers (JSON)."""
    indexes = _MUTABLE_INDEXES.get(model)
    if indexes is None:
        indexes = tuple(i for i, f in enumerate(model._meta.concrete_fields) if isinstance(f, models.JSONField))
        _MUTABLE_INDEXES[model] = indexes
    return indexes


def _snapshot_of_values(model: type[models.Model], values: list[Any]) -> dict[str, Any]:
    """``snapshot`` of an instance of ``model`` whose concrete fields held ``values`` (in field order)."""
    data = {}
    for field, value in zip(model._meta.concrete_fields, values, strict=True):
        if field.attname in AUDIT_EXCLUDED_FIELDS:
            continue
        if isinstance(field, models.FileField):
            value = value or None  # a FieldFile's name, as snapshot() gives it
        data[field.attname] = _jsonable(value)
    return data


class VersionedModel(models.Model):
    """Optimistic concurrency: an edit based on an old version is refused, never silently applied."""

    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True

    def save_checked(self, expected_version: int | None, **kwargs: Any) -> None:
        """Save only if the stored version is still ``expected_version``; bump it atomically."""
        if self._state.adding or expected_version is None:
            self.save(**kwargs)
            return
        with transaction.atomic():
            claimed = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=expected_version)
                .update(version=expected_version + 1)
            )
            if not claimed:
                raise StaleEditError(StaleEditError.message)
            self.version = expected_version + 1
            if getattr(self, "_audit_loaded", None):
                self._audit_loaded["version"] = self.version
            self.save(**kwargs)


class BusinessModel(AuditedModel, TimestampedModel, VersionedModel):
    """The base of every business record."""

    class Meta:
        abstract = True
