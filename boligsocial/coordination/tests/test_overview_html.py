"""The overview's matrix and timeline written in Python (`coordination.overview_html`,
decision 0047) give byte for byte what the templates they replace gave (kept here as the
reference), escaped, in Danish and English, with and without links (the PDF)."""

from datetime import date
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from boligsocial.coordination import overview_html, picture, selectors, services
from boligsocial.coordination.models import Effort, OwnerKind, PlaceKind, TargetGroup
from boligsocial.organisations.tests.factories import municipality

pytestmark = pytest.mark.django_db
START, END = date(2025, 1, 1), date(2027, 12, 31)

# The templates `_matrix.html` and `_timeline.html` as they were (commit f48c493): the reference.
REFERENCE = Path(__file__).parent / "reference"
MATRIX = (REFERENCE / "matrix.html").read_text()
TIMELINE = (REFERENCE / "timeline.html").read_text()


def _efforts(world):
    youth = TargetGroup.objects.get(name="Unge i risiko for kriminalitet")
    everyone = TargetGroup.objects.get(name="Alle beboere")
    m = municipality(751)
    common = {"by": None, "municipality": m, "starts_on": date(2025, 3, 1)}
    services.create_effort(
        name="SSP <b>\"unge\"</b> & 'co' – en meget lang titel, over fireogfyrre tegn",
        owner_kind=OwnerKind.MUNICIPALITY,
        owner_name="Børn & Unge",
        place_kind=PlaceKind.AREA,
        area=world.area_shared,
        target_groups=[youth, everyone],
        contact_name="Mette",
        **common,
    )
    services.create_effort(
        name="Gadeplansarbejde",
        owner_kind=OwnerKind.HOUSING,
        owner_organisation=world.org_a,
        place_kind=PlaceKind.DEPARTMENT,
        department=world.dept_a1,
        target_groups=[youth],
        ends_on=date(2026, 6, 30),
        **common,
    )
    services.create_effort(
        name="Hele byen",
        owner_kind=OwnerKind.POLICE,
        owner_name="Østjyllands Politi",
        place_kind=PlaceKind.MUNICIPALITY,
        target_groups=[everyone],
        by=None,
        municipality=m,
        starts_on=date(2024, 1, 1),
    )
    world.area_shared.departments.set([world.dept_a1, world.dept_b1])


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_matrix_and_timeline_equal_the_templates(world, language):
    _efforts(world)
    bundle = picture.compute(municipality(751), START, END)
    assert len(bundle.efforts) == 3
    data = {
        "matrix": selectors.matrix(bundle.efforts, bundle.places),
        "timeline": selectors.timeline(bundle.efforts, START, END),
    }
    with translation.override(language):
        for pdf in (False, True):
            expected = Template(MATRIX).render(Context({**data, "pdf": pdf}))
            assert overview_html.matrix(data["matrix"], pdf=pdf) == expected
        expected = Template(TIMELINE).render(Context(data))
        assert overview_html.timeline(data["timeline"]) == expected
    html = overview_html.matrix(data["matrix"])
    assert "SSP &lt;b&gt;&quot;unge&quot;&lt;/b&gt; &amp; &#x27;co&#x27;" in html
    effort = Effort.objects.get(name="Gadeplansarbejde")
    assert f'<a href="/koordinering/indsats/{effort.pk}/">Gadeplansarbejde</a>' in html
    assert "(12–17)" in html  # the group's ages in its column head
    assert "<a href" not in overview_html.matrix(data["matrix"], pdf=True)


def test_no_efforts_in_the_period(world):
    data = {"matrix": {"groups": [], "rows": []}, "timeline": {"bars": [], "ticks": []}}
    expected = Template(MATRIX).render(Context(data))
    assert expected == "<p>Ingen indsatser i perioden.</p>\n"
    assert overview_html.matrix(data["matrix"]) == expected
    assert overview_html.timeline(data["timeline"]) == Template(TIMELINE).render(Context(data))
