"""Files in storage that no record points to, found and removed.

A record's file is written to storage before the transaction that stores its row commits. If the process
dies in between (a worker killed while a report's files are being stored), the row rolls back and the file
stays, pointed to by nothing. Writing files only after commit would need a second, non-transactional step
that can fail in its own ways; instead, ``dost sweep-files`` (daily, from cron) removes such files once they
are older than a grace period, so a file being stored right now is never taken.

Only the folders that file fields upload into (the fixed part of each ``upload_to``) are looked at, and only
through the storage API, so the same sweep works on a local disk and on S3-compatible storage.
"""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

DEFAULT_GRACE = datetime.timedelta(hours=1)


@dataclass
class SweepResult:
    scanned: int = 0
    orphans: list[str] = field(default_factory=list)
    deleted: int = 0
    bytes: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict:
        return {"scanned": self.scanned, "orphans": self.orphans, "deleted": self.deleted, "bytes": self.bytes,
                "dry_run": self.dry_run}


def _file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                yield model, f


def upload_prefixes() -> list[str]:
    """The fixed folders file fields upload into ("attachments/", "imports/"), from their ``upload_to``."""
    prefixes = set()
    for _model, f in _file_fields():
        upload_to = f.upload_to if isinstance(f.upload_to, str) else ""
        fixed = upload_to.split("%", 1)[0]
        fixed = fixed[: fixed.rfind("/") + 1] if "/" in fixed else ""
        if fixed:  # a callable or a bare upload_to would mean the whole storage: never swept
            prefixes.add(fixed)
    # "imports/" and "imports/sheets/" would walk the inner folder twice: keep the outermost only.
    return sorted(p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes))


def referenced_names() -> set[str]:
    """The names stored in every file field of every model, read set-wise (one streamed query per field)."""
    names: set[str] = set()
    for model, f in _file_fields():
        names.update(n for n in model._base_manager.values_list(f.attname, flat=True).iterator() if n)
    return names


def _walk(folder: str) -> Iterator[str]:
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield posixpath.join(folder, name)
    for directory in directories:
        yield from _walk(posixpath.join(folder, directory))


def sweep_orphan_files(*, older_than: datetime.timedelta = DEFAULT_GRACE, now: datetime.datetime | None = None,
                       dry_run: bool = False) -> SweepResult:
    """Delete (or, ``dry_run``, only list) the files under the upload folders that no record references and
    that were last modified before ``now - older_than``."""
    cutoff = (now or timezone.now()) - older_than
    result = SweepResult(dry_run=dry_run)
    referenced = referenced_names()
    for prefix in upload_prefixes():
        for name in _walk(prefix.rstrip("/")):
            result.scanned += 1
            if name in referenced or default_storage.get_modified_time(name) >= cutoff:
                continue
            result.orphans.append(name)
            result.bytes += default_storage.size(name)
            if not dry_run:
                default_storage.delete(name)
                result.deleted += 1
    if result.deleted:
        from .models import Attachment, AuditEntry

        AuditEntry.record(Attachment, "delete", 0, "dost sweep-files", None,
                          {"deleted": result.deleted, "bytes": result.bytes, "files": result.orphans[:200]})
    return result
