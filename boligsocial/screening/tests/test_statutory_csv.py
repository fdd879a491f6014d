"""Tests for the statutory lists CSV contract. Pure Python, no DB."""

import csv
import io

import pytest

from boligsocial.screening.statutory_csv import (
    OUTPUT_COLUMNS,
    CsvInputError,
    parse,
    run,
)

HEADER = (
    "year,area,municipality,residents,pct_outside_work_education,pct_convicted,"
    "national_pct_convicted,pct_basic_education,income_pct_of_region,pct_nonwestern,"
    "published_lists"
)
HEADER_NO_PUBLISHED = HEADER.removesuffix(",published_lists")
CONTRACT_COLUMNS = [
    "year",
    "area",
    "municipality",
    "udsat",
    "parallelsamfund",
    "omdannelse",
    "forebyggelse",
    "criteria_met",
]

HAPPY = "\n".join(
    [
        HEADER,
        '2017,"Parken, Nord",København,,,,,,,,parallelsamfund',
        '2018,"Parken, Nord",København,1200,45,4.35,1.45,55,50,60,',
        '2019,"Parken, Nord",København,1200,42,4.35,1.45,55,50,60,udsat',
        "2016,Søparken,Odense,,,,,,,,",
        "2022,Søparken,Odense,1000,40,1,1,61,60,40,",
        "2021,Søparken,Odense,999,35,1,1,61,60,40,",
        "",
    ]
)


def run_csv(tmp_path, text, *, encoding="utf-8"):
    source = tmp_path / "in.csv"
    source.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    target = tmp_path / "out.csv"
    err = io.StringIO()
    code = run(source, target, stderr=err)
    return code, target, err.getvalue()


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_happy_path_contract_columns(tmp_path):
    code, target, err = run_csv(tmp_path, "\ufeff" + HAPPY)
    assert (code, err) == (0, "")
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\n", 1)[0].decode() == ",".join(OUTPUT_COLUMNS)
    assert list(OUTPUT_COLUMNS[:8]) == CONTRACT_COLUMNS
    rows = read_rows(target)
    assert [[row[c] for c in CONTRACT_COLUMNS] for row in rows] == [
        ["2017", "Parken, Nord", "København", "0", "1", "0", "0", ""],
        [
            "2018",
            "Parken, Nord",
            "København",
            "1",
            "1",
            "0",
            "0",
            "beboere;beskaeftigelse;kriminalitet;indkomst;ikke_vestlige",
        ],
        [
            "2019",
            "Parken, Nord",
            "København",
            "1",
            "1",
            "0",
            "0",
            "beboere;beskaeftigelse;kriminalitet;indkomst;ikke_vestlige",
        ],
        ["2016", "Søparken", "Odense", "0", "0", "0", "0", ""],
        [
            "2022",
            "Søparken",
            "Odense",
            "0",
            "0",
            "0",
            "1",
            "beboere;uddannelse;forebyggelse_beskaeftigelse;forebyggelse_indkomst;"
            "forebyggelse_ikke_vestlige",
        ],
        [
            "2021",
            "Søparken",
            "Odense",
            "0",
            "0",
            "0",
            "0",
            "uddannelse;forebyggelse_beskaeftigelse;forebyggelse_indkomst;"
            "forebyggelse_ikke_vestlige",
        ],
    ]
    assert [row["source"] for row in rows] == [
        "published",
        "values",
        "values",
        "published",
        "values",
        "values",
    ]
    assert [row["parallelsamfund_years"] for row in rows] == ["1", "2", "3", "0", "0", "0"]


def non_empty(row):
    return {key: value for key, value in row.items() if value != ""}


PUBLISHED_SOURCES = (
    "udsat:published;parallelsamfund:published;omdannelse:published;forebyggelse:published"
)
VALUES_SOURCES = "udsat:values;parallelsamfund:values;omdannelse:values;forebyggelse:values"


