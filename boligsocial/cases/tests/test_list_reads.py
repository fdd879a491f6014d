"""The case list is a read (issue 13, item 9): the page, its search, its htmx results and its
export write one access-log row per case shown, as the API's list does, so "who has seen case
X" has one answer; the list shows open cases by default with type and priority (item 12) and
downloads as Excel or CSV (item 11)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from boligsocial.audit.models import AccessLogEntry
from boligsocial.cases.models import Case
from boligsocial.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _reads(personas, persona):
    return sorted(
        AccessLogEntry.objects.filter(user=personas[persona]).values_list("object_repr", "route")
    )


def test_the_list_logs_one_read_per_case_shown(cw, client_for, personas):
    client_for("staff_a").get(reverse("cases:list"))
    assert _reads(personas, "staff_a") == [
        ("BS-2026-0001", "cases:list"),
        ("BS-2026-0002", "cases:list"),
        ("BS-2026-0004", "cases:list"),
    ]


def test_a_search_by_name_logs_the_cases_it_revealed(cw, client_for, personas):
    client_for("staff_a").get(reverse("cases:list"), {"q": "Klara"}, HTTP_HX_REQUEST="true")
    assert _reads(personas, "staff_a") == [("BS-2026-0001", "cases:list")]


def test_a_list_showing_nothing_logs_nothing(cw, client_for):
    client_for("staff_a").get(reverse("cases:list"), {"q": "ingen sådan"})
    client_for("board_a").get(reverse("cases:list"))
    assert AccessLogEntry.objects.count() == 0


def test_who_has_seen_a_case_includes_list_views_from_the_page_and_the_api(
    cw, client_for, personas
):
    client_for("staff_a").get(reverse("cases:list"))
    client_for("admin").get("/api/v1/cases/")
    client_for("head_a").get(reverse("cases:detail", args=[cw.case_a2.pk]))
    page = client_for("head_a").get(reverse("cases:access_log"), {"case": "BS-2026-0002"})
    shown = [(e.user.username, e.route_label) for e in page.context["listing"].page]
    assert sorted(shown) == [
        ("admin", "API: sagsliste"),
        ("head-a", "Sagens side"),
        ("staff-a", "Sagsliste (eller søgning i den)"),
    ]
    body = page.content.decode()
    assert "Sagsliste (eller søgning i den)" in body
    assert "<code>cases:list</code>" not in body


def test_the_list_shows_open_cases_by_default_with_type_priority_and_the_crisis(cw, client_for):
    crisis = CaseFactory(
        reference="BS-2026-0050", department=cw.dept_a1, kind="crisis", priority="urgent"
    )
    response = client_for("staff_a").get(reverse("cases:list"))
    shown = {c.reference for c in response.context["listing"].page.object_list}
    assert shown == {"BS-2026-0001", "BS-2026-0002", "BS-2026-0004", crisis.reference}
    assert response.context["filters_active"] is False
    body = response.content.decode()
    assert '<tr class="case-row-crisis">' in body
    assert body.count('class="case-row-crisis"') == 1
    row = body[body.index('<tr class="case-row-crisis">') :]
    row = row[: row.index("</tr>")]
    assert '<span class="badge badge-error">Krise</span>' in row
    assert '<td data-title="Type">Akut hændelse/krise</td>' in row
    assert '<td data-title="Prioritet"><strong>Akut</strong></td>' in row
    assert '<option value="open" selected>Åbne sager</option>' in body
    everything = client_for("staff_a").get(reverse("cases:list"), {"deadline": "all"})
    assert "BS-2025-0001" in {c.reference for c in everything.context["listing"].page}
    # the choice is kept on the next page and in the sort links
    assert "deadline=all" in everything.context["listing"].columns["received"].url


def test_the_list_downloads_as_excel_with_danish_headers_and_neutralised_text(
    cw, client_for, personas
):
    Case.objects.filter(pk=cw.case_a2.pk).update(address='=HYPERLINK("http://x","klik")')
    client = client_for("staff_a")
    page = client.get(reverse("cases:list"), {"category": "waste"})
    links = dict(page.context["exports"])
    assert links == {
        "Excel": f"{reverse('cases:list_export')}?category=waste&sort=-received&format=xlsx",
        "CSV": f"{reverse('cases:list_export')}?category=waste&sort=-received&format=csv",
    }
    AccessLogEntry.objects.all().delete()
    response = client.get(links["Excel"])
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Sag",
        "Modtaget",
        "Afdeling",
        "Adresse",
        "Type",
        "Kategori",
        "Prioritet",
        "Status",
        "Næste frist",
        "Sagsbehandler",
    ]
    assert len(rows) == 2
    assert rows[1][0] == "BS-2026-0002"
    assert rows[1][3] == '\'=HYPERLINK("http://x","klik")'
    assert sheet.cell(2, 2).is_date
    assert [c.data_type for c in sheet[2]].count("f") == 0
    assert list(AccessLogEntry.objects.values_list("object_repr", "route", "purpose")) == [
        ("BS-2026-0002", "cases:list_export", "eksport")
    ]
    as_csv = client.get(links["CSV"]).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(as_csv), delimiter=";"))
    assert lines[0][:4] == ["Sag", "Modtaget", "Afdeling", "Adresse"]
    assert lines[1][3] == '\'=HYPERLINK("http://x","klik")'


def test_the_export_shows_only_cases_the_user_may_read(cw, client_for):
    for persona, expected in (("staff_b", ["BS-2026-0003"]), ("board_a", [])):
        response = client_for(persona).get(reverse("cases:list_export"), {"format": "csv"})
        lines = response.content.decode("utf-8-sig").splitlines()[1:]
        assert [line.split(";")[0] for line in lines] == expected
    assert (
        client_for("staff_a").get(reverse("cases:list_export"), {"visning": "nope"}).status_code
        == 404
    )
