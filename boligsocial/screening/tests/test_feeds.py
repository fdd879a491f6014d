"""screening.feeds.replace_values: the one way another app feeds an indicator."""

from decimal import Decimal

import pytest

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.screening.feeds import FeedError, FeedResult, replace_values
from boligsocial.screening.models import Indicator, IndicatorValue, Light
from boligsocial.screening.tests.factories import screening_world

pytestmark = pytest.mark.django_db

CODE = "house_rule_cases_per_100"
SOURCE = "Boligsocial: husordenssager"
D = Decimal


@pytest.fixture
def sw(world):
    return screening_world(world)


def _values(code=CODE):
    return {
        (v.department_id, v.year): (v.value, v.source)
        for v in IndicatorValue.objects.filter(indicator__code=code)
    }


def _cell(department, year=2024):
    return Light.objects.get(department=department, year=year).indicators[CODE]["value"]


def _everything():
    """What a refused feed must leave alone: every value, every light, the audit log."""
    value_fields = ("id", "indicator_id", "department_id", "area_id", "year", "value", "source")
    values = sorted(IndicatorValue.objects.values_list(*value_fields))
    light_fields = ("id", "department_id", "area_id", "year", "colour", "analysis_text")
    lights = sorted(Light.objects.values_list(*light_fields))
    return values, lights, ChangeLogEntry.objects.count()


def test_feeding_stores_the_values_screens_the_departments_and_records_one_entry(sw):
    result = replace_values(
        indicator_code=CODE,
        year=2024,
        values={sw.dept_a1.pk: D("1.5"), sw.dept_a2.pk: 3},
        source=SOURCE,
    )
    assert result == FeedResult(CODE, 2024, created=2, updated=0, deleted=0, unchanged=0)
    assert _values() == {
        (sw.dept_a1.pk, 2024): (D("1.5000"), SOURCE),
        (sw.dept_a2.pk, 2024): (D("3.0000"), SOURCE),
    }
    assert (_cell(sw.dept_a1), _cell(sw.dept_a2)) == ("1.5000", "3.0000")
    [entry] = ChangeLogEntry.objects.all()
    indicator = Indicator.objects.get(code=CODE)
    assert (entry.actor, entry.object_id, entry.action) == (None, str(indicator.pk), "import")
    assert entry.changes == {
        f"department {sw.dept_a1.pk}, 2024": [None, "1.5"],
        f"department {sw.dept_a2.pk}, 2024": [None, "3"],
    }


def test_feeding_replaces_the_sources_values_and_leaves_other_sources_alone(sw):
    indicator = Indicator.objects.get(code=CODE)
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator, department=sw.dept_a1, year=2024, value=1, source=SOURCE
            ),
            IndicatorValue(
                indicator=indicator, department=sw.dept_a2, year=2024, value=2, source=SOURCE
            ),
            IndicatorValue(
                indicator=indicator,
                department=sw.dept_b1,
                year=2024,
                value=7,
                source="Håndindtastet",
            ),
            IndicatorValue(
                indicator=indicator,
                department=sw.dept_b_other,
                year=2024,
                value=4,
                source="Håndindtastet",
            ),
            IndicatorValue(
                indicator=indicator, department=sw.dept_a2, year=2023, value=9, source=SOURCE
            ),
        ]
    )
    result = replace_values(
        indicator_code=CODE,
        year=2024,
        # a1 unchanged, a2 gone, b1 taken over from another source with a new value,
        # b_other taken over with the same value
        values={sw.dept_a1.pk: D("1.0"), sw.dept_b1.pk: D("0.5"), sw.dept_b_other.pk: 4},
        source=SOURCE,
    )
    assert result == FeedResult(CODE, 2024, created=0, updated=2, deleted=1, unchanged=1)
    assert _values() == {
        (sw.dept_a1.pk, 2024): (D("1.0000"), SOURCE),
        (sw.dept_b1.pk, 2024): (D("0.5000"), SOURCE),
        (sw.dept_b_other.pk, 2024): (D("4.0000"), SOURCE),
        (sw.dept_a2.pk, 2023): (D("9.0000"), SOURCE),  # another year: left alone
    }
    [entry] = ChangeLogEntry.objects.all()
    assert entry.changes == {
        f"department {sw.dept_b1.pk}, 2024": ["7.0000", "0.5"],
        f"source of department {sw.dept_b1.pk}, 2024": ["Håndindtastet", SOURCE],
        f"source of department {sw.dept_b_other.pk}, 2024": ["Håndindtastet", SOURCE],
        f"department {sw.dept_a2.pk}, 2024": ["2.0000", None],
    }


