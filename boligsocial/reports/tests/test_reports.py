"""The styringsdialog: the sections' exact figures, the disclosure of counts, the public summary,
freezing on finalise, agreements coming back next year, the Excel download and the PDF's print
layout (every page as PNG, checked for cells outside the page and stranded headings); the
sections of surveys, safety walks and coordination (their own suppression carried into the
report and its public summary, no free text)."""

import io
import re
from datetime import date

import openpyxl
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from boligsocial.core.tests.pdf_layout import (
    cells_outside,
    save_pages,
    stranded_headings,
)
from boligsocial.reports import builder, services
from boligsocial.reports.models import AgreementStatus, Report
from boligsocial.surveys.models import SurveyAnswer, SurveyStatus

TODAY = date(2025, 10, 1)


def _section(context, key):
    return next(s for s in context["sections"] if s["key"] == key)


def _table(context, key):
    return builder.tables(context)[key]


def _texts(table):
    return [[c["t"] for c in row] for row in table["rows"]]


def _clients(personas):
    from conftest import client_as

    return lambda name: client_as(personas, name)


@pytest.fixture
def org_report(rw, personas):
    return services.create_report(by=personas["head_a"], organisation=rw.org_a, year=rw.year)


def test_house_rule_counts_are_suppressed_primary_and_secondary(rw, org_report):
    context = builder.build(org_report, TODAY)
    counts = _texts(_table(context, "housing-counts"))
    # Alfaparken 6 is hidden as "x": with the total 8 it would give Alfahaven's 2 away
    assert [row[:2] for row in counts] == [
        ["1 Alfaparken", "x"],
        ["2 Alfahaven", "<5"],
        ["I alt", "8"],
    ]
    public = builder.public(context)
    assert _texts(_table(public, "housing-counts")) == [["I alt", "8", "0", counts[2][3]]]


def test_the_public_summary_has_no_figure_below_the_threshold(rw, org_report, personas):
    services.set_narrative(
        report=org_report, by=None, section="economy", text="Kun internt.", internal=True
    )
    services.set_narrative(
        report=org_report,
        by=None,
        section="democracy",
        text="Valg i alle afdelinger.",
        internal=False,
    )
    public = builder.public(builder.build(org_report, TODAY))
    for section in public["sections"]:
        for block in section["blocks"]:
            assert not block.get("internal")
            if block["type"] == "table":
                for row in block["rows"]:
                    for c in row:
                        assert not c["small"] and not c["t"].startswith("<")
    assert "economy" not in [s["key"] for s in public["sections"]]
    assert _section(public, "democracy")["blocks"][-1]["paragraphs"] == ["Valg i alle afdelinger."]
    page = Client()
    page.force_login(personas["head_a"])
    html = page.get(reverse("reports:public", args=[org_report.pk])).content.decode()
    assert "Kun internt." not in html
    assert 'class="count"' in html  # the scan below reads the count cells
    assert not re.search(r"&lt;5|<td class=\"count\">\s*[1-4]\s*</td>", html)


def test_sections_exact_values(rw, org_report):
    context = builder.build(org_report, TODAY)
    keys = [s["key"] for s in context["sections"]]
    assert keys[:3] == ["master_data", "letting", "resident_mix"]
    assert "traffic_light" in keys and "housing_counts" in keys
    departments = _texts(_table(context, "departments"))
    assert [row[:2] for row in departments] == [["1", "Alfaparken"], ["2", "Alfahaven"]]
    summary = _table(context, "lights-summary")
    assert summary["header"] == ["Trafiklys", "2024", "2023"]
    assert sum(int(r[1]["n"]) for r in summary["rows"]) == 2
    assert context["agenda"][0] == "Velkomst og godkendelse af dagsorden"


