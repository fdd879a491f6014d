"""The charts: vl-convert SVG per indicator and Python-built sparklines."""

import re
from decimal import Decimal as D

import pytest
from django.utils import translation

from boligsocial.core.charts import BAND_FILLS, MARKER_COLOUR, sparkline
from boligsocial.screening.charts import Band, Point, _domain, describe, indicator_chart

BANDS = (Band(None, D(30), "green"), Band(D(30), D(40), "yellow"), Band(D(40), None, "red"))
POINTS = tuple(
    Point(2015 + i, None if v is None else D(v))
    for i, v in enumerate(
        ["31.2", "33.5", "35.1", None, "38.4", "41.2", "42.0", "40.5", "1043.1", "44.6"]
    )
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def chart():
    return indicator_chart(
        title="Andel uden for arbejde",
        points=POINTS,
        bands=BANDS,
        current_year=2023,
        decimals=1,
        unit="percent",
        key="k1",
    )


def test_describe_lists_every_year_in_danish_number_format():
    assert describe(POINTS[:4], 1, "percent") == "2015: 31,2 %; 2016: 33,5 %; 2017: 35,1 %; 2018: –"
    assert describe([Point(2020, D("1234.56"))], 0, "count") == "2020: 1.235"


def test_chart_is_an_accessible_svg_with_title_and_description(chart):
    svg = chart.svg
    assert svg.startswith('<svg role="img" aria-labelledby="chart-k1-title chart-k1-desc"')
    assert '<title id="chart-k1-title">Andel uden for arbejde</title>' in svg
    desc = re.search(r'<desc id="chart-k1-desc">(.*?)</desc>', svg).group(1)
    assert "2023: 1.043,1 %" in desc
    assert "Marked year: 2023." in desc
    assert "red 40 and above" in desc
    assert 'class="chart"' in svg
    assert svg.count("class=") >= 2  # vega's own classes stay on the inner groups
    # Vega's English auto-descriptions are switched off.
    assert "aria-roledescription" not in svg


def test_chart_has_bands_marker_and_danish_ticks_and_no_inline_styles(chart):
    svg = chart.svg
    for colour in ("green", "yellow", "red"):
        assert BAND_FILLS[colour] in svg
    assert MARKER_COLOUR in svg
    assert "style=" not in svg  # the strict CSP would block style attributes
    assert re.search(r">\d{1,3}(\.\d{3})*,0<", svg)  # a y tick such as "1.000,0"
    assert ">2015<" in svg and ">2024<" in svg


def test_chart_rows_repeat_the_numbers_for_the_data_table(chart):
    assert chart.rows[0] == (2015, "31,2")
    assert chart.rows[3] == (2018, "–")
    assert chart.rows[8] == (2023, "1.043,1")
    assert len(chart.rows) == 10


def test_same_chart_twice_is_built_once_from_the_cache():
    from boligsocial.screening.charts import _chart_raw

    before = _chart_raw.cache_info().hits
    first, second = (
        indicator_chart(title="t", points=POINTS[:3], bands=BANDS, current_year=2017, key=k)
        for k in ("c1", "c2")
    )
    assert _chart_raw.cache_info().hits == before + 1
    assert first.svg.replace("c1", "c2") == second.svg  # only the element ids differ


def test_chart_without_values_still_renders():
    chart = indicator_chart(
        title="Tom", points=[Point(2020, None), Point(2021, None)], bands=BANDS, current_year=2021
    )
    assert chart.svg.startswith("<svg")
    assert chart.rows == ((2020, "–"), (2021, "–"))


def test_domain_includes_the_nearby_band_edges_and_does_not_go_below_zero():
    assert _domain([D(35), D(38)], BANDS) == (pytest.approx(29.0), pytest.approx(41.0))
    assert _domain([D("0.05"), D(2)], BANDS) == (pytest.approx(0.0), pytest.approx(2.195))
    low, high = _domain([D(500), D(520)], BANDS)
    assert (low, high) == (pytest.approx(498.0), pytest.approx(522.0))


def test_sparkline_needs_two_values():
    assert sparkline([(2020, D(1))], label="x") == ""
    assert sparkline([(2020, D(1)), (2021, None)], label="x") == ""


def test_sparkline_breaks_at_missing_years_and_dots_the_last_value():
    svg = sparkline(
        [(2020, D(0)), (2021, D(10)), (2022, None), (2023, D(5)), (2024, D(10))],
        label="Udvikling <2020–2024>",
        colour="red",
        width=42,
        height=12,
    )
    assert svg.count("<polyline") == 2
    assert 'points="2.5,9.5 11.8,2.5"' in svg
    assert 'points="30.2,6.0 39.5,2.5"' in svg
    assert '<circle cx="39.5" cy="2.5" r="2.2" fill="#c11525"/>' in svg
    assert "<title>Udvikling &lt;2020–2024&gt;</title>" in svg
    assert 'role="img"' in svg
