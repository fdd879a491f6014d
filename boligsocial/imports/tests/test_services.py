"""The import's use cases (`imports.services`): the preview writes nothing, a confirmation writes
what was previewed (or shows a new preview if the data changed meanwhile), cancel, undo of the
last import of a kind for an organisation (and when it is refused), a batch whose process died,
and files the database could not store. Messages are compared in English (the msgids)."""

import dataclasses
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.imports import processing, registry, services
from boligsocial.imports.models import ImportBatch, UndoRecord
from boligsocial.organisations.models import Department, Lease
from boligsocial.organisations.tests.factories import LeaseFactory
from boligsocial.organisations.tests.test_imports import DEPT_HEADER, LEASE_HEADER, snapshot
from boligsocial.screening.models import IndicatorValue, Light, PublishedListMembership
from boligsocial.screening.tests.factories import screening_world

HEADER = "aar;organisation;afdeling;omraade;kommunekode;indikator;vaerdi;taeller;naevner;kilde"
Status = ImportBatch.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def start(user, kind, text, organisation=None, filename=None) -> ImportBatch:
    upload = SimpleUploadedFile(filename or f"{kind}.csv", text.encode())
    return services.start(
        kind=registry.by_slug(kind), upload=upload, user=user, organisation=organisation
    )


def departments_file(world, *rows) -> str:
    return "\n".join([DEPT_HEADER, *rows]) + "\n"


def dept_line(d, **changes) -> str:
    values = {
        "number": d.number,
        "name": d.name,
        "address": d.address,
        "postal_code": d.postal_code,
        "city": d.city,
        "municipality": d.municipality_id,
        "lease_count": d.lease_count,
        "year_built": d.year_built,
    } | changes
    return ";".join(str(v) for v in values.values())


def values_state() -> list[tuple]:
    return sorted(
        IndicatorValue.objects.values_list(
            "id",
            "indicator__code",
            "department_id",
            "area_id",
            "year",
            "value",
            "numerator",
            "denominator",
            "source",
            "batch_id",
        )
    )


# --- preview and confirmation -----------------------------------------------------------------


def test_the_preview_writes_nothing_and_the_confirmation_writes_it(world, personas, tmp_path):
    head = personas["head_a"]
    text = departments_file(
        world,
        dept_line(world.dept_a1, name="Alfaparken Nord"),
        "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972",
    )
    before = snapshot()
    audit_before = ChangeLogEntry.objects.count()
    batch = start(head, "afdelinger", text, organisation=world.org_a)
    assert (batch.status, batch.created, batch.updated, batch.unchanged) == ("preview", 1, 1, 0)
    assert snapshot() == before
    assert ChangeLogEntry.objects.count() == audit_before
    assert (tmp_path / "imports" / f"{batch.pk}.csv").exists()  # kept for the confirmation
    assert [(c["line"], c["action"], c["subject"]) for c in batch.preview["changes"]] == [
        (2, "update", "Department 1 Alfaparken Nord"),
        (3, "create", "Department 3 Solparken"),
    ]
    assert batch.preview["changes"][0]["fields"] == [["navn", "Alfaparken", "Alfaparken Nord"]]

    done = services.confirm(batch=batch, user=head)
    assert (done.status, done.created, done.updated, done.confirmed_at is not None) == (
        "done",
        1,
        1,
        True,
    )
    assert Department.objects.get(pk=world.dept_a1.pk).name == "Alfaparken Nord"
    assert not (tmp_path / "imports" / f"{batch.pk}.csv").exists()
    again = services.confirm(batch=done, user=head)  # a second click changes nothing
    assert (again.status, Department.objects.filter(organisation=world.org_a).count()) == (
        "done",
        3,
    )


