"""Cases in Chromium: a resident files a complaint → staff-a sees it due → records contact →
issues an advarsel (the PDF is opened and page 1 rendered to PNG) → closes it; the caretaker's
quick report on a 375 px phone; every case page screenshotted and checked with axe-core."""

import io

import pypdfium2
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_forms(monkeypatch):
    """The complaint form's minimum fill time would make the test wait; the guard itself is
    tested in boligsocial/cases/tests/test_intake.py."""
    from boligsocial.cases import intake_forms as forms

    monkeypatch.setattr(forms, "MIN_FILL_SECONDS", 0)


def test_a_complaint_goes_from_resident_to_warning_to_closed(
    page, live_server, world, personas, login, console_errors, quick_forms
):
    from boligsocial.cases.models import Case, CaseSettings

    # First contact within 1 working day: the new case is then "due soon" from the start.
    CaseSettings.objects.create(organisation=world.org_a, first_contact_working_days=1)

    # 1. The resident, not logged in, fills in the public form.
    page.goto(f"{live_server.url}/klage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klag over en nabo")
    expect(page.get_by_text("En klage over en nabo kan ikke være anonym.")).to_be_visible()
    check_axe(page)
    screenshot(page, "cases-intake")
    page.get_by_label("Din boligafdeling").select_option(
        label=("Alfaparken, " + world.dept_a1.address + ", 8000 Aarhus C (Boligselskabet Alfa)")
    )
    page.get_by_label("Dit navn").fill("Klara Klagesen")
    page.get_by_label("Din adresse").fill("Alfavej 1, st. tv.")
    page.get_by_label("Telefon").fill("20304050")
    page.get_by_label("E-mail").fill("klara@example.org")
    page.get_by_label("Hvad drejer det sig om?").select_option(label="Støj")
    page.get_by_label("Hvem klager du over?").fill("Rasmus Støjesen, Alfavej 1, 1. th.")
    page.get_by_label("Hvornår skete det?").fill("2026-03-01T23:30")
    page.get_by_label("Hvor skete det?").fill("Lejligheden ovenover")
    page.get_by_label("Hvad skete der?").fill("Høj musik til kl. 3 om natten, tredje gang.")
    page.get_by_role("button", name="Send klage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vi har modtaget din klage")
    case = Case.objects.get()
    expect(page.locator(".case-reference")).to_have_text(case.reference)
    check_axe(page)
    screenshot(page, "cases-intake-receipt")

    # 2. staff-a sees it on the dashboard and in the due-soon list.
    login("staff-a")
    expect(page.locator(".case-counts")).to_contain_text("1 frist snart")
    screenshot(page, "cases-home")
    page.locator(".case-counts").get_by_role("link", name="frist snart").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sager med frist snart")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    check_axe(page)
    screenshot(page, "cases-due-soon")
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sag {case.reference}")
    # the party's name (the correction links repeat it for screen readers only)
    expect(page.locator("strong", has_text="Klara Klagesen")).to_be_visible()
    check_axe(page)
    screenshot(page, "cases-detail-received")

    # 3. Records contact.
    page.get_by_role("link", name="Registrér kontakt").click()
    page.get_by_label("Hvad").select_option("visit")
    page.get_by_label("Tidsforbrug (minutter)").fill("45")
    page.get_by_label("Notat (frivilligt)").fill("Talt med begge parter.")
    check_axe(page)
    screenshot(page, "cases-contact")
    page.get_by_role("button", name="Registrér kontakt").click()
    expect(page.get_by_role("status").filter(has_text="Kontakten er registreret.")).to_be_visible()
    expect(page.locator(".case-header .badge")).to_have_text("Kontakt etableret")

    # 4. Triage: it is a house-rule case; then the warning and its letter.
    page.get_by_role("link", name="Redigér", exact=True).click()
    page.get_by_label("Type").select_option("house_rules")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Sagen er gemt.")).to_be_visible()
    # The board is blocked before anything is pressed: a disabled button with the reason; its
    # page, opened by address, says the same.
    expect(
        page.locator(".legal-track").get_by_role("button", name="Registrér: Beboerklagenævnet")
    ).to_be_disabled()
    page.goto(f"{live_server.url}/sager/{case.pk}/jura/complaints_board/")
    expect(page.get_by_role("heading", name="Skridtet kan ikke tages")).to_be_visible()
    check_axe(page)
    screenshot(page, "cases-legal-refused")
    page.get_by_role("link", name="Annullér").click()
    page.locator(f"a[href='/sager/{case.pk}/jura/warning/']").click()
    check_axe(page)
    page.get_by_role("button", name="Registrér").click()
    expect(page.locator(".letter-preview")).to_contain_text("Rasmus Støjesen")
    check_axe(page)
    screenshot(page, "cases-letter")
    page.get_by_role("button", name="Gem som udkast").click()
    # The draft is addressed to the household complained about; its address is written in.
    page.get_by_label("Modtagerens adresse").fill("Alfavej 1, 1. th.\n8000 Aarhus C")
    page.get_by_role("button", name="Gem udkastet").click()
    page.get_by_role("button", name="Udsend brevet").click()
    pdf_link = page.locator("a[href$='.pdf']")
    expect(pdf_link).to_have_count(1)
    pdf = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    document = pypdfium2.PdfDocument(io.BytesIO(pdf.body()))
    text = document[0].get_textpage().get_text_range()
    assert case.reference in text
    assert "Rasmus Støjesen" in text
    assert "advarsel" in text.lower()
    SCREENSHOTS.mkdir(exist_ok=True)
    document[0].render(scale=1.5).to_pil().save(SCREENSHOTS / "cases-warning-letter-page1.png")
    screenshot(page, "cases-detail-warned")

    # 5. Closes it with the outcome.
    page.get_by_role("link", name="Afslut sagen").click()
    page.get_by_label("Udfald").select_option("warning")
    check_axe(page)
    page.get_by_role("button", name="Afslut sagen").click()
    expect(page.locator(".case-header .badge")).to_have_text("Afsluttet")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.legal_step) == ("closed", "warning", "warning")
    assert console_errors == []


