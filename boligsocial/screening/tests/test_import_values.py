"""Import of indicator values and published lists from CSV/XLSX: every check by line and column,
all or nothing, re-import changes nothing, who may import what, the ImportBatch record."""

import dataclasses
import gc
import hashlib
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from boligsocial.imports import processing, registry, services
from boligsocial.imports.models import ImportBatch
from boligsocial.screening.models import (
    Indicator,
    IndicatorValue,
    PublishedListMembership,
)

HEADER = "aar;organisation;afdeling;omraade;kommunekode;indikator;vaerdi;taeller;naevner;kilde"
LIST_HEADER = "aar;omraade;kommunekode;liste"
NOT_A_NUMBER = (
    "“%s” is not a number (expected e.g. 1.283 or 72,5: a point between thousands, a comma "
    "before the decimals)."
)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the msgids), so that the tests do not depend on the
    wording of the Danish catalogue (the e2e test asserts the Danish texts)."""
    with translation.override("en"):
        yield


def _import(user, text: str | bytes, filename="vaerdier.csv", kind="vaerdier") -> ImportBatch:
    """Upload the file and, when the check passed and it shows a preview, confirm it (the
    imports app's tests test the preview itself)."""
    data = text.encode() if isinstance(text, str) else text
    upload = SimpleUploadedFile(filename, data)
    batch = services.start(kind=registry.by_slug(kind), upload=upload, user=user)
    if batch.status == ImportBatch.Status.PREVIEW:
        batch = services.confirm(batch=batch, user=user)
    return batch


def _values() -> list[tuple]:
    return sorted(
        IndicatorValue.objects.values_list(
            "indicator__code",
            "department_id",
            "area_id",
            "year",
            "value",
            "numerator",
            "denominator",
            "source",
        )
    )


def _errors(batch) -> list[tuple]:
    return [(e["row"], e["column"], e["message"]) for e in batch.errors]


def _row(world, *, year="2023", dept="1", area="", muni="", code="outside_work_education",
         value="23,4", num="", den="", source="", org=None):  # fmt: skip
    org = world.org_a.lbf_number if org is None else org
    if area or muni:
        org, dept = "", ""
    return f"{year};{org};{dept};{area};{muni};{code};{value};{num};{den};{source}"


def test_a_department_value_is_imported_with_counts_source_and_batch(world, personas):
    batch = _import(
        personas["head_a"], f"{HEADER}\n{_row(world, num='187', den='799', source='DST')}\n"
    )
    assert (batch.status, batch.created, batch.updated, batch.unchanged) == ("done", 1, 0, 0)
    assert batch.errors == []
    value = IndicatorValue.objects.get()
    assert (value.department_id, value.area_id, value.year) == (world.dept_a1.pk, None, 2023)
    assert (value.value, value.numerator, value.denominator) == (Decimal("23.4"), 187, 799)
    assert (value.source, value.batch_id) == ("DST", batch.pk)
    assert batch.organisation_id == world.org_a.pk
    assert batch.created_by == personas["head_a"]
    assert (batch.rows_total, batch.rows_done) == (1, 1)


def test_the_batch_records_file_name_and_sha256(world, personas):
    text = f"{HEADER}\n{_row(world)}\n"
    batch = _import(personas["head_a"], text, filename="aarhus 2023.csv")
    assert batch.filename == "aarhus 2023.csv"
    assert batch.sha256 == hashlib.sha256(text.encode()).hexdigest()


def test_comma_separated_file_with_bom_and_quoted_decimal_comma(world, personas):
    header = HEADER.replace(";", ",")
    row = f'2023,{world.org_a.lbf_number},2,,,basic_education,"41,25",,,'
    batch = _import(personas["admin"], ("\ufeff" + f"{header}\r\n{row}\r\n").encode())
    assert batch.status == "done", batch.errors
    assert _values() == [
        ("basic_education", world.dept_a2.pk, None, 2023, Decimal("41.25"), None, None, "")
    ]


def test_xlsx_with_numbers_as_numbers(world, personas):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append([2022, world.org_a.lbf_number, 1, None, None, "rent_arrears", 3.5, 7, 200, None])
    out = io.BytesIO()
    workbook.save(out)
    batch = _import(personas["head_a"], out.getvalue(), filename="vaerdier.xlsx")
    assert batch.status == "done", batch.errors
    assert _values() == [("rent_arrears", world.dept_a1.pk, None, 2022, Decimal("3.5"), 7, 200, "")]


def test_area_and_national_values_by_an_administrator(world, personas):
    text = (
        f"{HEADER}\n"
        f"{_row(world, area='Fællesområdet', muni='751', code='basic_education', value='61')}\n"
        f"{_row(world, area='  fællesOMRÅDET ', muni='751', code='residents', value='1200')}\n"
        f"2023;;;;;convicted;1,1;;;Danmarks Statistik\n"
    )
    batch = _import(personas["admin"], text)
    assert batch.status == "done", batch.errors
    assert _values() == [
        ("basic_education", None, world.area_shared.pk, 2023, Decimal("61"), None, None, ""),
        ("convicted", None, None, 2023, Decimal("1.1"), None, None, "Danmarks Statistik"),
        ("residents", None, world.area_shared.pk, 2023, Decimal("1200"), None, None, ""),
    ]
    assert batch.organisation_id is None  # the shared area spans two organisations


# --- problems, by line and column -----------------------------------------------------------

PROBLEMS = [
    (
        {"code": "nope"},
        "indikator",
        "Unknown indicator code “nope”. The codes are listed on the import page.",
    ),
    ({"code": ""}, "indikator", "The field must be filled in."),
    ({"dept": "9"}, "afdeling", "Department 9 does not exist in Boligselskabet Alfa."),
    ({"dept": "x"}, "afdeling", "“x” is not a whole number (expected e.g. 1283 or 1.283)."),
    ({"value": "abc"}, "vaerdi", NOT_A_NUMBER % "abc"),
    ({"value": ""}, "vaerdi", "The field must be filled in."),
    ({"value": "1.234,5"}, "vaerdi", "A percentage must be between 0 and 100."),  # 1234.5
    ({"value": "100,01"}, "vaerdi", "A percentage must be between 0 and 100."),
    ({"value": "-0,1"}, "vaerdi", "A percentage must be between 0 and 100."),
    ({"value": "12,34567"}, "vaerdi", "Ensure that there are no more than 4 decimal places."),
    ({"code": "residents", "value": "100,5"}, "vaerdi", "A count must be a whole number."),
    ({"code": "residents", "value": "-1"}, "vaerdi", "The value must not be negative."),
    ({"code": "evictions_per_1000", "value": "-2"}, "vaerdi", "The value must not be negative."),
    ({"year": "1999"}, "aar", "The year must be between 2000 and 2026."),
    ({"year": "2027"}, "aar", "The year must be between 2000 and 2026."),
    ({"year": "20x3"}, "aar", "“20x3” is not a whole number (expected e.g. 1283 or 1.283)."),
    (
        {"num": "-3"},
        "taeller",
        "“-3” is not a whole number of 0 or more (expected e.g. 1283 or 1.283).",
    ),
    ({"num": "5", "den": "0"}, "naevner", "The denominator must be greater than 0."),
    ({"num": "50", "den": "40"}, "naevner", "The numerator (50) is greater than the denominator."),
    ({"source": "x" * 201}, "kilde", "The source may be at most 200 characters long."),
    (
        {"org": "99999"},
        "organisation",
        "You cannot import for housing organisation number 99999: it does not exist, or you do "
        "not manage it.",
    ),
    (
        {"area": "Ingenting", "muni": "751"},
        "omraade",
        "There is no housing area “Ingenting” in municipality 751 that you have access to.",
    ),
    (
        {"area": "Haveområdet", "muni": "751", "code": "basic_education", "year": "2017"},
        "aar",
        "Values of the statutory criteria for areas can only be imported from 2018, the first "
        "list under the current rules. For earlier years, import the published lists.",
    ),
]


@pytest.mark.parametrize(("cells", "column", "message"), PROBLEMS)
def test_a_bad_cell_is_reported_by_line_and_column_and_nothing_is_imported(
    world, personas, cells, column, message
):
    good = _row(world, dept="2", code="children", value="20")
    batch = _import(personas["admin"], f"{HEADER}\n{good}\n{_row(world, **cells)}\n")
    assert batch.status == "failed"
    assert _errors(batch) == [(3, column, message)]
    assert (batch.created, batch.updated, batch.unchanged) == (0, 0, 0)
    assert IndicatorValue.objects.count() == 0


def test_income_as_percent_of_the_region_may_exceed_100(world, personas):
    batch = _import(
        personas["head_a"], f"{HEADER}\n{_row(world, code='income_pct_region', value='104,2')}\n"
    )
    assert batch.status == "done", batch.errors


def test_the_same_value_text_is_checked_against_each_rows_indicator(world, personas):
    """A value's text is parsed once per file (check_table caches it), its range per row."""
    rows = [
        _row(world, code="residents", value="150,5"),
        _row(world, code="children", value="150,5"),
        _row(world, dept="2", code="children", value="15,5"),
        _row(world, dept="2", code="residents", value="15,5"),
        _row(world, dept="2", code="outside_work_education", value="15,5"),
        _row(world, dept="2", code="convicted", value="1 5"),
        _row(world, code="convicted", value="1 5"),
    ]
    batch = _import(personas["admin"], HEADER + "\n" + "\n".join(rows) + "\n")
    assert _errors(batch) == [
        (2, "vaerdi", "A count must be a whole number."),
        (3, "vaerdi", "A percentage must be between 0 and 100."),
        (5, "vaerdi", "A count must be a whole number."),
        (7, "vaerdi", NOT_A_NUMBER % "1 5"),
        (8, "vaerdi", NOT_A_NUMBER % "1 5"),
    ]
    assert IndicatorValue.objects.count() == 0
    fixed = [r.replace("150,5", "15").replace(",5", "").replace("1 5", "1,5") for r in rows]
    batch = _import(personas["admin"], HEADER + "\n" + "\n".join(fixed) + "\n")
    assert (batch.status, batch.created) == ("done", 7), batch.errors
    assert sorted(IndicatorValue.objects.values_list("indicator__code", "value")) == [
        ("children", Decimal("15")),
        ("children", Decimal("15")),
        ("convicted", Decimal("1.5")),
        ("convicted", Decimal("1.5")),
        ("outside_work_education", Decimal("15")),
        ("residents", Decimal("15")),
        ("residents", Decimal("15")),
    ]


def test_the_import_runs_with_the_cyclic_garbage_collector_paused(world, personas, monkeypatch):
    seen = []
    read_table = processing.read_table

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return read_table(*args, **kwargs)

    monkeypatch.setattr(processing, "read_table", spy)
    gc.enable()
    batch = _import(personas["head_a"], f"{HEADER}\n{_row(world)}\n")
    assert (batch.status, seen, gc.isenabled()) == ("done", [False, False], True)  # check, write


def test_statutory_indicator_for_a_department_before_2018_is_fine(world, personas):
    batch = _import(personas["head_a"], f"{HEADER}\n{_row(world, year='2015')}\n")
    assert batch.status == "done", batch.errors


def test_duplicate_rows_are_reported_with_the_first_line(world, personas):
    text = f"{HEADER}\n{_row(world)}\n{_row(world, code='children')}\n{_row(world, value='30')}\n"
    batch = _import(personas["head_a"], text)
    assert _errors(batch) == [
        (
            4,
            "indikator",
            "The same indicator, year and department, area or country is already on line 2.",
        )
    ]
    assert IndicatorValue.objects.count() == 0


def test_a_row_with_both_department_and_area_is_refused(world, personas):
    row = f"2023;{world.org_a.lbf_number};1;Haveområdet;751;children;20;;;"
    batch = _import(personas["admin"], f"{HEADER}\n{row}\n")
    assert _errors(batch) == [
        (
            2,
            "omraade",
            "A row is either a department's value (organisation and afdeling) or an area's value "
            "(omraade and kommunekode), not both.",
        )
    ]


def test_every_problem_of_every_row_is_reported(world, personas):
    text = f"{HEADER}\n{_row(world, year='1990', value='x')}\n{_row(world, dept='7', code='zz')}\n"
    batch = _import(personas["head_a"], text)
    assert _errors(batch) == [
        (2, "aar", "The year must be between 2000 and 2026."),
        (2, "vaerdi", NOT_A_NUMBER % "x"),
        (3, "indikator", "Unknown indicator code “zz”. The codes are listed on the import page."),
        (3, "afdeling", "Department 7 does not exist in Boligselskabet Alfa."),
    ]


def test_header_problems_come_from_the_shared_reader(world, personas):
    batch = _import(personas["head_a"], "aar;afdeling;indikator;vaerdi\n2023;1;children;3\n")
    assert batch.status == "failed"
    assert [e["column"] for e in batch.errors] == [
        "organisation",
        "omraade",
        "kommunekode",
        "taeller",
        "naevner",
        "kilde",
    ]
    assert batch.errors[0]["message"] == "The header is missing the column “organisation”."


def test_a_file_in_windows_1252_is_read_and_one_mixing_encodings_is_refused(world, personas):
    batch = _import(
        personas["head_a"], f"{HEADER}\n{_row(world, source='Århus')}\n".encode("cp1252")
    )
    assert batch.status == "done", batch.errors
    assert IndicatorValue.objects.get().source == "Århus"
    mixed = f"{HEADER}\n{_row(world, dept='2', source='Århus')}\n".encode() + (
        f"{_row(world, year='2022', source='Århus')}\n".encode("cp1252")
    )
    batch = _import(personas["head_a"], mixed)
    assert batch.status == "failed"
    assert batch.errors[0]["row"] == 3
    assert "UTF-8" in batch.errors[0]["message"]
    assert IndicatorValue.objects.count() == 1


def test_an_oversized_upload_is_refused_with_a_danish_message(world, personas, settings):
    settings.IMPORT_MAX_BYTES = 100
    batch = _import(personas["head_a"], f"{HEADER}\n{_row(world)}\n{_row(world, dept='2')}\n")
    assert batch.status == "failed"
    assert _errors(batch) == [(0, "", "The file is larger than the limit of 100\xa0bytes.")]
    assert batch.sha256 == ""
    assert IndicatorValue.objects.count() == 0


def test_more_than_200_problems_are_counted(world, personas):
    rows = "\n".join(
        _row(world, value="x", year=str(2000 + i % 20), code="children", dept=str(100 + i))
        for i in range(250)
    )
    batch = _import(personas["admin"], f"{HEADER}\n{rows}\n")
    assert len(batch.errors) == 201
    assert batch.errors[-1] == {"more": 500 - 200}


# --- all or nothing, re-import ---------------------------------------------------------------


def test_re_importing_the_same_file_changes_nothing(world, personas):
    text = (
        f"{HEADER}\n{_row(world)}\n{_row(world, dept='2', num='3', den='10', source='DST')}\n"
        f"{_row(world, area='Haveområdet', muni='751', code='children', value='7')}\n"
    )
    first = _import(personas["head_a"], text)
    before = _values()
    again = _import(personas["head_a"], text)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    assert (again.status, again.created, again.updated, again.unchanged) == ("done", 0, 0, 3)
    assert _values() == before
    assert set(IndicatorValue.objects.values_list("batch_id", flat=True)) == {first.pk}


def test_a_changed_value_count_or_source_is_updated_and_the_rest_unchanged(world, personas):
    _import(
        personas["head_a"],
        f"{HEADER}\n{_row(world)}\n{_row(world, dept='2')}\n{_row(world, year='2022')}\n",
    )
    text = (
        f"{HEADER}\n{_row(world, value='25')}\n{_row(world, dept='2', source='LBF')}\n"
        f"{_row(world, year='2022')}\n{_row(world, year='2021')}\n"
    )
    batch = _import(personas["head_a"], text)
    assert (batch.created, batch.updated, batch.unchanged) == (1, 2, 1)
    assert IndicatorValue.objects.get(department=world.dept_a1, year=2023).value == Decimal(25)
    assert IndicatorValue.objects.get(department=world.dept_a2).source == "LBF"
    assert IndicatorValue.objects.get(department=world.dept_a2).batch_id == batch.pk


def test_a_failing_file_leaves_stored_values_untouched(world, personas):
    _import(personas["head_a"], f"{HEADER}\n{_row(world)}\n")
    before = _values()
    batch = _import(
        personas["head_a"],
        f"{HEADER}\n{_row(world, value='50')}\n{_row(world, dept='2', value='x')}\n",
    )
    assert batch.status == "failed"
    assert _values() == before


# --- who may import what ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "row_kwargs", "column", "message"),
    [
        (
            "head_a",
            {"org": "B"},
            "organisation",
            "You cannot import for housing organisation number {b}: it does not exist, or you do "
            "not manage it.",
        ),
        (
            "head_a",
            {"area": "Fællesområdet", "muni": "751"},
            "omraade",
            "Only an administrator can import for this area: it has departments of housing "
            "organisations you do not manage.",
        ),
        (
            "head_a",
            {"area": "Nordområdet", "muni": "851"},
            "omraade",
            "There is no housing area “Nordområdet” in municipality 851 that you have access to.",
        ),
        (
            "management_a",
            {"area": "", "muni": "", "dept": "", "org": ""},
            "indikator",
            "Only an administrator can import national values (values for neither a department "
            "nor an area).",
        ),
    ],
)
def test_what_an_organisation_manager_may_not_import(
    world, personas, persona, row_kwargs, column, message
):
    kwargs = dict(row_kwargs)
    if kwargs.get("org") == "B":
        kwargs["org"] = world.org_b.lbf_number
    row = "2023;;;;;children;5;;;" if kwargs.get("org") == "" else _row(world, **kwargs)
    batch = _import(personas[persona], f"{HEADER}\n{row}\n")
    assert _errors(batch) == [(2, column, message.format(b=world.org_b.lbf_number))]
    assert IndicatorValue.objects.count() == 0


