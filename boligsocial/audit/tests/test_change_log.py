"""The change log: record_change writes who, what, which action and the changed fields."""

import datetime

import pytest

from boligsocial.audit.models import ChangeAction, ChangeLogEntry
from boligsocial.audit.services import MASK, changes_of, diff, record_change, snapshot

pytestmark = pytest.mark.django_db


def test_diff_keeps_only_changed_fields_in_order():
    before = {"name": "A", "leases": 821, "city": "Kolding"}
    after = {"name": "B", "leases": 821, "city": "Vejle", "new": 1}
    assert diff(before, after) == {
        "name": ("A", "B"),
        "city": ("Kolding", "Vejle"),
        "new": (None, 1),
    }
    assert diff(before, dict(before)) == {}


def test_snapshot_reads_foreign_keys_by_id_and_dates_as_text(world):
    dept = world.dept_a1
    snap = snapshot(dept, ["name", "organisation", "number"])
    assert snap == {"name": "Alfaparken", "organisation": world.org_a.pk, "number": 1}


def test_record_change_stores_actor_object_action_and_masks_personal_values(world, personas):
    head = personas["head_a"]
    entry = record_change(
        actor=head,
        obj=world.dept_a1,
        action=ChangeAction.UPDATE,
        changes={
            "name": ("Alfaparken", "Alfaparken Nord"),
            "contact_email": ("a@example.dk", "b@example.dk"),
            "opened": (datetime.date(2026, 1, 2), None),
        },
        personal={"contact_email"},
    )
    entry.refresh_from_db()
    assert entry.actor == head
    assert entry.object_id == str(world.dept_a1.pk)
    assert entry.object_repr == str(world.dept_a1)
    assert entry.action == "update"
    assert entry.organisation_id == world.org_a.pk
    assert entry.changes == {
        "name": ["Alfaparken", "Alfaparken Nord"],
        "contact_email": [MASK, MASK],
        "opened": ["2026-01-02", None],
    }
    assert list(changes_of(world.dept_a1)) == [entry]
    assert list(changes_of(world.dept_a2)) == []


def test_the_system_is_recorded_as_no_actor(world):
    entry = record_change(actor=None, obj=world.org_a, action=ChangeAction.OTHER)
    assert entry.actor is None
    assert entry.changes == {}
    assert entry.organisation_id is None
    assert ChangeLogEntry.objects.count() == 1


def test_an_explicit_organisation_wins(world, personas):
    entry = record_change(
        actor=personas["admin"], obj=world.org_b, action="create", organisation_id=world.org_b.pk
    )
    assert entry.organisation_id == world.org_b.pk
