"""Who sees, confirms and undoes an import (`imports.access`), through the one `can()`."""

import pytest

from boligsocial.core.permissions import can
from boligsocial.imports import access
from boligsocial.imports.models import ImportBatch


@pytest.fixture
def batches(world, personas):
    return {
        "a_by_head": ImportBatch.objects.create(
            kind="departments",
            filename="a.csv",
            organisation=world.org_a,
            created_by=personas["head_a"],
            status="preview",
        ),
        "b_by_admin": ImportBatch.objects.create(
            kind="values",
            filename="b.csv",
            organisation=world.org_b,
            created_by=personas["admin"],
            status="done",
        ),
        "national_by_admin": ImportBatch.objects.create(
            kind="values", filename="n.csv", created_by=personas["admin"], status="done"
        ),
        "none_by_board": ImportBatch.objects.create(
            kind="values", filename="c.csv", created_by=personas["management_a"], status="failed"
        ),
    }


@pytest.mark.parametrize(
    ("persona", "seen"),
    [
        ("admin", {"a_by_head", "b_by_admin", "national_by_admin", "none_by_board"}),
        ("head_a", {"a_by_head"}),
        ("management_a", {"a_by_head", "none_by_board"}),
        ("staff_a", set()),
        ("staff_b", set()),
        ("municipal", set()),
        ("nobody", set()),
    ],
)
def test_visible_batches_and_view_agree(personas, batches, persona, seen):
    user = personas[persona]
    names = {pk: name for name, pk in ((n, b.pk) for n, b in batches.items())}
    assert {names[b.pk] for b in access.visible_batches(user)} == seen
    assert {n for n, b in batches.items() if can(user, access.VIEW_IMPORT, b)} == seen


def test_only_the_uploader_confirms_and_the_managers_undo(personas, batches):
    a, b, national = batches["a_by_head"], batches["b_by_admin"], batches["national_by_admin"]
    assert [
        p for p in ("admin", "head_a", "management_a") if can(personas[p], access.CONFIRM_IMPORT, a)
    ] == ["head_a"]
    assert [
        p for p in ("admin", "head_a", "management_a") if can(personas[p], access.UNDO_IMPORT, a)
    ] == [
        "admin",
        "head_a",
        "management_a",
    ]
    assert [
        p for p in ("admin", "head_a", "staff_b") if can(personas[p], access.UNDO_IMPORT, b)
    ] == ["admin"]
    assert [p for p in ("admin", "head_a") if can(personas[p], access.UNDO_IMPORT, national)] == [
        "admin"
    ]
    assert not can(personas["admin"], access.VIEW_IMPORT, object())
