"""Per-process memory of the per-user reads every page repeats, valid until the database says otherwise.

Every page starts by reading the same few things about its user: their memberships and the paths of their
organisations (the scope), whether they have a confirmed second factor, the procedures they handle, the
officers they may assign to, the official calendar. Read afresh, they cost a third of the CPU of a dossier
queue request. They change a few times a day; pages are served many times a second.

How a value is kept without ever outliving a change (a withdrawn role must not keep working, not even on
another worker):

* A one-row table (``AccessGeneration``) holds a random token. Database triggers (migrations, SQLite and
  PostgreSQL) replace it on every insert, delete and relevant update of the tables these reads come from,
  whichever way the write is made: ``save()``, a queryset ``update()``, ``bulk_create``, the admin, raw SQL,
  a restore. ``WATCHED`` lists those tables and columns; an app adds its own (``watch_tables`` in a
  migration).
* A request reads the token once, before the first value it needs (one primary-key read, cheaper than any
  of the reads it replaces), and uses only values stored under that token. Values are computed after the
  token is read, so a stored value is never older than its token.
* Nothing is kept or served inside a transaction: there a request may see its own uncommitted changes, or
  a change that will be rolled back. Once a request writes anything, it reads the token again before its
  next value. The token is random, not a counter, so a bump that is rolled back cannot come back with
  other data behind it.
* Outside a request (background tasks, commands, tests that do not go through the middleware) nothing is
  kept: ``remember`` just computes.

The memory holds the values of one token at a time (a new token drops them all), at most ``MAX_ENTRIES``.
"""

from __future__ import annotations

import contextvars
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

MAX_ENTRIES = 50_000
TABLE = "core_accessgeneration"
ROW_ID = 1
_READ_ROW_SQL = "SELECT token FROM core_accessgeneration WHERE id = %s"
_PUT_ROW_BACK_SQL = "INSERT INTO core_accessgeneration (id, token) VALUES (%s, %s) ON CONFLICT DO NOTHING"

# Tables whose rows the memorised reads depend on, with the columns whose update matters ("*": any);
# inserts and deletes always count. Each app's migrations install the triggers of its tables (core's:
# migration 0004; procedures': 0007), and tests/core/test_memo.py checks each table renews the token.
WATCHED: dict[str, tuple[str, ...]] = {
    "core_membership": ("*",),
    "core_organisation": ("path", "parent_id", "successor_id"),
    "auth_user": ("username", "first_name", "last_name", "is_superuser", "is_staff", "is_active"),
    "otp_totp_totpdevice": ("user_id", "confirmed"),
    "procedures_proceduretype": ("organisation_id", "name"),
    "procedures_calendaryear": ("*",),
    "procedures_calendarday": ("*",),
}

_OFF = object()  # not in a request: compute every value
_UNREAD = object()  # in a request that has not read the token yet (or wrote since)
_token: contextvars.ContextVar[Any] = contextvars.ContextVar("dost_memo_token", default=_OFF)
_held: tuple[str, dict[Any, Any]] = ("", {})


