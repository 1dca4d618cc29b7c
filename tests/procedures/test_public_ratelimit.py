"""The per-client rate limiter: counting, windows, and which address identifies a client."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory

from dost.procedures.ratelimit import RateLimit, client_ip

pytestmark = pytest.mark.pure

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_counts_up_to_the_limit_per_client_and_scope():
    limit = RateLimit("test", attempts=3, window=600)
    with time_machine.travel(START, tick=False):
        for expected in (1, 2, 3):
            assert not limit.exceeded("198.51.100.7")
            assert limit.hit("198.51.100.7") == expected
        assert limit.exceeded("198.51.100.7")
        assert not limit.exceeded("198.51.100.8")
        assert not RateLimit("other", attempts=3, window=600).exceeded("198.51.100.7")


def test_the_window_ends_and_the_client_is_free_again():
    limit = RateLimit("test", attempts=2, window=600)
    with time_machine.travel(START, tick=False) as clock:
        limit.hit("198.51.100.7")
        limit.hit("198.51.100.7")
        assert limit.exceeded("198.51.100.7")
        assert 1 <= limit.retry_after() <= 600
        clock.shift(datetime.timedelta(seconds=599))
        assert limit.exceeded("198.51.100.7")
        clock.shift(datetime.timedelta(seconds=2))
        assert not limit.exceeded("198.51.100.7")
        assert limit.hit("198.51.100.7") == 1


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/lookup/", **extra)


def test_forwarded_header_is_ignored_unless_proxies_are_configured(settings):
    request = _request("203.0.113.5", "1.2.3.4")
    assert client_ip(request) == "203.0.113.5"
    settings.DOST_TRUSTED_PROXIES = 1
    assert client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.9")) == "198.51.100.9"  # forged first hop ignored
    assert client_ip(_request("10.0.0.2")) == "10.0.0.2"  # no header: the proxy's view is all there is


def test_ipv6_clients_are_counted_per_64_block():
    first = client_ip(_request("2001:db8:1:2::1"))
    assert first == client_ip(_request("2001:db8:1:2:ffff::9")) == "2001:db8:1:2::/64"
    assert client_ip(_request("::ffff:198.51.100.7")) == "198.51.100.7"
