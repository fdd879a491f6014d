"""The styringsdialog's demo data (issue 18; run by tests/test_demo_data.py against one seeded
demo): last year's report finalised with five agreements, this year's draft with two board
points."""

from decimal import Decimal

from boligsocial.plans.models import Plan
from boligsocial.reports.demo import MENTOR_PLAN
from boligsocial.reports.models import AgendaPoint, Agreement, Report


def check_a_finalised_report_with_agreements_and_a_draft_with_board_points():
    finalised = Report.objects.get(status="finalised")
    assert Agreement.objects.filter(report=finalised).count() == 5
    draft = Report.objects.get(status="draft", department=None)
    assert draft.year == finalised.year + 1
    assert AgendaPoint.objects.count() == 2


def check_the_economics_demo_business_cases_measurement_and_contract():
    """A business case for the demo plan's employment activity on seeded (sourced) prices, one
    with the housing organisation's own gain, an effect measurement of the employment mentor
    and an outcome contract with verified outcomes (decision 0038)."""
    from boligsocial.reports import economics
    from boligsocial.reports.models import (
        BusinessCase,
        CaseConsequence,
        EffectMeasurement,
        OutcomeContract,
    )

    employment = BusinessCase.objects.get(is_demo=True, intervention__number=10)
    assert employment.plan is not None and employment.kind == "budget"
    uses = CaseConsequence.objects.filter(outcome__case=employment).select_related("price")
    assert uses and all(c.price.seeded and c.price.source for c in uses)
    result = economics.case_result(economics.load_case(employment.pk))
    assert result["output"]["npv"]["boligorganisation"] == "0.00"
    assert len(result["sensitivity"]) == 3
    own = BusinessCase.objects.get(is_demo=True, intervention__isnull=True)
    npv = economics.case_result(economics.load_case(own.pk))["output"]["npv"]
    assert npv["public"] == "0.00" and npv["boligorganisation"] != "0.00"
    measurement = EffectMeasurement.objects.get(is_demo=True)
    assert measurement.intervention.number == 10 and measurement.result["rows"]
    assert Plan.objects.get(name=MENTOR_PLAN).status == "ended"
    contract = OutcomeContract.objects.get(is_demo=True)
    assert contract.parties.count() == 3 and contract.events.count() == 2
    assert contract.repayments.count() == 3


def check_the_effect_measurement_has_a_number_and_the_catalogue_page_shows_it():
    """The employment mentor ran in three of organisation A's departments (Egeparken from 2019,
    Hasselhaven and Hasselgården from 2020) and in organisation B's Lærkehaven: head-a's
    measurement counts A's three against their twins, with a number and an interval that a
    fresh measurement gives again (not a stored constant), and the intervention's page shows it
    to a board too (the catalogue's access), the link to the measurement only to A's staff."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from boligsocial.core.formatting import format_number
    from boligsocial.reports import economics
    from boligsocial.reports.models import EffectMeasurement

    measurement = EffectMeasurement.objects.select_related("intervention", "organisation").get(
        is_demo=True
    )
    result = measurement.result
    head = get_user_model().objects.get(username="head-a")
    assert economics.measure(head, intervention=measurement.intervention) == result
    assert result["departments"] == 4 and result["twins"] >= result["min_controls"] == 3
    work = next(r for r in result["rows"] if r["indicator"] == "outside_work_education")
    assert work["treated"] == 3 and work["controls"] >= 3
    assert (work["first_year"], work["last_year"]) == (2016, 2025)
    assert work["effect"] is not None and work["ci_low"] is not None
    effect, low, high = (Decimal(work[k]) for k in ("effect", "ci_low", "ci_high"))
    assert low <= effect <= high
    url = reverse("catalogue:intervention", args=[measurement.intervention.pk])
    link = reverse("reports:econ_measurement", args=[measurement.pk])
    for username, sees_link in (("board-a", False), ("municipal", False), ("head-a", True)):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="da").content.decode()
        assert "Målt effekt mod tvillingeafdelinger" in html
        assert f"{format_number(effect, work['decimals'])} procentpoint" in html
        assert f"{format_number(low, 1)} til {format_number(high, 1)}" in html
        assert f"3 afdelinger med den, {work['controls']} tvillinger, 2016–2025" in html
        assert "ikke bevis for" in html
        assert measurement.organisation.name in html
        assert (link in html) is sees_link
