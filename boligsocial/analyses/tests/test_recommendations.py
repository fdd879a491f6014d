"""The catalogue's interventions for an analysis's weak themes, on the analysis page (the
ranking itself is tested in catalogue/tests/test_theme_recommendations.py)."""

from datetime import date

import pytest
from django.urls import reverse

from boligsocial.analyses.tests.factories import ALL_BEST, held_analysis

pytestmark = pytest.mark.django_db


def test_the_analysis_page_shows_them_for_a_red_theme(client_for, world, personas):
    year = date.today().year - 1
    analysis = held_analysis(
        world.dept_a1, year, {**ALL_BEST, "husorden_omfang": "5"}, actor=personas["staff_a"]
    )
    page = client_for("staff_a").get(reverse("analyses:detail", args=[analysis.pk]))
    titles = [r.title for r in page.context["recommendations"]]
    assert titles == [
        "Konfliktmægling mellem naboer",
        "Sociale viceværter",
        "Blå Ressourcer (ejendomsfunktionærer som ressource)",
    ]
    text = page.content.decode()
    assert "Anbefalede indsatser" in text
    assert "rettet mod: husordenssager og konflikter (rød)" in text