def test_happy_path_extra_columns_exact(tmp_path):
    code, target, _ = run_csv(tmp_path, HAPPY)
    assert code == 0
    rows = read_rows(target)
    assert non_empty(rows[0]) == {
        "year": "2017",
        "area": "Parken, Nord",
        "municipality": "København",
        "udsat": "0",
        "parallelsamfund": "1",
        "omdannelse": "0",
        "forebyggelse": "0",
        "source": "published",
        "parallelsamfund_years": "1",
        "list_sources": PUBLISHED_SOURCES,
        "forecast_year": "2018",
        "forecast_note": (
            "2. år på parallelsamfundslisten → omdannelsesområde fra 2021, hvis det står på "
            "listen hvert år"
        ),
    }
    key = {"year", "area", "municipality", "udsat", "parallelsamfund", "omdannelse"}
    key |= {"forebyggelse", "criteria_met", "source", "parallelsamfund_years"}
    assert rows[2]["list_sources"] == VALUES_SOURCES
    key |= {"list_sources"}
    extras_2019 = {k: v for k, v in non_empty(rows[2]).items() if k not in key}
    assert extras_2019 == {
        "distance_pp_beskaeftigelse": "2",
        "distance_pp_kriminalitet": "0.00",
        "distance_pp_uddannelse": "-5",
        "distance_pp_indkomst": "5",
        "distance_pp_ikke_vestlige": "10",
        "persons_to_flip_beboere": "201",
        "persons_to_flip_beskaeftigelse": "24",
        "persons_to_flip_kriminalitet": "1",
        "persons_to_flip_uddannelse": "61",
        "persons_to_flip_ikke_vestlige": "120",
        "forecast_year": "2020",
        "forecast_lists": "udsat;parallelsamfund",
        "forecast_deciding_criterion": "kriminalitet",
        "forecast_residents": "1200",
        "forecast_pct_outside_work_education": "39",
        "forecast_pct_convicted": "4.35",
        "forecast_pct_basic_education": "55",
        "forecast_income_pct_of_region": "50",
        "forecast_pct_nonwestern": "60",
    }
    assert rows[1]["forecast_year"] == ""  # only one year with values in the window
    extras_2021 = {k: v for k, v in non_empty(rows[5]).items() if k not in key}
    assert extras_2021 == {
        "distance_pp_beskaeftigelse": "-5",
        "distance_pp_kriminalitet": "-2",
        "distance_pp_uddannelse": "1",
        "distance_pp_indkomst": "-5",
        "distance_pp_ikke_vestlige": "-10",
        "distance_pp_forebyggelse_beskaeftigelse": "5",
        "distance_pp_forebyggelse_kriminalitet": "-1",
        "distance_pp_forebyggelse_indkomst": "5",
        "distance_pp_forebyggelse_ikke_vestlige": "10",
        "persons_to_flip_beboere": "1",
        "persons_to_flip_beskaeftigelse": "50",
        "persons_to_flip_kriminalitet": "20",
        "persons_to_flip_uddannelse": "10",
        "persons_to_flip_ikke_vestlige": "100",
        "persons_to_flip_forebyggelse_beskaeftigelse": "50",
        "persons_to_flip_forebyggelse_kriminalitet": "10",
        "persons_to_flip_forebyggelse_ikke_vestlige": "100",
    }
    forecast_2022 = {k: v for k, v in non_empty(rows[4]).items() if k.startswith("forecast_")}
    assert forecast_2022 == {
        "forecast_year": "2023",
        "forecast_lists": "udsat",
        "forecast_entering": "udsat",
        "forecast_leaving": "forebyggelse",
        "forecast_deciding_criterion": "beboere",
        "forecast_residents": "1001",
        "forecast_pct_outside_work_education": "45",
        "forecast_pct_convicted": "1",
        "forecast_pct_basic_education": "61",
        "forecast_income_pct_of_region": "60",
        "forecast_pct_nonwestern": "40",
    }


def test_omdannelse_across_published_and_computed_years(tmp_path):
    lines = [HEADER]
    lines += [f"{y},Vej,Aarhus,,,,,,,,parallelsamfund" for y in (2014, 2015, 2016, 2017)]
    lines += ["2018,Vej,Aarhus,2000,45,1,1,40,50,60,"]
    code, target, _ = run_csv(tmp_path, "\n".join(lines))
    assert code == 0
    last = read_rows(target)[-1]
    assert [last[c] for c in ("udsat", "parallelsamfund", "omdannelse", "forebyggelse")] == [
        "1",
        "1",
        "1",
        "0",
    ]
    assert last["parallelsamfund_years"] == "5"


