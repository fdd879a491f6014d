"""The visits' demo data (issue 14 part 8; run by tests/test_demo_data.py against one seeded demo):
a finished campaign with every lease recorded and a running one assigned to caretaker-a."""

from boligsocial.visits.models import Visit, VisitCampaign


def check_a_finished_and_a_running_campaign():
    finished = VisitCampaign.objects.get(status="finished")
    running = VisitCampaign.objects.get(status="running")
    assert 60 <= finished.visits.count() <= 90
    assert finished.visits.exclude(outcome="").count() == finished.visits.count()
    assert running.visits.exclude(outcome="").count() == 3


def check_caretaker_a_has_assigned_leases_of_which_three_are_recorded():
    mine = Visit.objects.filter(assignee__username="caretaker-a")
    assert mine.exists()
    assert mine.exclude(outcome="").count() == 3
