"""A new legend or weight set is recorded in the change log (who, which version, what)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.screening.engine import RangeInput, save_new_version, save_new_weight_set
from boligsocial.screening.models import Indicator
from boligsocial.screening.tests.factories import screening_world

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_new_legend_version_is_recorded_with_its_ranges(world, personas):
    screening_world(world)
    indicator = Indicator.objects.get(code="outside_work_education")
    ranges = [
        RangeInput(None, D("30"), "green"),
        RangeInput(D("30"), D("45"), "yellow"),
        RangeInput(D("45"), None, "red"),
    ]
    legend_set = save_new_version(indicator, ranges, personas["admin"], "Strammere")
    entry = ChangeLogEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (
        personas["admin"],
        "create",
        str(legend_set.pk),
    )
    assert entry.changes == {
        "indicator": [None, "outside_work_education"],
        "version": [None, 2],
        "ranges": [None, [["None", "30", "green"], ["30", "45", "yellow"], ["45", "None", "red"]]],
    }


def test_a_refused_legend_records_nothing(world):
    screening_world(world)
    indicator = Indicator.objects.get(code="rent_arrears")
    with pytest.raises(ValidationError):
        save_new_version(indicator, [RangeInput(None, D("30"), "green")])
    assert ChangeLogEntry.objects.count() == 0


def test_a_new_weight_set_is_recorded_with_its_weights(world):
    screening_world(world)
    weights = {i: D(1) for i in Indicator.objects.filter(in_light=True)}
    arrears = Indicator.objects.get(code="rent_arrears")
    weights[arrears] = D(3)
    weight_set = save_new_weight_set(weights, note="Restancer vægter tre gange")
    entry = ChangeLogEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (None, "create", str(weight_set.pk))
    assert entry.changes["version"] == [None, 2]
    assert entry.changes["yellow_from"] == [None, "33.34"]
    assert entry.changes["red_from"] == [None, "66.67"]
    assert entry.changes["weights"][1][str(arrears.pk)] == "3"
    assert len(entry.changes["weights"][1]) == 11  # the 9 of the world + the two fed scores