def test_header_without_published_lists_crlf_and_blank_lines(tmp_path):
    text = "\r\n".join(
        [HEADER_NO_PUBLISHED, "", "2019,A,K,1000,40.0001,1,1,40,54.9999,50.0001", "", ""]
    )
    code, target, err = run_csv(tmp_path, text)
    assert (code, err) == (0, "")
    (row,) = read_rows(target)
    assert [row[c] for c in CONTRACT_COLUMNS] == [
        "2019",
        "A",
        "K",
        "1",
        "1",
        "0",
        "0",
        "beboere;beskaeftigelse;indkomst;ikke_vestlige",
    ]
    assert row["distance_pp_beskaeftigelse"] == "0.0001"
    assert row["persons_to_flip_beskaeftigelse"] == "1"


def test_partial_values_with_published_lists_use_published(tmp_path):
    code, target, _ = run_csv(tmp_path, HEADER + "\n2019,A,K,1000,,,,,,,udsat; parallelsamfund\n")
    assert code == 0
    (row,) = read_rows(target)
    assert (row["udsat"], row["parallelsamfund"], row["source"]) == ("1", "1", "published")


def test_same_area_name_in_two_municipalities_is_two_areas(tmp_path):
    text = "\n".join([HEADER, "2019,Parken,A,,,,,,,,", "2019,Parken,B,,,,,,,,parallelsamfund"])
    code, target, _ = run_csv(tmp_path, text)
    assert code == 0
    assert [row["parallelsamfund"] for row in read_rows(target)] == ["0", "1"]


GOOD = "2019,A,K,1200,45,1,1,40,50,60,"

MALFORMED = [
    # (id, text, line, column, fragment of the Danish message)
    ("missing-column", HEADER.replace("pct_convicted,", "") + "\n", 1, "pct_convicted", "mangler"),
    ("non-numeric", HEADER + "\n2019,A,K,1200,45,1,1,abc,50,60,", 2, "pct_basic_education", "tal"),
    (
        "decimal-comma-quoted",
        HEADER + f'\n{GOOD}\n2020,A,K,1200,"40,5",1,1,40,50,60,',
        3,
        "pct_outside_work_education",
        "decimalkomma",
    ),
    (
        "decimal-comma-unquoted",
        HEADER_NO_PUBLISHED + "\n2019,A,K,1200,45,4.35,1.45,55,50.5,60,5",
        2,
        "pct_nonwestern",
        "punktum",
    ),
    ("pct-over-100", HEADER + "\n2019,A,K,1200,45,1,1,40,50,100.01,", 2, "pct_nonwestern", "0-100"),
    ("pct-negative", HEADER + "\n2019,A,K,1200,45,-1,1,40,50,60,", 2, "pct_convicted", "0-100"),
    ("national-zero", HEADER + "\n2019,A,K,1200,45,1,0,40,50,60,", 2, "national_pct_convicted", ""),
    ("negative-residents", HEADER + "\n2019,A,K,-1,45,1,1,40,50,60,", 2, "residents", "negativt"),
    ("residents-decimal", HEADER + "\n2019,A,K,1000.5,45,1,1,40,50,60,", 2, "residents", "helt"),
    ("year-decimal", HEADER + "\n2019.0,A,K,1200,45,1,1,40,50,60,", 2, "year", "årstal"),
    ("year-text", HEADER + "\nto tusind,A,K,,,,,,,,udsat", 2, "year", "årstal"),
    ("duplicate", HEADER + f"\n{GOOD}\n2018,A,K,,,,,,,,\n{GOOD}", 4, "year", "linje 2"),
    ("partial-blank", HEADER + "\n2019,A,K,1200,45,1,1,,50,60,", 2, "pct_basic_education", "tomt"),
    ("unknown-list", HEADER + "\n2016,A,K,,,,,,,,ghetto", 2, "published_lists", "ukendt liste"),
    ("values-before-2018", HEADER + "\n2017,A,K,1200,45,1,1,40,50,60,", 2, "year", "2018"),
    ("blank-area", HEADER + "\n2019,,K,1200,45,1,1,40,50,60,", 2, "area", "tomt"),
    (
        "line-after-multiline-field",
        HEADER + '\n2019,"Park\nvej",K,1200,45,1,1,40,50,60,\n\n2019,B,K,1200,4x,1,1,40,50,60,',
        5,
        "pct_outside_work_education",
        "tal",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_input(tmp_path, text, line, column, fragment):
    code, target, err = run_csv(tmp_path, text)
    assert code == 2
    assert f"Linje {line}, kolonne '{column}'" in err
    assert fragment in err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_malformed_input_leaves_existing_output_untouched(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    code, target, _ = run_csv(tmp_path, HEADER + "\n2019,A,K,1200,45,1,1,x,50,60,")
    assert code == 2
    assert target.read_text(encoding="utf-8") == "old"


def test_all_errors_reported_in_line_order():
    text = HEADER + "\n2019,A,K,-5,,1,1,40,50,160,\n2019,B,K,1200,45,1,1,40,50,60,nope"
    with pytest.raises(CsvInputError) as info:
        parse(text)
    assert [str(e) for e in info.value.errors] == [
        "Linje 2, kolonne 'residents': antal beboere må ikke være negativt (-5)",
        "Linje 2, kolonne 'pct_outside_work_education': feltet er tomt; udfyld alle "
        "værdikolonner eller angiv published_lists",
        "Linje 2, kolonne 'pct_nonwestern': 160 ligger uden for 0-100",
        "Linje 3, kolonne 'published_lists': ukendt liste 'nope'; tilladt er udsat, "
        "parallelsamfund, omdannelse, forebyggelse adskilt af ';'",
    ]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "Linje 1: filen er tom"),
        (HEADER.replace(",", ";").encode(), "Linje 1: skilletegnet skal være komma"),
        ((HEADER + "\n2019,S\xf8parken,K,,,,,,,,\n").encode("latin-1"), "Linje 2: filen er ikke"),
    ],
)
def test_unreadable_files(tmp_path, content, fragment):
    code, target, err = run_csv(tmp_path, content)
    assert code == 2
    assert fragment in err
    assert not target.exists()


