"""Backup and restore of a whole dost instance: data, uploaded files and a manifest in one zip archive.

Why it is built this way:

* **Engine-neutral.** Rows are written with Django's serialisation (JSON Lines, one member per model), so
  an archive taken on SQLite restores on PostgreSQL and back. Every row keeps its primary key: generic
  relations (``Attachment.object_id``, ``AuditEntry.object_id``), audit snapshots and bookmarked URLs all
  refer to ids.
* **Content types and permissions by natural key.** Their ids are assigned by ``migrate`` and differ between
  databases, so every reference to them is written as a natural key (``["core", "attachment"]``) and they are
  archived without ids; restore merges them into the rows ``migrate`` created.
* **Bounded memory.** Tables are streamed model by model through ``iterator(chunk_size=…)`` straight into
  the zip member; restore reads line by line and inserts in batches.
* **All or nothing.** Restore loads everything in one transaction, writes the files, checks foreign keys and
  verifies every row count and every file's SHA-256 against the manifest before committing. Any failure
  rolls the database back and removes the files it wrote.
* **Raw copy.** Restore inserts rows with the ORM's low-level insert (``QuerySet._insert(raw=True)``), the
  path ``loaddata`` takes for a raw save, batched: no ``save()``, no signals, no ``auto_now``. A restore
  re-creates history, it does not make it: it must neither write audit rows of its own nor touch
  ``updated_at``; and the audit trail, which the application refuses to change (``AuditQuerySet``,
  ``AuditEntry.save``), can only be brought back this way. Nothing else in dost uses this path.
* **Excluded:** sessions (logins do not survive a move), the task queue (``django_tasks_db``; a queued
  job's task would run against another instance), django-axes' login throttling state and the memo's
  token (``dost.core.memo``; ``migrate`` creates it, the restored rows renew it).

Archive layout::

    manifest.json
    data/<app_label>.<Model>.jsonl     one row per line, in load order
    files/<storage name>               every file a FileField references
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "dost-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_PREFIX = "data/"
FILES_PREFIX = "files/"

CHUNK_SIZE = 2000  # rows fetched per round trip while streaming a table
INSERT_BATCH = 500  # rows per INSERT statement on restore (fewer if the engine limits parameters)
COPY_BUFFER = 1 << 20

# Transient state of the running instance, not records: logins (sessions), the task queue, and login
# throttling (django-axes' attempt counters and login log; an empty instance gets such rows as soon as
# someone tries to log in, which must not make it "non-empty").
EXCLUDED_APPS = frozenset({"sessions", "django_tasks_database", "axes"})
# The memo's token (``dost.core.memo``): ``migrate`` creates its row, and the restore's inserts renew it.
EXCLUDED_MODELS = frozenset({"core.AccessGeneration"})
# Rows that ``migrate`` creates and whose ids differ between databases: archived by natural key, merged on
# restore, never counted as business data.
REFERENCE_MODELS = ("contenttypes.ContentType", "auth.Permission")


class BackupError(Exception):
    """A failure with a message for the operator (Vietnamese) and the exit code of CONTRACTS.md."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class BadArchive(BackupError):
    """Bad input: missing, unreadable, corrupt or tampered archive, newer schema, non-empty instance."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code=2)


@dataclass
class BackupResult:
    file: str
    models: dict[str, int]
    files: int
    bytes: int
    missing_files: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "models": self.models, "files": self.files, "bytes": self.bytes}


@dataclass
class RestoreResult:
    models: dict[str, int]
    files: int
    verified: bool
    missing_files: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"models": self.models, "files": self.files, "verified": self.verified}


# --------------------------------------------------------------------------------------------- models


def archived_models() -> list[type[models.Model]]:
    """Every table a backup holds, references first, then in foreign-key order.

    Auto-created many-to-many tables are archived as tables of their own (not inline in their owner's
    rows): that keeps each member streamable and loads them without ``m2m_changed``, which would audit
    the restore itself.
    """
    candidates = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.app_label not in EXCLUDED_APPS
        and model._meta.label not in EXCLUDED_MODELS
    ]
    references = [apps.get_model(label) for label in REFERENCE_MODELS]
    rest = [m for m in candidates if m not in references]
    members = set(rest)
    ordered: list[type[models.Model]] = []
    done: set[type[models.Model]] = set()

    def visit(model: type[models.Model], path: set[type[models.Model]]) -> None:
        if model in done or model in path:  # a cycle is fine: foreign keys are checked at the end
            return
        path.add(model)
        for fk in model._meta.local_concrete_fields:
            target = fk.related_model._meta.concrete_model if fk.is_relation and fk.related_model else None
            if target is not None and target is not model and target in members:
                visit(target, path)
        path.discard(model)
        done.add(model)
        ordered.append(model)

    for model in rest:
        visit(model, set())
    return references + ordered


def _is_reference(model: type[models.Model]) -> bool:
    return model._meta.label in REFERENCE_MODELS


def _member_name(model: type[models.Model]) -> str:
    return f"{DATA_PREFIX}{model._meta.label}.jsonl"


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.local_concrete_fields if isinstance(f, models.FileField)]


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def schema_version(migrations: dict[str, list[str]]) -> str:
    """One string naming the schema, for a quick equality check; "newer" is decided on the full list."""
    lines = sorted(f"{app}.{name}" for app, names in migrations.items() for name in names)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def _dost_version() -> str:
    try:
        return metadata.version("dost")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


# ------------------------------------------------------------------------------------------ streams


class _HashingWriter(io.RawIOBase):
    """Passes bytes through to ``raw`` while counting and hashing them."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self._raw.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(data)


