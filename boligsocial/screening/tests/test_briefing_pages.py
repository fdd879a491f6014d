"""The analysis reads as a briefing on the department page, the area page and both reports
(issue 13, item 16): the lead sentences first, then the same per-indicator paragraphs as before,
grouped by colour and folded (<details>) on the page, open in the PDF."""

import re

import pypdfium2
from django.urls import reverse

from boligsocial.screening.engine.analysis import briefings, recommendation_of
from boligsocial.screening.models import Light

LEAD_A1 = [
    "Alfaparken står i 2024 samlet på rødt (score 94,4 af 100), som i 2023.",
    "Vigtigst af de 9 røde og gule indikatorer er andel 18–64-årige uden for arbejde og "
    "uddannelse (43,1 %, rødt og forværret), andel husstande med enlige forsørgere (22,0 %, "
    "rødt og forværret) og andel lejemål i huslejerestance (7,0 %, rødt og forværret).",
    "Fællesområdet er i 2024 udsat boligområde, parallelsamfund og omdannelsesområde (7. år på "
    "parallelsamfundslisten) og opfylder 3 af 4 kriterier for udsatte boligområder. Nærmest en "
    "tærskel er andelen dømte, der er opfyldt med 0,20 procentpoint, og prognosen for 2025 er "
    "udsat boligområde, parallelsamfund og omdannelsesområde.",
]
RECOMMENDATION_A1 = (
    "Det anbefales at arbejde med Beskæftigelse, Kriminalitetsforebyggelse, Uddannelse og "
    "livschancer, Sammenhængskraft og medborgerskab samt Økonomisk rådgivning og forebyggelse "
    "af udsættelser; den foreskrevne opfølgning er handlingsplan og opfølgning hvert kvartal."
)


def test_department_page_leads_with_the_briefing_and_groups_the_same_paragraphs(sw, client_for):
    response = client_for("admin").get(
        reverse("screening:department", args=[sw.dept_a1.pk]), {"aar": 2024}
    )
    light = response.context["light"]
    briefing = light["briefing"]
    assert briefing["lead"] == LEAD_A1
    assert briefing["recommendation"] == RECOMMENDATION_A1
    # the details: the same paragraphs as the analysis, grouped (8 red, 1 yellow)
    analysis = light["analysis"]
    assert briefing["overview"] == analysis[0]
    assert [(g["colour"], g["count"]) for g in briefing["groups"]] == [("red", 8), ("yellow", 1)]
    grouped = [p for g in briefing["groups"] for p in g["paragraphs"]]
    assert grouped == analysis[1:]
    assert len(grouped) == 9
    html = response.content.decode()
    lead_at = html.index(LEAD_A1[0])
    details_at = html.index('<details class="briefing-group briefing-red">')
    assert lead_at < details_at  # the briefing comes first, the details are folded
    assert html.count('<details class="briefing-group') == 2
    assert "<summary>Røde indikatorer (8)</summary>" in html
    assert "<summary>Gule indikatorer (1)</summary>" in html
    lead = html[lead_at : html.index("</p>", lead_at)]
    assert "har stået på rødt siden" not in lead


def test_report_pdf_prints_the_briefing_and_the_details_open(sw, client_for):
    response = client_for("admin").get(
        reverse("screening:department_report_pdf", args=[sw.dept_a1.pk]), {"aar": 2024}
    )
    pdf = pypdfium2.PdfDocument(response.content)
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    flat = re.sub(r"\s+", " ", text.replace("\ufffe", "").replace("\u00ad", ""))
    assert LEAD_A1[0] in flat
    assert "Røde indikatorer (8)" in flat and "Gule indikatorer (1)" in flat
    # every per-indicator paragraph is printed (the details are open in the PDF)
    light = Light.objects.get(department=sw.dept_a1, year=2024)
    paragraphs = [p for p in light.analysis.split("\n\n") if p.strip()]
    assert flat.index(LEAD_A1[0]) < flat.index(paragraphs[1][:40])
    assert all(p[:60] in flat for p in paragraphs)


def test_organisation_report_briefs_each_red_department(sw, client_for):
    response = client_for("board_a").get(
        reverse("screening:organisation_report", args=[sw.org_a.pk]), {"aar": 2024}
    )
    red = response.context["red_lights"]
    assert [r["department"].name for r in red] == ["Alfaparken"]
    assert red[0]["briefing"]["lead"] == LEAD_A1
    assert red[0]["briefing"]["recommendation"] == RECOMMENDATION_A1
    assert '<h4 class="briefing-details-heading">Detaljer pr. indikator</h4>' in (
        response.content.decode()
    )


def test_briefings_query_count_is_constant(sw, django_assert_num_queries):
    lights = list(Light.objects.filter(year=2024, department__isnull=False))
    assert len(lights) == 4
    with django_assert_num_queries(9):
        many = briefings(lights)
    with django_assert_num_queries(9):
        briefings(lights[:1])
    assert set(many) == {light.pk for light in lights}
    # area lights add the areas' names: one query more, however many
    every = list(Light.objects.filter(year=2024))
    assert len(every) == 7
    with django_assert_num_queries(10):
        briefings(every)


def test_the_recommendation_is_a_replaceable_piece(sw):
    light = Light.objects.get(department=sw.dept_a1, year=2024)
    assert recommendation_of(light) == RECOMMENDATION_A1
    replaced = briefings([light], recommend=lambda light: "Katalogets indsatser.")[light.pk]
    assert replaced.briefing.recommendation == "Katalogets indsatser."
    assert replaced.briefing.lead == LEAD_A1
