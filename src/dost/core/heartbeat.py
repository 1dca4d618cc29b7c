"""A heartbeat for long background work, kept by a thread while the work runs.

Background jobs (report rendering, its PDF conversion, imports) record ``heartbeat_at``; ``dost tick`` marks
a job whose heartbeat is older than its stale limit as failed, so that a killed worker never leaves a job
"running" forever. A single step of such a job (LibreOffice converting a 600-page report, say) can outlast
that limit while the worker is perfectly alive, so the beat must not depend on the job reaching its next
step: a daemon thread touches the row every few seconds until the block ends.

The beat is written on the model's base manager: it is not a business change, so it leaves no audit row.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, models
from django.utils import timezone

logger = logging.getLogger(__name__)


def default_interval() -> float:
    return float(getattr(settings, "DOST_HEARTBEAT_SECONDS", 60))


@contextlib.contextmanager
def beating(model: type[models.Model], pk: Any, field: str = "heartbeat_at",
            every: float | None = None) -> Iterator[None]:
    """Keep ``model(pk).field`` at the current time, every ``every`` seconds, while the block runs."""
    interval = default_interval() if every is None else every
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(interval):
                try:
                    model._base_manager.filter(pk=pk).update(**{field: timezone.now()})
                except DatabaseError:  # a busy database must not end the work the beat is about
                    logger.warning("heartbeat of %s %s not written", model.__name__, pk, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