def test_caretaker_quick_report_on_a_phone(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.cases.models import Case

    page.set_viewport_size({"width": 375, "height": 812})
    login("caretaker-a")
    page.goto(f"{live_server.url}/hurtig/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hurtig indberetning")
    check_axe(page)
    page.screenshot(path=SCREENSHOTS / "cases-quick-report-phone.png", full_page=True)
    # tap 1: the department; tap 2: what it is (sends the report)
    page.get_by_text("Alfahaven", exact=True).click()
    page.get_by_role("button", name="Affald").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("indberetningen er sendt")
    check_axe(page)
    page.screenshot(path=SCREENSHOTS / "cases-quick-report-done-phone.png", full_page=True)
    case = Case.objects.get()
    assert (case.source, case.department, case.category) == ("caretaker", world.dept_a2, "waste")
    assert case.reference not in page.content()
    assert console_errors == []


def test_every_case_page_renders_and_the_crisis_states_are_accessible(
    page, live_server, world, personas, login, console_errors
):
    from django.core.files.base import ContentFile

    from boligsocial.cases import services
    from boligsocial.cases.models import Attachment, ReferenceCounter
    from boligsocial.cases.tests.factories import cases_world

    cases_world(world, personas)
    ReferenceCounter.objects.update_or_create(year=2026, defaults={"last": 500})
    crisis = services.open_case(
        department=world.dept_a1,
        kind="crisis",
        track="tryghed",
        category="violence_threats",
        description="Voldsom hændelse i opgang 3.",
    )
    services.complete_crisis_task(crisis, "safety_walk", personas["head_a"], note="Kl. 19")
    attachment = Attachment(
        case=world.case_a1, original_name="klage.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("klage.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    login("head-a")
    a1 = world.case_a1.pk
    pages = [
        ("/sager/", "cases-list"),
        ("/sager/?status=received&q=Klara", "cases-list-filtered"),
        ("/sager/overskredne/", "cases-overdue"),
        (f"/sager/{a1}/", "cases-detail"),
        (f"/sager/{a1}/rediger/", "cases-edit"),
        (f"/sager/{a1}/haendelse/", "cases-event"),
        (f"/sager/{a1}/status/", "cases-status"),
        (f"/sager/{a1}/parter/ny/", "cases-party"),
        (f"/sager/{a1}/bilag/", "cases-attachment"),
        (f"/sager/{a1}/maegling/", "cases-mediation"),
        (f"/sager/{a1}/del/", "cases-share"),
        (f"/sager/{world.case_shared.pk}/del/{world.share.pk}/tilbagekald/", "cases-share-revoke"),
        (f"/sager/{world.case_closed.pk}/genaabn/", "cases-reopen"),
        (f"/sager/{crisis.pk}/", "cases-crisis-detail"),
        (f"/sager/{crisis.pk}/krise/", "cases-crisis"),
        ("/sager/ny/", "cases-new"),
        ("/sager/statistik/", "cases-statistics"),
        ("/sager/adgangslog/", "cases-access-log"),
        ("/sager/indsigt/", "cases-person-export"),
        ("/sager/brevskabeloner/", "cases-letter-templates"),
        (f"/sager/brevskabeloner/{world.org_a.pk}/warning/", "cases-letter-template"),
        (f"/afdelinger/{world.dept_a1.pk}/", "cases-department-with-crisis"),
    ]
    # axe on each page's plain state is the every-page sweep's (test_every_matrix_page.py);
    # here the states it does not build: a filtered list, a crisis case, a department in crisis
    not_in_sweep = {
        "cases-list-filtered",
        "cases-crisis-detail",
        "cases-crisis",
        "cases-department-with-crisis",
    }
    for path, name in pages:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if name in not_in_sweep:
            check_axe(page)
        screenshot(page, name, axe=name in not_in_sweep)
    # an edit conflict: the form keeps the input and shows the differences
    page.goto(f"{live_server.url}/sager/{a1}/rediger/")
    page.get_by_label("Beskrivelse").fill("Min nye beskrivelse.")
    services.update_case(
        world.case_a1, {"priority": "urgent"}, personas["staff_a"], expected_version=1
    )
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("En anden har gemt sagen")
    expect(page.get_by_label("Beskrivelse")).to_have_value("Min nye beskrivelse.")
    # the other person's priority is taken over into the form and named in its own table
    expect(page.locator(".conflict-table", has_text="Ændret af en anden")).to_contain_text("Akut")
    check_axe(page)
    screenshot(page, "cases-edit-conflict")
    # the board sees counts only
    page.context.clear_cookies()
    login("board-a")
    page.goto(f"{live_server.url}/sager/statistik/")
    check_axe(page)
    screenshot(page, "cases-statistics-board")
    assert console_errors == []
