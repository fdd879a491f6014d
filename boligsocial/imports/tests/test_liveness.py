"""When a batch's process is given up as dead, and when a preview expires (`liveness`, pure)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.imports import liveness

CREATED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.mark.parametrize(
    ("status", "heartbeat", "now", "stale"),
    [
        ("running", CREATED, CREATED + 10 * MINUTE, False),  # exactly the limit: still alive
        ("running", CREATED, CREATED + 10 * MINUTE + timedelta(seconds=1), True),
        ("running", CREATED + 9 * MINUTE, CREATED + 19 * MINUTE, False),  # a recent sign of life
        ("running", None, CREATED + 11 * MINUTE, True),  # never reported: counts from creation
        ("pending", CREATED, CREATED + 30 * MINUTE, False),
        ("pending", CREATED, CREATED + 31 * MINUTE, True),
        ("pending", None, CREATED + 29 * MINUTE, False),
        ("preview", CREATED, CREATED + timedelta(days=30), False),  # waits for a person
        ("done", CREATED, CREATED + timedelta(days=30), False),
        ("failed", None, CREATED + timedelta(days=30), False),
        ("cancelled", None, CREATED + timedelta(days=30), False),
        ("undone", None, CREATED + timedelta(days=30), False),
    ],
)
def test_is_stale(status, heartbeat, now, stale):
    assert liveness.is_stale(status, heartbeat, CREATED, now) is stale


@pytest.mark.parametrize(
    ("status", "age", "expired"),
    [
        ("preview", timedelta(hours=24), False),
        ("preview", timedelta(hours=24, seconds=1), True),
        ("running", timedelta(days=3), False),
        ("done", timedelta(days=3), False),
    ],
)
def test_preview_expired(status, age, expired):
    assert liveness.preview_expired(status, CREATED, CREATED, CREATED + age) is expired


STATUSES = st.sampled_from(["pending", "running", "preview", "done", "failed", "cancelled"])
AGES = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10))


@given(STATUSES, AGES, AGES)
def test_once_stale_a_batch_stays_stale_as_time_passes(status, silent, later):
    now = CREATED + silent
    if liveness.is_stale(status, CREATED, CREATED, now):
        assert liveness.is_stale(status, CREATED, CREATED, now + later)


@given(STATUSES, AGES, AGES)
def test_a_newer_sign_of_life_never_makes_a_batch_more_stale(status, silent, newer):
    now = CREATED + silent + newer
    fresh = liveness.is_stale(status, CREATED + newer, CREATED, now)
    assert not fresh or liveness.is_stale(status, CREATED, CREATED, now)


@given(st.sampled_from(["done", "failed", "cancelled", "undone", "preview"]), AGES)
def test_only_waiting_and_running_batches_go_stale(status, silent):
    assert not liveness.is_stale(status, None, CREATED, CREATED + silent)