def test_a_manager_may_import_for_an_area_wholly_in_their_organisation(world, personas):
    row = _row(world, area="Haveområdet", muni="751", code="children", value="5")
    batch = _import(personas["management_a"], f"{HEADER}\n{row}\n")
    assert batch.status == "done", batch.errors
    assert batch.organisation_id == world.org_a.pk


# --- published lists -------------------------------------------------------------------------


def test_published_lists_are_imported_by_name_or_code_and_re_import_changes_nothing(
    world, personas
):
    text = (
        f"{LIST_HEADER}\n2016;Haveområdet;751;ghettoområde\n2019;Haveområdet;751;udsat\n"
        "2019;Haveområdet;751;Parallelsamfund\n2021;Haveområdet;751;hårdt ghettoområde\n"
    )
    first = _import(personas["head_a"], text, filename="lister.csv", kind="lister")
    assert (first.status, first.created, first.unchanged) == ("done", 4, 0), first.errors
    again = _import(personas["head_a"], text, filename="lister.csv", kind="lister")
    assert (again.status, again.created, again.unchanged) == ("done", 0, 4)
    assert sorted(PublishedListMembership.objects.values_list("year", "list", "batch_id")) == [
        (2016, "parallelsamfund", first.pk),
        (2019, "parallelsamfund", first.pk),
        (2019, "udsat", first.pk),
        (2021, "omdannelse", first.pk),
    ]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            "2019;Haveområdet;751;ghetto",
            "liste",
            "Unknown list “ghetto”. Write udsat, parallelsamfund, omdannelse or forebyggelse.",
        ),
        (
            "2020;Haveområdet;751;forebyggelse",
            "aar",
            "The list “prevention area” was first published in 2021.",
        ),
        (
            "2017;Haveområdet;751;omdannelse",
            "aar",
            "The list “transformation area” was first published in 2018.",
        ),
        (
            "2022;Haveområdet;751;udsat",
            "liste",
            "A forebyggelsesområde cannot also be on the list of udsatte boligområder, "
            "parallelsamfund or omdannelsesområder in the same year.",
        ),
        (
            "2022;Fællesområdet;751;udsat",
            "omraade",
            "Only an administrator can import for this area: it has departments of housing "
            "organisations you do not manage.",
        ),
    ],
)
def test_published_list_problems(world, personas, row, column, message):
    text = f"{LIST_HEADER}\n2022;Haveområdet;751;forebyggelse\n{row}\n"
    batch = _import(personas["head_a"], text, filename="lister.csv", kind="lister")
    line = 2 if "forebyggelsesområde cannot" in message else 3
    assert _errors(batch) == [(line, column, message)]
    assert PublishedListMembership.objects.count() == 0


