"""Helpers for tests of reads kept by ``dost.core.memo``."""

from __future__ import annotations

from collections.abc import Callable

from dost.core import memo


def in_request[T](read: Callable[[], T]) -> T:
    """``read()`` as a view would run it: inside ``MemoMiddleware``, the memory open."""
    return memo.MemoMiddleware(lambda _request: read())(None)
