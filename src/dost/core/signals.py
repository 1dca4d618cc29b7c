"""Many-to-many changes (partners, legal bases) are audited like field changes."""

from __future__ import annotations

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .mixins import AuditedModel, write_audit


@receiver(m2m_changed)
def audit_many_to_many(sender, instance, action, reverse, model, pk_set, **kwargs):
    if reverse or not isinstance(instance, AuditedModel) or action not in ("post_add", "post_remove", "post_clear"):
        return
    field = next(
        (f.name for f in instance._meta.many_to_many if f.remote_field.through is sender), sender.__name__
    )
    ids = sorted(pk_set or [])
    if action == "post_add" and ids:
        write_audit(instance, "update", instance.pk, str(instance), {}, {field: {"added": ids}})
    elif action == "post_remove" and ids:
        write_audit(instance, "update", instance.pk, str(instance), {field: {"removed": ids}}, {})
    elif action == "post_clear":
        write_audit(instance, "update", instance.pk, str(instance), {field: "*"}, {field: []})