def test_an_indicator_deleted_while_the_file_was_checked_fails_the_import_and_writes_nothing(
    world, personas, monkeypatch
):
    """The value's key to its indicator is no database constraint (decision 0011): the import
    checks in its transaction that the indicators still exist."""
    Indicator.objects.create(
        code="test_indikator", name="Testindikator", name_en="Test", unit="percent",
        source="register", polarity="higher_worse",
    )  # fmt: skip
    _import(personas["head_a"], f"{HEADER}\n{_row(world)}\n")
    before = _values()
    kind = registry.by_slug("vaerdier")
    real_check = kind.check

    def check_then_delete(table, ctx):
        checked = real_check(table, ctx)
        if ctx.lock:  # the check of the write step, after the preview was confirmed
            Indicator.objects.filter(code="test_indikator").delete()  # someone else, meanwhile
        return checked

    replaced = dataclasses.replace(kind, check=check_then_delete)
    monkeypatch.setitem(registry.BY_SLUG, kind.slug, replaced)
    monkeypatch.setitem(registry.BY_CODE, kind.code, replaced)
    text = f"{HEADER}\n{_row(world, dept='2')}\n{_row(world, code='test_indikator')}\n"
    batch = _import(personas["head_a"], text)
    assert batch.status == "failed"
    assert _errors(batch) == [
        (
            0,
            "",
            "The data was changed by someone else while the file was imported. Nothing was "
            "imported; try again.",
        )
    ]
    assert _values() == before


def test_a_source_with_a_backslash_is_stored_as_written(world, personas):
    """A backslash is an escape in COPY's text format (the import COPYs on PostgreSQL)."""
    source = r"DST \N statistikbanken\tabel"
    batch = _import(personas["head_a"], f"{HEADER}\n{_row(world, source=source, value='0,5')}\n")
    assert batch.status == "done"
    assert IndicatorValue.objects.values_list("source", "value", "numerator").get() == (
        source,
        Decimal("0.5"),
        None,
    )
