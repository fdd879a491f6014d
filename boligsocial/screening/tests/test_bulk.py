"""The bulk (polars) screening path gives exactly the rows of the single-scope path.

No database: the configuration is built by hand and both paths run on the same generated
values (hypothesis), then the rows of `Light` columns are compared as they would be written.
The single path calls the pure `trafficlight` rules itself (test_compute.py, test_engine_rule.py).
"""

from decimal import Decimal
from unittest import mock

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligsocial.screening.engine import bulk, pipeline
from boligsocial.screening.engine.config import CompiledLegend, Config, Info, Policy
from boligsocial.screening.engine.reading import values_by_scope
from boligsocial.screening.engine.single import compute_scope, with_derived_ratio
from boligsocial.screening.engine.writing import bulk_rows, result_rows
from boligsocial.screening.models import Indicator, Light, ScreeningPolicy
from boligsocial.screening.tests.factories import screening_world
from boligsocial.screening.trafficlight.scoring import CompositeThresholds

NOW = "2025-01-01 00:00:00"
WEIGHT_SET = 7
YEARS = list(range(2015, 2023))
INACTIVE = 99  # values of an indicator that is not active: read, but not in the light

# id, code, in_light, suppressible
INDICATORS = [
    (1, "residents", False, False),
    (2, "convicted", False, True),
    (3, "convicted_ratio_national", True, True),
    (4, "outside_work_education", True, True),
    (5, "rent_arrears", True, False),
    (6, "no_legend", True, True),  # in the light but without a legend: never coloured
    (7, "vacant_leases", True, False),
    (8, "nonwestern", False, True),
]
THEMES = ["Beskæftigelse", "Tryghed", "", 'Citat "x" \\ æøå']
COLOURS = ["green", "yellow", "red"]

value_st = st.one_of(
    st.integers(min_value=-30, max_value=30),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=-(10**14) + 1, max_value=10**14 - 1),
)


@st.composite
def configs(draw):
    infos = []
    legends = {}
    for pk, code, in_light, suppressible in INDICATORS:
        infos.append(
            Info(
                pk,
                code,
                code,
                "%",
                draw(st.booleans()),
                in_light,
                1,
                draw(st.sampled_from(THEMES)),
                suppressible,
            )
        )
        if in_light and code != "no_legend":
            bound = st.integers(min_value=-(10**6), max_value=10**6)
            bounds = sorted(draw(st.sets(bound, min_size=1, max_size=3)))
            colours = tuple(draw(st.sampled_from(COLOURS)) for _ in range(len(bounds) + 1))
            legends[pk] = CompiledLegend(100 + pk, draw(st.integers(1, 3)), tuple(bounds), colours)
    weights = {
        pk: draw(st.sampled_from([Decimal(0), Decimal(1), Decimal("0.5"), Decimal("2.125")]))
        for pk, *_ in INDICATORS
        if draw(st.booleans())
    }
    yellow = draw(st.sampled_from([Decimal("0"), Decimal("33.34"), Decimal("50")]))
    red = draw(st.sampled_from([Decimal("50"), Decimal("66.67"), Decimal("100")]))

    def policy(minimum):
        return Policy(
            minimum,
            {"green": "Årlig", "yellow": "", "red": 'Plan "nu"'},
            {"green": 12, "yellow": 6, "red": None},
        )

    policies = {None: policy(draw(st.sampled_from([0, 100, 1000]))), 10: policy(50)}
    return Config(
        infos,
        {i.code: i for i in infos},
        legends,
        WEIGHT_SET,
        weights,
        CompositeThresholds(yellow, red),
        policies,
    )


@st.composite
def inputs(draw):
    cfg = draw(configs())
    rows = []
    scopes = draw(st.lists(st.integers(1, 6), min_size=1, max_size=4, unique=True))
    ids = [pk for pk, *_ in INDICATORS] + [INACTIVE]
    for scope in scopes:
        for ind in draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True)):
            for year in draw(st.lists(st.sampled_from(YEARS), max_size=8, unique=True)):
                if ind == 1:  # residents: whole persons, around the thresholds
                    value = draw(st.sampled_from([0, 49, 50, 99, 100, 999, 1000, 2500])) * 10_000
                else:
                    value = draw(value_st)
                rows.append((scope, ind, year, value))
    national = {
        2: {
            year: draw(st.sampled_from([0, 1, 9_000, 12_345]))
            for year in YEARS
            if draw(st.booleans())
        }
    }
    policy_of = {scope: draw(st.sampled_from([-1, 10])) for scope in scopes}
    years = draw(st.one_of(st.none(), st.sets(st.sampled_from(YEARS))))
    return cfg, rows, national, policy_of, years


def single_path(cfg, frame, national, policy_of, years, column):
    assert cfg.weight_set_id == WEIGHT_SET
    rows = []
    for scope, values in values_by_scope(frame):
        with_derived_ratio(cfg, values, national)
        p = policy_of[scope]
        policy = cfg.policy(None if p == -1 else p)
        results = compute_scope(cfg, values, policy, years)
        rows.extend(result_rows(column, scope, results, cfg, NOW))
    return rows