def test_a_plan_that_changed_after_the_preview_is_not_written_but_shown_again(world, personas):
    head = personas["head_a"]
    batch = start(
        head,
        "afdelinger",
        departments_file(world, dept_line(world.dept_a1, name="Ny")),
        organisation=world.org_a,
    )
    assert batch.preview["changes"][0]["fields"] == [["navn", "Alfaparken", "Ny"]]
    Department.objects.filter(pk=world.dept_a1.pk).update(name="Omdøbt")  # someone, meanwhile
    shown = services.confirm(batch=batch, user=head)
    assert shown.status == "preview"
    assert shown.preview["changes"][0]["fields"] == [["navn", "Omdøbt", "Ny"]]
    assert shown.preview["notice"] == (
        "The data changed after you saw the preview, so nothing was imported. Check the new "
        "preview below and confirm again."
    )
    assert Department.objects.get(pk=world.dept_a1.pk).name == "Omdøbt"
    assert services.confirm(batch=shown, user=head).status == "done"
    assert Department.objects.get(pk=world.dept_a1.pk).name == "Ny"


def test_cancel_drops_the_preview_and_the_file(world, personas, tmp_path):
    before = snapshot()
    batch = start(
        personas["head_a"],
        "afdelinger",
        departments_file(world, "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972"),
        organisation=world.org_a,
    )
    cancelled = services.cancel(batch=batch, user=personas["head_a"])
    assert cancelled.status == "cancelled"
    assert services.confirm(batch=cancelled, user=personas["head_a"]).status == "cancelled"
    assert snapshot() == before
    assert list((tmp_path / "imports").iterdir()) == []


def test_a_file_that_changes_nothing_is_done_without_a_confirmation(world, personas):
    before = snapshot()
    batch = start(
        personas["head_a"],
        "afdelinger",
        departments_file(world, dept_line(world.dept_a1)),
        organisation=world.org_a,
    )
    assert (batch.status, batch.created, batch.updated, batch.unchanged) == ("done", 0, 0, 1)
    assert snapshot() == before
    assert not UndoRecord.objects.filter(batch=batch).exists()


def test_an_expired_preview_cannot_be_confirmed(world, personas):
    before = snapshot()
    batch = start(
        personas["head_a"],
        "afdelinger",
        departments_file(world, "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972"),
        organisation=world.org_a,
    )
    ImportBatch.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=25)
    )
    batch.refresh_from_db()
    assert services.confirm(batch=batch, user=personas["head_a"]).status == "cancelled"
    assert batch.errors == [
        {
            "row": 0,
            "column": "",
            "message": "The preview has expired: it is more than a day old. Upload the file again.",
        }
    ]
    assert snapshot() == before


# --- undo -------------------------------------------------------------------------------------


def import_departments(world, user, *rows) -> ImportBatch:
    batch = start(user, "afdelinger", departments_file(world, *rows), organisation=world.org_a)
    return services.confirm(batch=batch, user=user)


def test_undo_deletes_what_the_import_created_and_restores_what_it_changed(world, personas):
    head, board = personas["head_a"], personas["management_a"]
    old = (world.dept_a1.name, world.dept_a1.lease_count)
    before = snapshot()
    batch = import_departments(
        world,
        head,
        dept_line(world.dept_a1, name="Alfaparken Nord", lease_count=120),
        "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972",
    )
    assert services.undo_state(batch, user=board).outcome.deleted == 1
    state = services.undo(batch=batch, user=board)
    assert (state.possible, state.outcome.deleted, state.outcome.restored) == (True, 1, 1)
    world.dept_a1.refresh_from_db()
    assert (world.dept_a1.name, world.dept_a1.lease_count) == old
    assert not Department.objects.filter(organisation=world.org_a, number=3).exists()
    batch.refresh_from_db()
    assert (batch.status, batch.undone_by) == ("undone", board)
    # history: created, changed, deleted and restored rows
    assert snapshot() == (before[0], before[1], before[2] + 4, before[3])
    latest = world.dept_a1.history.latest("history_date")
    assert (latest.history_user, latest.history_change_reason) == (
        board,
        "Import from afdelinger.csv undone",
    )
    entries = ChangeLogEntry.objects.filter(actor=board).order_by("id")
    assert [(e.action, e.object_repr) for e in entries] == [
        ("delete", "3 Solparken"),
        ("undo", f"1 {old[0]}"),
        ("undo", "afdelinger.csv"),
    ]
    assert entries[1].changes == {
        "name": ["Alfaparken Nord", old[0]],
        "lease_count": [120, old[1]],
    }
    assert not services.undo_state(batch, user=board).possible


