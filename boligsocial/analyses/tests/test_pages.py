from datetime import date

import pytest
from django.urls import reverse

from boligsocial.analyses import services
from boligsocial.analyses.models import Analysis
from boligsocial.analyses.tests.factories import ALL_BEST, ALL_WORST, held_analysis
from boligsocial.organisations.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world, personas):
    return services.plan_analysis(
        department=world.dept_a1,
        year=date.today().year,
        planned_date=date.today(),
        actor=personas["staff_a"],
        participants=[("board_chair", "Hanne")],
    )


def test_the_interview_page_shows_the_guide_and_autosave(client_for, planned):
    response = client_for("staff_a").get(reverse("analyses:conduct", args=[planned.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-autosave-url="/saarbarhedsanalyser/{planned.pk}/interview/gem/"' in html
    assert "Husordenssager og konflikter" in html
    assert html.count('name="q:husorden_omfang"') == 5
    # the question shown only for a bad answer to unge_grupper starts hidden
    assert (
        'data-question="q:unge_hvor" data-show-if-key="q:unge_grupper" '
        'data-show-if-values="3 4 5" hidden' in html
    )


def test_autosave_stores_one_field_and_refuses_a_bad_value(client_for, planned):
    client = client_for("staff_a")
    url = reverse("analyses:autosave", args=[planned.pk])
    assert client.post(url, {"field": "q:husorden_omfang", "value": "4"}).json() == {"saved": True}
    assert client.post(
        url, {"field": "q:samarbejde_parter", "value": ["skole", "politi"]}
    ).json() == {"saved": True}
    assert client.post(url, {"field": "note:husorden", "value": "Støj"}).json() == {"saved": True}
    bad = client.post(url, {"field": "q:husorden_omfang", "value": "9"})
    assert (bad.status_code, bad.json()) == (
        400,
        {"error": "»9« er ikke et af svarene på spørgsmålet."},
    )
    planned.refresh_from_db()
    assert planned.response.values() == {
        "husorden_omfang": "4",
        "samarbejde_parter": ["politi", "skole"],
    }
    assert planned.notes == {"husorden": "Støj"}


@pytest.mark.parametrize(
    ("persona", "status"), [("board_a", 403), ("dept_board_a1", 403), ("staff_b", 404)]
)
def test_autosave_is_for_the_social_unit_only(client_for, planned, persona, status):
    url = reverse("analyses:autosave", args=[planned.pk])
    response = client_for(persona).post(url, {"field": "q:husorden_omfang", "value": "4"})
    assert response.status_code == status
    assert planned.response_id is None
    assert Analysis.objects.get(pk=planned.pk).response_id is None


def test_complete_through_the_page_scores_and_shows_the_results(client_for, world, personas):
    year = date.today().year - 1
    held_analysis(world.dept_a1, year - 1, ALL_BEST, actor=personas["staff_a"])
    analysis = services.plan_analysis(
        department=world.dept_a1,
        year=year,
        planned_date=date(year, 5, 4),
        actor=personas["staff_a"],
    )
    client = client_for("staff_a")
    url = reverse("analyses:autosave", args=[analysis.pk])
    for key, value in ALL_WORST.items():
        client.post(url, {"field": f"q:{key}", "value": value})
    response = client.post(
        reverse("analyses:complete", args=[analysis.pk]), {"held_on": f"04-05-{year}"}
    )
    assert response.status_code == 302
    analysis.refresh_from_db()
    assert (analysis.status, str(analysis.score), analysis.band) == ("done", "100.0", "red")
    page = client_for("dept_board_a1").get(reverse("analyses:detail", args=[analysis.pk]))
    html = page.content.decode()
    assert "Forværret siden sidst: Beboersammensætning og fraflytning (0,0 → 100,0)" in html
    assert "Hanne" not in html
    pdf = client_for("dept_board_a1").get(reverse("analyses:pdf", args=[analysis.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_coverage_page_counts_and_filters(client_for, world, personas):
    today = date.today()
    held_analysis(world.dept_a1, today.year, ALL_BEST, actor=personas["staff_a"], held_on=today)
    response = client_for("staff_a").get(reverse("analyses:coverage"))
    assert response.status_code == 200
    counts = {c["key"]: c["count"] for c in response.context["counts"]}
    assert counts == {"planned": 0, "done": 1, "due": 1, "overdue": 0}
    due = client_for("staff_a").get(reverse("analyses:coverage") + "?status=due")
    assert [r["row"].name for r in due.context["rows"]] == ["Alfahaven"]


def test_coverage_page_has_a_constant_number_of_queries(
    client_for, world, django_assert_max_num_queries
):
    client = client_for("staff_a")
    client.get(reverse("analyses:coverage"))
    for n in range(3, 40):
        DepartmentFactory(organisation=world.org_a, number=n)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("analyses:coverage"))
    queries = len(few.captured_queries)
    for n in range(40, 120):
        DepartmentFactory(organisation=world.org_a, number=n)
    with django_assert_max_num_queries(queries):
        client.get(reverse("analyses:coverage"))


def test_the_municipality_sees_counts_per_organisation_only(client_for, world):
    response = client_for("municipal").get(reverse("analyses:coverage"))
    assert response.status_code == 200
    assert [o["name"] for o in response.context["organisations"]] == [
        "Boligforeningen Beta",
        "Boligselskabet Alfa",
    ]
    assert "Alfaparken" not in response.content.decode()


def test_generate_plan_page(client_for, world):
    year = date.today().year + 1
    response = client_for("head_a").post(
        reverse("analyses:generate_plan"), {"year": year, "organisation": world.org_a.pk}
    )
    assert response.status_code == 302
    assert Analysis.objects.filter(organisation=world.org_a, year=year).count() == 2
