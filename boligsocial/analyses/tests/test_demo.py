"""Demo analyses: run the whole seed_demo and check the story of part 8."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from boligsocial.analyses import selectors
from boligsocial.analyses.models import Analysis
from boligsocial.guides.models import Response
from boligsocial.organisations.models import Department, Organisation
from boligsocial.screening.models import IndicatorValue

pytestmark = pytest.mark.django_db


def test_seed_demo_analyses():
    call_command("seed_demo", "--seed", "7", verbosity=0)
    org_a = Organisation.objects.filter(is_demo=True).order_by("pk").first()
    departments = Department.objects.filter(organisation=org_a)
    count = departments.count()
    today = timezone.localdate()
    result = selectors.coverage(departments, today)
    assert result.counts["overdue"] == 2
    assert result.counts["due"] == 2
    assert result.counts["done"] + result.counts["planned"] == departments.count() - 4
    assert (
        Analysis.objects.filter(year=today.year - 1, status="done").count()
        == departments.count() - 2
    )
    sharp = Analysis.objects.filter(
        year=today.year, status="done", actions__isnull=False
    ).distinct()
    if sharp.exists():  # held this year once the date allows (from mid-January)
        analysis = sharp.get()
        assert analysis.band == "red"
        summary = selectors.results(analysis)["summary"]
        assert summary[1].startswith("Forværret siden sidst: ")
    values = IndicatorValue.objects.filter(indicator__code="vulnerability_score")
    assert values.filter(year=today.year - 1).count() == departments.count() - 2
    call_command("seed_demo", "--reset", "--seed", "7", verbosity=0)
    assert Analysis.objects.filter(year=today.year - 1, status="done").count() == count - 2
    assert Response.objects.count() == Analysis.objects.exclude(response=None).count()