def test_missing_input_file(tmp_path):
    err = io.StringIO()
    assert run(tmp_path / "nope.csv", tmp_path / "out.csv", stderr=err) == 2
    assert "Kan ikke læse inputfilen" in err.getvalue()
    assert not (tmp_path / "out.csv").exists()


def test_unwritable_output_directory(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "\n" + GOOD, encoding="utf-8")
    err = io.StringIO()
    assert run(source, tmp_path / "missing" / "out.csv", stderr=err) == 1
    assert "Kan ikke skrive outputfilen" in err.getvalue()


def test_five_published_parallelsamfund_years_derive_omdannelse(tmp_path):
    lines = [HEADER]
    lines += [f"{y},Vej,Aarhus,,,,,,,,udsat;parallelsamfund" for y in range(2019, 2024)]
    code, target, _ = run_csv(tmp_path, "\n".join(lines))
    assert code == 0
    rows = read_rows(target)
    flags = ("udsat", "parallelsamfund", "omdannelse", "forebyggelse")
    assert [[row[c] for c in flags] for row in rows] == [["1", "1", "0", "0"]] * 4 + [
        ["1", "1", "1", "0"]
    ]
    assert rows[3]["list_sources"] == PUBLISHED_SOURCES
    assert rows[4]["list_sources"] == (
        "udsat:published;parallelsamfund:published;omdannelse:derived;forebyggelse:published"
    )
    assert [row["warnings"] for row in rows] == [""] * 5
    assert [row["source"] for row in rows] == ["published"] * 5
    # the 4th year's forecast says what next year's publication would make of the area
    assert (rows[3]["forecast_year"], rows[3]["forecast_note"]) == (
        "2023",
        "5. år på parallelsamfundslisten → omdannelsesområde",
    )
    assert rows[3]["forecast_lists"] == ""  # nothing is forecast from values
    assert rows[4]["forecast_note"] == "6. år på parallelsamfundslisten → omdannelsesområde"


def test_published_omdannelse_against_the_run_is_kept_and_warned(tmp_path):
    lines = [HEADER, "2021,Vej,Aarhus,,,,,,,,udsat;parallelsamfund"]
    lines += ["2022,Vej,Aarhus,,,,,,,,udsat;parallelsamfund;omdannelse"]
    code, target, _ = run_csv(tmp_path, "\n".join(lines))
    assert code == 0
    rows = read_rows(target)
    assert [rows[1][c] for c in ("udsat", "parallelsamfund", "omdannelse")] == ["1", "1", "1"]
    assert rows[1]["list_sources"] == PUBLISHED_SOURCES
    assert rows[1]["warnings"] == (
        "Offentliggjort som omdannelsesområde, men kun 2 år i træk på parallelsamfundslisten "
        "(omdannelse kræver 5)"
    )
    assert rows[0]["warnings"] == ""