def test_undo_is_refused_when_a_row_was_changed_since(world, personas):
    head = personas["head_a"]
    batch = import_departments(world, head, dept_line(world.dept_a1, name="Alfaparken Nord"))
    Department.objects.filter(pk=world.dept_a1.pk).update(name="Senere navn")
    state = services.undo(batch=batch, user=head)
    assert (state.possible, state.reasons) == (
        False,
        ("1 Senere navn has been changed since the import.",),
    )
    assert Department.objects.get(pk=world.dept_a1.pk).name == "Senere navn"
    batch.refresh_from_db()
    assert batch.status == "done"


def test_undo_is_refused_when_a_created_department_has_leases_now(world, personas):
    head = personas["head_a"]
    batch = import_departments(world, head, "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972")
    department = Department.objects.get(organisation=world.org_a, number=3)
    LeaseFactory(department=department)
    state = services.undo_state(batch, user=head)
    assert state.reasons == ("3 Solparken cannot be deleted: it has leases now.",)
    assert Department.objects.filter(pk=department.pk).exists()


def test_only_the_last_import_of_a_kind_for_an_organisation_can_be_undone(world, personas):
    head = personas["head_a"]
    first = import_departments(world, head, dept_line(world.dept_a1, name="Første"))
    second = import_departments(world, head, dept_line(world.dept_a2, name="Anden"))
    lease_import = services.confirm(
        batch=start(
            head, "lejemaal", f"{LEASE_HEADER}\n1;Alfavej 9;;70;2\n", organisation=world.org_a
        ),
        user=head,
    )  # another kind: does not count
    assert lease_import.status == "done"
    state = services.undo_state(first, user=head)
    assert state.reasons == (
        "Only the last import of departments can be undone; “afdelinger.csv” was imported "
        "after this one. Undo that one first.",
    )
    assert services.undo(batch=second, user=head).possible
    assert services.undo(batch=first, user=head).possible  # now the last one
    assert Department.objects.get(pk=world.dept_a1.pk).name == "Alfaparken"
    assert Department.objects.get(pk=world.dept_a2.pk).name == "Alfahaven"
    assert Lease.objects.filter(address="Alfavej 9").exists()


def test_undo_of_values_restores_old_values_and_the_traffic_light(world, personas):
    screening_world(world)
    head = personas["head_a"]
    light = Light.objects.get(department=world.dept_a1, year=2024)
    assert light.indicators["outside_work_education"]["colour"] == "red"
    before = values_state()
    lbf = world.org_a.lbf_number
    text = (
        f"{HEADER}\n2024;{lbf};1;;;outside_work_education;25,0;;;Egen opgørelse\n"
        f"2025;{lbf};1;;;outside_work_education;20;;;Egen opgørelse\n"
    )
    batch = services.confirm(batch=start(head, "vaerdier", text), user=head)
    assert (batch.status, batch.created, batch.updated) == ("done", 1, 1)
    light = Light.objects.get(department=world.dept_a1, year=2024)
    assert light.indicators["outside_work_education"]["colour"] == "green"
    state = services.undo(batch=batch, user=head)
    assert (state.possible, state.outcome.deleted, state.outcome.restored) == (True, 1, 1)
    assert values_state() == before
    light = Light.objects.get(department=world.dept_a1, year=2024)
    assert light.indicators["outside_work_education"]["colour"] == "red"
    entry = ChangeLogEntry.objects.filter(action="undo").get()
    assert (entry.object_repr, entry.changes["deleted"], entry.changes["restored"]) == (
        "vaerdier.csv",
        [None, 1],
        [None, 1],
    )


