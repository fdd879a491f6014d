"""The POST-only follow-up action URLs, persona by persona; refused requests change nothing."""

from datetime import date

import pytest
from django.urls import reverse

from boligsocial.analyses import services
from boligsocial.analyses.models import FollowUpAction
from boligsocial.analyses.tests.factories import ALL_WORST, held_analysis

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world, personas):
    return held_analysis(world.dept_a1, date.today().year - 1, ALL_WORST, actor=personas["staff_a"])


@pytest.mark.parametrize(
    ("persona", "status", "added"),
    [("staff_a", 302, 1), ("head_a", 302, 1), ("board_a", 403, 0), ("dept_board_a1", 403, 0),
     ("staff_b", 404, 0), ("caretaker_a", 404, 0)],
)  # fmt: skip
def test_adding_an_action(client_for, held, persona, status, added):
    response = client_for(persona).post(
        reverse("analyses:action_add", args=[held.pk]),
        {"title": "Møde med SSP", "due_date": "01-05-2026", "theme_key": "boern_unge"},
    )
    assert response.status_code == status
    assert FollowUpAction.objects.filter(analysis=held).count() == added


@pytest.mark.parametrize(
    ("persona", "status", "after"),
    [("staff_a", 302, "done"), ("board_a", 403, "open"), ("staff_b", 404, "open")],
)
def test_changing_an_action_status(client_for, held, personas, persona, status, after):
    action = services.add_action(analysis=held, actor=personas["staff_a"], title="Møde")
    response = client_for(persona).post(
        reverse("analyses:action_status", args=[action.pk]), {"status": "done"}
    )
    assert response.status_code == status
    action.refresh_from_db()
    assert action.status == after


@pytest.mark.parametrize(("persona", "status", "cases"), [("staff_a", 302, 1), ("board_a", 403, 0)])
def test_opening_a_case_from_an_action(client_for, held, personas, persona, status, cases):
    from boligsocial.cases.models import Case

    action = services.add_action(analysis=held, actor=personas["staff_a"], title="Møde")
    response = client_for(persona).post(reverse("analyses:action_case", args=[action.pk]))
    assert response.status_code == status
    assert Case.objects.count() == cases
    if cases:
        assert response["Location"] == reverse("cases:detail", args=[Case.objects.get().pk])


def test_a_get_is_refused(client_for, held):
    assert (
        client_for("staff_a").get(reverse("analyses:action_add", args=[held.pk])).status_code == 405
    )
