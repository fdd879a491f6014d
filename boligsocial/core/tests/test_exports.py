"""The one export writer (core/exports.py): formula characters neutralised in every text cell,
numbers and dates as real cells, CSV in Excel's Danish dialect."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from boligsocial.core.exports import (
    FORMULA_STARTS,
    Sheet,
    csv_text,
    csv_value,
    flatten,
    neutralise,
    sheet_name,
    xlsx_bytes,
)

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+45 20 30 40 50", "'+45 20 30 40 50"),
        ("-2,5", "'-2,5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Alfavej 1", "Alfavej 1"),
        (" =ikke først", " =ikke først"),
        ("", ""),
        ("'=allerede", "'=allerede"),
        (-3, -3),
        (Decimal("-2.5"), Decimal("-2.5")),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_keeps_the_text(text):
    out = neutralise(text)
    assert not out.startswith(FORMULA_STARTS)
    assert out in (text, "'" + text)
    assert (out != text) == text.startswith(FORMULA_STARTS)


CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("=+-@")
)


@given(st.lists(st.lists(CELL_TEXT, min_size=1, max_size=4), max_size=6))
def test_no_text_cell_of_a_workbook_is_a_formula(rows):
    data = xlsx_bytes([Sheet("Ark", ["A", "B", "C", "D"], rows)])
    sheet = load_workbook(io.BytesIO(data)).active
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@"))


@given(st.lists(st.lists(CELL_TEXT, min_size=1, max_size=4), max_size=6))
def test_csv_cells_read_back_as_written_or_neutralised(rows):
    text = csv_text(Sheet("Ark", ["A"], rows))
    assert text.startswith("\ufeff")
    back = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert back[0] == ["A"]
    assert back[1:] == [[neutralise(v) for v in row] for row in rows]


def test_numbers_and_dates_are_real_cells_and_danish_in_csv():
    when = datetime(2026, 3, 5, 13, 30, tzinfo=ZoneInfo("UTC"))
    row = [3, Decimal("-2.5"), 1.25, date(2026, 3, 5), when, True, None, "=1+1"]
    sheet = load_workbook(io.BytesIO(xlsx_bytes([Sheet("Tal", list("ABCDEFGH"), [row])]))).active
    values = [c.value for c in sheet[2]]
    assert values[:3] == [3, -2.5, 1.25]
    assert values[3] == datetime(2026, 3, 5)
    assert values[4] == datetime(2026, 3, 5, 14, 30)  # Copenhagen time, as the pages show it
    assert values[5:] == [True, None, "'=1+1"]
    assert [c.data_type for c in sheet[2]][:3] == ["n", "n", "n"]
    assert sheet[1][0].font.bold is True
    assert [csv_value(v) for v in row] == [
        "3",
        "-2,5",
        "1,25",
        "05-03-2026",
        "05-03-2026 14:30",
        "1",
        "",
        "'=1+1",
    ]


def test_sheet_names_follow_excels_rules():
    used: set[str] = set()
    assert sheet_name("Efter kategori/type [2026]", used) == "Efter kategori type  2026"
    assert sheet_name("x" * 40, used) == "x" * 31
    assert sheet_name("x" * 40, used) == "x" * 27 + " (2)"
    assert sheet_name("", used) == "Ark"


def test_flatten_puts_each_table_title_first():
    flat = flatten(
        [
            Sheet("Spor", ["Værdi", "Antal"], [["Tryghed", 2]]),
            Sheet("Kategori", ["Værdi", "Antal"], [["Støj", 1]]),
        ],
        "Opdeling",
    )
    assert flat.header == ["Opdeling", "Værdi", "Antal"]
    assert flat.rows == [["Spor", "Tryghed", 2], ["Kategori", "Støj", 1]]
