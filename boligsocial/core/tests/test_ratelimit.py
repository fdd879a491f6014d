"""Rate limits and single-use marks shared by every worker process (core/ratelimit.py), the client
address behind the documented proxy, and the login lockout per (username, address).

"Two processes" are two separate cache clients on the same database table, as two gunicorn
workers each build their own: what one writes the other must see. (Two LocMemCache clients, as
before, share nothing: that is the failure the first test shows.)"""

import pytest
from axes.models import AccessAttempt
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client, RequestFactory
from django.urls import reverse

from boligsocial.core import ratelimit

pytestmark = pytest.mark.django_db


def _worker_cache():
    """A cache client as a new worker process builds it from settings.CACHES["shared"]."""
    return DatabaseCache("boligsocial_cache", {"OPTIONS": {"MAX_ENTRIES": 1_000_000}})


def test_memory_caches_of_two_processes_share_nothing():
    """Why the limit was per process: the same key, two memory caches, two first claims."""
    one, two = LocMemCache("worker-1", {}), LocMemCache("worker-2", {})
    assert ratelimit.claim_once("token", timeout_seconds=60, cache=one) is True
    assert ratelimit.claim_once("token", timeout_seconds=60, cache=two) is True


def test_a_token_is_claimed_once_across_two_workers():
    one, two = _worker_cache(), _worker_cache()
    assert ratelimit.claim_once("token-1", timeout_seconds=60, cache=one) is True
    assert ratelimit.claim_once("token-1", timeout_seconds=60, cache=two) is False
    assert ratelimit.claim_once("token-1", timeout_seconds=60, cache=one) is False
    assert ratelimit.is_claimed("token-1", cache=two) is True
    assert ratelimit.claim_once("token-2", timeout_seconds=60, cache=two) is True


def test_the_limit_holds_over_three_workers():
    """40 posts handed round-robin to 3 workers, limit 10: exactly 10 pass (was 30)."""
    workers = [_worker_cache() for _ in range(3)]
    now = 1_800_000_000.0
    passed = [
        ratelimit.hit("10.0.0.7", limit=10, window_seconds=3600, now=now, cache=workers[n % 3])
        for n in range(40)
    ]
    assert passed == [True] * 10 + [False] * 30
    assert ratelimit.remaining("10.0.0.7", limit=10, window_seconds=3600, now=now) == 0
    # another key has its own limit; the next window starts again
    assert ratelimit.hit("10.0.0.8", limit=10, window_seconds=3600, now=now) is True
    assert ratelimit.hit("10.0.0.7", limit=10, window_seconds=3600, now=now + 3600) is True


def test_a_racing_worker_that_took_the_slot_first_wins_it():
    """The slot is taken with `add`: a worker that read it free but lost the race moves on to
    the next slot, and when none is left it is refused."""
    first, late = _worker_cache(), _worker_cache()
    now = 1_800_000_000.0
    assert ratelimit.hit("k", limit=2, window_seconds=60, now=now, cache=first) is True
    assert ratelimit.hit("k", limit=2, window_seconds=60, now=now, cache=late) is True
    assert ratelimit.hit("k", limit=2, window_seconds=60, now=now, cache=first) is False
    assert ratelimit.hit("k", limit=2, window_seconds=60, now=now, cache=late) is False


def test_keys_are_stored_hashed():
    ratelimit.hit("klara@example.org", limit=1, window_seconds=60)
    ratelimit.claim_once("192.0.2.1", timeout_seconds=60)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM boligsocial_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert len(keys) == 2
    assert not any("klara" in k or "192.0.2.1" in k for k in keys)


# --- the client address -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "81.2.2.2"}, "81.2.2.2"),
        # no proxy configured: a header the client sent is never believed
        (0, {"REMOTE_ADDR": "81.2.2.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "81.2.2.2"),
        # behind one proxy (nginx appends the address it saw)
        (1, {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "81.1.1.1"}, "81.1.1.1"),
        (1, {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, "192.0.2.1"),
        (1, {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.0.0.5"}, "10.0.0.5"),
        # what the client put in the header is left of the proxy's entry and ignored
        (
            1,
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 81.1.1.1"},
            "81.1.1.1",
        ),
        # two proxies: the entry the outer proxy wrote, before the inner proxy's own
        (
            2,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 81.1.1.1, 10.0.0.1"},
            "81.1.1.1",
        ),
        # a request that did not come through the proxy (health check) has its own address
        (1, {"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),
    ],
)
def test_client_address(settings, proxies, meta, expected):
    settings.AXES_IPWARE_PROXY_COUNT = proxies
    request = RequestFactory().get("/", **meta)
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)
    assert ratelimit.client_address(request) == expected


# --- login lockout per (username, address) behind the proxy -------------------------------------


def _login(client, username, password, address):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


def test_wrong_passwords_lock_the_user_only_from_that_address(settings, personas):
    """Behind the proxy every request comes from 127.0.0.1; the lock is on (user X, address A),
    not on X everywhere (anyone could lock anyone) nor on A for everyone."""
    settings.AXES_IPWARE_PROXY_COUNT = 1
    for _ in range(5):
        locked = _login(Client(), "staff-a", "wrong", "81.1.1.1")
    assert locked.status_code == 429
    assert _login(Client(), "staff-a", "demo", "81.1.1.1").status_code == 429  # X from A
    other_address = Client()
    assert _login(other_address, "staff-a", "demo", "81.1.1.2").status_code == 302  # X from B
    assert other_address.session["_auth_user_id"] == str(personas["staff_a"].pk)
    other_user = Client()
    assert _login(other_user, "staff-b", "demo", "81.1.1.1").status_code == 302  # Y from A
    assert other_user.session["_auth_user_id"] == str(personas["staff_b"].pk)
    assert list(
        AccessAttempt.objects.values_list("username", "ip_address", "failures_since_start")
    ) == [("staff-a", "81.1.1.1", 6)]  # 5 wrong, and the right one refused while locked
