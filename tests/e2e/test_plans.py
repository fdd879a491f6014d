"""A comprehensive plan in the browser (issue 16 part 12): staff of organisation A creates a
plan, adds a sub-agreement with a goal and an activity linked to the catalogue, enters a budget
that breaks the 75 % rule (Danish message), fixes it, submits it, records the three approvals,
logs a session on a 375 px phone, opens the yearly status as a PDF, comments on it, uploads the
signed agreement and a new version of it, imports a session from Excel through the imports app,
and ends the plan after the confirmation page."""

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, menu_link, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj\n%%EOF\n"


def test_a_plan_from_draft_to_a_logged_session_and_the_status_pdf(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.organisations.tests.test_imports import xlsx_bytes
    from boligsocial.plans.imports.sessions import COUNT_COLUMNS
    from boligsocial.plans.models import Plan, PlanDocument, Session

    login("staff-a")
    menu_link(page, "Helhedsplaner")
    expect(page.get_by_role("heading", level=1)).to_have_text("Helhedsplaner")
    page.get_by_role("link", name="Ny plan").click()
    page.get_by_label("Navn").fill("Helhedsplan Alfaparken 2024–27")
    page.get_by_label("Boligselskabet Alfa").check()
    page.get_by_label("1 Alfaparken").check()
    page.get_by_label("Kommune").select_option(value="751")
    page.get_by_label("LBF-periode").select_option(label="2019–26-midlerne")
    page.get_by_label("Første år").fill("2024")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Helhedsplan Alfaparken 2024–27")
    plan = Plan.objects.get()
    assert (plan.first_year, plan.last_year, plan.status) == (2024, 2027, "draft")

    page.get_by_role("link", name="Delaftaler").click()
    page.get_by_role("link", name="Tilføj en delaftale").click()
    page.get_by_label("Indsatsområde").select_option(label="Beskæftigelse")
    page.get_by_label("Aftale").fill("Flere unge i fritidsjob og flere voksne i arbejde.")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("main, body").first).to_contain_text("Beskæftigelse")

    page.get_by_role("link", name="Mål", exact=True).click()
    page.get_by_role("link", name="Tilføj et mål").click()
    page.get_by_label("Delaftale").select_option(label="Beskæftigelse")
    page.get_by_label("Mål", exact=True).fill("Færre uden for arbejde og uddannelse")
    page.get_by_label("Indikator").select_option(
        label="Andel 18–64-årige uden for arbejde og uddannelse"
    )
    page.get_by_label("Måles i afdeling").select_option(label="1 Alfaparken")
    page.get_by_label("Mål 2027").fill("38")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("table")).to_contain_text("Færre uden for arbejde og uddannelse")

    page.get_by_role("link", name="Aktiviteter", exact=True).click()
    page.get_by_role("link", name="Tilføj en aktivitet").click()
    page.get_by_label("Delaftale").select_option(label="Beskæftigelse")
    page.get_by_label("Navn").fill("Fritidsjob i Alfaparken")
    page.get_by_label("Indsats fra kataloget").select_option(label="Fritidsjob / lommepengejob")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("table")).to_contain_text("Fritidsjob i Alfaparken")

    page.get_by_role("link", name="Budget", exact=True).click()
    page.get_by_role("link", name="Ret budgettet").click()
    page.get_by_label("Bevilget af Landsbyggefonden").fill("80.000,00")
    page.get_by_label("Landsbyggefonden, linje 1: aktivitet").select_option(
        label="Fritidsjob i Alfaparken"
    )
    page.get_by_label("Landsbyggefonden, linje 1: 2024").fill("80.000,00")
    page.get_by_label("Bevilget af Aarhus").fill("20.000,00")
    page.get_by_label("Aarhus, linje 1: 2024").fill("20.000,00")
    page.get_by_role("button", name="Gem budgettet").click()
    alert = page.locator(".alert-error")
    expect(alert).to_contain_text("Landsbyggefonden må højst finansiere 75 %")
    expect(alert).to_contain_text("Sænk Landsbyggefondens beløb med 5.000,00 kr.")
    screenshot(page, "plans-budget-broken")
    page.get_by_role("link", name="Ret budgettet").click()
    page.get_by_label("Bevilget af Landsbyggefonden").fill("75.000,00")
    page.get_by_label("Landsbyggefonden, linje 1: 2024").fill("75.000,00")
    page.get_by_label("Bevilget af Aarhus").fill("25.000,00")
    page.get_by_label("Aarhus, linje 1: 2024").fill("25.000,00")
    page.get_by_role("button", name="Gem budgettet").click()
    expect(page.locator("main, body").first).to_contain_text("Budgettet overholder reglerne")
    # the line kept its activity: the activity's own budget on the budget page
    activity_row = page.locator(".budget-table tbody tr", has_text="Fritidsjob i Alfaparken")
    expect(activity_row.first).to_contain_text("75.000,00")
    screenshot(page, "plans-budget-ok")

    page.get_by_role("link", name="Aftale", exact=True).click()
    page.get_by_role("button", name="Send til partnerne").click()
    expect(page.locator(".plan-status")).to_have_text("Indsendt")
    for party, org, who in (
        ("Boligorganisation", "Boligselskabet Alfa", "Organisationsbestyrelsen"),
        ("Kommunalbestyrelsen", None, "Byrådet"),
        ("Landsbyggefonden", None, "Landsbyggefonden"),
    ):
        page.get_by_role("link", name="Registrér en godkendelse").click()
        page.get_by_label("Godkendt af").select_option(label=party)
        if org:
            page.get_by_label("Boligorganisation").select_option(label=org)
        page.get_by_label("Godkendt den").fill("2023-12-01")
        page.get_by_label("Hvem godkendte (navn eller udvalg)").fill(who)
        page.get_by_role("button", name="Gem").click()
    expect(page.locator(".plan-status")).to_have_text("Godkendt")
    screenshot(page, "plans-agreement")

    page.set_viewport_size({"width": 375, "height": 812})
    page.get_by_role("link", name="Aktiviteter", exact=True).click()
    page.get_by_role("link", name="Fritidsjob i Alfaparken").click()
    page.get_by_role("link", name="Registrér en gang").click()
    page.get_by_label("Afholdt den").fill("2024-03-05")
    page.get_by_label("13–17 år, Piger/kvinder").fill("4")
    page.get_by_label("13–17 år, Drenge/mænd").fill("2")
    page.get_by_label("Noter").fill("Jobsamtaler med to virksomheder")
    page.screenshot(path=SCREENSHOTS / "plans-log-session-phone.png", full_page=True)
    page.get_by_role("button", name="Gem gangen").click()
    expect(page.locator("main, body").first).to_contain_text("6 deltagere")
    assert Session.objects.get().participants == 6
    page.set_viewport_size({"width": 1366, "height": 900})

    page.goto(f"{live_server.url}/helhedsplaner/{plan.pk}/rapporter/")
    page.get_by_role("link", name="Årlig status 2024", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Årlig status 2024")
    page.get_by_label("Din kommentar").fill("Godt første år.")
    page.get_by_role("button", name="Tilføj kommentaren").click()
    expect(page.locator("main, body").first).to_contain_text("Godt første år.")
    pdf = page.request.get(
        f"{live_server.url}/helhedsplaner/{plan.pk}/rapporter/status/pdf/?aar=2024"
    )
    assert pdf.headers["content-type"] == "application/pdf"
    SCREENSHOTS.mkdir(exist_ok=True)
    path = Path(SCREENSHOTS / "plans-status.pdf")
    path.write_bytes(pdf.body())
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(SCREENSHOTS / "plans-status-pdf"),
        ],
        check=False,
    )

    # The plan's documents: a signed agreement, then a new version; the old one stays.
    page.goto(f"{live_server.url}/helhedsplaner/{plan.pk}/")
    page.get_by_role("link", name="Dokumenter", exact=True).click()
    page.get_by_role("link", name="Upload et dokument").click()
    page.get_by_label("Type").select_option(label="Strategisk aftale")
    page.get_by_label("Titel").fill("Strategisk aftale, underskrevet")
    pdf_file = {"name": "aftale.pdf", "mimeType": "application/pdf", "buffer": PDF}
    page.get_by_label("Fil").set_input_files(pdf_file)
    page.get_by_role("button", name="Gem").click()
    page.get_by_role("link", name="Upload en ny version").click()
    page.get_by_label("Fil").set_input_files({**pdf_file, "name": "aftale-2.pdf"})
    page.get_by_label("Hvad er ændret").fill("Med kommunens underskrift")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("main")).to_contain_text("aftale-2.pdf")
    expect(page.locator("main")).to_contain_text("aftale.pdf")
    screenshot(page, "plans-documents")
    assert PlanDocument.objects.get().versions.count() == 2

    # A week of sessions imported from Excel through the shared imports app.
    activity = plan.activities.get()
    menu_link(page, "Import")
    page.get_by_role("link", name="Aktivitetslog").click()
    header = ["aktivitet_nr", "aktivitet", "dato", *COUNT_COLUMNS, "note"]
    counts = ["" for _c in COUNT_COLUMNS]
    counts[list(COUNT_COLUMNS).index("k_13_17")] = 5
    page.get_by_label("Fil").set_input_files(
        {
            "name": "log.xlsx",
            "mimeType": "application/octet-stream",
            "buffer": xlsx_bytes(
                header, (activity.pk, activity.name, "06-03-2024", *counts, "Jobcafé")
            ).getvalue(),
        }
    )
    page.get_by_role("button", name="Kontrollér filen").click()
    page.get_by_role("button", name="Bekræft og importér").click()
    expect(page.locator("main")).to_contain_text("log.xlsx")
    assert sorted(Session.objects.values_list("participants", flat=True)) == [5, 6]

    page.goto(f"{live_server.url}/helhedsplaner/{plan.pk}/")
    page.get_by_role("button", name="Sæt planen i gang").click()
    page.get_by_role("button", name="Afslut planen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afslut planen?")
    assert Plan.objects.get().status == "running"
    page.get_by_role("button", name="Ja, afslut planen").click()
    expect(page.locator(".plan-status")).to_have_text("Afsluttet")
    assert console_errors == []
