"""Hostile and broken files are refused before the expensive parsing, with a Danish message
(compared here in English, the msgids). The files are built small, by hand, against lowered
limits; how fast the real hostile files (4.5 million blank rows, a 200 MB shared string) are
refused is measured in the benchmark (bench/imports.py), not asserted here."""

import io
import struct
import zipfile

import openpyxl
import pytest
from django.utils import translation

from boligsocial.core import tables, workbooks
from boligsocial.core.tables import TableError, read_table

COLUMNS = ("aar", "navn")
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/>'
    "</sheets></workbook>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER_ROW = f'<row r="1">{cell("A1", "aar")}{cell("B1", "navn")}</row>'


def workbook(rows_xml: str, shared: str = "") -> bytes:
    """A minimal XLSX whose first sheet holds `rows_xml` (and a shared string, if given)."""
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{rows_xml}</sheetData>'
        "</worksheet>"
    )
    strings = f'<?xml version="1.0"?><sst xmlns="{NS}"><si><t>{shared}</t></si></sst>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", strings)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 100)  # max_lines() = 111


def refused(data: bytes, filename="fil.xlsx") -> list[tuple[int, str, str]]:
    with pytest.raises(TableError) as caught:
        read_table(io.BytesIO(data), filename, COLUMNS)
    return [(i.line, i.column, i.message) for i in caught.value.result.issues]


TOO_MANY_ROWS = "The file has more than 100 rows. Split it into smaller files."


def test_a_hand_built_workbook_is_read():
    table = read_table(
        io.BytesIO(
            workbook(HEADER_ROW + f'<row r="2">{cell("A2", "2024")}{cell("B2", "Å")}</row>')
        ),
        "fil.xlsx",
        COLUMNS,
    )
    assert [(r.line, r.values) for r in table.rows] == [(2, {"aar": "2024", "navn": "Å"})]


