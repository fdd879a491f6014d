"""Reading an uploaded CSV file into numbered rows of text (`core.tables.read_table`), the
shared first step of every import. Messages are compared in English (the msgids)."""

import csv
import io

import pytest
from django.utils import translation

from boligsocial.core.tables import TableError, read_table

COLUMNS = ("nummer", "navn", "by")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def read(text: str):
    return read_table(io.BytesIO(text.encode("utf-8")), "fil.csv", COLUMNS)


def issues(error: TableError) -> list[tuple[int, str, str]]:
    return [(i.line, i.column, i.message) for i in error.result.issues]


def test_kept_cells_have_their_whitespace_collapsed_and_other_columns_are_ignored():
    table = read("Nummer;Ekstra;Navn;By\n 7 ;  ikke   brugt ;  Parken \t  syd ;Aarhus  C\n")
    assert table.labels == {"nummer": "Nummer", "navn": "Navn", "by": "By"}
    assert [(r.line, r.values) for r in table.rows] == [
        (2, {"nummer": "7", "navn": "Parken syd", "by": "Aarhus C"})
    ]


def test_blank_lines_are_skipped_and_rows_keep_their_line_in_the_file():
    text = "\n ; \nnummer;navn;by\n1;A;X\n\n;;\n \t;  ;\n2;B;Y\n"
    table = read(text)
    assert [(r.line, r.values["nummer"]) for r in table.rows] == [(4, "1"), (8, "2")]


def test_a_quoted_record_over_several_lines_is_numbered_by_its_first_line():
    table = read('nummer;navn;by\n1;"Parken\nsyd";X\n2;B;Y\n')
    assert [(r.line, r.values) for r in table.rows] == [
        (2, {"nummer": "1", "navn": "Parken syd", "by": "X"}),
        (4, {"nummer": "2", "navn": "B", "by": "Y"}),
    ]


def test_short_rows_get_empty_cells_and_extra_blank_fields_are_allowed():
    table = read("nummer;navn;by\n1;A\n2;B;Y;; \n")
    assert [r.values for r in table.rows] == [
        {"nummer": "1", "navn": "A", "by": ""},
        {"nummer": "2", "navn": "B", "by": "Y"},
    ]


def test_extra_filled_fields_are_reported_on_every_such_line():
    with pytest.raises(TableError) as caught:
        read("nummer;navn;by\n1;A;X;overskud\n2;B;Y\n3;C;Z;;4\n")
    message = (
        "The line has %s fields, but the header has 3. In a comma-separated file, decimal "
        "numbers with a comma must be in quotation marks."
    )
    assert issues(caught.value) == [(2, "", message % 4), (4, "", message % 5)]


def test_a_record_that_csv_cannot_read_is_reported_with_its_first_line():
    too_long = "x" * (csv.field_size_limit() + 1)
    with pytest.raises(TableError) as caught:
        read(f'nummer;navn;by\n1;A;X\n\n2;"{too_long}\n;Y\n')
    message = "This line could not be read as CSV (check the quotation marks)."
    assert issues(caught.value) == [(4, "", message)]
