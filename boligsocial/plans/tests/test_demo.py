"""The plans' demo data (issue 16 part 11)."""

import pytest
from django.core.management import call_command

from boligsocial.plans.models import Plan, Status
from boligsocial.plans.selectors import budget_check

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("seeded_demo")]


def test_seed_demo_makes_a_running_and_an_ended_plan():
    call_command("seed_demo", verbosity=0)
    running, ended = Plan.objects.order_by("-first_year")
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
    call_command("seed_demo", "--reset", verbosity=0)
    assert Plan.objects.count() == 2
