"""Import of departments and leases from CSV/XLSX, the service. Messages are compared in English
(the msgids, under translation.override("en")); test_import_views.py tests the web view."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.utils import timezone, translation

from boligsocial.core import tables
from boligsocial.core.importkinds import ImportContext
from boligsocial.core.importreport import ImportIssue
from boligsocial.imports.template_files import template_file
from boligsocial.organisations.import_kinds import DEPARTMENTS, LEASES
from boligsocial.organisations.imports import import_departments, import_leases, upsert
from boligsocial.organisations.models import Department, Lease
from boligsocial.organisations.tests.factories import DepartmentFactory

DEPT_HEADER = "afdelingsnummer;navn;adresse;postnummer;by;kommunekode;antal_lejemaal;opfoerelsesaar"
LEASE_HEADER = "afdelingsnummer;adresse;etage_doer;areal_m2;vaerelser"


def csv_bytes(*lines: str) -> io.BytesIO:
    return io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))


def xlsx_bytes(*rows) -> io.BytesIO:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def snapshot() -> tuple[int, int, int, int]:
    return (
        Department.objects.count(),
        Lease.objects.count(),
        Department.history.count(),
        Lease.history.count(),
    )


def departments(world, user, file, filename="afdelinger.csv"):
    with translation.override("en"):
        return import_departments(organisation=world.org_a, file=file, filename=filename, user=user)


def leases(world, user, file, filename="lejemaal.csv"):
    with translation.override("en"):
        return import_leases(organisation=world.org_a, file=file, filename=filename, user=user)


def dept_row(d: Department) -> str:
    return ";".join(
        str(v)
        for v in (
            d.number,
            d.name,
            d.address,
            d.postal_code,
            d.city,
            d.municipality_id,
            d.lease_count,
            d.year_built,
        )
    )


@pytest.fixture
def head(db):
    """The importing user of the service tests (views check access; the service does not)."""
    return get_user_model().objects.create(username="importer", first_name="Ida")


# --- departments: happy path --------------------------------------------------------------


def test_departments_csv_creates_new_updates_changed_and_leaves_identical(world, head):
    dept_a2 = world.dept_a2
    file = csv_bytes(
        DEPT_HEADER,
        "1;Alfaparken Nord;Alfavej 1;8000;Aarhus C;751;100;1970",
        dept_row(dept_a2),
        "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972",
        "4;Æblehaven;Ågade 12;9000;Aalborg;851;0;2024",
    )
    before = snapshot()
    result = departments(world, head, file)
    assert (result.created, result.updated, result.unchanged, result.issues) == (2, 1, 1, [])
    assert snapshot() == (before[0] + 2, before[1], before[2] + 3, before[3])
    world.dept_a1.refresh_from_db()
    assert (world.dept_a1.name, world.dept_a1.address) == ("Alfaparken Nord", "Alfavej 1")
    new = Department.objects.get(organisation=world.org_a, number=4)
    assert (
        new.name,
        new.address,
        new.postal_code,
        new.city,
        new.municipality_id,
        new.lease_count,
        new.year_built,
    ) == ("Æblehaven", "Ågade 12", "9000", "Aalborg", 851, 0, 2024)
    assert Department.objects.get(organisation=world.org_a, number=3).year_built == 1972
    assert dept_a2.history.count() == 1  # identical row: no history row


def test_departments_xlsx_with_loose_headers_creates_rows_with_exact_values(world, head):
    file = xlsx_bytes(
        (
            "Afdelingsnummer",
            "Navn",
            "Adresse",
            "Postnummer",
            "By",
            "Kommunekode",
            "Antal lejemål",
            "Opførelsesår",
            "Bemærkning",
        ),
        (7, "Skovbrynet", "Skovvej 3", 8000, "Aarhus C", 751, 48, 1968, "ignoreres"),
        (None, None, None, None, None, None, None, None),
        (8, "Engparken", "Engvej 1", "8200", "Aarhus N", "751", 12.0, 2001.0, None),
    )
    result = departments(world, head, file, filename="afdelinger.xlsx")
    assert (result.created, result.updated, result.unchanged, result.issue_count) == (2, 0, 0, 0)
    rows = Department.objects.filter(organisation=world.org_a, number__in=[7, 8]).order_by("number")
    assert [
        (d.number, d.name, d.postal_code, d.municipality_id, d.lease_count, d.year_built)
        for d in rows
    ] == [(7, "Skovbrynet", "8000", 751, 48, 1968), (8, "Engparken", "8200", 751, 12, 2001)]


def test_reimporting_the_same_departments_file_changes_nothing(world, head):
    content = "\n".join(
        [DEPT_HEADER, "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972", dept_row(world.dept_a1)]
    ).encode()
    first = departments(world, head, io.BytesIO(content))
    assert (first.created, first.updated, first.unchanged) == (1, 0, 1)
    before = snapshot()
    again = departments(world, head, io.BytesIO(content))
    assert (again.created, again.updated, again.unchanged, again.issue_count) == (0, 0, 2, 0)
    assert snapshot() == before


def test_changing_one_field_updates_it_and_history_records_the_importing_user(world, head):
    d = world.dept_a1
    row = dept_row(d).rsplit(";", 1)[0] + ";1985"
    result = departments(world, head, csv_bytes(DEPT_HEADER, row), filename="rettelse.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    d.refresh_from_db()
    assert (d.year_built, d.name, d.lease_count) == (1985, "Alfaparken", 100)
    latest = d.history.latest("history_date")
    assert (latest.history_type, latest.history_user, latest.year_built) == ("~", head, 1985)
    assert latest.history_change_reason == "Imported from rettelse.csv"
    assert d.history.count() == 2


def test_header_names_with_bom_and_comma_delimiter_are_read(world, head):
    content = (
        "\ufeff"
        + DEPT_HEADER.replace(";", ",")
        + '\n5,"Parken, syd",Vej 2,8000,Aarhus C,751,10,1990\n'
    )
    result = departments(world, head, io.BytesIO(content.encode()))
    assert (result.created, result.issue_count) == (1, 0)
    assert Department.objects.get(organisation=world.org_a, number=5).name == "Parken, syd"


# --- departments: bad input -----------------------------------------------------------------


def assert_rejected(result, before, expected: list[tuple[int, str, str]]) -> None:
    assert [(i.line, i.column, i.message) for i in result.issues] == expected
    assert result.issue_count == len(expected)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert snapshot() == before


MISSING = "The header is missing the column “%s”."
NOT_A_NUMBER = (
    "“%s” is not a number (expected e.g. 1.283 or 72,5: a point between thousands, a comma "
    "before the decimals)."
)


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        pytest.param(
            DEPT_HEADER.replace(";", "\t") + "\n1\tA\tB\t8000\tC\t751\t1\t1970\n",
            "a.csv",
            [
                (
                    1,
                    DEPT_HEADER.replace(";", " "),
                    "The header has only one column. "
                    "Separate the columns with semicolons (;) or commas (,).",
                ),
                *[(1, c, MISSING % c) for c in DEPT_HEADER.split(";")],
            ],
            id="wrong-delimiter",
        ),
        pytest.param(
            DEPT_HEADER.replace(";by", "") + "\n1;A;B;8000;751;1;1970\n",
            "a.csv",
            [(1, "by", MISSING % "by")],
            id="missing-column",
        ),
        pytest.param(
            DEPT_HEADER + ";Navn\n1;A;B;8000;C;751;1;1970;A\n",
            "a.csv",
            [(1, "Navn", "The column “Navn” appears more than once in the header.")],
            id="duplicate-header",
        ),
        pytest.param(
            DEPT_HEADER + "\n3;Æble;B;8000;C;751;1;1970\n4;\udcff;B;9000;Ålborg;851;1;1970\n",
            "a.csv",
            [
                (
                    3,
                    "",
                    "The line has a character that is neither UTF-8 nor Windows-1252 (the formats "
                    "CSV files are read in). Save the file as “CSV UTF-8” and try again.",
                )
            ],
            id="utf8-with-a-byte-that-is-not",
        ),
        pytest.param(
            "\x00\x01garbage" * 20,
            "a.xlsx",
            [(0, "", "The file could not be read as an Excel workbook (.xlsx).")],
            id="garbage-xlsx",
        ),
        pytest.param("", "a.csv", [(0, "", "The file is empty.")], id="empty"),
        pytest.param(" \n\n", "a.csv", [(0, "", "The file is empty.")], id="blank-lines"),
        pytest.param(
            DEPT_HEADER + "\n",
            "a.csv",
            [(0, "", "The file has no rows below the header.")],
            id="header-only",
        ),
        pytest.param(
            "%PDF-1.4",
            "a.pdf",
            [(0, "", "Only CSV files (.csv) and Excel workbooks (.xlsx) can be imported.")],
            id="wrong-type",
        ),
    ],
)
def test_unreadable_files_are_rejected_with_a_message(world, head, content, filename, expected):
    data = content.encode("utf-8", "surrogateescape")
    before = snapshot()
    assert_rejected(departments(world, head, io.BytesIO(data), filename=filename), before, expected)


def test_oversized_file_is_rejected(world, head, settings):
    settings.IMPORT_MAX_BYTES = 100
    content = DEPT_HEADER + "\n1;Alfaparken;Alfavej 1;8000;Aarhus C;751;100;1970\n"
    assert len(content.encode()) > 100
    before = snapshot()
    result = departments(world, head, io.BytesIO(content.encode()))
    assert_rejected(result, before, [(0, "", "The file is larger than the limit of 100\xa0bytes.")])


def test_too_many_rows_are_rejected(world, head, monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 2)
    rows = [f"{n};A;B;8000;C;751;1;1970" for n in (11, 12, 13)]
    before = snapshot()
    result = departments(world, head, csv_bytes(DEPT_HEADER, *rows))
    expected = [(0, "", "The file has more than 2 rows. Split it into smaller files.")]
    assert_rejected(result, before, expected)


def test_every_bad_value_is_reported_with_line_and_column_and_nothing_is_written(world, head):
    max_year = timezone.localdate().year + 5
    file = csv_bytes(
        DEPT_HEADER,
        "7;Godt;Vej 1;8000;Aarhus C;751;10;1970",
        "8;Ukendt;Vej 2;8000;Aarhus C;999;10;1970",
        "7;Dublet;Vej 3;8000;Aarhus C;751;10;1970",
        "9;Tekst;Vej 4;8000;Aarhus C;751;mange;1970",
        f"10;Fremtid;Vej 5;8000;Aarhus C;751;10;{max_year + 1}",
        "11;Fortid;Vej 6;800;Aarhus C;751;-1;1799",
        "x;;Vej 7;8000;;751;20001;",
    )
    before = snapshot()
    result = departments(world, head, file)
    assert_rejected(
        result,
        before,
        [
            (3, "kommunekode", "Unknown municipality code 999."),
            (4, "afdelingsnummer", "Department number 7 is already on line 2."),
            (5, "antal_lejemaal", "“mange” is not a whole number (expected e.g. 1283 or 1.283)."),
            (6, "opfoerelsesaar", f"Ensure this value is less than or equal to {max_year}."),
            (7, "postnummer", "800 is not a Danish postal code (4 digits)."),
            (7, "antal_lejemaal", "Ensure this value is greater than or equal to 0."),
            (7, "opfoerelsesaar", "Ensure this value is greater than or equal to 1800."),
            (8, "afdelingsnummer", "“x” is not a whole number (expected e.g. 1283 or 1.283)."),
            (8, "navn", "The field must be filled in."),
            (8, "by", "The field must be filled in."),
            (8, "antal_lejemaal", "Ensure this value is less than or equal to 20000."),
            (8, "opfoerelsesaar", "The field must be filled in."),
        ],
    )


def test_errors_name_the_column_as_written_in_the_file(world, head):
    header = "Afdelingsnummer;Navn;Adresse;Postnummer;By;Kommunekode;Antal lejemål;Opførelsesår"
    before = snapshot()
    result = departments(world, head, csv_bytes(header, "7;A;B;8000;C;751;1;17"))
    assert_rejected(
        result, before, [(2, "Opførelsesår", "Ensure this value is greater than or equal to 1800.")]
    )


def test_xlsx_errors_name_the_sheet_row(world, head):
    file = xlsx_bytes(
        DEPT_HEADER.split(";"),
        (7, "A", "B", "8000", "C", 751, 1, 1970),
        (),
        (),
        (8, "A", "B", "8000", "C", 999, 1, 1970),
    )
    before = snapshot()
    result = departments(world, head, file, filename="afdelinger.xlsx")
    assert_rejected(result, before, [(5, "kommunekode", "Unknown municipality code 999.")])


def test_report_shows_the_first_200_issues_and_counts_the_rest(world, head):
    rows = [f"{n};A;B;8000;C;999;1;1970" for n in range(100, 350)]
    before = snapshot()
    result = departments(world, head, csv_bytes(DEPT_HEADER, *rows))
    assert (len(result.issues), result.issue_count, result.hidden_issue_count) == (200, 250, 50)
    assert result.issues[-1] == ImportIssue(201, "kommunekode", "Unknown municipality code 999.")
    assert snapshot() == before


def test_failure_in_the_write_phase_writes_nothing(world, head, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(upsert, "bulk_update_with_history", fail)
    file = csv_bytes(
        DEPT_HEADER,
        "1;Nyt navn;Alfavej 1;8000;Aarhus C;751;100;1970",
        "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972",
    )
    before = snapshot()
    with pytest.raises(RuntimeError):
        departments(world, head, file)
    assert snapshot() == before
    assert not Department.objects.filter(organisation=world.org_a, number=3).exists()


# --- leases ------------------------------------------------------------------------------


def test_leases_csv_creates_and_updates_with_exact_values(world, head):
    content = (
        "\ufeff" + LEASE_HEADER.replace(";", ",") + "\n"
        '1,Alfavej 1,st. tv.,"80,5",4\n'  # existing lease_a1: updated
        '1,Alfavej 1,1. th.,"72,5",3\n'
        "2,Havevej 2,1. th.,72.5,3\n"  # identical to lease_a2 (72.5 m², 3 rooms)
        '2,Havevej 4,,"110,50",5\n'
    )
    before = snapshot()
    result = leases(world, head, io.BytesIO(content.encode()))
    assert (result.created, result.updated, result.unchanged, result.issue_count) == (2, 1, 1, 0)
    assert snapshot() == (before[0], before[1] + 2, before[2], before[3] + 3)
    world.lease_a1.refresh_from_db()
    assert (world.lease_a1.area_m2, world.lease_a1.rooms) == (Decimal("80.5"), 4)
    house = Lease.objects.get(department=world.dept_a2, address="Havevej 4")
    assert (house.unit, house.area_m2, house.rooms) == ("", Decimal("110.5"), 5)
    flat = Lease.objects.get(department=world.dept_a1, address="Alfavej 1", unit="1. th.")
    assert (flat.area_m2, flat.rooms) == (Decimal("72.5"), 3)
    assert world.lease_a1.history.latest("history_date").history_user == head


def test_leases_xlsx_creates_rows(world, head):
    file = xlsx_bytes(
        LEASE_HEADER.split(";"), (1, "Alfavej 3", "2. tv.", 65.5, 2), (2, "Havevej 6", None, 90, 4)
    )
    result = leases(world, head, file, filename="lejemaal.xlsx")
    assert (result.created, result.updated, result.unchanged, result.issue_count) == (2, 0, 0, 0)
    assert sorted(
        Lease.objects.filter(address__in=["Alfavej 3", "Havevej 6"]).values_list(
            "department__number", "address", "unit", "area_m2", "rooms"
        )
    ) == [(1, "Alfavej 3", "2. tv.", Decimal("65.5"), 2), (2, "Havevej 6", "", Decimal("90.0"), 4)]


def test_leases_with_bad_values_are_reported_and_nothing_is_written(world, head):
    DepartmentFactory(organisation=world.org_b, number=5)
    file = csv_bytes(
        LEASE_HEADER,
        "1;Alfavej 5;;72,5;3",
        "5;Betavej 1;;72,5;3",
        "1;Alfavej 6;;stor;3",
        "1;Alfavej 7;;4;3",
        "1;Alfavej 8;;72,55;0",
        "1;Alfavej 5;;60;2",
        "1;;st.;1.000,5;21",
    )
    before = snapshot()
    result = leases(world, head, file)
    assert_rejected(
        result,
        before,
        [
            (3, "afdelingsnummer", "Department 5 does not exist in Boligselskabet Alfa."),
            (4, "areal_m2", NOT_A_NUMBER % "stor"),
            (5, "areal_m2", "Ensure this value is greater than or equal to 5."),
            (6, "areal_m2", "Ensure that there are no more than 1 decimal place."),
            (6, "vaerelser", "Ensure this value is greater than or equal to 1."),
            (
                7,
                "adresse",
                "The lease is already on line 2 (same department, address and floor/door).",
            ),
            (8, "adresse", "The field must be filled in."),
            (8, "areal_m2", "Ensure this value is less than or equal to 1000."),  # 1000.5
            (8, "vaerelser", "Ensure this value is less than or equal to 20."),
        ],
    )


def test_unquoted_decimal_comma_in_comma_separated_file_is_reported(world, head):
    file = csv_bytes(LEASE_HEADER.replace(";", ","), "1,Alfavej 5,,72,5,3")
    before = snapshot()
    assert_rejected(
        leases(world, head, file),
        before,
        [
            (
                2,
                "",
                "The line has 6 fields, but the header has 5. In a comma-separated file, "
                "decimal numbers with a comma must be in quotation marks.",
            )
        ],
    )


def test_twenty_thousand_leases_import_and_reimport_changes_nothing(world, head):
    """Speed is measured in `make bench` (bench/imports.py); this checks the volume works."""
    departments_ = [DepartmentFactory(organisation=world.org_a, number=100 + i) for i in range(20)]
    lines = [LEASE_HEADER] + [
        f"{d.number};Storgade {n};{floor}. th.;{50 + n % 60},5;{1 + n % 5}"
        for d in departments_
        for n in range(100)
        for floor in range(10)
    ]
    content = ("\n".join(lines) + "\n").encode()
    result = leases(world, head, io.BytesIO(content))
    assert (result.created, result.issue_count) == (20_000, 0)
    before = snapshot()
    again = leases(world, head, io.BytesIO(content))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20_000)
    assert snapshot() == before
    assert Lease.history.filter(history_user=head).count() == 20_000


# --- template files ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_organisations_template_files_import_unchanged_and_change_nothing(world, head, fmt):
    """The template holds the organisation's own departments and leases (it once held an example
    row that renamed department 1 and set its leases from 821 to 120)."""
    ctx = ImportContext(user=head, organisation=world.org_a)
    before = snapshot()
    names = sorted(Department.objects.values_list("pk", "name", "lease_count"))
    dept_file, _ = template_file(DEPARTMENTS, DEPARTMENTS.template_rows(ctx), fmt)
    result = departments(world, head, io.BytesIO(dept_file), filename=f"afdelinger.{fmt}")
    assert (result.created, result.updated, result.unchanged, result.issue_count) == (0, 0, 2, 0)
    lease_file, _ = template_file(LEASES, LEASES.template_rows(ctx), fmt)
    result = leases(world, head, io.BytesIO(lease_file), filename=f"lejemaal.{fmt}")
    assert (result.created, result.updated, result.unchanged, result.issue_count) == (0, 0, 2, 0)
    assert snapshot() == before
    assert sorted(Department.objects.values_list("pk", "name", "lease_count")) == names


def test_windows_1252_csv_as_danish_excel_saves_it_is_read(world, head):
    content = DEPT_HEADER + "\r\n5;Æblehaven;Ågade 12;9000;Ålborg;851;1.283;1970\r\n"
    result = departments(world, head, io.BytesIO(content.encode("cp1252")))
    assert (result.created, result.issue_count) == (1, 0), result.issues
    new = Department.objects.get(organisation=world.org_a, number=5)
    assert (new.name, new.address, new.city, new.lease_count) == (
        "Æblehaven",
        "Ågade 12",
        "Ålborg",
        1283,
    )


def test_danish_numbers_with_thousands_points_and_decimal_commas_are_read(world, head):
    file = csv_bytes(
        LEASE_HEADER, "1;Alfavej 9;;1.000;3", "1;Alfavej 10;;72,5;3", "1;Alfavej 11;;61.5;2"
    )
    result = leases(world, head, file)
    assert (result.created, result.issue_count) == (3, 0), result.issues
    assert sorted(
        Lease.objects.filter(address__in=["Alfavej 9", "Alfavej 10", "Alfavej 11"]).values_list(
            "address", "area_m2"
        )
    ) == [
        ("Alfavej 10", Decimal("72.5")),
        ("Alfavej 11", Decimal("61.5")),
        ("Alfavej 9", Decimal("1000")),
    ]


def test_xlsx_named_csv_gets_a_hint_about_the_extension(world, head):
    file = xlsx_bytes(DEPT_HEADER.split(";"), (7, "A", "B", "8000", "C", 751, 1, 1970))
    before = snapshot()
    expected = [(0, "", "The file is an Excel workbook; give it the file name extension .xlsx.")]
    assert_rejected(departments(world, head, file, filename="afdelinger.csv"), before, expected)


def test_structural_problems_on_many_lines_are_all_counted(world, head):
    rows = [f"{n},Vej {n},,72,5,3" for n in range(250)]
    before = snapshot()
    result = leases(world, head, csv_bytes(LEASE_HEADER.replace(";", ","), *rows))
    assert (len(result.issues), result.issue_count) == (200, 250)
    assert result.issues[0].line == 2
    assert snapshot() == before


def test_conflicting_concurrent_write_is_reported_and_nothing_is_written(world, head, monkeypatch):
    def conflict(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(upsert, "bulk_create_with_history", conflict)
    before = snapshot()
    result = departments(
        world, head, csv_bytes(DEPT_HEADER, "3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972")
    )
    expected = [
        (
            0,
            "",
            "The data was changed by someone else while the file was imported. "
            "Nothing was imported; try again.",
        )
    ]
    assert_rejected(result, before, expected)
