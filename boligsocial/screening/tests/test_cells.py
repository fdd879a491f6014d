"""The compact text of a light's indicators (`screening.cells`): exact examples, errors, and
the round trip on generated dicts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.screening import cells
from boligsocial.screening.tests.factories import A1_OUTSIDE_WORK_2024, SUPPRESSED

RED = {**A1_OUTSIDE_WORK_2024, "legend_version": 2}


def test_encode_writes_the_documented_text():
    negative = {**SUPPRESSED, "value": "-0.0500", "suppressed": False}
    text = cells.encode(
        {"outside_work_education": RED, "residents": negative}, {"outside_work_education": 17}
    )
    assert text == "outside_work_education,431000,rww,2023,2,17;residents,-500,---,,,"


def test_decode_gives_the_dict_and_the_legend_sets():
    decoded = cells.decode("outside_work_education,431000,rww,2023,2,17;vacant_leases,,---,,,4")
    assert decoded == {"outside_work_education": RED, "vacant_leases": SUPPRESSED}
    assert decoded.legend_sets == {"outside_work_education": 17, "vacant_leases": 4}
    assert list(decoded) == ["outside_work_education", "vacant_leases"]  # order kept


def test_empty():
    assert cells.encode({}) == ""
    assert cells.decode("") == {} and cells.decode("").legend_sets == {}
    assert cells.decode(None) == {}


@pytest.mark.parametrize(
    ("indicators", "legend_sets", "message"),
    [
        ({"a": {**RED, "value": "1.00001"}}, {}, "more than 4 decimals"),
        ({"a;b": RED}, {}, "cannot hold"),
        ({"a": RED}, {"b": 3}, "legend sets without a cell"),
    ],
)
def test_encode_refuses_what_it_cannot_store(indicators, legend_sets, message):
    with pytest.raises(ValueError, match=message):
        cells.encode(indicators, legend_sets)


Q4 = Decimal("0.0001")
values = st.decimals(min_value=-(10**10) + 1, max_value=10**10 - 1, places=4, allow_nan=False)
entries = st.one_of(
    st.just(SUPPRESSED),
    st.builds(
        lambda value, colour, trend, direction, since, version: {
            "value": str(value.quantize(Q4)),
            "colour": colour,
            "trend": trend,
            "direction": direction,
            "since": since,
            "suppressed": False,
            "legend_version": version,
        },
        values,
        st.sampled_from([None, "green", "yellow", "red"]),
        st.sampled_from([None, "unchanged", "worse", "better"]),
        st.sampled_from([None, "stable", "worsening", "improving"]),
        st.one_of(st.none(), st.integers(1990, 2100)),
        st.one_of(st.none(), st.integers(1, 500)),
    ),
)
codes = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=30)


@given(st.dictionaries(codes, entries, max_size=15), st.data())
def test_round_trip(indicators, data):
    legend_sets = {
        code: data.draw(st.integers(1, 10**9)) for code in indicators if data.draw(st.booleans())
    }
    decoded = cells.decode(cells.encode(indicators, legend_sets))
    assert decoded == indicators
    assert list(decoded) == list(indicators)
    assert decoded.legend_sets == legend_sets
    assert cells.encode(decoded) == cells.encode(indicators, legend_sets)


def test_with_the_maps_the_text_names_indicators_by_id():
    ids = {"outside_work_education": 2, "residents": 1}
    text = cells.encode({"outside_work_education": RED, "residents": SUPPRESSED}, {}, ids=ids)
    assert text == "2,431000,rww,2023,2,;1,,---,,,"
    decoded = cells.decode(
        "2,431000,rww,2023,2,17;1,,---,,,", codes={2: "outside_work_education", 1: "residents"}
    )
    assert decoded == {"outside_work_education": RED, "residents": SUPPRESSED}
    assert decoded.legend_sets == {"outside_work_education": 17}


def test_an_indicator_missing_from_the_maps_is_a_key_error():
    with pytest.raises(KeyError):
        cells.encode({"residents": SUPPRESSED}, ids={"children": 7})
    with pytest.raises(KeyError):
        cells.decode("1,,---,,,", codes={2: "children"})
