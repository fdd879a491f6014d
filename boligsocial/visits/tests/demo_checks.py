"""The visits' demo data (issue 14 part 8; run by tests/test_demo_data.py against one seeded demo):
a finished campaign with every lease recorded and a running one assigned to caretaker-a."""

from django.utils import timezone

from boligsocial.analyses.models import Analysis
from boligsocial.visits.models import Visit, VisitCampaign


def check_a_finished_and_a_running_campaign():
    finished = VisitCampaign.objects.get(status="finished")
    running = VisitCampaign.objects.get(status="running")
    assert 60 <= finished.visits.count() <= 90
    assert finished.visits.exclude(outcome="").count() == finished.visits.count()
    assert running.visits.exclude(outcome="").count() == 3
    # it carries out an action of this year's analysis of its department when that analysis led
    # to actions (held once the date allows, as the analyses' own check says)
    sharp = Analysis.objects.filter(
        department=running.department_id,
        year=timezone.localdate().year,
        status="done",
        actions__isnull=False,
    ).exists()
    action = running.follow_up_action
    assert (action is not None) == sharp
    if sharp:
        assert action.analysis.department_id == running.department_id
        assert (action.status, action.title) == (
            "in_progress",
            "Servicebesøg i alle opgange: fugt, afløb og ventilation",
        )


def check_caretaker_a_has_assigned_leases_of_which_three_are_recorded():
    mine = Visit.objects.filter(assignee__username="caretaker-a")
    assert mine.exists()
    assert mine.exclude(outcome="").count() == 3
