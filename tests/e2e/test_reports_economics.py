"""The economics in the browser (issue 18, decision 0038): the head of the social unit opens the
price table, creates a business case for a catalogue intervention, adds a cost, an outcome and
its consequence from the price table (a payer chosen, since the source does not split the
price), and sees the net present value and the sensitivity table; the case page at 375 px."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import menu_link, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

JOB = "Person på kontanthjælp i fuldtidsjob: bedre offentlige finanser"


def test_a_business_case_from_the_price_table_with_npv_and_sensitivity(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.reports.models import BusinessCase

    login("head-a")
    menu_link(page, "Økonomi og effekt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Økonomi og effekt")
    page.get_by_role("link", name="Pristabel").first.click()
    expect(page.locator("table")).to_contain_text(JOB)
    expect(page.locator("table")).to_contain_text("260.000")

    page.get_by_role("link", name="Business cases").first.click()
    page.get_by_role("link", name="Ny business case").click()
    page.get_by_label("Titel").fill("Jobmentor i Alfaparken")
    page.get_by_label("Indsats fra kataloget").select_option(
        label="Beskæftigelsesmentor for udsatte voksne"
    )
    page.get_by_label("Startår (år 0)").fill("2025")
    page.get_by_label("Horisont (år)").fill("3")
    page.get_by_label("Diskonteringsrente").fill("0")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobmentor i Alfaparken")

    page.get_by_text("Tilføj en omkostning").click()
    page.get_by_label("Udgift").fill("Mentor")
    page.get_by_label("År (0 = startåret)").fill("0")
    page.get_by_label("Betaler").select_option(label="Kommune")
    page.get_by_label("Beløb (kr.)").fill("100000")
    page.get_by_role("button", name="Tilføj omkostningen").click()
    expect(page.locator("main")).to_contain_text("Omkostningen er tilføjet")

    page.get_by_role("link", name="Tilføj en effekt").click()
    page.get_by_label("Effekt", exact=True).fill("I job")
    page.get_by_label("Målgruppe (personer)").fill("10")
    for label, value in (
        ("Succesrate, forventet", "0.5"),
        ("Succesrate, lav", "0.25"),
        ("Succesrate, høj", "0.75"),
        ("Dødvægt, forventet", "0.2"),
        ("Dødvægt, lav", "0"),
        ("Dødvægt, høj", "0.4"),
        ("Tilskrivning", "1"),
    ):
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("I job")

    page.get_by_label("Enhedspris").select_option(label=JOB)
    page.get_by_label("Andel af prisen").fill("0.1")
    page.get_by_label("Fra år").fill("1")
    page.get_by_label("Til år").fill("2")
    page.get_by_role("button", name="Tilføj konsekvensen").click()
    # The source does not split the price between payers: the form asks for one.
    expect(page.locator("main")).to_contain_text("Kilden fordeler ikke denne pris")
    page.get_by_label("Betaler").first.select_option(label="Kommune")
    page.get_by_role("button", name="Tilføj konsekvensen").click()
    expect(page.locator("table")).to_contain_text(JOB)

    page.get_by_role("link", name="Tilbage til business casen").click()
    summary = page.locator(".econ-summary")
    # 10 × 0,5 × 0,8 × 26.000 kr. in years 1 and 2, less 100.000 kr. in year 0
    expect(summary).to_contain_text("108.000 kr.")
    expect(summary).to_contain_text("2026")  # the public sector's payback year
    sensitivity = page.get_by_role("region", name="Følsomhed: det offentliges nutidsværdi")
    expect(sensitivity).to_contain_text("-22.000")
    expect(sensitivity).to_contain_text("290.000")
    screenshot(page, "reports-economics-case")
    case = BusinessCase.objects.get()
    assert (case.horizon_years, case.costs.count(), case.outcomes.count()) == (3, 1, 1)
    assert console_errors == []
