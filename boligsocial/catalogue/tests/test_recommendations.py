"""The catalogue's recommendations on the screening's department page (core hook)."""

import pytest
from django.urls import reverse

from boligsocial.catalogue.recommendations import for_department
from boligsocial.core.contributions import recommendations_for
from boligsocial.screening.tests.factories import screening_world

pytestmark = pytest.mark.django_db

CRIME = "andel dømte i forhold til landsgennemsnittet (rød siden 2023, forværres)"


def test_recommendations_ranked_by_evidence_then_red_indicators(world, personas):
    screening_world(world)
    found = for_department(user=personas["staff_a"], department=world.dept_a1, year=2024)
    assert [(r.title, r.evidence) for r in found] == [
        ("Mentorer for unge (inkl. frivillige voksenvenner)", "A"),
        ("Borgerakademi for politiarbejde / dialog politi–beboere", "A"),
        ("Fritidsjob / lommepengejob", "B"),
        ("Social effektinvestering – beskæftigelse (fx »En ny start for flere«)", "B"),
        ("Fritidsaktiviteter / brobygning til foreningsliv", "B"),
    ]
    assert found[0].reason == f"rettet mod: {CRIME}"
    assert found[2].reason == (
        "rettet mod: andel 18–64-årige uden for arbejde og uddannelse (rød siden 2023, "
        f"forværres); {CRIME}; gennemsnitlig bruttoindkomst for 15–64-årige i procent af "
        "regionens (rød siden 2024, forværres)"
    )
    assert recommendations_for(user=personas["staff_a"], department=world.dept_a1, year=None) == []


def test_screening_department_page_shows_them(world, client_for):
    screening_world(world)
    page = client_for("staff_a").get(
        reverse("screening:department", args=[world.dept_a1.pk]), {"aar": 2024}
    )
    html = page.content.decode()
    assert "Anbefalede indsatser" in html
    assert f"rettet mod: {CRIME}" in html
    assert (
        reverse(
            "catalogue:intervention", args=[page.context["recommendations"][0].url.split("/")[-2]]
        )
        in html
    )
