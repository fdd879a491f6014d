"""House-rule cases per 100 leases feed the screening as an indicator (issue 4, part 9)."""

from datetime import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from boligsocial.cases import workdays
from boligsocial.cases.models import CaseKind
from boligsocial.cases.services.indicator import INDICATOR_CODE, SOURCE, feed_screening
from boligsocial.cases.tests.factories import CaseFactory
from boligsocial.screening.models import IndicatorValue, Light

pytestmark = pytest.mark.django_db


def _at(month):
    return datetime(2025, month, 3, 10, tzinfo=workdays.COPENHAGEN)


def _values():
    return {
        (v.department_id, v.year): (v.value, v.source)
        for v in IndicatorValue.objects.filter(indicator__code=INDICATOR_CODE)
    }


@pytest.fixture
def feed_world(world):
    world.dept_a1.lease_count = 200
    world.dept_a1.save()
    world.dept_a2.lease_count = 40
    world.dept_a2.save()
    for month in (1, 2, 3):
        CaseFactory(department=world.dept_a1, kind=CaseKind.HOUSE_RULES, received_at=_at(month))
    CaseFactory(department=world.dept_a1, kind=CaseKind.INQUIRY, received_at=_at(4))  # not counted
    CaseFactory(department=world.dept_a2, kind=CaseKind.HOUSE_RULES, received_at=_at(5))
    return world


def test_feed_stores_the_figures_and_screens_the_departments(feed_world):
    w = feed_world
    result = feed_screening(2025)
    assert (result.created, result.updated, result.unchanged, result.removed) == (2, 0, 0, 0)
    # 3 cases / 200 leases * 100 = 1.5; 1 / 40 * 100 = 2.5. Org B has no cases: no figure.
    assert _values() == {
        (w.dept_a1.pk, 2025): (Decimal("1.5000"), SOURCE),
        (w.dept_a2.pk, 2025): (Decimal("2.5000"), SOURCE),
    }
    light = Light.objects.get(department=w.dept_a1, year=2025)
    assert light.indicators[INDICATOR_CODE]["value"] == "1.5000"


def test_feeding_again_changes_nothing_and_a_new_case_updates_one_value(feed_world):
    w = feed_world
    feed_screening(2025)
    before = _values()
    again = feed_screening(2025)
    assert (again.created, again.updated, again.unchanged, again.removed) == (0, 0, 2, 0)
    assert _values() == before
    CaseFactory(department=w.dept_a2, kind=CaseKind.HOUSE_RULES, received_at=_at(6))
    third = feed_screening(2025)
    assert (third.created, third.updated, third.unchanged, third.removed) == (0, 1, 1, 0)
    assert _values()[(w.dept_a2.pk, 2025)] == (Decimal("5.0000"), SOURCE)


def test_command_reports_in_danish(feed_world):
    out = StringIO()
    call_command("cases_indicator", "--year", "2025", stdout=out)
    assert out.getvalue() == "2025: 2 nye, 0 ændrede, 0 uændrede, 0 fjernede værdier\n"