def remember[T](key: tuple, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for ``key``, kept for as long as the token read by this request stands.

    ``key`` names the read and its arguments (``("scope", user_id)``); the value must be immutable, or at
    least never changed by its users, since later requests share it.
    """
    token = _current_token()
    if token is None:
        return compute()
    global _held
    held_token, values = _held
    if held_token != token:
        values = {}
        _held = (token, values)
    try:
        return values[key]
    except KeyError:
        pass
    value = compute()
    if len(values) >= MAX_ENTRIES:
        values.clear()
    values[key] = value
    return value


def _current_token() -> str | None:
    state = _token.get()
    if state is _OFF:
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        return None
    if state is _UNREAD:
        state = read_token(connection)
        _token.set(state)
    return state


def read_token(connection: Any = None) -> str | None:
    """The current token; the row is put back (with a new token) if a flush or a truncation removed it."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute(_READ_ROW_SQL, [ROW_ID])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(_PUT_ROW_BACK_SQL, [ROW_ID, secrets.token_hex(16)])
            cursor.execute(_READ_ROW_SQL, [ROW_ID])
            row = cursor.fetchone()
    return row[0] if row else None


def forget() -> None:
    """Drop every value this process holds (tests, and an operator's shell after a manual repair)."""
    global _held
    _held = ("", {})


class MemoMiddleware:
    """Open the memory for the request: the token is read at the first value it needs, again after a write.

    A write is seen in the SQL the request sends (an execute wrapper, about a microsecond a query).
    """

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE")

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        reset = _token.set(_UNREAD)
        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(self._watch_writes):
                return self.get_response(request)
        finally:
            _token.reset(reset)

    def _watch_writes(self, execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
        try:
            return execute(sql, params, many, context)
        finally:
            if sql.lstrip()[:8].upper().startswith(self.WRITES) and _token.get() is not _OFF:
                _token.set(_UNREAD)


# ------------------------------------------------------------------------------------- the triggers


def _trigger_name(table: str, event: str) -> str:
    return f"dost_memo_{table}_{event}"[:63]


def trigger_sql(vendor: str, tables: dict[str, tuple[str, ...]]) -> tuple[list[str], list[str]]:
    """SQL creating and dropping the triggers that renew the token on writes to ``tables``.

    Updates renew it through row triggers with a ``WHEN`` on the watched columns, so that a login
    (``last_login``) or a code check (the device's counters) renews nothing. On PostgreSQL inserts, deletes
    and ``TRUNCATE`` renew it once per statement (a bulk load of users or memberships updates the token row
    once, not once per row); SQLite has only row triggers.
    """
    create: list[str] = []
    drop: list[str] = []
    if vendor == "sqlite":
        renew = f"UPDATE {TABLE} SET token = lower(hex(randomblob(16))) WHERE id = {ROW_ID};"  # nosec B608
        for table, columns in tables.items():
            for event in ("insert", "delete", "update"):
                name = _trigger_name(table, event)
                when = "" if event != "update" or columns == ("*",) else " WHEN " + " OR ".join(
                    f'OLD."{c}" IS NOT NEW."{c}"' for c in columns)
                create.append(f'CREATE TRIGGER "{name}" AFTER {event.upper()} ON "{table}" FOR EACH ROW{when} '
                              f"BEGIN {renew} END")
                drop.append(f'DROP TRIGGER IF EXISTS "{name}"')
    elif vendor == "postgresql":
        function = "dost_memo_renew_token"
        create.append(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE {TABLE} SET token = md5(random()::text || clock_timestamp()::text) WHERE id = {ROW_ID}; "  # nosec B608
            "RETURN NULL; END $$")
        for table, columns in tables.items():
            for event in ("insert", "delete", "update", "truncate"):
                name = _trigger_name(table, event)
                level = "ROW" if event == "update" else "STATEMENT"
                when = "" if event != "update" or columns == ("*",) else " WHEN (" + " OR ".join(
                    f'OLD."{c}" IS DISTINCT FROM NEW."{c}"' for c in columns) + ")"
                create.append(f'CREATE TRIGGER "{name}" AFTER {event.upper()} ON "{table}" FOR EACH {level}{when} '
                              f"EXECUTE FUNCTION {function}()")
                drop.append(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
    return create, drop


def watch_tables(tables: dict[str, tuple[str, ...]]) -> tuple[Callable, Callable]:
    """A ``RunPython`` pair installing (and removing) the triggers for ``tables`` on the database's engine.

    Other engines get no triggers and must not turn the memory on (only SQLite and PostgreSQL are supported).
    """

    def forwards(apps: Any, schema_editor: Any) -> None:
        create, _drop = trigger_sql(schema_editor.connection.vendor, tables)
        _run(schema_editor, create)

    def backwards(apps: Any, schema_editor: Any) -> None:
        _create, drop = trigger_sql(schema_editor.connection.vendor, tables)
        _run(schema_editor, drop)

    return forwards, backwards


def _run(schema_editor: Any, statements: Iterable[str]) -> None:
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