class _HashingReader(io.RawIOBase):
    """Reads from ``raw`` while hashing, so that a member is checked in the same pass that loads it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.sha256.update(data)
        self.size += n
        return n


def _zip_info(name: str) -> zipfile.ZipInfo:
    """A member stamped with the time of the backup (``ZipFile.open(name, "w")`` would say 1980)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def _copy_hashed(source: IO[bytes], target: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(COPY_BUFFER):
        target.write(chunk)
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _hash_stream(source: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(COPY_BUFFER):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


# --------------------------------------------------------------------------------------------- backup


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's cuts them to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class _Serializer(JSONLSerializer):
    """JSON Lines; natural keys only for references to content types and permissions.

    Django's own ``use_natural_foreign_keys`` would also turn every user reference into a username and
    fetch each related row once per row; here the few reference rows are looked up once, in memory.
    Many-to-many values are left out: their tables are archived separately (see ``archived_models``).
    """

    def __init__(self, natural_keys: dict[type[models.Model], dict[Any, tuple]]) -> None:
        super().__init__()
        self.natural_keys = natural_keys

    def handle_fk_field(self, obj: models.Model, field: models.Field) -> None:
        keys = self.natural_keys.get(field.related_model)
        if keys is None:
            super().handle_fk_field(obj, field)
            return
        value = getattr(obj, field.attname)
        self._current[field.name] = list(keys[value]) if value is not None else None

    def handle_m2m_field(self, obj: models.Model, field: models.Field) -> None:
        return

    def _init_options(self) -> None:
        super()._init_options()
        self.json_kwargs["cls"] = _Encoder

    def end_object(self, obj: models.Model) -> None:
        # One json.dumps per row: json.dump would write every token separately.
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None


def _natural_keys(using: str) -> dict[type[models.Model], dict[Any, tuple]]:
    keys: dict[type[models.Model], dict[Any, tuple]] = {}
    for label in REFERENCE_MODELS:
        model = apps.get_model(label)
        queryset = model._base_manager.using(using)
        if label == "auth.Permission":
            queryset = queryset.select_related("content_type")
        keys[model] = {obj.pk: tuple(obj.natural_key()) for obj in queryset.iterator(chunk_size=CHUNK_SIZE)}
    return keys


def _ensure_migrated(using: str) -> None:
    connection = connections[using]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        pending = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
        raise BackupError(
            _("Cơ sở dữ liệu chưa được cập nhật lược đồ (còn %(count)s migration chưa chạy: %(pending)s…). "
              "Hãy chạy “dost migrate” trước khi sao lưu.") % {"count": len(plan), "pending": pending}
        )


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """Read every table from one consistent snapshot, without blocking the application's writes.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction. SQLite (WAL): a deferred transaction, which
    takes its snapshot at the first read; dost's default IMMEDIATE mode would hold the write lock for the
    whole backup. Inside an existing transaction (tests) that transaction already is the snapshot.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    previous_mode = getattr(connection, "transaction_mode", None)
    if connection.vendor == "sqlite":
        connection.transaction_mode = "DEFERRED"
    try:
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    finally:
        if connection.vendor == "sqlite":
            connection.transaction_mode = previous_mode


def _write_table(zf: zipfile.ZipFile, model: type[models.Model], serializer: _Serializer, using: str) -> dict:
    queryset = model._base_manager.using(using).order_by("pk")
    related = [f.name for f in model._meta.concrete_fields if f.is_relation]
    if _is_reference(model) and related:  # their natural keys (ids) follow relations
        queryset = queryset.select_related(*related)
    rows = 0

    def counted(objects: Iterable[models.Model]) -> Iterator[models.Model]:
        nonlocal rows
        for obj in objects:
            rows += 1
            yield obj

    name = _member_name(model)
    with zf.open(_zip_info(name), "w", force_zip64=True) as member:
        hashing = _HashingWriter(member)
        buffered = io.BufferedWriter(hashing, buffer_size=1 << 16)
        text = io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")
        serializer.serialize(
            counted(queryset.iterator(chunk_size=CHUNK_SIZE)),
            stream=text,
            use_natural_primary_keys=_is_reference(model),
        )
        text.flush()
        text.detach()
        buffered.flush()
    return {
        "model": model._meta.label,
        "file": name,
        "rows": rows,
        "bytes": hashing.size,
        "sha256": hashing.sha256.hexdigest(),
        "reference": _is_reference(model),
    }


def _referenced_files(models_: list[type[models.Model]], using: str) -> dict[str, tuple[Storage, str]]:
    """Storage name → (storage, "app.Model.field") of every file a FileField references."""
    found: dict[str, tuple[Storage, str]] = {}
    for model in models_:
        for file_field in _file_fields(model):
            label = f"{model._meta.label}.{file_field.name}"
            names = (
                model._base_manager.using(using)
                .exclude(**{file_field.attname: ""})
                .exclude(**{f"{file_field.attname}__isnull": True})
                .values_list(file_field.attname, flat=True)
                .order_by(file_field.attname)
                .distinct()
            )
            for name in names.iterator(chunk_size=CHUNK_SIZE):
                found.setdefault(name, (file_field.storage, label))
    return dict(sorted(found.items()))


def _write_files(zf: zipfile.ZipFile, files: dict[str, tuple[Storage, str]],
                 warn: Callable[[str], None]) -> tuple[list[dict], list[str]]:
    entries, missing = [], []
    for name, (storage, label) in files.items():
        try:
            source = storage.open(name, "rb")
        except (FileNotFoundError, SuspiciousFileOperation):
            missing.append(name)
            warn(_("Cảnh báo: không tìm thấy tệp “%(name)s” (%(field)s); bản sao lưu không có tệp này.")
                 % {"name": name, "field": label})
            continue
        with source, zf.open(_zip_info(FILES_PREFIX + name), "w", force_zip64=True) as member:
            sha256, size = _copy_hashed(source, member)
        entries.append({"name": name, "size": size, "sha256": sha256, "field": label})
    return entries, missing


def create_backup(path: str | os.PathLike, *, using: str = DEFAULT_DB_ALIAS,
                  warn: Callable[[str], None] = lambda message: None) -> BackupResult:
    """Write the archive to ``path`` atomically: a temporary file beside it, renamed when complete.

    A failed backup therefore never leaves a truncated archive, nor replaces a good one. The archive is
    created with mode 0600 (``mkstemp``): it holds password hashes and every uploaded document.
    """
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise BadArchive(_("“%(path)s” là một thư mục; hãy cho biết tên tệp sao lưu, ví dụ dost.zip.")
                         % {"path": target})
    if not target.parent.is_dir():
        raise BadArchive(_("Thư mục “%(dir)s” không tồn tại.") % {"dir": target.parent})
    _ensure_migrated(using)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
                with _snapshot(using):
                    manifest = _write_archive(zf, using, warn)
                zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    return BackupResult(
        file=str(target),
        models={entry["model"]: entry["rows"] for entry in manifest["models"]},
        files=len(manifest["files"]),
        bytes=target.stat().st_size,
        missing_files=manifest["missing_files"],
    )


def _write_archive(zf: zipfile.ZipFile, using: str, warn: Callable[[str], None]) -> dict[str, Any]:
    connection = connections[using]
    migrations = applied_migrations(using)
    models_ = archived_models()
    serializer = _Serializer(_natural_keys(using))
    tables = [_write_table(zf, model, serializer, using) for model in models_]
    files, missing = _write_files(zf, _referenced_files(models_, using), warn)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "dost_version": _dost_version(),
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": connection.vendor},
        "schema_version": schema_version(migrations),
        "latest_migrations": {app: names[-1] for app, names in migrations.items()},
        "migrations": migrations,
        "models": tables,
        "files": files,
        "missing_files": missing,
    }


# -------------------------------------------------------------------------------------------- restore


def _read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except KeyError as error:
        raise BadArchive(_("Tệp không phải bản sao lưu của dost: thiếu manifest.json.")) from error
    except (ValueError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise BadArchive(_("manifest.json trong bản sao lưu bị hỏng (%(error)s).") % {"error": error}) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BadArchive(_("Tệp không phải bản sao lưu của dost."))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BadArchive(
            _("Bản sao lưu có định dạng phiên bản %(found)s; phiên bản dost này chỉ đọc được định dạng %(ours)s.")
            % {"found": manifest.get("format_version"), "ours": FORMAT_VERSION}
        )
    if not _well_formed(manifest):
        raise BadArchive(_("manifest.json trong bản sao lưu không đúng cấu trúc."))
    return manifest


def _well_formed(manifest: dict[str, Any]) -> bool:
    """The manifest has the shape restore relies on (checked up front, so that no write starts on a bad one)."""

    def all_of(items: Any, check: Callable[[Any], bool]) -> bool:
        return isinstance(items, list) and all(check(item) for item in items)

    migrations = manifest.get("migrations")
    return (
        isinstance(migrations, dict)
        and all(isinstance(app, str) and all_of(names, lambda n: isinstance(n, str)) for app, names in migrations.items())
        and all_of(manifest.get("models"), lambda e: isinstance(e, dict) and isinstance(e.get("model"), str)
                   and isinstance(e.get("file"), str) and isinstance(e.get("rows"), int)
                   and isinstance(e.get("sha256"), str))
        and all_of(manifest.get("files"), lambda e: isinstance(e, dict) and isinstance(e.get("name"), str)
                   and isinstance(e.get("size"), int) and isinstance(e.get("sha256"), str))
        and all_of(manifest.get("missing_files", []), lambda n: isinstance(n, str))
    )


def check_schema(manifest: dict[str, Any]) -> None:
    """Refuse an archive whose schema has a migration this code does not know (it came from a newer dost).

    An older archive is accepted: ``migrate`` brings the database to this code's schema and the rows load
    by field name, which holds while newer migrations only add fields that have defaults.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces or [])
    unknown = [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BadArchive(
            _("Bản sao lưu được tạo bởi phiên bản dost mới hơn: lược đồ có %(count)s migration mà phiên bản này "
              "chưa có (%(names)s). Hãy cập nhật dost rồi khôi phục lại.")
            % {"count": len(unknown), "names": ", ".join(unknown[:5]) + ("…" if len(unknown) > 5 else "")}
        )


def _model_of(entry: dict[str, Any]) -> type[models.Model]:
    try:
        model = apps.get_model(entry["model"])
    except (LookupError, ValueError) as error:
        raise BadArchive(_("Bản sao lưu có bảng “%(model)s” mà phiên bản dost này không có.")
                         % {"model": entry["model"]}) from error
    if model._meta.app_label in EXCLUDED_APPS:
        raise BadArchive(_("Bản sao lưu có bảng “%(model)s” không được phép khôi phục.") % {"model": entry["model"]})
    return model


def _check_members(zf: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    """Every member the manifest lists is present, file names are safe, sizes agree: before any write."""
    members = {info.filename: info for info in zf.infolist()}
    for entry in manifest["models"]:
        _model_of(entry)
        if entry["file"] not in members:
            raise BadArchive(_("Bản sao lưu thiếu dữ liệu của bảng “%(model)s”.") % {"model": entry["model"]})
    for entry in manifest["files"]:
        name = entry["name"]
        try:
            validate_file_name(name, allow_relative_path=True)
        except SuspiciousFileOperation as error:
            raise BadArchive(_("Bản sao lưu có tên tệp không hợp lệ: “%(name)s”.") % {"name": name}) from error
        if "\\" in name or PurePosixPath(name).as_posix() != name:
            raise BadArchive(_("Bản sao lưu có tên tệp không hợp lệ: “%(name)s”.") % {"name": name})
        info = members.get(FILES_PREFIX + name)
        if info is None:
            raise BadArchive(_("Bản sao lưu thiếu tệp “%(name)s”.") % {"name": name})
        if info.file_size != entry["size"]:
            raise BadArchive(_("Tệp “%(name)s” trong bản sao lưu có dung lượng khác với manifest.json.")
                             % {"name": name})


def _storage_for(entry: dict[str, Any]) -> Storage:
    """The storage of the field that referenced the file (default storage if that field is gone)."""
    app_model, _dot, field_name = str(entry.get("field") or "").rpartition(".")
    try:
        return apps.get_model(app_model)._meta.get_field(field_name).storage
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        return default_storage


def _check_empty(using: str) -> None:
    """Restore only into an instance without business data: merging two histories is not a restore.

    Rows that migrations create (content types, permissions) do not count; every other table the archive
    would fill does, users included (their ids and usernames would collide).
    """
    occupied = []
    for model in archived_models():
        if _is_reference(model):
            continue
        count = model._base_manager.using(using).count()
        if count:
            occupied.append(f"{model._meta.label}: {count}")
    if occupied:
        raise BadArchive(
            _("Không khôi phục: cơ sở dữ liệu đã có dữ liệu (%(tables)s). Chỉ khôi phục vào một hệ thống mới, "
              "chưa có dữ liệu (chạy “dost migrate” trên một cơ sở dữ liệu trống).")
            % {"tables": ", ".join(occupied[:5]) + ("…" if len(occupied) > 5 else "")}
        )


def _files_already_present(manifest: dict[str, Any]) -> set[str]:
    """Files already in storage with the archived content are kept; different content is refused."""
    present = set()
    for entry in manifest["files"]:
        storage = _storage_for(entry)
        if not storage.exists(entry["name"]):
            continue
        with storage.open(entry["name"], "rb") as existing:
            sha256, _size = _hash_stream(existing)
        if sha256 != entry["sha256"]:
            raise BadArchive(
                _("Thư mục tệp tải lên đã có tệp “%(name)s” với nội dung khác; không ghi đè. Hãy khôi phục vào "
                  "một thư mục tệp trống.") % {"name": entry["name"]}
            )
        present.add(entry["name"])
    return present


def _rows(text: IO[str], model: type[models.Model]) -> Iterator[dict[str, Any]]:
    expected = model._meta.label_lower
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            raise BadArchive(_("Dòng %(line)s của bảng “%(model)s” trong bản sao lưu bị hỏng.")
                             % {"line": number, "model": model._meta.label}) from error
        if not isinstance(row, dict) or str(row.get("model", "")).lower() != expected:
            raise BadArchive(_("Dòng %(line)s của bảng “%(model)s” trong bản sao lưu không thuộc bảng này.")
                             % {"line": number, "model": model._meta.label})
        yield row


def _insert_rows(model: type[models.Model], objects: Iterable[models.Model], using: str) -> None:
    """Insert rows exactly as archived, in batches, through the ORM's low-level insert.

    ``QuerySet._insert(raw=True)`` is what ``Model.save_base(raw=True)`` (``loaddata``) ends in, without
    the UPDATE it tries first and without ``save()`` overrides, signals or ``auto_now``. It is the only
    way the append-only audit trail can be written with its original ids and times, and it is used only
    here, inside the restore transaction.
    """
    connection = connections[using]
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    batch_size = max(1, min(INSERT_BATCH, connection.ops.bulk_batch_size(fields, [None] * INSERT_BATCH)))
    manager = model._base_manager.db_manager(using)
    batch: list[models.Model] = []
    for obj in objects:
        batch.append(obj)
        if len(batch) >= batch_size:
            manager._insert(batch, fields=fields, using=using, raw=True)
            batch = []
            # With DEBUG on, Django keeps the last 9000 statements; these carry whole batches of rows.
            connection.queries_log.clear()
    if batch:
        manager._insert(batch, fields=fields, using=using, raw=True)
        connection.queries_log.clear()


def _load_table(zf: zipfile.ZipFile, entry: dict[str, Any], using: str) -> None:
    model = _model_of(entry)
    rows = 0

    def counted(source: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        nonlocal rows
        for row in source:
            rows += 1
            yield row

    with zf.open(entry["file"]) as member:
        hashing = _HashingReader(member)
        text = io.TextIOWrapper(io.BufferedReader(hashing, buffer_size=1 << 16), encoding="utf-8", newline="\n")
        objects = PythonDeserializer(counted(_rows(text, model)), using=using)
        if _is_reference(model):
            for deserialized in objects:
                if deserialized.object.pk is None:  # not created by this instance's migrate: add it
                    deserialized.save(using=using)
        else:
            _insert_rows(model, (deserialized.object for deserialized in objects), using)
        while hashing.readinto(bytearray(COPY_BUFFER)):  # hash any trailing bytes, too
            pass
    if hashing.sha256.hexdigest() != entry["sha256"]:
        raise BadArchive(_("Dữ liệu của bảng “%(model)s” trong bản sao lưu không khớp mã SHA-256 trong "
                           "manifest.json (tệp bị hỏng hoặc bị sửa).") % {"model": entry["model"]})
    if rows != entry["rows"]:
        raise BadArchive(_("Bảng “%(model)s” trong bản sao lưu có %(found)s dòng, manifest.json ghi %(rows)s.")
                         % {"model": entry["model"], "found": rows, "rows": entry["rows"]})


def _restore_files(zf: zipfile.ZipFile, manifest: dict[str, Any], skip: set[str],
                   written: list[tuple[Storage, str]]) -> None:
    for entry in manifest["files"]:
        name = entry["name"]
        if name in skip:
            continue
        storage = _storage_for(entry)
        with zf.open(FILES_PREFIX + name) as member:
            saved = storage.save(name, File(member, name=name))
        written.append((storage, saved))
        if saved != name:
            raise BackupError(_("Không ghi được tệp “%(name)s” đúng tên (bộ lưu trữ đặt tên “%(saved)s”).")
                              % {"name": name, "saved": saved})


def _remove_files(written: list[tuple[Storage, str]]) -> None:
    """Undo a failed restore's files, and the folders left empty by that (on a file-system storage)."""
    for storage, name in reversed(written):
        with contextlib.suppress(Exception):
            storage.delete(name)
        root = getattr(storage, "location", None)
        if not root:
            continue
        with contextlib.suppress(OSError, ValueError, NotImplementedError, SuspiciousFileOperation):
            parent = Path(storage.path(name)).parent
            while parent != Path(root) and Path(root) in parent.parents:
                parent.rmdir()  # only succeeds while empty
                parent = parent.parent


def _reset_sequences(models_: list[type[models.Model]], using: str) -> None:
    """Rows came with their ids; PostgreSQL's sequences must continue after them (SQLite does it itself)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _verify(manifest: dict[str, Any], using: str) -> list[str]:
    """Compare the database and the storage with the manifest: row counts and every file's SHA-256."""
    problems = []
    for entry in manifest["models"]:
        model = _model_of(entry)
        count = model._base_manager.using(using).count()
        # Reference rows are merged into those migrate created: at least the archived ones must be there.
        ok = count >= entry["rows"] if _is_reference(model) else count == entry["rows"]
        if not ok:
            problems.append(_("%(model)s: %(count)s dòng, manifest.json ghi %(rows)s")
                            % {"model": entry["model"], "count": count, "rows": entry["rows"]})
    for entry in manifest["files"]:
        storage = _storage_for(entry)
        try:
            with storage.open(entry["name"], "rb") as restored:
                sha256, size = _hash_stream(restored)
        except FileNotFoundError:
            problems.append(_("thiếu tệp %(name)s") % {"name": entry["name"]})
            continue
        if sha256 != entry["sha256"] or size != entry["size"]:
            problems.append(_("tệp %(name)s không khớp mã SHA-256") % {"name": entry["name"]})
    return problems


def restore_backup(path: str | os.PathLike, *, using: str = DEFAULT_DB_ALIAS,
                   migrate: Callable[[], None] | None = None) -> RestoreResult:
    """Restore ``path`` into this instance, all or nothing (see the module docstring for the order)."""
    source = Path(path).expanduser()
    if not source.is_file():
        raise BadArchive(_("Không tìm thấy tệp sao lưu “%(path)s”.") % {"path": source})
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BadArchive(_("Không đọc được “%(path)s”: không phải tệp zip hoặc tệp bị hỏng.")
                         % {"path": source}) from error
    with zf:
        manifest = _read_manifest(zf)
        check_schema(manifest)
        _check_members(zf, manifest)
        if migrate is None:
            call_command("migrate", database=using, interactive=False, verbosity=0)
        else:
            migrate()
        ContentType.objects.clear_cache()
        _check_empty(using)
        present = _files_already_present(manifest)
        written: list[tuple[Storage, str]] = []
        try:
            with transaction.atomic(using=using):
                for entry in manifest["models"]:
                    _load_table(zf, entry, using)
                _restore_files(zf, manifest, present, written)
                models_ = [_model_of(entry) for entry in manifest["models"]]
                _reset_sequences(models_, using)
                connections[using].check_constraints(table_names=[m._meta.db_table for m in models_])
                problems = _verify(manifest, using)
                if problems:
                    raise BadArchive(_("Dữ liệu sau khi khôi phục không khớp manifest.json: %(problems)s.")
                                     % {"problems": "; ".join(problems[:10])})
        except BaseException as error:
            _remove_files(written)
            ContentType.objects.clear_cache()  # it may hold content types created and rolled back
            translated = _as_backup_error(error)
            if translated is error:
                raise
            raise translated from error
    return RestoreResult(
        models={entry["model"]: entry["rows"] for entry in manifest["models"]},
        files=len(manifest["files"]),
        verified=True,
        missing_files=list(manifest.get("missing_files", [])),
    )


def _as_backup_error(error: BaseException) -> BaseException:
    """Translate what a load can raise into the operator's message and exit code."""
    if isinstance(error, BackupError | KeyboardInterrupt | SystemExit):
        return error
    if isinstance(error, FieldDoesNotExist):
        return BadArchive(_("Bản sao lưu có trường không còn trong phiên bản dost này (%(error)s); cơ sở dữ "
                            "liệu không thay đổi.") % {"error": _first_line(error)})
    if isinstance(error, zipfile.BadZipFile | EOFError | UnicodeDecodeError | DeserializationError
                  | ValidationError | ValueError):
        return BadArchive(_("Bản sao lưu bị hỏng, không khôi phục được (%(error)s); cơ sở dữ liệu không thay "
                            "đổi.") % {"error": _first_line(error)})
    if isinstance(error, IntegrityError):
        return BadArchive(_("Dữ liệu trong bản sao lưu không nhất quán (%(error)s); cơ sở dữ liệu không thay "
                            "đổi.") % {"error": _first_line(error)})
    if isinstance(error, DatabaseError | OSError):
        return BackupError(_("Khôi phục thất bại (%(error)s); cơ sở dữ liệu không thay đổi.")
                           % {"error": _first_line(error)})
    return error


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


__all__ = [
    "BackupError",
    "BackupResult",
    "BadArchive",
    "RestoreResult",
    "archived_models",
    "check_schema",
    "create_backup",
    "restore_backup",
]
