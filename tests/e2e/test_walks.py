"""A safety walk in the browser (issue 15 part 7): staff of organisation A plans a walk (route,
participants by role; 26 people are refused in Danish), records a finding on a 375 px phone,
assigns it to the municipality with a due date, marks it done, and opens the closing report
and its PDF."""

import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, menu_link, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_plan_a_walk_record_a_finding_on_a_phone_and_follow_it_up(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.walks.models import Finding, Walk

    login("staff-a")
    menu_link(page, "Tryghedsvandringer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tryghedsvandringer")
    page.get_by_role("link", name="Planlæg en vandring").click()
    page.get_by_label("Titel").fill("Aftenvandring i Alfaparken")
    page.get_by_label("1 Alfaparken").check()
    page.get_by_label("Dato for vandringen").fill(date.today().isoformat())
    page.get_by_label("Rute", exact=True).fill(
        "Parkeringspladsen; 56,1721; 10,1883\nStien bag blok C\nLegepladsen"
    )
    page.get_by_label("Deltager 1: rolle").select_option(label="Beboere")
    page.locator("#id_count_0").fill("20")
    page.get_by_label("Deltager 2: rolle").select_option(label="Politi")
    page.locator("#id_count_1").fill("6")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-error, .form-error").first).to_contain_text(
        "højst 25 deltagere; 26 er inviteret"
    )
    assert Walk.objects.count() == 0
    page.locator("#id_count_1").fill("1")
    page.locator("#id_name_1").fill("Lokalbetjent")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aftenvandring i Alfaparken")
    walk = Walk.objects.get()
    assert [p.name for p in walk.points.all()] == [
        "Parkeringspladsen",
        "Stien bag blok C",
        "Legepladsen",
    ]
    screenshot(page, "walks-walk")

    page.set_viewport_size({"width": 375, "height": 812})
    page.get_by_role("link", name="Registrér et fund").first.click()
    page.get_by_label("Belysning").check()
    page.get_by_label("Beskrivelse").fill("To lamper er gået ud ved stien.")
    page.get_by_label("Sted på ruten").select_option(label="2. Stien bag blok C")
    page.get_by_label("Høj").check()
    page.screenshot(path=SCREENSHOTS / "walks-record-phone.png", full_page=True)
    page.get_by_role("button", name="Gem fundet").click()
    expect(page.locator("body")).to_contain_text("Fund nr. 1 er registreret.")
    finding = Finding.objects.get()
    assert (finding.category, finding.severity, finding.point.position) == ("lighting", "high", 2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Se fundene").click()
    page.get_by_role("link", name="Redigér fund nr. 1").click()
    page.get_by_label("Ansvarlig organisation").select_option(label="Kommune")
    page.get_by_label("Ansvarlig person eller enhed").fill("Veje og Grønne Områder")
    page.get_by_label("Frist").fill(date.today().isoformat())
    page.get_by_label("Status").select_option(label="Gennemført")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("body")).to_contain_text("Fund nr. 1 er gemt.")
    finding.refresh_from_db()
    assert (finding.owner_kind, finding.status, finding.resolved_on) == (
        "municipality",
        "done",
        date.today(),
    )
    screenshot(page, "walks-findings")

    page.get_by_role("link", name="Afrapportering").click()
    expect(page.locator("body")).to_contain_text("1 problem noteret, 1 løst")
    screenshot(page, "walks-report")
    pdf = page.request.get(f"{live_server.url}/tryghedsvandringer/{walk.pk}/rapport/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    path = SCREENSHOTS / "walks-report.pdf"
    path.write_bytes(pdf.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
         str(SCREENSHOTS / "walks-report-pdf")],
        check=True,
    )  # fmt: skip
    assert console_errors == []
