"""Screening data in the browser: reached from the traffic light's front page; a file with an
error is refused with a Danish report and changes nothing; the corrected file is previewed
(old -> new value, nothing saved, the scorecard unchanged), imported once confirmed, the
scorecard shows the new colour, and the organisation's trafiklys report opens as a PDF (its
first page rendered to PNG and looked at)."""

import pypdfium2
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = "aar;organisation;afdeling;omraade;kommunekode;indikator;vaerdi;taeller;naevner;kilde"


def _row_cell_colours(page, department: str) -> list[str]:
    row = page.locator("table.scorecard tbody tr").filter(has_text=department)
    return row.locator("td.cell .tl").evaluate_all("els => els.map(e => e.className)")


def test_import_with_an_error_then_previewed_and_confirmed_changes_the_scorecard_and_the_pdf(
    page, live_server, world, personas, login, console_errors, tmp_path
):
    from boligsocial.screening.models import IndicatorValue, Light
    from boligsocial.screening.tests.factories import screening_world

    screening_world(world)
    lbf = world.org_a.lbf_number
    before = sorted(IndicatorValue.objects.values_list("id", "value"))
    assert (
        Light.objects.get(department=world.dept_a1, year=2024).indicators["outside_work_education"][
            "colour"
        ]
        == "red"
    )

    login("head-a")
    scorecard = f"{live_server.url}/trafiklys/organisationer/{world.org_a.pk}/?aar=2024"
    page.goto(scorecard)
    colours_before = _row_cell_colours(page, "Alfaparken")
    assert "tl tl-red" in colours_before[0]  # outside work and education, 43.1 %

    bad = tmp_path / "trafiklys-2024.csv"
    bad.write_text(
        f"{HEADER}\n"
        f"2024;{lbf};1;;;outside_work_education;25,0;;;Egen opgørelse\n"
        f"2024;{lbf};1;;;beskaeftigelse;25,0;;;Egen opgørelse\n",
        encoding="utf-8",
    )
    page.goto(f"{live_server.url}/trafiklys/")
    page.get_by_role("link", name="Importér indikatorværdier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import: Indikatorværdier")
    check_axe(page)
    screenshot(page, "screening-import-upload")
    page.get_by_label("Fil", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Kontrollér filen").click()

    expect(page.get_by_role("heading", name="Filen blev ikke importeret")).to_be_visible()
    report = page.locator("#import-problems")
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report.locator("tbody tr td").nth(0)).to_have_text("3")
    expect(report.locator("tbody tr td").nth(1)).to_have_text("indikator")
    expect(report).to_contain_text("Ukendt indikatorkode “beskaeftigelse”")
    check_axe(page)
    screenshot(page, "screening-import-errors")
    assert sorted(IndicatorValue.objects.values_list("id", "value")) == before

    good = tmp_path / "trafiklys-2024-rettet.csv"
    good.write_text(
        f"{HEADER}\n2024;{lbf};1;;;outside_work_education;25,0;;;Egen opgørelse\n",
        encoding="utf-8",
    )
    page.get_by_role("link", name="Indlæs den rettede fil").click()
    page.get_by_label("Fil", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.locator("#import-summary")).to_have_text("Oprettes: 0. Ændres: 1. Uændret: 0.")
    change = page.locator("#import-changes tbody tr")
    expect(change).to_have_count(1)
    expect(change).to_contain_text("Alfaparken")
    values = change.locator("td").nth(3)
    expect(values.locator("code").first).to_have_text("vaerdi")
    expect(values).to_contain_text("43,1 →")  # the stored value, then the file's
    expect(values.locator("strong").first).to_have_text("25")
    check_axe(page)
    screenshot(page, "screening-import-preview")
    assert sorted(IndicatorValue.objects.values_list("id", "value")) == before

    page.get_by_role("button", name="Bekræft og importér").click()
    expect(page.get_by_role("heading", name="Filen blev importeret")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Oprettet: 0. Opdateret: 1. Uændret: 0.")
    check_axe(page)
    screenshot(page, "screening-import-done")

    page.goto(scorecard)
    colours_after = _row_cell_colours(page, "Alfaparken")
    assert "tl tl-green" in colours_after[0]
    assert colours_after[1:] == colours_before[1:]
    screenshot(page, "screening-scorecard-after-import")

    link = page.locator("a[href*='rapport.pdf']").first
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.body())
    image = pdf[0].render(scale=1.5).to_pil()
    SCREENSHOTS.mkdir(exist_ok=True)
    image.save(SCREENSHOTS / "screening-report-after-import-page1.png")
    text = pdf[0].get_textpage().get_text_range()
    assert "Boligselskabet Alfa" in text
    assert console_errors == []