def test_undo_of_values_is_refused_when_a_later_write_changed_them(world, personas):
    head = personas["head_a"]
    lbf = world.org_a.lbf_number
    text = f"{HEADER}\n2023;{lbf};1;;;children;12;;;\n2023;{lbf};2;;;children;13;;;\n"
    batch = services.confirm(batch=start(head, "vaerdier", text), user=head)
    refused = (
        "Values from this import have been changed since, by a later import or by the system. "
        "Undoing it would overwrite those changes.",
    )
    IndicatorValue.objects.filter(department=world.dept_a1).update(value=Decimal("14"))  # a feed
    assert services.undo_state(batch, user=head).reasons == refused
    IndicatorValue.objects.filter(department=world.dept_a1).update(value=Decimal("12"))
    assert services.undo_state(batch, user=head).possible
    later = services.confirm(
        batch=start(head, "vaerdier", f"{HEADER}\n2023;{lbf};2;;;children;15;;;\n", None, "b.csv"),
        user=head,
    )
    assert later.status == "done"
    assert services.undo(batch=later, user=head).possible  # the later one first
    assert services.undo(batch=batch, user=head).possible
    assert IndicatorValue.objects.count() == 0


def test_undo_of_published_lists(world, personas):
    head = personas["head_a"]
    text = "aar;omraade;kommunekode;liste\n2019;Haveområdet;751;udsat\n"
    batch = services.confirm(batch=start(head, "lister", text), user=head)
    assert (batch.status, PublishedListMembership.objects.count()) == ("done", 1)
    assert services.undo(batch=batch, user=head).possible
    assert PublishedListMembership.objects.count() == 0


# --- a process that died, files the database cannot store, errors in the system ---------------


def test_a_batch_whose_process_died_is_failed_with_a_danish_message(world, personas):
    batch = ImportBatch.objects.create(
        kind="values",
        filename="stor.csv",
        created_by=personas["head_a"],
        status="running",
        heartbeat_at=timezone.now() - timedelta(minutes=11),
    )
    services.refresh(batch)
    assert (batch.status, batch.errors) == (
        "failed",
        [
            {
                "row": 0,
                "column": "",
                "message": "The import stopped: the process that worked on it did not answer for "
                "too long (the server may have been restarted). Nothing was imported. Upload the "
                "file again.",
            }
        ],
    )
    processing.run_stored(batch.pk)  # the worker, back from the dead: leaves it alone
    batch.refresh_from_db()
    assert batch.status == "failed"
    alive = ImportBatch.objects.create(
        kind="values", filename="b.csv", status="running", heartbeat_at=timezone.now()
    )
    assert services.refresh(alive).status == "running"


def test_a_nul_byte_is_a_row_error_and_nothing_is_written(world, personas):
    lbf = world.org_a.lbf_number
    text = f"{HEADER}\n2023;{lbf};1;;;children;12;;;DST\n2023;{lbf};2;;;children;12;;;D\x00ST\n"
    batch = start(personas["head_a"], "vaerdier", text)
    assert (batch.status, [(e["row"], e["column"]) for e in batch.errors]) == (
        "failed",
        [(3, "kilde")],
    )
    assert IndicatorValue.objects.count() == 0


def test_an_error_in_the_system_fails_the_batch_instead_of_leaving_it_running(
    world, personas, monkeypatch
):
    kind = registry.by_slug("afdelinger")

    def broken(plan, ctx):
        raise RuntimeError("disk full")

    monkeypatch.setitem(registry.BY_CODE, kind.code, dataclasses.replace(kind, write=broken))
    before = snapshot()
    batch = start(
        personas["head_a"],
        "afdelinger",
        departments_file(world, "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972"),
        organisation=world.org_a,
    )
    batch = services.confirm(batch=batch, user=personas["head_a"])
    assert (batch.status, batch.errors) == (
        "failed",
        [
            {
                "row": 0,
                "column": "",
                "message": "The import stopped because of an error in the system. Nothing was "
                "imported.",
            }
        ],
    )
    assert snapshot() == before
