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


def _local_crime_intervention(world, personas):
    """Organisation A's own intervention against crime, rated A with a source (so it ranks)."""
    from boligsocial.catalogue.models import LbfArea
    from boligsocial.catalogue.services import add_local_intervention
    from boligsocial.screening.models import Indicator

    return add_local_intervention(
        by=personas["staff_a"],
        organisation=world.org_a,
        name="Aftenvandring med beboere",
        main_area=LbfArea.objects.get(period__code="2019-26", code="K"),
        target_group="Unge 15–25 år",
        description="Lokal indsats.",
        indicators=[Indicator.objects.get(code="convicted_ratio_national")],
        evidence="A",
        evidence_sources="Lokal evaluering 2023",
    )


def test_bulk_recommendations_equal_the_per_department_ones(world, personas):
    """`for_departments` over many departments equals it over each department on its own (which
    `test_recommendations_ranked_by_evidence_then_red_indicators` pins), for every department,
    year and user: organisation A's local intervention only for A's departments and only for
    those who see it; Betagården made red like Alfaparken gets the seeded ones."""
    from boligsocial.catalogue.recommendations import for_departments
    from boligsocial.screening.models import Light

    screening_world(world)
    local = _local_crime_intervention(world, personas)
    Light.objects.filter(department=world.dept_b1, year=2024).update(
        colour="red", indicators=world.light_a1.indicators
    )
    departments = [world.dept_a1, world.dept_a2, world.dept_b1, world.dept_b_other]
    counts = {}
    for name in ("staff_a", "staff_b", "admin", "anonymous"):
        user = personas[name]
        for year in world.screening_years:
            bulk = for_departments(user=user, departments=departments, year=year)
            one_by_one = {}
            for d in departments:
                one_by_one.update(for_departments(user=user, departments=[d], year=year))
                assert one_by_one[d.pk] == for_department(user=user, department=d, year=year)
            assert bulk == one_by_one
            counts[name, year] = [
                (len(found), sum(r.title == local.name for r in found)) for found in bulk.values()
            ]
    with_local = [(5, 1), (5, 1), (5, 0), (0, 0)]  # a1, a2 (crime red in 2023 only: worsening)
    without = [(5, 0), (5, 0), (5, 0), (0, 0)]
    assert counts["staff_a", 2024] == counts["admin", 2024] == with_local
    assert counts["staff_b", 2024] == counts["anonymous", 2024] == without
    assert all(counts[name, 2022] == [(0, 0)] * 4 for name in ("staff_a", "admin"))
    assert counts["staff_a", 2023] == [(5, 1), (5, 1), (0, 0), (0, 0)]
    a1 = for_departments(user=personas["staff_a"], departments=departments, year=2024)
    b1 = for_departments(user=personas["staff_b"], departments=departments, year=2024)
    assert [r.title for r in a1[world.dept_a1.pk]] == [
        "Mentorer for unge (inkl. frivillige voksenvenner)",
        "Borgerakademi for politiarbejde / dialog politi–beboere",
        "Aftenvandring med beboere",  # A like them, one red indicator, local after numbered
        "Fritidsjob / lommepengejob",
        "Social effektinvestering – beskæftigelse (fx »En ny start for flere«)",
    ]
    assert [r.title for r in b1[world.dept_b1.pk]] == [
        "Mentorer for unge (inkl. frivillige voksenvenner)",
        "Borgerakademi for politiarbejde / dialog politi–beboere",
        "Fritidsjob / lommepengejob",
        "Social effektinvestering – beskæftigelse (fx »En ny start for flere«)",
        "Fritidsaktiviteter / brobygning til foreningsliv",
    ]


def test_bulk_recommendations_take_four_queries_however_many_departments(
    world, personas, django_assert_num_queries
):
    from boligsocial.catalogue.recommendations import for_departments
    from boligsocial.organisations.access import scope

    screening_world(world)
    user = personas["staff_a"]
    scope(user)  # once per request, before (the page has it already)
    for departments in (
        [world.dept_a1],
        [world.dept_a1, world.dept_a2, world.dept_b1, world.dept_b_other],
    ):
        with django_assert_num_queries(4):
            found = for_departments(user=user, departments=departments, year=2024)
        assert [len(found[d.pk]) for d in departments] == [5, 5, 0, 0][: len(departments)]


def test_the_core_bulk_hook_gives_each_department_its_recommendations(world, personas):
    from boligsocial.core.contributions import recommendations_for_departments

    screening_world(world)
    departments = [world.dept_a1, world.dept_b1]
    user = personas["staff_a"]
    assert recommendations_for_departments(user=user, departments=departments, year=2024) == {
        d.pk: recommendations_for(user=user, department=d, year=2024) for d in departments
    }
    assert recommendations_for_departments(user=user, departments=departments, year=None) == {
        world.dept_a1.pk: [],
        world.dept_b1.pk: [],
    }
