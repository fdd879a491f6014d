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
