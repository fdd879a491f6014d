"""The screening's downloads go through the one neutralising writer (issue 13, item 11): the
statutory lists as Excel and CSV (real numbers, Danish headers), the statutory_lists command's
output, and the scorecard; a name beginning with = + - @ never becomes a formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from boligsocial.organisations.models import Area, Department
from boligsocial.screening import statutory_csv

HOSTILE = '=HYPERLINK("http://x","klik")'


def _get(client, name, **params):
    return client.get(reverse(f"screening:{name}"), params)


def test_statutory_lists_neutralise_area_names_in_csv_and_excel(sw, client_for):
    Area.objects.filter(name="Fællesområdet").update(name=HOSTILE)
    client = client_for("admin")
    text = _get(client, "statutory_lists_csv", kommune="751").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][:3] == ["2024", "'" + HOSTILE, "Aarhus"]
    assert rows[1][7] == "3,0"
    response = _get(client, "statutory_lists_xlsx", kommune="751")
    assert response["Content-Disposition"] == (
        'attachment; filename="lovbestemte-lister-2024-751.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["År", "Boligområde", "Kommune"]
    second = list(sheet[2])
    assert second[1].value == "'" + HOSTILE
    assert second[1].data_type == "s"
    assert second[0].value == 2024
    assert second[7].value == 3.0 and second[7].data_type == "n"
    page = _get(client, "statutory_lists").content.decode()
    assert reverse("screening:statutory_lists_xlsx") in page


def test_the_statutory_lists_command_neutralises_names(tmp_path):
    rows = statutory_csv.parse(
        "year,area,municipality,residents,pct_outside_work_education,pct_convicted,"
        "national_pct_convicted,pct_basic_education,income_pct_of_region,pct_nonwestern\n"
        '2021,"=HYPERLINK(""http://x"",""klik"")",@Aarhus,'
        "1200,35.0,1.50,0.70,40.0,70.0,31.0\n"
    )
    out = tmp_path / "out.csv"
    statutory_csv.write(rows, statutory_csv.evaluate_rows(rows), out)
    written = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert (written[0]["area"], written[0]["municipality"]) == ("'" + HOSTILE, "'@Aarhus")
    assert written[0]["distance_pp_beskaeftigelse"].startswith("-")  # numbers untouched


def test_the_scorecard_downloads_with_numbers_and_neutralised_names(sw, client_for):
    department = Department.objects.filter(organisation=sw.org_a).order_by("number").first()
    Department.objects.filter(pk=department.pk).update(name="+45 Parken")
    url = reverse("screening:scorecard_export", args=[sw.org_a.pk])
    response = client_for("staff_a").get(url, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Afd.nr.", "Afdeling", "Kommune", "Trafiklys", "Score"]
    names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert "'+45 Parken" in names
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    as_csv = client_for("staff_a").get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert as_csv.splitlines()[0].startswith("Afd.nr.;Afdeling;Kommune;Trafiklys;Score")
    assert client_for("staff_b").get(url).status_code == 404


@pytest.mark.parametrize(
    ("persona", "a1", "a2"),
    [
        # evictions per 1,000 leases, 100 leases each: 6.0 (1 eviction) and 1.0; as on the page
        ("head_a", 6.0, 1.0),
        ("board_a", None, None),
        ("municipal", None, None),
    ],
)
def test_the_scorecard_download_hides_what_the_page_hides(sw, client_for, persona, a1, a2):
    url = reverse("screening:scorecard_export", args=[sw.org_a.pk])
    response = client_for(persona).get(url, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    column = header.index("Udsættelser pr. 1.000 lejemål")
    values = {row[1].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert values == {"Alfaparken": a1, "Alfahaven": a2}
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows["Alfaparken"][3].value  # the light itself is shown to all three
