"""Legend and weight versions: validation, new versions, and reproducing old lights."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from boligsocial.screening.engine import (
    RangeInput,
    current_legends,
    legend_used,
    pure_ranges,
    reproduce,
    save_new_version,
    save_new_weight_set,
    screen,
)
from boligsocial.screening.models import (
    Indicator,
    IndicatorWeight,
    LegendRange,
    LegendSet,
    Light,
    WeightSet,
)
from boligsocial.screening.tests.factories import screening_world
from boligsocial.screening.trafficlight import colour_for

pytestmark = pytest.mark.django_db
D = Decimal


def _stricter():
    return [
        RangeInput(None, D("30.0001"), "green"),
        RangeInput(D("30.0001"), D("45"), "yellow"),
        RangeInput(D("45"), None, "red"),
    ]


def test_legend_edit_is_a_new_version_and_old_lights_reproduce(world, personas):
    screening_world(world)
    indicator = Indicator.objects.get(code="outside_work_education")
    v1 = LegendSet.objects.get(indicator=indicator)
    old = Light.objects.get(department=world.dept_a1, year=2024)
    assert old.legend_versions["outside_work_education"] == v1.pk

    v2 = save_new_version(indicator, _stricter(), personas["admin"], "Rød fra 45 %")
    assert (v2.version, v2.created_by, v2.note) == (2, personas["admin"], "Rød fra 45 %")
    assert list(v2.ranges.values_list("position", "lower", "upper", "colour")) == [
        (1, None, D("30.0001"), "green"),
        (2, D("30.0001"), D("45.0000"), "yellow"),
        (3, D("45.0000"), None, "red"),
    ]
    assert LegendRange.objects.filter(legend_set=v1).count() == 3  # v1 untouched
    assert current_legends()[indicator.pk] == v2

    # The stored light still names v1 and reproduces with it.
    old.refresh_from_db()
    used = legend_used(old, "outside_work_education")
    assert used == v1
    value = D(old.indicators["outside_work_education"]["value"])
    assert colour_for(value, pure_ranges(used.ranges.all())).value == "red"
    again = reproduce(old)
    assert (again.colour, again.score, again.indicators, again.analysis) == (
        old.colour,
        old.score,
        old.indicators,
        old.analysis,
    )

    screen()  # with the current legends: v2
    new = Light.objects.get(department=world.dept_a1, year=2024)
    assert new.legend_versions["outside_work_education"] == v2.pk
    assert new.indicators["outside_work_education"]["colour"] == "yellow"  # 43.1 < 45
    assert new.indicators["outside_work_education"]["legend_version"] == 2
    assert new.legend_versions["rent_arrears"] == old.legend_versions["rent_arrears"]
    assert new.score == D("88.8889")  # 7 red, 2 yellow: 800 / 9
    # Last year's report (the old light's recorded versions) still reproduces exactly.
    again = reproduce(old)
    assert (again.colour, again.score, again.indicators, again.analysis) == (
        old.colour,
        old.score,
        old.indicators,
        old.analysis,
    )
    assert again.legend_versions == old.legend_versions


@pytest.mark.parametrize(
    ("ranges", "message"),
    [
        (
            [RangeInput(None, D("30"), "green"), RangeInput(D("31"), None, "red")],
            "Interval 2 starter ved 31, men interval 1 slutter ved 30: der er et hul.",
        ),
        (
            [RangeInput(None, D("30"), "green"), RangeInput(D("29"), None, "red")],
            "Interval 2 starter ved 29, men interval 1 slutter først ved 30: intervallerne "
            "overlapper.",
        ),
        (
            [RangeInput(None, None, "green")],
            "Farveskalaen skal have mindst 2 intervaller, men har 1.",
        ),
        (
            [RangeInput(None, D("30.00001"), "green"), RangeInput(D("30.00001"), None, "red")],
            "Interval 1: grænsen 30,00001 har mere end 4 decimaler.",
        ),
        (
            [RangeInput(None, D("30"), "green"), RangeInput(D("30"), None, "blue")],
            "Interval 2: ukendt farve.",
        ),
    ],
)
def test_invalid_legend_is_refused_in_danish_and_nothing_saved(ranges, message):
    indicator = Indicator.objects.get(code="rent_arrears")
    before = (LegendSet.objects.count(), LegendRange.objects.count())
    with pytest.raises(ValidationError) as raised:
        save_new_version(indicator, ranges)
    assert message in raised.value.messages
    assert (LegendSet.objects.count(), LegendRange.objects.count()) == before


def test_new_weight_set_changes_the_score_and_is_recorded(world):
    screening_world(world)
    old = Light.objects.get(department=world.dept_a2, year=2024)
    weights = {i: D(1) for i in Indicator.objects.filter(in_light=True)}
    weights[Indicator.objects.get(code="rent_arrears")] = D(3)
    weight_set = save_new_weight_set(weights, note="Restancer vægter tre gange")
    assert weight_set.version == 2
    assert (weight_set.yellow_from, weight_set.red_from) == (D("33.34"), D("66.67"))
    screen()
    new = Light.objects.get(department=world.dept_a2, year=2024)
    # 1 red x 3 + 5 yellow x 1 + 3 green x 1: (300 + 250) / 11
    assert (new.score, new.colour, new.weight_set) == (D("50.0000"), "yellow", weight_set)
    assert old.weight_set.version == 1
    assert IndicatorWeight.objects.filter(weight_set__version=1).count() == 9
    again = reproduce(old)  # with weight set 1
    assert (again.score, again.colour) == (D("38.8889"), "yellow")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weight": D("-1")}, "Vægten for Andel lejemål i huslejerestance må ikke være negativ."),
        ({"all_zero": True}, "Mindst én indikator skal have en vægt over 0."),
        (
            {"yellow_from": D("70"), "red_from": D("60")},
            "Grænserne skal opfylde 0 <= grænsen for gul <= grænsen for rød <= 100.",
        ),
    ],
)
def test_invalid_weights_are_refused_and_nothing_saved(change, message):
    indicator = Indicator.objects.get(code="rent_arrears")
    weights = {indicator: change.get("weight", D(0) if change.get("all_zero") else D(1))}
    kwargs = {k: v for k, v in change.items() if k in ("yellow_from", "red_from")}
    with pytest.raises(ValidationError) as raised:
        save_new_weight_set(weights, **kwargs)
    assert message in raised.value.messages
    assert WeightSet.objects.count() == 1
