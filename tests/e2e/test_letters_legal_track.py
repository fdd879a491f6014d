"""Issue 13, items 1-3 in Chromium: a public complaint → a henstilling to the neighbour (a draft,
edited, issued; the PDF read and rendered to PNG: no complainant data) → advarsel → the case
before the beboerklagenævn → its decision → the 4-week housing-court deadline on the case page
and on the today view (its row with the exact date)."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pypdfium2
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/wt/shots/h13-letters")
COMPLAINANT = ("Klara", "Klagesen", "st. tv", "20304050", "klara@example.org", "ovenover")


@pytest.fixture
def quick_forms(monkeypatch):
    from boligsocial.cases import intake_forms as forms

    monkeypatch.setattr(forms, "MIN_FILL_SECONDS", 0)


def shots(page, name):
    """Desktop 1366 px and phone 375 px into the branch's shot folder (and axe on both)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=SHOTS / f"{name}-1366.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=SHOTS / f"{name}-375.png", full_page=True)
    page.set_viewport_size(size)
    screenshot(page, f"letters-{name}")


def test_public_complaint_to_henstilling_advarsel_board_decision_and_court_deadline(
    page, live_server, world, personas, login, console_errors, quick_forms
):
    from boligsocial.cases import workdays
    from boligsocial.cases.models import Case, Letter

    # 1. The resident complains through the public form.
    page.goto(f"{live_server.url}/klage/")
    page.get_by_label("Din boligafdeling").select_option(
        label=("Alfaparken, " + world.dept_a1.address + ", 8000 Aarhus C (Boligselskabet Alfa)")
    )
    page.get_by_label("Dit navn").fill("Klara Klagesen")
    page.get_by_label("Din adresse").fill("Alfavej 1, st. tv.")
    page.get_by_label("Telefon").fill("20304050")
    page.get_by_label("E-mail").fill("klara@example.org")
    page.get_by_label("Hvad drejer det sig om?").select_option(label="Støj")
    page.get_by_label("Hvem klager du over?").fill("Familien Jensen")
    page.get_by_label("Hvornår skete det?").fill("2026-03-01T23:30")
    page.get_by_label("Hvor skete det?").fill("Lejligheden ovenover")
    page.get_by_label("Hvad skete der?").fill("Høj musik til kl. 3 om natten.")
    page.get_by_role("button", name="Send klage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vi har modtaget din klage")
    case = Case.objects.get()
    assert (case.address, case.lease_id) == ("", None)

    # 2. staff-a makes it a house-rule case and records the henstilling (dated today).
    login("staff-a")
    page.goto(f"{live_server.url}/sager/{case.pk}/")
    page.get_by_role("link", name="Redigér", exact=True).click()
    page.get_by_label("Type").select_option("house_rules")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Sagen er gemt.")).to_be_visible()
    track = page.locator(".legal-track")
    expect(track.get_by_role("button", name="Registrér: Beboerklagenævnet")).to_be_disabled()
    expect(track).to_contain_text("Beboerklagenævnet behandler kun en husordenssag")
    expect(track.get_by_role("button", name="Registrér afgørelsen")).to_be_disabled()
    shots(page, "case-track-blocked")
    track.get_by_role("link", name="Registrér: Henstilling").click()
    expect(page.get_by_label("Dato")).to_have_value(timezone.localdate().isoformat())
    check_axe(page)
    page.get_by_role("button", name="Registrér: Henstilling").click()

    # 3. The draft for the household complained about: nothing of the complainant.
    expect(page.get_by_role("heading", level=1)).to_have_text("Brev: Henstilling")
    preview = page.locator(".letter-page")
    expect(preview).to_contain_text("Kære Familien Jensen")
    for forbidden in COMPLAINANT:
        expect(preview).not_to_contain_text(forbidden)
    shots(page, "letter-create")
    page.get_by_role("button", name="Gem som udkast").click()
    issue = page.get_by_role("button", name="Udsend brevet")
    expect(issue).to_be_disabled()
    expect(page.locator("#issue-problem")).to_have_text(
        "Skriv modtagerens navn og adresse, før brevet udsendes."
    )
    page.get_by_label("Modtagerens adresse").fill("Alfavej 1, 1. th.\n8000 Aarhus C")
    page.get_by_label("Tekst").fill(
        page.get_by_label("Tekst")
        .input_value()
        .replace("Kontakt os endelig", "Vi hører gerne fra jer. Kontakt os endelig")
    )
    page.get_by_role("button", name="Gem udkastet").click()
    expect(page.get_by_text("Udkastet er gemt.")).to_be_visible()
    shots(page, "letter-draft")
    page.get_by_role("button", name="Udsend brevet").click()
    expect(page.get_by_text("Brevet er udsendt. PDF'en er gemt på sagen.")).to_be_visible()

    # 4. The issued PDF, read and rendered: the neighbour's letter, no complainant data.
    letter = Letter.objects.get()
    assert letter.status == "issued"
    pdf_link = page.locator(f"#letter-{letter.pk} a[href$='.pdf']")
    response = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "no-store, private"
    assert response.body() == bytes(letter.pdf)
    document = pypdfium2.PdfDocument(io.BytesIO(response.body()))
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    for forbidden in COMPLAINANT:
        assert forbidden not in text, forbidden
    for expected in (
        "Familien Jensen",
        "Alfavej 1, 1. th.",
        "8000 Aarhus C",
        "Boligselskabet Alfa",
        "Sagsbehandler:",
        f"Sagsnummer: {case.reference}",
        "Henstilling om husordenen",
        "Vi hører gerne fra jer.",
    ):
        assert expected in text, expected
    SHOTS.mkdir(parents=True, exist_ok=True)
    document[0].render(scale=1.5).to_pil().save(SHOTS / "henstilling-page1.png")

    # 5. The advarsel, then the case before the beboerklagenævn.
    page.locator(".legal-track").get_by_role("link", name="Registrér: Advarsel").click()
    page.get_by_role("button", name="Registrér: Advarsel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brev: Advarsel")
    page.get_by_role("link", name="Annullér").click()
    track = page.locator(".legal-track")
    track.get_by_role("link", name="Registrér: Beboerklagenævnet").click()
    page.get_by_role("button", name="Registrér: Beboerklagenævnet").click()
    expect(page.locator(".case-header .badge")).to_have_text("Videresendt")
    track = page.locator(".legal-track")
    expect(track.get_by_role("button", name="Registrér: Boligretten")).to_be_disabled()
    expect(track).to_contain_text("Beboerklagenævnet har endnu ikke afgjort sagen.")

    # 6. The board's decision: the 4-week deadline to bring it before the housing court.
    track.get_by_role("link", name="Registrér afgørelsen").click()
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    page.get_by_label("Dato for afgørelsen").fill(future)
    page.get_by_label("Betinget fortabelse af lejeretten", exact=True).check()
    page.get_by_role("button", name="Registrér afgørelsen").click()
    expect(page.locator(".alert-error")).to_contain_text("Datoen kan ikke ligge i fremtiden.")
    shots(page, "board-decision-refused")
    page.get_by_label("Dato for afgørelsen").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registrér afgørelsen").click()
    expect(page.locator(".case-header .badge")).to_have_text("Under behandling")
    due = workdays.add_working_days(timezone.localdate() + timedelta(weeks=4), 0)
    deadline = page.locator("li", has_text="Indbring afgørelsen for boligretten")
    expect(deadline).to_contain_text(due.strftime("%d-%m-%Y"))
    expect(page.locator(".legal-track")).to_contain_text(
        "Beboerklagenævnets afgørelse – "
        + timezone.localdate().strftime("%d-%m-%Y")
        + ": Betinget fortabelse af lejeretten"
    )
    expect(
        page.locator(".legal-track").get_by_role("link", name="Registrér: Boligretten")
    ).to_be_visible()
    shots(page, "case-after-board-decision")
    case.refresh_from_db()
    assert (case.status, case.legal_step) == ("in_progress", "complaints_board")
    assert case.deadlines.get(kind="housing_court_window").due == due

    # 7. The today view shows the window with its exact date, from the day it opens.
    page.goto(f"{live_server.url}/sager/i-dag/")
    expect(page.get_by_role("link", name="Boligretsfrister (1)")).to_be_visible()
    row = page.locator("#today-court ~ div table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(case.reference)
    expect(row.locator(".due-date")).to_have_text(f"({due.strftime('%d-%m-%Y')})")
    expect(row.locator(".due-phrase")).to_have_text(re.compile(r"^om \d+ arbejdsdage$"))
    shots(page, "today-court-window")
    assert console_errors == []
