"""The plans' demo data (issue 16 part 11; run by tests/test_demo_data.py against one seeded
demo)."""

from boligsocial.plans.models import Plan, Status
from boligsocial.plans.selectors import budget_check


def check_a_running_and_an_ended_plan():
    demo_area = Plan.objects.filter(name__startswith="Helhedsplan for demoområdet")
    running, ended = demo_area.order_by("-first_year")
    assert (running.status, running.first_year, running.last_year) == (Status.RUNNING, 2024, 2027)
    assert ended.status == Status.ENDED
    assert running.organisations.count() == 2
    assert running.sub_agreements.count() == 4
    assert running.activities.filter(intervention__isnull=False).count() == 13
    check = budget_check(running)
    assert (check.ok, check.lbf_share) == (True, 75)
    assert [(r.number, r.approved, r.needs_reapproval) for r in running.revisions.all()] == [
        (1, True, False)
    ]
    goals = list(running.sub_agreements.get(area__code="B").goals.all())
    assert goals[0].baseline_value is not None
    years = set(
        running.activities.filter(sessions__isnull=False).values_list(
            "sessions__held_on__year", flat=True
        )
    )
    assert years == {2024, 2025}
