"""Who is acting right now, for the audit trail.

Web requests set the actor in middleware; commands and background tasks set it with ``acting_as``. The
value lives in a context variable so it follows the code path without being passed through every call.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("dost_audit_actor", default=None)
_source: contextvars.ContextVar[str] = contextvars.ContextVar("dost_audit_source", default="system")


def current_actor() -> Any:
    return _actor.get()


def current_source() -> str:
    return _source.get()


@contextlib.contextmanager
def acting_as(user: Any, source: str = "web") -> Iterator[None]:
    """Attribute every audited write inside the block to ``user`` (None means the system)."""
    token_actor = _actor.set(user if getattr(user, "is_authenticated", False) else None)
    token_source = _source.set(source)
    try:
        yield
    finally:
        _actor.reset(token_actor)
        _source.reset(token_source)
