"""Rate limits and single-use marks that hold across every worker process.

A limit kept in one process's memory counts per process: under 3 gunicorn workers the public
form's 10 complaints an hour were 30. Both kinds of state live in the `shared` cache
(settings.CACHES, Django's database cache: every worker, and the next deploy, sees the same
rows; no new service to run). Its table is made by `manage.py createcachetable` (`make
install`, and Django's test database creation).

The counting never reads-then-writes: Django's cache `incr` is a get and a set, and two workers
doing it at once lose a count. A hit instead *adds* one key per allowed event in the window
(`hit:<key>:<window>:<n>` for n < limit); `add` is one INSERT that the table's primary key lets
succeed only once, so of two workers racing for the last slot exactly one wins.

`client_address(request)` is the one answer to "who is this": django-axes (login lockout),
the public form and the password reset all key on it."""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from ipware.ip import get_client_ip

#: The cache alias of settings.CACHES that all workers share.
CACHE_ALIAS = "shared"


def _cache(cache=None):
    return cache if cache is not None else caches[CACHE_ALIAS]


def _digest(key: str) -> str:
    """Keys hold client addresses and e-mail addresses: store a keyed hash, never the value."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:40]


def hit(key: str, *, limit: int, window_seconds: int, now: float | None = None, cache=None) -> bool:
    """Count one event for `key` in the current window of `window_seconds` (fixed windows).
    True when the event is within `limit` (let it through), False when the window is full."""
    store = _cache(cache)
    window = int((now if now is not None else time.time()) // window_seconds)
    base = f"hit:{_digest(key)}:{window}"
    slots = [f"{base}:{n}" for n in range(limit)]
    taken = store.get_many(slots)
    return any(slot not in taken and store.add(slot, 1, timeout=window_seconds) for slot in slots)


def remaining(
    key: str, *, limit: int, window_seconds: int, now: float | None = None, cache=None
) -> int:
    """How many events `key` may still have in the current window (for tests and messages)."""
    store = _cache(cache)
    window = int((now if now is not None else time.time()) // window_seconds)
    base = f"hit:{_digest(key)}:{window}"
    return limit - len(store.get_many([f"{base}:{n}" for n in range(limit)]))


def claim_once(key: str, *, timeout_seconds: int, cache=None) -> bool:
    """True the first time `key` is claimed, in any worker; False every time after, until
    `timeout_seconds` have passed (use at least the lifetime of what the key names)."""
    return _cache(cache).add(f"once:{_digest(key)}", 1, timeout=timeout_seconds)


def is_claimed(key: str, *, cache=None) -> bool:
    return _cache(cache).get(f"once:{_digest(key)}") is not None


def client_address(request) -> str:
    """The client's address. Directly on the internet (`AXES_IPWARE_PROXY_COUNT` 0) it is the
    connection's address and no header is read, since a client can send any header. Behind that
    many reverse proxies (docs/operations.md: nginx, which appends the address it saw to
    `X-Forwarded-For`) it is the entry the nearest proxy wrote, read by django-ipware: what a
    client puts in the header itself stays to the left of it and is ignored."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proxies:
        # ipware counts the proxies listed *in* the header; the nearest one is REMOTE_ADDR.
        address, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=[settings.PROXY_CLIENT_HEADER],
            strict=False,  # extra entries a client sent are to the left and never chosen
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "") or ""