def test_blank_rows_beyond_the_limit_are_counted_before_openpyxl_parses(small_limits, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not be asked")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    assert refused(workbook(HEADER_ROW + "<row/>" * 200)) == [(0, "", TOO_MANY_ROWS)]


def test_one_row_far_below_is_not_filled_in_row_by_row(small_limits):
    """openpyxl fills the rows a sheet skips with empty ones; the reader stops at the limit."""
    data = workbook(HEADER_ROW + f'<row r="4500000">{cell("A4500000", "2024")}</row>')
    assert refused(data) == [(0, "", TOO_MANY_ROWS)]


def test_a_shared_string_larger_than_the_limit_is_refused_from_the_zip_directory(monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_SHARED_STRINGS_BYTES", 1000)
    data = workbook(HEADER_ROW, shared="x" * 5000)
    assert len(data) < 2000  # it compresses to almost nothing
    assert refused(data) == [
        (
            0,
            "",
            "The workbook is too large when unpacked (more than 1000\xa0bytes). Save only the "
            "sheet to import, without pictures, in a workbook of its own.",
        )
    ]


def test_all_parts_together_have_a_limit(monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_TOTAL_BYTES", 2000)
    messages = refused(workbook(HEADER_ROW + "<row/>" * 100))
    assert messages == [
        (
            0,
            "",
            "The workbook is too large when unpacked (more than 2.0\xa0KB). Save only the "
            "sheet to import, without pictures, in a workbook of its own.",
        )
    ]


def test_too_many_cells_are_refused(monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_CELLS", 10)
    rows = "".join(
        f'<row r="{n}">{cell(f"A{n}", "1")}{cell(f"B{n}", "x")}</row>' for n in range(2, 9)
    )
    assert refused(workbook(HEADER_ROW + rows)) == [
        (0, "", "The workbook has more than 10 cells. Split it into smaller files.")
    ]


def test_a_zip_directory_that_understates_a_part_makes_the_file_unreadable():
    data = bytearray(workbook(HEADER_ROW + f'<row r="2">{cell("A2", "2024")}</row>'))
    name = b"xl/worksheets/sheet1.xml"
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(name))  # its central directory record
    (size,) = struct.unpack_from("<I", data, entry + 24)
    struct.pack_into("<I", data, entry + 24, size // 2)
    assert refused(bytes(data)) == [
        (0, "", "The file could not be read as an Excel workbook (.xlsx).")
    ]


def test_a_cell_far_to_the_right_does_not_widen_the_rows():
    rows = f'<row r="2">{cell("A2", "2024")}{cell("B2", "A")}{cell("XFD2", "langt ude")}</row>'
    table = read_table(io.BytesIO(workbook(HEADER_ROW + rows)), "fil.xlsx", COLUMNS)
    assert [r.values for r in table.rows] == [{"aar": "2024", "navn": "A"}]


def test_a_header_wider_than_the_limit_is_refused():
    header = "".join(
        cell(f"{openpyxl.utils.get_column_letter(i)}1", f"k{i}") for i in range(1, 103)
    )
    assert refused(workbook(f'<row r="1">{header}</row>')) == [
        (0, "", "The header has more than 100 columns.")
    ]


def test_numbers_in_cells_are_read_with_a_decimal_comma():
    """A cell holding 1.283 is one point two eight three, never 1283 (core.cells)."""
    book = openpyxl.Workbook()
    book.active.append(["aar", "navn"])
    book.active.append([1.283, 72.5])
    out = io.BytesIO()
    book.save(out)
    table = read_table(io.BytesIO(out.getvalue()), "fil.xlsx", COLUMNS)
    assert table.rows[0].values == {"aar": "1,283", "navn": "72,5"}


# --- CSV ------------------------------------------------------------------------------------


def csv_refused(data: bytes) -> list[tuple[int, str, str]]:
    return refused(data, filename="fil.csv")


CANNOT_BE_STORED = (
    "The cell has a character that cannot be stored (a NUL character or an invalid code). "
    "Remove it, or save the file again as “CSV UTF-8”."
)


def test_a_nul_byte_is_a_row_error_with_its_column():
    data = b"aar;navn\n2024;Alfa\n2024;Be\x00ta\n2024;Gamma\n"
    assert csv_refused(data) == [(3, "navn", CANNOT_BE_STORED)]


def test_windows_1252_is_read_and_utf8_mixed_with_other_bytes_is_a_row_error():
    table = read_table(io.BytesIO("aar;navn\n2024;Ærø\n".encode("cp1252")), "f.csv", COLUMNS)
    assert table.rows[0].values == {"aar": "2024", "navn": "Ærø"}
    mixed = "aar;navn\n2024;Ærø\n".encode() + "2024;Ærø\n".encode("cp1252")
    assert csv_refused(mixed) == [
        (
            3,
            "",
            "The line has a character that is neither UTF-8 nor Windows-1252 (the formats CSV "
            "files are read in). Save the file as “CSV UTF-8” and try again.",
        )
    ]


def test_a_byte_windows_1252_does_not_define_is_a_row_error():
    data = b"aar;navn\n2024;A\x81B\n"
    assert csv_refused(data)[0][0] == 2


def test_utf16_text_gets_a_hint():
    data = "aar;navn\n2024;A\n".encode("utf-16")
    assert csv_refused(data) == [
        (
            0,
            "",
            "The file is saved as Unicode text (UTF-16). Save it as “CSV UTF-8” or “CSV "
            "(semicolon separated)” and try again.",
        )
    ]


def test_too_many_lines_are_refused_before_the_csv_is_parsed(small_limits):
    assert csv_refused(b"aar;navn\n" + b"\n" * 200) == [(0, "", TOO_MANY_ROWS)]


def test_a_cell_longer_than_the_limit_is_a_row_error():
    data = f"aar;navn\n2024;{'x' * 1001}\n2024;{'y' * 1000}\n".encode()
    assert csv_refused(data) == [(2, "navn", "The cell has more than 1,000 characters.")]


def test_a_header_wider_than_the_limit_is_refused_in_csv_too():
    header = ";".join(["aar", "navn", *(f"k{i}" for i in range(100))])
    assert csv_refused(f"{header}\n2024;A\n".encode()) == [
        (0, "", "The header has more than 100 columns.")
    ]