def test_a_value_removed_by_a_feed_leaves_the_light_and_peers_lose_their_cached_analyses(sw):
    replace_values(indicator_code=CODE, year=2024, values={sw.dept_a1.pk: 2}, source=SOURCE)
    lights = Light.objects.filter(year=2024)
    for light in lights:
        assert light.analysis  # rendered and cached
    cached = set(lights.exclude(analysis_text="").values_list("id", flat=True))
    assert len(cached) == lights.count() == 7
    result = replace_values(indicator_code=CODE, year=2024, values={}, source=SOURCE)
    assert result == FeedResult(CODE, 2024, created=0, updated=0, deleted=1, unchanged=0)
    assert _values() == {}
    assert CODE not in Light.objects.get(department=sw.dept_a1, year=2024).indicators
    # the other organisation's department in Aalborg and the Aalborg area keep their texts
    kept = set(
        Light.objects.filter(year=2024).exclude(analysis_text="").values_list("id", flat=True)
    )
    assert kept == {sw.light_b_other.pk, Light.objects.get(area=sw.area_other, year=2024).pk}


def test_feeding_the_same_values_again_changes_and_records_nothing(sw):
    values = {sw.dept_a1.pk: D("1.5")}
    replace_values(indicator_code=CODE, year=2024, values=values, source=SOURCE)
    before = _everything()
    computed = dict(Light.objects.values_list("id", "computed_at"))
    again = replace_values(indicator_code=CODE, year=2024, values=values, source=SOURCE)
    assert again == FeedResult(CODE, 2024, created=0, updated=0, deleted=0, unchanged=1)
    assert _everything() == before
    assert dict(Light.objects.values_list("id", "computed_at")) == computed  # not re-screened
    assert ChangeLogEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"indicator_code": "no_such_indicator"}, "Indikatoren 'no_such_indicator' findes ikke."),
        ({"values": {"A1": 1}}, "En afdeling angives med sit id (et helt tal), ikke 'A1'."),
        ({"values": {999_999: 1}}, "Der findes ingen afdeling med id 999999."),
        ({"values": "float"}, "Værdien for afdeling {a1} skal være et tal (ikke 1.5)."),
        ({"values": "decimals"}, "Værdien for afdeling {a1} har mere end 4 decimaler."),
        ({"values": "large"}, "Værdien for afdeling {a1} er for stor."),
        ({"values": "nan"}, "Værdien for afdeling {a1} skal være et endeligt tal."),
        ({"year": 1989}, "Året skal være et helt tal fra 1990 til 2100."),
        ({"source": " "}, "Kilden skal være en tekst på 1 til 200 tegn."),
    ],
)
def test_bad_input_is_refused_in_danish_and_changes_nothing(sw, kwargs, message):
    a1 = sw.dept_a1.pk
    bad_values = {
        "float": {a1: 1.5},
        "decimals": {a1: D("1.00001")},
        "large": {a1: D("1E10")},
        "nan": {a1: D("NaN")},
    }
    if isinstance(kwargs.get("values"), str):
        kwargs = {"values": bad_values[kwargs["values"]]}
    arguments = {
        "indicator_code": CODE,
        "year": 2024,
        "values": {a1: D("1.5"), sw.dept_a2.pk: D("2")},
        "source": SOURCE,
        **kwargs,
    }
    before = _everything()
    with pytest.raises(FeedError, match="^" + _escaped(message.format(a1=a1)) + "$"):
        replace_values(**arguments)
    assert _everything() == before
    assert _values() == {}


def _escaped(text: str) -> str:
    import re

    return re.escape(text)
