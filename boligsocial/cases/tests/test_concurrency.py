"""State changes that race (issue 13, item 8): two people press "close" at once, or one closes
while another changes the status. Real threads with their own database connections, so the
row lock (`services._common.lock_case`: SELECT … FOR UPDATE on PostgreSQL, the database's write
lock on SQLite) is what keeps them apart.

On SQLite the test database lives in memory with a shared cache, where a second writer is
refused at once ("database table is locked") instead of waiting like it does on the file
database of a running site. The workers then try again, as a user would press the button
again, with the case as they loaded it before the race: the service must still see what the
first one committed."""

import threading
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from boligsocial.cases import services, workdays
from boligsocial.cases.models import Case, Event, EventKind, Status
from boligsocial.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)
CPH = workdays.COPENHAGEN


def _race(case_pk: int, actions, *, rounds: int = 1) -> list:
    """Run each of `actions(case)` in its own thread and connection at the same moment; each
    gets the case as loaded before the race. Returns what each returned or raised."""
    results = [None] * len(actions)
    loaded = [Case.objects.get(pk=case_pk) for _ in actions]
    barrier = threading.Barrier(len(actions))

    def work(i):
        try:
            barrier.wait()
            for _attempt in range(200):
                try:
                    results[i] = actions[i](loaded[i])
                    return
                except OperationalError as locked:  # SQLite's shared-cache memory database
                    if "locked" not in str(locked):
                        raise
            raise AssertionError("never got the database")
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(actions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _closed_events(case) -> int:
    return Event.objects.filter(
        case=case, kind=EventKind.STATUS_CHANGE, text__startswith="Afsluttet"
    ).count()


@pytest.fixture
def open_case(world, personas):
    return CaseFactory(
        department=world.dept_a1, received_at=datetime(2025, 3, 3, 10, tzinfo=CPH)
    ), personas["staff_a"]


@pytest.mark.parametrize("attempt", range(5))
def test_two_closes_at_once_give_one_close_and_one_clear_message(open_case, attempt):
    case, user = open_case

    def close(loaded):
        return services.close_case(loaded, "resolved_dialogue", user)

    results = _race(case.pk, [close, close])
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1, results
    assert isinstance(refused[0], ValidationError)
    assert refused[0].messages == ["Sagen er afsluttet. Genåbn den først."]
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "resolved_dialogue")
    assert case.closed_at is not None
    assert case.version == 2
    assert _closed_events(case) == 1


@pytest.mark.parametrize("attempt", range(5))
def test_a_status_change_racing_a_close_never_leaves_an_open_case_with_closed_at(
    open_case, attempt
):
    case, user = open_case

    def close(loaded):
        return services.close_case(loaded, "resolved_dialogue", user)

    def progress(loaded):
        return services.change_status(loaded, Status.IN_PROGRESS, user)

    results = _race(case.pk, [close, progress])
    case.refresh_from_db()
    if case.status == Status.CLOSED:  # the close came last, or the status change was refused
        assert case.closed_at is not None
        assert case.outcome == "resolved_dialogue"
        if isinstance(results[1], Exception):
            assert results[1].messages == ["Sagen er afsluttet. Genåbn den først."]
            assert case.version == 2
        else:
            assert case.version == 3
    else:  # the close was refused: it came second and the case was... not closed by it
        pytest.fail(f"a close of an open case cannot be refused here: {results}")
    assert not isinstance(results[0], Exception), results
    assert _closed_events(case) == 1


def test_two_contacts_at_once_record_the_first_contact_once(open_case):
    case, user = open_case

    def contact(loaded):
        return services.record_contact(loaded, user, text="Ringet op")

    results = _race(case.pk, [contact, contact])
    assert [isinstance(r, Exception) for r in results] == [False, False], results
    case.refresh_from_db()
    assert case.status == Status.CONTACTED
    status_events = Event.objects.filter(case=case, text="Status: Kontakt etableret").count()
    assert status_events == 1
    assert Event.objects.filter(case=case, text="Ringet op").count() == 2


def test_a_reopen_racing_a_second_reopen_reopens_once(open_case):
    case, user = open_case
    services.close_case(case, "resolved_dialogue", user)

    def reopen(loaded):
        return services.reopen_case(loaded, user)

    results = _race(case.pk, [reopen, reopen])
    refused = [r for r in results if isinstance(r, Exception)]
    assert [r.messages for r in refused] == [["Kun en afsluttet sag kan genåbnes."]]
    case.refresh_from_db()
    assert (case.status, case.closed_at, case.outcome) == (Status.REOPENED, None, "")


def test_lock_case_refuses_to_run_outside_a_transaction(open_case):
    case, _user = open_case
    with pytest.raises(RuntimeError):
        services.lock_case(case)
