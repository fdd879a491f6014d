"""Demo analyses: the story of issue 14 part 8 (run by tests/test_demo_data.py against one seeded
demo)."""

from django.utils import timezone

from boligsocial.analyses import selectors
from boligsocial.analyses.models import Analysis
from boligsocial.guides.models import Response
from boligsocial.organisations.models import Department, Organisation
from boligsocial.screening.models import IndicatorValue


def _org_a_departments():
    org_a = Organisation.objects.filter(is_demo=True).order_by("pk").first()
    return Department.objects.filter(organisation=org_a)


def check_coverage_two_overdue_two_due_the_rest_done_or_planned():
    departments = _org_a_departments()
    result = selectors.coverage(departments, timezone.localdate())
    assert result.counts["overdue"] == 2
    assert result.counts["due"] == 2
    assert result.counts["done"] + result.counts["planned"] == departments.count() - 4


def check_last_year_done_everywhere_but_two_and_fed_to_the_screening():
    count = _org_a_departments().count()
    today = timezone.localdate()
    assert Analysis.objects.filter(year=today.year - 1, status="done").count() == count - 2
    values = IndicatorValue.objects.filter(indicator__code="vulnerability_score")
    assert values.filter(year=today.year - 1).count() == count - 2
    assert Response.objects.count() == Analysis.objects.exclude(response=None).count()


def check_the_sharply_worsening_analysis_is_red_and_says_so():
    sharp = Analysis.objects.filter(
        year=timezone.localdate().year, status="done", actions__isnull=False
    ).distinct()
    if sharp.exists():  # held this year once the date allows (from mid-January)
        analysis = sharp.get()
        assert analysis.band == "red"
        summary = selectors.results(analysis)["summary"]
        assert summary[1].startswith("Forværret siden sidst: ")
