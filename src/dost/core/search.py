"""Diacritic-insensitive search that stays index-backed on both engines.

Every searchable model keeps ``search_text``: the folded form (``dost.core.text.fold``) of its searchable
fields, maintained on save. A query is folded the same way and split into words; every word must occur.

- PostgreSQL: a GIN trigram index (``pg_trgm``) on ``search_text`` serves ``LIKE '%word%'``.
- SQLite: an FTS5 table with the trigram tokenizer mirrors ``search_text`` through triggers; words of three
  characters or more go through ``MATCH``, shorter ones filter the (already narrowed) rows with ``LIKE``.

Folding in Python (not ``unaccent`` in SQL) keeps one definition for both engines, and handles "đ → d".
"""

from __future__ import annotations

from django.db import connection, migrations
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .text import fold


def _fts_table(model) -> str:
    return f"{model._meta.db_table}_fts"


def contains_words(queryset: QuerySet, query: str | None) -> QuerySet:
    """Every folded word must occur in ``search_text`` (for small tables without a search index)."""
    for word in fold(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def search(queryset: QuerySet, query: str | None) -> QuerySet:
    words = fold(query).split()
    if not words:
        return queryset
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    if connection.vendor == "sqlite" and long_words:
        expression = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_words)
        table = _fts_table(queryset.model)
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # nosec B608
        queryset = queryset.filter(pk__in=RawSQL(sql, [expression]))  # nosec B611
        return contains_words(queryset, " ".join(short_words))
    return contains_words(queryset, " ".join(words))


def _forwards(table: str, column: str = "search_text"):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            fts = f"{table}_fts"
            statements = [
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({column}, content='{table}', "
                f"content_rowid='id', tokenize='trigram')",
                f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "  # nosec B608
                f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
                f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "  # nosec B608
                f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
                f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "  # nosec B608
                f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
                f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
                f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # nosec B608
            ]
        elif vendor == "postgresql":
            statements = [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin ({column} gin_trgm_ops)",
            ]
        else:
            statements = []
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return apply


def _backwards(table: str):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        with schema_editor.connection.cursor() as cursor:
            if vendor == "sqlite":
                for suffix in ("_ai", "_ad", "_au"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_fts{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {table}_fts")
            elif vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")

    return apply


def search_index_operation(table: str) -> migrations.RunPython:
    """Migration operation creating the search index of ``table`` for whichever engine runs it."""
    return migrations.RunPython(_forwards(table), _backwards(table))
