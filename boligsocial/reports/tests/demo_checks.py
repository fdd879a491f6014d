"""The styringsdialog's demo data (issue 18; run by tests/test_demo_data.py against one seeded
demo): last year's report finalised with five agreements, this year's draft with two board
points."""

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
    contract = OutcomeContract.objects.get(is_demo=True)
    assert contract.parties.count() == 3 and contract.events.count() == 2
    assert contract.repayments.count() == 3