def bulk_path(cfg, frame, national, policy_of, years, column):
    scopes = pl.DataFrame(
        list(policy_of.items()), schema={"s": pl.Int64, "p": pl.Int64}, orient="row"
    )
    frame = bulk.with_derived_ratio(cfg, frame, national)
    lights = bulk.light_rows(cfg, frame, scopes, bulk.policy_frames(cfg), years)
    return bulk_rows(column, lights, WEIGHT_SET, NOW).full().rows()


@pytest.mark.parametrize("column", ["department_id", "area_id"])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=inputs())
def test_bulk_path_equals_single_path(column, data):
    cfg, rows, national, policy_of, years = data
    frame = pl.DataFrame(rows, schema=bulk.FRAME_SCHEMA, orient="row")
    assert bulk.fits(frame)
    expected = single_path(cfg, frame, national, policy_of, years, column)
    assert bulk_path(cfg, frame, national, policy_of, years, column) == expected


@pytest.mark.parametrize("column", ["department_id", "area_id"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=inputs())
def test_bulk_path_with_numbered_scopes_and_hashed_cell_texts_equals_single_path(column, data):
    """The grid's other layout (scopes numbered, for ids far apart) and the cell texts' other
    lookup (by hash, for large codes) give the same rows."""
    cfg, rows, national, policy_of, years = data
    frame = pl.DataFrame(rows, schema=bulk.FRAME_SCHEMA, orient="row")
    expected = single_path(cfg, frame, national, policy_of, years, column)
    grids, real = [], bulk._Grid.of

    def recording(cfg, frame):
        grids.append(real(cfg, frame))
        return grids[-1]

    with (
        mock.patch.object(bulk, "_grid_limit", lambda frame: 0),
        mock.patch.object(bulk, "DENSE_CODES", 0),
        mock.patch.object(bulk._Grid, "of", recording),
    ):
        assert bulk_path(cfg, frame, national, policy_of, years, column) == expected
    assert [g.frame.get_column("s").unique(maintain_order=True).to_list() for g in grids] == (
        [sorted({r[0] for r in rows})] if rows else []
    )


def _frame(rows):
    return pl.DataFrame(rows, schema=bulk.FRAME_SCHEMA, orient="row")


@settings(max_examples=20, deadline=None)
@given(cfg=configs())
def test_a_year_with_only_an_inactive_indicator_still_gets_an_empty_light(cfg):
    frame = _frame([(1, INACTIVE, 2020, 5)])
    rows = bulk_path(cfg, frame, {}, {1: -1}, None, "department_id")
    assert rows == single_path(cfg, frame, {}, {1: -1}, None, "department_id")
    assert [r[2:8] for r in rows] == [(2020, None, "none", "", "", "[]")]


@pytest.mark.parametrize("higher_worse", [False, True])
def test_the_direction_of_a_derived_ratio_near_the_64_bit_limit_is_exact(higher_worse):
    """A derived ratio can be 10,000 x a value that fits (found by hypothesis): the closed-form
    direction must not overflow where `fast_direction` does not."""
    infos = [
        Info(pk, code, code, "%", higher_worse, in_light, 1, "", suppressible)
        for pk, code, in_light, suppressible in INDICATORS[:3]
    ]
    policy = Policy(0, {"green": "", "yellow": "", "red": ""}, {})
    cfg = Config(
        infos,
        {i.code: i for i in infos},
        {3: CompiledLegend(103, 1, (10**18,), ("green", "red"))},
        WEIGHT_SET,
        {},
        CompositeThresholds(Decimal(50), Decimal(100)),
        {None: policy},
    )
    residents = [(1, 1, 2017, 2500 * 10_000), (1, 1, 2018, 2500 * 10_000)]
    frame = _frame([*residents, (1, 2, 2017, 0), (1, 2, 2018, 4_611_686_018_428)])
    national = {2: {2017: 1, 2018: 1}}
    rows = bulk_path(cfg, frame, national, {1: -1}, None, "area_id")
    assert rows == single_path(cfg, frame, national, {1: -1}, None, "area_id")
    cell = rows[-1][5].split(";")[-1]  # 2018: the ratio rose from 0 to 46116860184280000
    assert cell.startswith("3,46116860184280000,")  # convicted_ratio_national
    assert cell.split(",")[2][2] == ("w" if higher_worse else "i")


def test_a_grid_of_mostly_empty_years_is_left_to_the_single_path():
    """Years far apart would make the grid mostly empty: `handles` refuses such a frame, and
    ids far apart alone do not (the scopes are numbered)."""
    cfg = _configs_example()
    dense = [(s, 1, year, 1000) for s in (1, 2) for year in range(2016, 2026)]
    assert bulk.handles(cfg, _frame(dense))
    far_ids = [(s, 1, year, 1000) for s in (1, 10**9) for year in range(2016, 2026)]
    assert bulk.handles(cfg, _frame(far_ids))
    far_years = [*dense, (1, 1, 1016, 1000)]  # 1,010 years for 21 values
    assert bulk.grid_fits(_frame(far_years[:-1]))
    assert not bulk.grid_fits(_frame(far_years))
    assert not bulk.handles(cfg, _frame(far_years))


def _configs_example():
    infos = [Info(1, "residents", "residents", "", False, False, 0, "", False)]
    policy = Policy(0, {"green": "", "yellow": "", "red": ""}, {})
    return Config(
        infos, {"residents": infos[0]}, {}, WEIGHT_SET, {},
        CompositeThresholds(Decimal(50), Decimal(100)), {None: policy},
    )  # fmt: skip


def test_values_too_large_for_64_bits_do_not_fit():
    assert bulk.fits(_frame([(1, 4, 2020, 10**14 - 1)]))
    assert not bulk.fits(_frame([(1, 4, 2020, -(10**14))]))


LIGHT_FIELDS = ("department_id", "area_id", "year", "score", "colour", "indicators",
                "recommendation", "follow_up", "review_months", "weight_set_id",
                "legend_versions")  # fmt: skip


def _stored_lights(fields=LIGHT_FIELDS) -> list[tuple]:
    """The stored lights as tuples of `fields` (attributes: `legend_versions` and `analysis`
    are properties), in a fixed order."""
    lights = Light.objects.order_by("department_id", "area_id", "year")
    return [tuple(getattr(light, f) for f in fields) for light in lights]


@pytest.mark.django_db
def test_screen_stores_the_same_lights_by_the_bulk_and_the_single_path(world, monkeypatch):
    screening_world(world)  # small: screened by the single path
    single = _stored_lights((*LIGHT_FIELDS, "analysis"))
    monkeypatch.setattr(pipeline, "SMALL", 0)  # everything through polars (COPY on PostgreSQL)
    stats = pipeline.screen()
    assert (stats.departments, stats.areas, stats.lights, stats.statuses) == (4, 3, 21, 13)
    assert not Light.objects.exclude(analysis_text="").exists()
    assert _stored_lights((*LIGHT_FIELDS, "analysis")) == single
    assert len(single) == 21


@pytest.mark.django_db
def test_a_screen_with_more_indicators_than_the_bulk_key_holds_takes_the_single_path(
    world, monkeypatch
):
    """The bulk path takes fewer than `bulk.MAX_INDICATORS` indicators (a grid column each)."""
    screening_world(world)
    single = _stored_lights()
    monkeypatch.setattr(pipeline, "SMALL", 0)  # the bulk path, were it not for the limit
    monkeypatch.setattr(bulk, "MAX_INDICATORS", 3)
    monkeypatch.setattr(bulk, "light_rows", None)  # calling it would fail
    pipeline.screen()
    assert _stored_lights() == single
    assert len(single) == 21


ODD_TEXT = 'Plan:\tkvartal \\n ikke linjeskift\nlinje 2\r\n"citat", semikolon; \\ slut'


@pytest.mark.django_db
def test_the_bulk_write_keeps_tabs_newlines_and_backslashes_in_follow_up_and_themes(
    world, monkeypatch
):
    """COPY's text format treats backslash, tab and newlines specially (PostgreSQL); the
    organisation's follow-up text and the theme names are stored exactly as written."""
    screening_world(world)
    ScreeningPolicy.objects.update(follow_up_red=ODD_TEXT, follow_up_yellow=ODD_TEXT)
    Indicator.objects.exclude(theme="").update(theme="Tema\tmed \\ og\nlinje")
    pipeline.screen()  # the single path: multi-row INSERT with parameters
    fields = ("department_id", "area_id", "year", "colour", "recommendation", "follow_up")
    single = _stored_lights(fields)
    monkeypatch.setattr(pipeline, "SMALL", 0)
    pipeline.screen()
    assert _stored_lights(fields) == single
    follow_ups = {light[5] for light in single if light[3] in ("red", "yellow")}
    assert follow_ups == {ODD_TEXT}
    assert ["Tema\tmed \\ og\nlinje"] in [light[4] for light in single]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("small", [0, pipeline.SMALL], ids=["bulk", "single-path-chunks"])
def test_a_screen_outside_a_transaction_pipelines_the_chunks_with_the_same_result(
    world, monkeypatch, small
):
    """Outside any transaction, more than one chunk runs as the read/compute/write pipeline
    (a second connection reads); it stores exactly what the single path stored, also when the
    chunks are small enough for the single path (written on the screening's connection)."""
    screening_world(world)
    single = _stored_lights()
    pipelined = []
    real = pipeline._pipelined

    def counting(chunks, work, meanwhile=None):
        pipelined.append((len(chunks), meanwhile is not None))
        return real(chunks, work, meanwhile)

    monkeypatch.setattr(pipeline, "SMALL", small)
    monkeypatch.setattr(pipeline, "CHUNK", 1)  # one department per chunk
    monkeypatch.setattr(pipeline, "_pipelined", counting)
    stats = pipeline.screen()
    assert pipelined == [(4, True)]  # the areas screened while the first chunks are read
    assert (stats.departments, stats.areas, stats.lights, stats.statuses) == (4, 3, 21, 13)
    assert _stored_lights() == single
    assert len(single) == 21
