"""Case exports (issue 13, item 11): statistics as Excel/CSV with the page's counts; the person
export (right of access) as a readable PDF or Excel as well as JSON, access-logged, and a clear
message, no file, when nothing matched."""

import csv
import io

import pypdfium2
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from boligsocial.audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def test_statistics_download_as_excel_and_csv_with_the_pages_counts(cw, client_for):
    client = client_for("head_a")
    page = client.get(reverse("cases:statistics"), {"year": 2026})
    tables = {str(t["title"]): dict(t["rows"]) for t in page.context["tables"]}
    links = dict(page.context["exports"])
    assert links["Excel"] == f"{reverse('cases:statistics_export')}?year=2026&format=xlsx"
    workbook = load_workbook(io.BytesIO(client.get(links["Excel"]).content))
    assert workbook.sheetnames == [
        "Fordelt på spor",
        "Fordelt på kategori",
        "Fordelt på type",
        "Fordelt på status",
        "Fordelt på udfald (afsluttede s",  # Excel: at most 31 characters
    ]
    by_track = workbook["Fordelt på spor"]
    assert [c.value for c in by_track[1]] == ["Værdi", "Sager"]
    # the page's counts are disclosure Figures; staff of the organisation see them all exactly
    assert all(f.shown for f in tables["Fordelt på spor"].values())
    assert {r[0].value: r[1].value for r in by_track.iter_rows(min_row=2)} == {
        str(k): f.value for k, f in tables["Fordelt på spor"].items()
    }
    assert all(r[1].data_type == "n" for r in by_track.iter_rows(min_row=2))
    text = client.get(links["CSV"]).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Opdeling", "Værdi", "Sager"]
    by_track_rows = [r for r in rows if r[0] == "Fordelt på spor"]
    assert len(by_track_rows) == len(tables["Fordelt på spor"]) > 0
    assert AccessLogEntry.objects.count() == 0  # counts only


def _export(client, **data):
    return client.post(
        reverse("cases:person_export"), {"name": "", "email": "", "phone": "", **data}
    )


def test_the_person_export_as_pdf_reads_as_a_document(cw, client_for, personas):
    response = _export(client_for("head_a"), name="Rasmus Støjesen", format="pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="indsigt-')
    pdf = pypdfium2.PdfDocument(response.content)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Sag BS-2026-0001" in text
    assert "Rasmus Støjesen" in text
    assert "Talt med klager i telefon." in text
    rows = list(AccessLogEntry.objects.values_list("object_id", "route", "purpose"))
    assert rows == [(str(cw.case_a1.pk), "cases:person_export", "indsigt")]


def test_the_person_export_as_excel_has_a_sheet_per_kind_of_data(cw, client_for):
    response = _export(client_for("head_a"), name="rasmus støjesen", format="xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Søgning", "Sager", "Parter", "Tidslinje", "Breve", "Frister"]
    search = [[c.value for c in r] for r in workbook["Søgning"].iter_rows()]
    assert search[0] == ["Sag", "Rolle", "Navn", "Lejemål", "Telefon", "E-mail"]
    assert [r[0] for r in search[1:]] == ["BS-2026-0001"]
    assert search[1][2] == "Rasmus Støjesen"
    cases = list(workbook["Sager"].iter_rows(min_row=2))
    assert cases[0][0].value == "BS-2026-0001"
    assert cases[0][9].is_date


def test_the_person_export_says_so_when_nothing_matched(cw, client_for):
    response = _export(client_for("head_a"), name="Ingen Sådan Person", format="pdf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Ingen part i sagerne matcher søgningen. Intet blev eksporteret." in (
        response.content.decode()
    )
    assert AccessLogEntry.objects.count() == 0
