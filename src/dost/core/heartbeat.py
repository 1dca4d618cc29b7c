"""A heartbeat for long background work, kept by a thread while the work runs.

Background jobs (report rendering, its PDF conversion, imports) record ``heartbeat_at``; ``dost tick`` marks
a job whose heartbeat is older than its stale limit as failed, so that a killed worker never leaves a job
"running" forever. A single step of such a job (LibreOffice converting a 600-page report, say) can outlast
that limit while the worker is perfectly alive, so the beat must not depend on the job reaching its next
step: a daemon thread touches the row every few seconds until the block ends.

The beat is written on the model's base manager with ``update()``: it is not a business change, so it
leaves no audit row (and does not move ``updated_at``).

The thread has its own database connection (Django's connections are per thread) and closes it when it
ends. It must never wait for the worker it beats for: if the row is locked when a beat is due (PostgreSQL:
the job itself, or a request such as issuing a report, holds it in a transaction), that beat is skipped
(``SKIP LOCKED``) rather than queued behind the lock — whoever holds the lock is working on the job, and
the block's exit, which joins the thread, can therefore never wait on a lock its own caller holds. On
SQLite a write waits at most the busy timeout and then fails; a failed beat is logged and the next one is
tried, the work itself never sees it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

JOIN_TIMEOUT = 30.0  # seconds; a beat is one short statement, this only bounds a database that hangs


def default_interval() -> float:
    """``settings.DOST_HEARTBEAT_SECONDS`` (60 unless the environment says otherwise)."""
    return float(getattr(settings, "DOST_HEARTBEAT_SECONDS", 60))


def beat_once(model: type[models.Model], pk: Any, field: str = "heartbeat_at") -> bool:
    """Set ``model(pk).field`` to now unless another transaction holds the row; whether it was written."""
    manager = model._base_manager
    with transaction.atomic(using=manager.db):
        # SQLite has no row locks (and Django skips FOR UPDATE there): the write itself waits, bounded.
        if not manager.select_for_update(skip_locked=True).filter(pk=pk).exists():
            return False
        return bool(manager.filter(pk=pk).update(**{field: timezone.now()}))


@contextlib.contextmanager
def beating(model: type[models.Model], pk: Any, field: str = "heartbeat_at",
            every: float | None = None) -> Iterator[None]:
    """Keep ``model(pk).field`` at the current time, every ``every`` seconds (default
    ``settings.DOST_HEARTBEAT_SECONDS``), while the block runs; the thread is stopped and joined when the
    block ends, on an exception too."""
    interval = default_interval() if every is None else float(every)
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(interval):
                try:
                    beat_once(model, pk, field)
                except DatabaseError:  # a busy database must not end the work the beat is about
                    logger.warning("heartbeat of %s %s not written", model.__name__, pk, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections only

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(JOIN_TIMEOUT)
        if thread.is_alive():  # a daemon: it cannot keep the worker from exiting
            logger.warning("heartbeat thread of %s %s still in a query after the block", model.__name__, pk)
