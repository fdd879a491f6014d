"""The intervention page's outcome panel, fed by the plans' activities through core's hook."""

from decimal import Decimal

import pytest
from django.urls import reverse

from boligsocial.catalogue.selectors import outcome_rows
from boligsocial.core.contributions import InterventionUse, intervention_uses
from boligsocial.organisations.tests.factories import DepartmentFactory
from boligsocial.plans import services
from boligsocial.plans.models import Plan
from boligsocial.plans.tests.factories import area, fritidsjob, make_plan
from boligsocial.screening.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


def test_plans_tell_the_catalogue_where_an_intervention_ran(world):
    plan = make_plan(world)
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    services.add_activity(
        sub_agreement=sub, by=None, name="Fritidsjob", intervention=fritidsjob(), first_year=2025
    )
    services.add_activity(
        sub_agreement=sub, by=None, name="Fritidsjob 2", intervention=fritidsjob()
    )
    for status in ("draft", "submitted"):  # an intention: the intervention has not run
        Plan.objects.filter(pk=plan.pk).update(status=status)
        assert intervention_uses(fritidsjob().pk) == []
    Plan.objects.filter(pk=plan.pk).update(status="approved")
    assert intervention_uses(fritidsjob().pk) == [
        InterventionUse(world.dept_a1.pk, 2024),
        InterventionUse(world.dept_b1.pk, 2024),
    ]


def test_outcome_panel_with_a_known_answer(world, client_for):
    """Three treated departments fall by 5 points from 2024, three controls by 2: -3."""
    indicator = Indicator.objects.get(code="outside_work_education")
    extra = DepartmentFactory(organisation=world.org_a, number=9, name="Alfatoften")
    controls = [
        DepartmentFactory(organisation=world.org_a, number=20 + n, name=f"K{n}") for n in range(3)
    ]
    plan = make_plan(world)
    plan.departments.add(extra)
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    services.add_activity(sub_agreement=sub, by=None, name="Fritidsjob", intervention=fritidsjob())
    Plan.objects.filter(pk=plan.pk).update(status="running")
    rows = []
    for dept in (world.dept_a1, world.dept_b1, extra):
        rows += [(dept, 2022, "40"), (dept, 2023, "40"), (dept, 2024, "35"), (dept, 2025, "35")]
    for dept in controls:
        rows += [(dept, 2022, "40"), (dept, 2023, "40"), (dept, 2024, "38"), (dept, 2025, "38")]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, department=d, year=y, value=Decimal(v))
        for d, y, v in rows
    )
    departments, found = outcome_rows(fritidsjob())
    row = next(r for r in found if r.indicator == indicator)
    assert departments == 3
    assert (row.outcome.effect, row.outcome.treated, row.outcome.controls) == (
        Decimal("-3.0000"),
        3,
        3,
    )
    assert row.verdict == "better"
    page = client_for("staff_a").get(reverse("catalogue:intervention", args=[fritidsjob().pk]))
    html = page.content.decode()
    # in the indicator's unit and decimals, as the stored measurements are shown
    assert "<strong>-3,0 procentpoint</strong>" in html
    assert "Det er ikke et bevis for, at indsatsen gav ændringen" in html
    assert "(bedre end sammenligningen)" in html
    assert "For få data" in html  # the other target indicators have no figures
