"""The department import's optional coordinate columns (issue 17, decision 0040) and the optional
header columns of `core.tables` they use. Messages in English (the msgids)."""

import io
from decimal import Decimal

import pytest

from boligsocial.core import tables
from boligsocial.organisations.models import Department
from boligsocial.organisations.tests.test_imports import (
    DEPT_HEADER,
    csv_bytes,
    departments,
    dept_row,
    head,  # noqa: F401 - the fixture
    snapshot,
)

pytestmark = pytest.mark.django_db
HEADER = DEPT_HEADER + ";breddegrad;laengdegrad"


def test_optional_columns_may_be_missing_from_the_header_and_others_still_may_not():
    file = io.BytesIO(b"a;b\n1;2\n")
    table = tables.read_table(file, "x.csv", ["a", "b", tables.optional("c")])
    assert (table.labels, table.rows[0].values) == ({"a": "a", "b": "b"}, {"a": "1", "b": "2"})
    file = io.BytesIO(b"a;C\n1;3\n")
    table = tables.read_table(file, "x.csv", ["a", tables.optional("c")])
    assert (table.labels, table.rows[0].values) == ({"a": "a", "c": "C"}, {"a": "1", "c": "3"})
    with pytest.raises(tables.TableError) as refused:
        tables.read_table(io.BytesIO(b"a;c\n1;3\n"), "x.csv", ["a", "b", tables.optional("c")])
    assert [i.column for i in refused.value.result.issues] == ["b"]


def test_coordinates_are_imported_rounded_to_five_decimals(world, head):  # noqa: F811
    d = world.dept_a1
    file = csv_bytes(HEADER, dept_row(d) + ";56,157234;10.2107", dept_row(world.dept_a2) + ";;")
    result = departments(world, head, file)
    assert (result.updated, result.unchanged, result.issues) == (1, 1, [])
    d.refresh_from_db()
    assert (d.latitude, d.longitude) == (Decimal("56.15723"), Decimal("10.21070"))


def test_a_file_without_the_columns_keeps_the_coordinates(world, head):  # noqa: F811
    d = world.dept_a1
    Department.objects.filter(pk=d.pk).update(latitude=Decimal("56.1"), longitude=Decimal("10.2"))
    d.refresh_from_db()
    line = dept_row(d).replace("Alfaparken", "Alfaparken Syd")
    result = departments(world, head, csv_bytes(DEPT_HEADER, line))
    assert (result.updated, result.issues) == (1, [])
    d.refresh_from_db()
    assert (d.name, d.latitude, d.longitude) == ("Alfaparken Syd", Decimal("56.1"), Decimal("10.2"))


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (
            "56,15;",
            "laengdegrad",
            "Fill in both latitude and longitude, or neither.",
        ),
        (
            "56.150;10,2",  # a point before three digits is a thousands point: 56150
            "breddegrad",
            "The latitude 56.150 is outside Denmark (from 54,5 to 57,8). Write the coordinates in "
            "decimal degrees (WGS 84), e.g. 56,1572 and 10,2107.",
        ),
        (
            "56,15;-10,2",
            "laengdegrad",
            "The longitude -10,2 is outside Denmark (from 8,0 to 15,3). Write the coordinates in "
            "decimal degrees (WGS 84), e.g. 56,1572 and 10,2107.",
        ),
        (
            "nord;10,2",
            "breddegrad",
            "“nord” is not a number (expected e.g. 1.283 or 72,5: a point between thousands, a "
            "comma before the decimals).",
        ),
    ],
)
def test_bad_coordinates_are_reported_and_nothing_is_written(
    world,
    head,  # noqa: F811
    cells,
    column,
    message,
):
    before = snapshot()
    result = departments(world, head, csv_bytes(HEADER, dept_row(world.dept_a1) + ";" + cells))
    assert [(i.line, i.column, i.message) for i in result.issues] == [(2, column, message)]
    assert snapshot() == before
    world.dept_a1.refresh_from_db()
    assert world.dept_a1.latitude is None


def test_only_one_coordinate_column_is_refused(world, head):  # noqa: F811
    file = csv_bytes(DEPT_HEADER + ";breddegrad", dept_row(world.dept_a1) + ";56,1")
    result = departments(world, head, file)
    assert [(i.line, i.column) for i in result.issues] == [(0, "breddegrad")]
    assert result.issues[0].message == (
        "The file has only one of the columns breddegrad and laengdegrad: add both."
    )
