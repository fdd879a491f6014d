"""The coverage interval set in the UI (heads and administrators; audited; Danish refusals) and a
follow-up action that goes on as a service-visit campaign (decision 0043)."""

from datetime import date

import pytest
from django.urls import reverse

from boligsocial.analyses import selectors, services
from boligsocial.analyses.models import Analysis, CoverageSettings, FollowUpAction
from boligsocial.audit.models import ChangeLogEntry
from boligsocial.organisations.models import Department

pytestmark = pytest.mark.django_db
URL = reverse("analyses:interval")


def _status_of_a1(world) -> str:
    """Coverage of dept_a1, whose last analysis was held 20 months ago."""
    (row,) = selectors.coverage(
        Department.objects.filter(pk=world.dept_a1.pk), date(2026, 9, 2)
    ).rows
    return row.status


def test_a_head_sets_the_interval_and_coverage_counts_by_it(client_for, world):
    Analysis.objects.create(
        department=world.dept_a1, organisation=world.org_a, year=2025,
        planned_date=date(2025, 1, 2), held_on=date(2025, 1, 2), status="done",
        guide_version=services.default_guide_version(),
    )  # fmt: skip
    assert _status_of_a1(world) == "overdue"
    client = client_for("head_a")
    response = client.post(URL, {"organisation": world.org_a.pk, "interval_months": "24"})
    assert response.status_code == 302
    assert CoverageSettings.objects.get(organisation=world.org_a).interval_months == 24
    assert services.interval_months(world.org_a.pk) == 24
    entry = ChangeLogEntry.objects.get(action="update", organisation_id=world.org_a.pk)
    assert entry.changes == {"interval_months": [12, 24]}
    assert _status_of_a1(world) == "done"
    page = client.get(reverse("analyses:coverage")).content.decode()
    assert "Boligselskabet Alfa: forfalder hver 24. måned" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"interval_months": "0"}, "interval_months",
         "Denne værdi skal være større end eller lig 1."),
        ({"interval_months": "61"}, "interval_months",
         "Denne værdi skal være mindre end eller lig 60."),
    ],
)  # fmt: skip
def test_a_bad_interval_is_refused_and_nothing_is_stored(client_for, world, data, field, message):
    response = client_for("head_a").post(URL, {"organisation": world.org_a.pk} | data)
    assert response.context["form"].errors[field] == [message]
    assert not CoverageSettings.objects.exists()


def test_another_organisation_cannot_be_chosen(client_for, world):
    response = client_for("head_a").post(
        URL, {"organisation": world.org_b.pk, "interval_months": "6"}
    )
    assert "organisation" in response.context["form"].errors
    assert not CoverageSettings.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status", "after"),
    [("staff_a", 302, "in_progress"), ("board_a", 403, "open"), ("staff_b", 404, "open")],
)
def test_an_action_goes_on_as_a_visit_campaign(client_for, world, personas, persona, status, after):
    analysis = services.plan_analysis(
        department=world.dept_a1, year=date.today().year, planned_date=date.today(),
        actor=personas["staff_a"],
    )  # fmt: skip
    action = services.add_action(
        analysis=analysis, actor=personas["staff_a"], title="Tjek af ventiler"
    )
    response = client_for(persona).post(reverse("analyses:action_campaign", args=[action.pk]))
    assert response.status_code == status
    assert FollowUpAction.objects.get(pk=action.pk).status == after
    if status == 302:
        assert response["Location"] == (
            reverse("visits:create") + f"?afdeling={world.dept_a1.pk}&handling={action.pk}"
        )
        assert ChangeLogEntry.objects.filter(object_id=str(action.pk), action="update").count() == 1