def test_finalising_freezes_the_report_and_closes_the_agenda(rw, org_report, personas):
    dept_report = services.create_report(
        by=None, organisation=rw.org_a, department=rw.dept_a1, year=rw.year
    )
    services.add_agenda_point(
        report=dept_report,
        by=personas["dept_board_a1"],
        title="Belysning",
        text="",
        internal=False,
        department=None,
    )
    report = services.finalise(report=org_report, by=personas["head_a"], today=TODAY)
    frozen = report.snapshot
    assert [p["title"] for p in frozen["points"]] == ["Belysning"]
    from boligsocial.cases.tests.factories import CaseFactory

    CaseFactory(department=rw.dept_a2)  # a later case does not change the frozen report
    report.refresh_from_db()
    assert report.snapshot == frozen
    with pytest.raises(services.ReportError):
        services.add_agenda_point(
            report=dept_report,
            by=None,
            title="For sent",
            text="",
            internal=False,
            department=None,
        )
    with pytest.raises(services.ReportError):
        services.set_narrative(report=report, by=None, section="economy", text="x", internal=False)
    assert dept_report.agenda_points.count() == 1
    assert not report.narratives.exists()


def test_last_years_agreements_come_back_with_their_status(rw, personas):
    last = services.create_report(by=None, organisation=rw.org_a, year=rw.year - 1)
    services.finalise(report=last, by=None, today=TODAY)
    done = services.add_agreement(
        report=last, by=None, what="Tryghedsvandring", who="Kommunen", due_date=date(2025, 3, 1)
    )
    services.update_agreement(agreement=done, by=None, status=AgreementStatus.DONE, note="")
    services.add_agreement(
        report=last,
        by=None,
        what="Restanceplan",
        who="Boligorganisationen",
        due_date=date(2025, 6, 1),
    )
    report = services.create_report(by=None, organisation=rw.org_a, year=rw.year)
    context = builder.build(report, TODAY)
    assert _texts(_table(context, "agreements")) == [
        ["Tryghedsvandring", "Kommunen", "01-03-2025", "Gennemført", ""],
        ["Restanceplan", "Boligorganisationen", "01-06-2025", "Forsinket", ""],
    ]
    assert "Opfølgning på sidste års aftaler" in context["agenda"]


def test_a_second_report_for_the_year_is_refused(rw, org_report):
    with pytest.raises(services.ReportError):
        services.create_report(by=None, organisation=rw.org_a, year=rw.year)
    assert Report.objects.filter(organisation=rw.org_a, year=rw.year).count() == 1


def test_table_downloads_as_excel(rw, org_report, personas):
    client_for = _clients(personas)
    url = reverse("reports:table", args=[org_report.pk, "departments"])
    response = client_for("head_a").get(url)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Nr.", "Afdeling", "Adresse", "Kommune", "Lejemål", "Opført")
    assert rows[1][:2] == (1, "Alfaparken")
    assert (
        client_for("head_a").get(reverse("reports:table", args=[org_report.pk, "nope"])).status_code
        == 404
    )


