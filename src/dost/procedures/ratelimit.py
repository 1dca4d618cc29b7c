"""A small per-client rate limiter on Django's cache, for the public pages (status look-up, registration).

Fixed windows: attempts are counted under a key that names the window (``time // window``), so the count
never depends on how a cache backend treats the expiry of incremented keys, and a client is free again at
the next window boundary, at most ``window`` seconds after it was blocked. A burst straddling a boundary can
reach twice the limit; for guessing a 10-character access code (32¹⁰ values) that does not matter.

The client is its address as the server sees it (``REMOTE_ADDR``). ``X-Forwarded-For`` can be forged by
anyone, so it is read only when the ``DOST_TRUSTED_PROXIES`` setting says how many reverse proxies of ours
stand in front (each appends the address it saw; the one added by the outermost of ours is trusted). IPv6
clients are counted per /64, the block one subscriber usually holds, so rotating addresses gains nothing.
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache


def client_ip(request: Any) -> str:
    """The client's address for rate limiting (never a forged header unless proxies are configured)."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    trusted = int(getattr(settings, "DOST_TRUSTED_PROXIES", 0) or 0)
    if trusted > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= trusted:
            address = hops[-trusted]
    return _bucket(address)


def _bucket(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False))
    return str(parsed)


@dataclass(frozen=True)
class RateLimit:
    """At most ``attempts`` counted attempts per ``window`` seconds for one client under ``scope``."""

    scope: str
    attempts: int
    window: int

    def _key(self, client: str, now: float) -> str:
        return f"dost-ratelimit:{self.scope}:{client}:{int(now // self.window)}"

    def count(self, client: str) -> int:
        return int(cache.get(self._key(client, time.time()), 0))

    def exceeded(self, client: str) -> bool:
        """Whether the client has used up this window (checked before doing the work)."""
        return self.count(client) >= self.attempts

    def hit(self, client: str) -> int:
        """Count one attempt; the number of attempts in the current window."""
        key = self._key(client, time.time())
        cache.add(key, 0, timeout=self.window + 1)
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr (at a window boundary)
            cache.set(key, 1, timeout=self.window + 1)
            return 1

    def retry_after(self) -> int:
        """Seconds until the current window ends (for the ``Retry-After`` header)."""
        now = time.time()
        return max(1, math.ceil((int(now // self.window) + 1) * self.window - now))

    def reset(self, client: str) -> None:
        cache.delete(self._key(client, time.time()))
