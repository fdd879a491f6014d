"""screen() and rescreen_after_import() on the screening_world data: exact stored results."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligsocial.screening.engine import pipeline, reading, rescreen_after_import, screen
from boligsocial.screening.engine.config import CompiledLegend
from boligsocial.screening.models import (
    ImportBatch,
    Indicator,
    IndicatorValue,
    LegendSet,
    Light,
    ScreeningPolicy,
    StatutoryStatus,
)
from boligsocial.screening.tests.factories import A1_OUTSIDE_WORK_2024, screening_world
from boligsocial.screening.trafficlight import Colour, LegendRange, Polarity, colour_for, direction
from boligsocial.screening.trafficlight.scoring import direction_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def sw(world):
    return screening_world(world)


def test_red_department(sw):
    light = sw.light_a1
    assert (light.year, light.colour, light.score) == (2024, "red", Decimal("94.4444"))
    colours = {code: i["colour"] for code, i in light.indicators.items() if i["colour"]}
    assert colours == {
        "outside_work_education": "red",
        "convicted_ratio_national": "red",  # 2.70 / 0.90 = exactly 3 x the national average
        "basic_education": "red",
        "income_pct_region": "red",
        "single_parents": "red",
        "move_out_rate": "red",
        "vacant_leases": "yellow",
        "rent_arrears": "red",
        "evictions_per_1000": "red",
    }
    assert light.indicators["outside_work_education"] == A1_OUTSIDE_WORK_2024
    assert light.indicators["residents"]["value"] == "1220.0000"
    assert light.indicators["nonwestern"]["colour"] is None  # not in the light
    assert light.recommendation == [
        "Beskæftigelse",
        "Kriminalitetsforebyggelse",
        "Uddannelse og livschancer",
        "Sammenhængskraft og medborgerskab",
        "Økonomisk rådgivning og forebyggelse af udsættelser",
    ]
    assert light.follow_up == "Handlingsplan og opfølgning hvert kvartal"
    assert light.review_months == 3
    legend_ids = dict(LegendSet.objects.values_list("indicator__code", "id"))
    # the world holds no vulnerability analysis and no survey: those indicators have no value
    # and no legend used
    fed_later = {"vulnerability_score", "safety_survey_score"}
    assert set(legend_ids) - set(light.legend_versions) == fed_later
    for code in fed_later:
        del legend_ids[code]
    assert light.legend_versions == legend_ids
    # organisation A: (43.1 + 35.0) / 2 = 39.05, 4.05 shown half-even as 4,0; Aarhus: 32.7
    assert light.analysis.startswith(
        "I 2024 er 8 af 9 indikatorer røde: andel 18–64-årige uden for arbejde og uddannelse "
        "(43,1 %), andel dømte i forhold til landsgennemsnittet (3,00), "
    )
    assert (
        "Andel 18–64-årige uden for arbejde og uddannelse er forværret siden sidste år og har "
        "stået på rødt siden 2023. Set over de seneste tre år går udviklingen i den forkerte "
        "retning. Alfaparken ligger 4,0 procentpoint over boligorganisationens gennemsnit, "
        "10,4 procentpoint over kommunens gennemsnit og 27,1 procentpoint over "
        "landsgennemsnittet." in light.analysis
    )
    assert (
        "Den samlede score er 94,4 ud af 100, og det samlede trafiklys er rødt." in light.analysis
    )


def test_yellow_and_green_departments(sw):
    a2, b1 = sw.light_a2, sw.light_b1
    assert (a2.colour, a2.score, a2.recommendation) == (
        "yellow",
        Decimal("38.8889"),
        ["Økonomisk rådgivning og forebyggelse af udsættelser"],
    )
    assert a2.follow_up == "Opfølgning hvert halve år"
    # derived ratio 1.90 / 0.90 truncated to 4 decimals
    assert a2.indicators["convicted_ratio_national"]["value"] == "2.1111"
    assert (b1.colour, b1.score, b1.recommendation, b1.review_months) == (
        "green",
        Decimal("0.0000"),
        [],
        12,
    )
    assert b1.analysis == (
        "I 2024 er alle 9 indikatorer grønne. Den samlede score er 0,0 ud af 100, og det samlede "
        "trafiklys er grønt."
    )


def test_small_department_register_figures_are_suppressed(sw):
    light = sw.light_b_other  # 80 residents < 100
    suppressed = {c for c, i in light.indicators.items() if i["suppressed"]}
    assert suppressed == {
        "outside_work_education",
        "convicted",
        "convicted_ratio_national",
        "basic_education",
        "income_pct_region",
        "nonwestern",
        "children",
        "single_parents",
    }
    assert light.indicators["outside_work_education"]["value"] is None
    assert light.indicators["rent_arrears"]["value"] == "2.5000"  # operational: shown
    assert (light.colour, light.score) == ("green", Decimal("0.0000"))
    assert "47" not in light.analysis


def test_organisation_policy_overrides_the_global_one(sw):
    ScreeningPolicy.objects.create(
        organisation=sw.org_b,
        min_residents=50,
        follow_up_yellow="Møde med afdelingsbestyrelsen hver anden måned",
        review_months_yellow=2,
    )
    screen(department_ids=[sw.dept_b_other.pk, sw.dept_a2.pk])
    light = Light.objects.get(department=sw.dept_b_other, year=2024)
    assert not any(i["suppressed"] for i in light.indicators.values())
    # red: outside work 47 %, ratio 3.33, basic education 65 %, income 50 %, single parents 25 %;
    # green: the 4 operational ones -> 500 / 9
    assert (light.colour, light.score) == ("yellow", Decimal("55.5556"))
    assert (light.follow_up, light.review_months) == (
        "Møde med afdelingsbestyrelsen hver anden måned",
        2,
    )
    a2 = Light.objects.get(department=sw.dept_a2, year=2024)  # organisation A: the global policy
    assert (a2.colour, a2.follow_up, a2.review_months) == ("yellow", "Opfølgning hvert halve år", 6)


def test_area_light_and_statutory_lists(sw):
    assert (sw.light_area_shared.colour, sw.light_area_shared.score) == ("red", Decimal("77.7778"))
    by_year = {
        s.year: (s.lists, s.from_published)
        for s in StatutoryStatus.objects.filter(area=sw.area_shared)
    }
    assert by_year == {
        2018: (["udsat", "parallelsamfund"], True),
        2019: (["udsat", "parallelsamfund"], True),
        2020: (["udsat", "parallelsamfund"], True),
        2021: (["udsat", "parallelsamfund"], True),
        # the fifth year in a row as parallelsamfund: omdannelse
        2022: (["udsat", "parallelsamfund", "omdannelse"], False),
        2023: (["udsat", "parallelsamfund", "omdannelse"], False),
        2024: (["udsat", "parallelsamfund", "omdannelse"], False),
    }
    status = sw.status_shared
    assert status.criteria_met == [
        "beboere",
        "beskaeftigelse",
        "kriminalitet",
        "indkomst",
        "ikke_vestlige",
        "forebyggelse_beskaeftigelse",
        "forebyggelse_kriminalitet",
        "forebyggelse_indkomst",
        "forebyggelse_ikke_vestlige",
    ]
    criteria = {c["name"]: c for c in status.details["criteria"]}
    assert criteria["beskaeftigelse"] == {
        "name": "beskaeftigelse",
        "value": "43.0000",
        "threshold": "40",
        "op": ">",
        "met": True,
        "distance_pp": "3.0000",
        "persons_to_flip": 73,  # 3 % of 2,420 = 72.6 -> 73
    }
    assert criteria["kriminalitet"]["threshold"] == "2.7000"  # 3 x 0.90
    assert status.details["parallelsamfund_years"] == 7
    assert status.details["forecast"]["year"] == 2025
    assert status.details["forecast"]["lists"] == ["udsat", "parallelsamfund", "omdannelse"]
    assert (sw.status_a2.lists, sw.status_other.lists) == (["forebyggelse"], [])
    assert "beboere" not in sw.status_other.criteria_met  # 900 residents


def test_screen_one_department_replaces_only_its_lights(sw):
    others = dict(Light.objects.exclude(department=sw.dept_a1).values_list("id", "computed_at"))
    IndicatorValue.objects.filter(
        department=sw.dept_a1, indicator__code="rent_arrears", year=2024
    ).update(value=Decimal("1.0"))
    stats = screen(department_ids=[sw.dept_a1.pk])
    assert (stats.departments, stats.areas, stats.lights, stats.statuses) == (1, 0, 3, 0)
    assert dict(Light.objects.exclude(department=sw.dept_a1).values_list("id", "computed_at")) == (
        others
    )
    light = Light.objects.get(department=sw.dept_a1, year=2024)
    assert light.indicators["rent_arrears"]["colour"] == "green"
    assert light.score == Decimal("83.3333")  # 7 red, 1 yellow, 1 green: 750 / 9


def test_screen_years_keeps_other_years(sw):
    before = dict(Light.objects.filter(department=sw.dept_a1).values_list("year", "id"))
    screen(department_ids=[sw.dept_a1.pk], years=[2024])
    after = dict(Light.objects.filter(department=sw.dept_a1).values_list("year", "id"))
    assert after[2022] == before[2022] and after[2023] == before[2023]
    assert after[2024] != before[2024]


def test_department_without_values_has_no_light(sw):
    IndicatorValue.objects.filter(department=sw.dept_a2).delete()
    screen(department_ids=[sw.dept_a2.pk])
    assert not Light.objects.filter(department=sw.dept_a2).exists()


def test_rescreen_after_import_screens_the_touched_department_and_blanks_peer_analyses(sw):
    for light in Light.objects.all():
        assert light.analysis  # rendered and cached
    a2_before = Light.objects.get(department=sw.dept_a2, year=2024)
    # Alfahaven 35.0 %, organisation A (35.0 + 43.1) / 2 = 39.05: 4.05 shown half-even as 4,0
    assert "4,0 procentpoint under boligorganisationens gennemsnit" in a2_before.analysis_text
    batch = ImportBatch.objects.create(filename="x.csv", status="done")
    IndicatorValue.objects.filter(
        department=sw.dept_a1, indicator__code="outside_work_education", year=2024
    ).update(value=Decimal("46.0"), batch=batch)
    before = {
        (light.department_id, light.area_id, light.year): (light.pk, light.analysis_text)
        for light in Light.objects.all()
    }
    result = rescreen_after_import(batch)
    assert (result.departments, result.areas, result.lights) == (1, 0, 3)
    after = {
        (light.department_id, light.area_id, light.year): (light.pk, light.analysis_text)
        for light in Light.objects.all()
    }
    assert after.keys() == before.keys()
    a1 = sw.dept_a1.pk
    changed_rows = {k for k in after if after[k][0] != before[k][0]}
    assert changed_rows == {(a1, None, 2022), (a1, None, 2023), (a1, None, 2024)}
    blanked = {k for k in after if after[k][1] != before[k][1] and k not in changed_rows}
    # organisation A (a2) and Aarhus (b1, and the areas Fællesområdet and Haveområdet), 2024 only
    assert blanked == {
        (sw.dept_a2.pk, None, 2024),
        (sw.dept_b1.pk, None, 2024),
        (None, sw.area_shared.pk, 2024),
        (None, sw.area_a2.pk, 2024),
    }
    assert all(after[k][1] == "" for k in blanked | changed_rows)
    a2 = Light.objects.get(department=sw.dept_a2, year=2024)
    # now (35.0 + 46.0) / 2 = 40.5
    assert "5,5 procentpoint under boligorganisationens gennemsnit" in a2.analysis
    # the lazily re-rendered texts equal those of a fresh screen of everything
    texts = {k: Light.objects.get(pk=after[k][0]).analysis for k in after}
    screen()
    assert {
        (light.department_id, light.area_id, light.year): light.analysis
        for light in Light.objects.all()
    } == texts


def test_rescreen_after_import_of_a_national_value_screens_everything(sw):
    batch = ImportBatch.objects.create(filename="n.csv", status="done")
    IndicatorValue.objects.filter(
        department__isnull=True, area__isnull=True, indicator__code="convicted", year=2024
    ).update(value=Decimal("1.00"), batch=batch)
    result = rescreen_after_import(batch)
    assert (result.departments, result.areas) == (4, 3)
    light = Light.objects.get(department=sw.dept_a1, year=2024)
    assert light.indicators["convicted_ratio_national"]["value"] == "2.7000"
    assert light.indicators["convicted_ratio_national"]["colour"] == "yellow"


def test_screening_twice_gives_the_same_rows(sw):
    fields = [
        "department_id",
        "area_id",
        "year",
        "score",
        "colour",
        "indicators",
        "recommendation",
        "follow_up",
        "review_months",
        "weight_set_id",
        "legend_versions",
    ]

    def snapshot():
        return [
            (*(getattr(light, f) for f in fields), light.analysis)
            for light in Light.objects.order_by("department_id", "area_id", "year")
        ]

    first = snapshot()
    assert Light.objects.exclude(analysis_text="").count() == 21  # every light has colours
    screen()
    assert not Light.objects.exclude(analysis_text="").exists()  # fresh rows: not rendered yet
    assert snapshot() == first
    # 13 of issue 3 + house_rule_cases_per_100 (0006) + vulnerability_score (analyses 0003)
    # + safety_survey_score (surveys 0003)
    assert Indicator.objects.count() == 16


# --- the integer fast paths equal the pure rules -------------------------------------------

scaled = st.integers(min_value=-(10**9), max_value=10**9)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), scaled), min_size=3, max_size=3),
    st.sampled_from(list(Polarity)),
)
def test_direction_of_scaled_points_equals_pure_direction(values, polarity):
    """The single path gives `direction_of` the values x 10,000 as integers."""
    year = 2024
    by_year = {year - 2 + i: Decimal(v).scaleb(-4) for i, v in enumerate(values) if v is not None}
    points = [(t - year, int(v.scaleb(4))) for t, v in sorted(by_year.items())]
    fast = direction_of(points, polarity)
    assert fast == direction(by_year, year, polarity)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1, max_size=4, unique=True),
    scaled,
    st.randoms(use_true_random=False),
)
def test_compiled_legend_equals_colour_for(bounds, value, rnd):
    bounds = sorted(bounds)
    colours = [rnd.choice(list(Colour)) for _ in range(len(bounds) + 1)]
    edges = [None, *[Decimal(b).scaleb(-4) for b in bounds], None]
    ranges = [LegendRange(edges[i], edges[i + 1], colours[i]) for i in range(len(colours))]
    compiled = CompiledLegend(1, 1, tuple(bounds), tuple(c.value for c in colours))
    expected = colour_for(Decimal(value).scaleb(-4), ranges)
    assert compiled.ranges == tuple(ranges)
    assert colour_for(Decimal(value).scaleb(-4), compiled.ranges) == expected


def test_the_first_and_last_chunks_of_a_pipelined_screen_are_a_quarter_of_the_others(
    monkeypatch,
):
    monkeypatch.setattr(pipeline, "CHUNK", 8)
    ids = list(range(101, 121))  # 20 scopes
    chunks = list(pipeline._scope_chunks(ids, explicit=True))
    assert [c["ids"] for c in chunks] == [ids[:2], ids[2:10], ids[10:18], ids[18:]]
    ranges = list(pipeline._scope_chunks(ids, explicit=False))
    assert [r["between"] for r in ranges] == [(101, 102), (103, 110), (111, 118), (119, 120)]
    assert list(pipeline._scope_chunks(ids[:8], explicit=True)) == [{"ids": ids[:8]}]
    assert list(pipeline._scope_chunks([], explicit=True)) == []
    assert [len(c["ids"]) for c in pipeline._scope_chunks(ids[:15], explicit=True)] == [2, 8, 3, 2]


def _stored_frame_rows(column: str) -> list[tuple]:
    rows = IndicatorValue.objects.filter(**{f"{column}__isnull": False}).values_list(
        column, "indicator_id", "year", "value"
    )
    return sorted((s, i, y, int(v.scaleb(4))) for s, i, y, v in rows)


@pytest.mark.parametrize("year", [2019, 1985], ids=["compact-key", "wide-key-fallback"])
def test_read_frame_returns_exactly_the_stored_values_packed_and_unpacked(world, year):
    """The packed read (`KeyLayout`): scope, indicator, year and value x 10,000 come back
    exactly, by id list, id range and all; a year before 1990 does not fit the compact key and
    is read with the wide one."""
    codes = ["residents", "outside_work_education", "income_pct_region"]
    indicators = list(Indicator.objects.filter(code__in=codes))
    values = [Decimal("1234"), Decimal("-0.0001"), Decimal("99999.9999")]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=ind, department=dept, year=y, value=value + n)
        for n, dept in enumerate([world.dept_a1, world.dept_a2, world.dept_b1])
        for ind, value in zip(indicators, values, strict=True)
        for y in (year, 2024)
    )
    expected = _stored_frame_rows("department_id")
    assert len(expected) == 18

    def rows(frame):
        return sorted(frame.select("s", "i", "y", "v").iter_rows())

    ids = sorted({world.dept_a1.pk, world.dept_a2.pk, world.dept_b1.pk})
    assert rows(reading.read_frame("department_id")) == expected
    assert rows(reading.read_frame("department_id", ids=ids)) == expected
    assert rows(reading.read_frame("department_id", between=(ids[0], ids[-1]))) == expected
    only = [r for r in expected if r[0] == world.dept_a2.pk]
    assert rows(reading.read_frame("department_id", ids=[world.dept_a2.pk])) == only
    assert reading.read_frame("department_id", ids=[]).is_empty()