def test_organisation_pdf_prints_every_page(rw, org_report, personas, documents):
    client_for = _clients(personas)
    response = client_for("head_a").get(reverse("reports:report_pdf", args=[org_report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    document = documents[0]
    assert save_pages(response.content, "reports-organisation") == len(document.pages)
    assert cells_outside(document) == []
    assert stranded_headings(document) == []


# --- surveys, safety walks and coordination (decision 0039) -----------------------------------


def _rows(context, key):
    return [[c["t"] for c in row] for row in builder.tables(context)[key]["rows"]]


def _survey(rw, personas, answers):
    """A closed survey of the year; `answers`: {department: [tryg_moerke choice, ...]}."""
    from boligsocial.guides.models import Guide
    from boligsocial.guides.services import current_version
    from boligsocial.surveys.tests.conftest import make_survey

    version = current_version(Guide.objects.get(key="tryghedsundersoegelse"))
    survey, _issued = make_survey(rw, personas, version, leases=(7, 3))
    for department, choices in answers.items():
        for i, choice in enumerate(choices):
            SurveyAnswer.objects.create(
                survey=survey,
                department=department,
                building=f"{department.name}vej {1 + i % 2}",
                channel="web",
                values={"tryg_moerke": choice},
                submitted=True,
            )
    type(survey).objects.filter(pk=survey.pk).update(
        status=SurveyStatus.CLOSED, opens_on=date(rw.year, 3, 1), closes_on=date(rw.year, 3, 31)
    )
    survey.refresh_from_db()
    cache.clear()  # the survey's results are cached by its id, which a rolled-back test reuses
    return survey


def test_surveys_show_rates_and_index_through_the_surveys_suppression(rw, personas, org_report):
    # Alfahaven's 2 answers are below k = 5 ("<5"); Alfaparken's 6 would give them away
    # from the survey's total of 8, so they are hidden too ("x"): neither shows a rate or index.
    survey = _survey(
        rw, personas, {rw.dept_a1: ["1", "1", "1", "5", "5", "5"], rw.dept_a2: ["3", "3"]}
    )
    context = builder.build(org_report, TODAY)
    rows = _rows(context, f"survey-{survey.pk}")
    assert rows == [  # invited: the departments' leases (1 + 7 and 1 + 3)
        ["1 Alfaparken", "8", "x", "–", "–"],
        ["2 Alfahaven", "4", "<5", "–", "–"],
        # 8 of 12 = 66.7 %; index (3 × 100 + 3 × 0 + 2 × 50) / 8 = 50.0
        ["Hele undersøgelsen", "12", "8", "66,7", "50,0"],
    ]
    public = builder.public(context)
    assert _rows(public, f"survey-{survey.pk}") == [rows[2]]


def test_a_survey_department_at_k_shows_its_rate_and_index(rw, personas, org_report):
    survey = _survey(rw, personas, {rw.dept_a1: ["1", "2", "2", "5", "4", "dont_know"]})
    rows = _rows(builder.build(org_report, TODAY), f"survey-{survey.pk}")
    # 6 of 8 households = 75.0 %; the index of the 5 with a scored choice ("ved ikke" does not
    # count): (100 + 75 + 75 + 0 + 25) / 5 = 55.0 (with 4 it would be hidden: fewer than k)
    assert rows == [
        ["1 Alfaparken", "8", "6", "75,0", "55,0"],
        ["2 Alfahaven", "4", "0", "0,0", "–"],
        ["Hele undersøgelsen", "12", "6", "50,0", "55,0"],
    ]


def test_safety_walks_findings_by_category_status_and_follow_up(rw, personas, org_report):
    from boligsocial.walks.models import Finding, Walk

    walk = Walk.objects.create(
        organisation=rw.org_a,
        municipality=rw.dept_a1.municipality,
        title="Aftenvandring",
        walk_date=date(rw.year, 9, 1),
        status="held",
        follow_up_date=date(rw.year + 1, 3, 1),
        summary="Intern opsummering med navne",
    )
    walk.departments.set([rw.dept_a1, rw.dept_a2])
    Walk.objects.create(  # planned only: not in the report
        organisation=rw.org_a,
        municipality=rw.dept_a1.municipality,
        title="Planlagt",
        walk_date=date(rw.year, 11, 1),
    ).departments.set([rw.dept_a1])
    rows = [  # category, status, owner, due
        ("lighting", "open", "housing", date(2025, 9, 1)),  # overdue on TODAY
        ("lighting", "done", "housing", None),
        ("lighting", "in_progress", "municipality", date(2025, 12, 1)),
        ("litter", "open", "", None),
        ("litter", "dropped", "housing", None),
        ("good", "open", "", None),
    ]
    for number, (category, status, owner, due) in enumerate(rows, 1):
        Finding.objects.create(
            walk=walk,
            number=number,
            category=category,
            description="Lampen ved nr. 4 (Hans)",
            status=status,
            owner_kind=owner,
            due_date=due,
        )
    context = builder.build(org_report, TODAY)
    both = "1 Alfaparken, 2 Alfahaven"
    assert _rows(context, "walks") == [
        ["01-09-2024", "Aftenvandring", both, "5", "1", "3", "1", "01-03-2025"]
    ]
    assert builder.tables(context)["walk-findings"]["header"] == [
        "Kategori", "Åben", "Under behandling", "Gennemført", "Henlagt", "I alt"
    ]  # fmt: skip
    assert _rows(context, "walk-findings") == [
        ["Belysning", "1", "1", "1", "0", "3"],
        ["Affald, graffiti og hærværk", "1", "0", "0", "1", "2"],
        ["I alt", "2", "1", "1", "1", "5"],
    ]
    assert _rows(context, "walk-follow-up") == [
        ["Boligorganisation", "1", "1"],
        ["Kommune", "1", "0"],
        ["Ingen ansvarlig endnu", "1", "0"],
    ]
    section = next(s for s in context["sections"] if s["key"] == "walks")
    assert section["blocks"][-1]["paragraphs"] == ["1 godt sted blev noteret på vandringerne."]
    flat = repr(builder.public(context))
    assert "Hans" not in flat and "Intern opsummering" not in flat and "Planlagt" not in flat


def test_coordination_flags_overlaps_in_the_departments(rw, personas, org_report):
    from boligsocial.coordination.models import Effort, TargetGroup

    group = TargetGroup.objects.get(name="Skolebørn")
    efforts = []
    for name, owner in (("Lektiecafé", "Biblioteket"), ("Lektiehjælp", "Skolen")):
        e = Effort.objects.create(
            municipality=rw.dept_a1.municipality,
            name=name,
            description="Kontakt: Hans",
            owner_kind="association",
            owner_name=owner,
            place_kind="department",
            department=rw.dept_a1,
            starts_on=date(rw.year, 1, 1),
            ends_on=date(rw.year, 12, 31),
        )
        e.target_groups.set([group])
        efforts.append(e)
    context = builder.build(org_report, TODAY)
    assert _rows(context, "coordination-overlaps") == [
        [
            "Lektiecafé (Biblioteket)",
            "Lektiehjælp (Skolen)",
            "1 Alfaparken",
            "Skolebørn / Skolebørn",
            "Ikke set på endnu",
        ]
    ]
    assert "Hans" not in repr(context)
    # an effort elsewhere in another year is not flagged
    Effort.objects.filter(pk=efforts[1].pk).update(
        starts_on=date(rw.year + 1, 1, 1), ends_on=date(rw.year + 1, 12, 31)
    )
    later = builder.build(org_report, TODAY)
    assert "coordination-overlaps" not in builder.tables(later)


# --- the key-figure import (reports/import_kinds.py) ------------------------------------------

HEADER = ["aar", "afdelingsnummer", "afsnit", "noegletal", "vaerdi", "enhed", "tal_aar", "kilde"]


def _xlsx(rows) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _import(rw, personas, rows):
    from boligsocial.core.importkinds import ImportContext, import_file
    from boligsocial.reports.import_kinds import KIND

    ctx = ImportContext(user=personas["head_a"], organisation=rw.org_a, filename="tal.xlsx")
    return import_file(KIND, _xlsx(rows), ctx)


def _figures(report):
    return [
        (f.section, f.label, str(f.value), f.unit, f.year, f.source)
        for f in report.key_figures.order_by("section", "label")
    ]


def test_key_figures_import_from_xlsx_and_update_by_section_and_name(rw, personas, org_report):
    from boligsocial.audit.models import ChangeLogEntry

    dept = services.create_report(by=None, organisation=rw.org_a, department=rw.dept_a1, year=2024)
    result = _import(
        rw,
        personas,
        [
            [2024, "", "economy", "Henlæggelser pr. m²", "152,5", "kr./m²", 2023, "Regnskab 2023"],
            [2024, "", "Effektivitetstal", "Effektivitetstal", "97", "", 2023, "LBF"],
            [2024, 1, "letting", "Ventelisten", "1.283", "husstande", 2024, "Udlejningen"],
        ],
    )
    assert [i.message for i in result.issues] == []
    assert (result.ok, result.created, result.updated) == (True, 3, 0)
    assert _figures(org_report) == [
        ("economy", "Henlæggelser pr. m²", "152.50", "kr./m²", 2023, "Regnskab 2023"),
        ("efficiency", "Effektivitetstal", "97.00", "", 2023, "LBF"),
    ]
    assert _figures(dept) == [
        ("letting", "Ventelisten", "1283.00", "husstande", 2024, "Udlejningen")
    ]
    assert ChangeLogEntry.objects.filter(content_type__model="keyfigure").count() == 3
    again = _import(
        rw,
        personas,
        [[2024, "", "economy", "Henlæggelser pr. m²", "160", "kr./m²", 2023, "Regnskab 2023"]],
    )
    assert (again.created, again.updated, again.unchanged) == (0, 1, 0)
    assert _figures(org_report)[0][2] == "160.00"


def test_bad_key_figure_rows_get_danish_messages_and_change_nothing(rw, personas, org_report):
    last = services.create_report(by=None, organisation=rw.org_a, year=2023)
    services.finalise(report=last, by=None, today=TODAY)
    result = _import(
        rw,
        personas,
        [
            [2024, "", "økonomien", "Henlæggelser", "152,5", "", 2023, "Regnskab"],
            [2024, "", "economy", "Leje", "1,2,3", "", 2023, "Regnskab"],
            [2024, "", "economy", "Leje", "899", "", 2023, ""],
            [2022, "", "economy", "Leje", "899", "", 2023, "Regnskab"],
            [2024, 7, "economy", "Leje", "899", "", 2023, "Regnskab"],
            [2023, "", "economy", "Leje", "899", "", 2023, "Regnskab"],
            [2024, "", "economy", "Leje", "899", "", 1999, "Regnskab"],
            [2024, "", "economy", "Leje pr. m²", "899", "", 2023, "Regnskab"],
            [2024, "", "economy", "Leje pr. m²", "900", "", 2023, "Regnskab"],
        ],
    )
    messages = [(i.line, i.column, i.message) for i in result.issues]
    assert messages[0][:2] == (2, "afsnit")
    assert messages[0][2].startswith("Ukendt afsnit “økonomien” (forventet en af: master_data,")
    assert messages[1:] == [
        (3, "vaerdi", "“1,2,3” er ikke et tal (forventet fx 1.283 eller 72,5: punktum mellem "
         "tusinder, komma før decimalerne)."),
        (4, "kilde", "Feltet skal udfyldes."),
        (5, "aar", "Der er ingen styringsdialograpport for 2022 for organisationen."),
        (6, "aar", "Der er ingen styringsdialograpport for 2024 for afdeling 7."),
        (7, "aar", f"Rapporten {last} er endeligt godkendt og kan ikke længere ændres."),
        (8, "tal_aar", "Året skal være fra 2000 til 2100."),
        (10, "noegletal", "Nøgletallet “Leje pr. m²” i dette afsnit står allerede på linje 9."),
    ]  # fmt: skip
    assert not result.ok and result.created == 0
    assert not org_report.key_figures.exists() and not last.key_figures.exists()


def test_the_pdf_draws_a_sparkline_as_a_bare_image_of_its_line():
    """In the PDF a sparkline is an <img> of the line and the dot alone (no title, no page
    attributes: fewer nodes to draw, decision 0049); the page keeps the inline SVG with its
    accessible name."""
    import base64

    from boligsocial.core.charts import sparkline
    from boligsocial.reports.sections._indicators import data_uri

    svg = sparkline([(2023, 1), (2024, 3)], label="Beboere 2023–2024", width=48, height=14)
    assert svg.startswith('<svg class="sparkline" role="img" focusable="false" viewBox=')
    assert "<title>Beboere 2023–2024</title>" in svg
    uri = data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    drawn = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert drawn == (
        '<svg viewBox="0 0 48 14" width="48" height="14" xmlns="http://www.w3.org/2000/svg">'
        '<polyline points="2.5,11.5 45.5,2.5" fill="none" stroke="#1a1a1a" stroke-width="1.2"/>'
        '<circle cx="45.5" cy="2.5" r="2.2" fill="#555555"/></svg>'
    )
    assert data_uri("") == ""
