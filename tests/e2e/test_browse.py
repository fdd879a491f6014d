"""Log in, move around the housing pages, and check each page with axe-core."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_page_is_accessible_and_rejects_a_wrong_password(
    page, live_server, personas, console_errors
):
    page.goto(f"{live_server.url}/log-ind/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind i Boligsocial")
    check_axe(page)
    screenshot(page, "login")
    page.get_by_label("Brugernavn").fill("staff-a")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("Brugernavn eller adgangskode er forkert")
    check_axe(page)
    assert console_errors == []


def test_staff_moves_from_overview_to_a_department_and_searches_its_leases(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.organisations.tests.factories import LeaseFactory

    for n in range(60):
        LeaseFactory(department=world.dept_a1, address=f"Egevej {n + 10}", unit="1. th.")
    login("staff-a")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")
    check_axe(page)
    screenshot(page, "home")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Boligorganisationer"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boligorganisationer")
    check_axe(page)
    screenshot(page, "organisation-list")

    page.get_by_role("link", name="Boligselskabet Alfa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boligselskabet Alfa")
    expect(page.locator("#departments tbody tr")).to_have_count(2)
    check_axe(page)
    screenshot(page, "organisation")

    page.get_by_role("link", name="Alfaparken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alfaparken")
    expect(page.locator("#leases")).to_contain_text("61 lejemål")
    check_axe(page)
    screenshot(page, "department")

    # Live search (htmx) narrows the lease table without a page load.
    page.get_by_label("Søg efter adresse").fill("Egevej 1")
    expect(page.locator("#leases")).to_contain_text("10 lejemål der matcher “Egevej 1”")
    expect(page.locator("#leases tbody tr")).to_have_count(10)  # Egevej 10-19
    assert "q=Egevej%201" in page.url
    # Pagination keeps working after the search is cleared.
    page.get_by_label("Søg efter adresse").fill("")
    expect(page.locator("#leases")).to_contain_text("61 lejemål")
    page.get_by_role("link", name="Næste").click()
    expect(page.locator("#leases tbody tr")).to_have_count(11)
    check_axe(page)
    assert console_errors == []


def test_municipal_coordinator_sees_the_municipality_and_area_but_no_lease_list(
    page, live_server, world, personas, login, console_errors
):
    login("municipal")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Kommuner").click()
    page.get_by_role("link", name="Aarhus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aarhus Kommune")
    expect(page.locator("#departments tbody tr")).to_have_count(3)
    check_axe(page)
    screenshot(page, "municipality")

    page.get_by_role("link", name="Fællesområdet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fællesområdet")
    check_axe(page)
    screenshot(page, "area")

    page.get_by_role("link", name="Alfaparken").click()
    expect(page.get_by_text("Din rolle viser lejemålene som totaler")).to_be_visible()
    expect(page.get_by_text("Alfavej 1")).to_have_count(0)
    check_axe(page)
    assert console_errors == []


def test_phone_menu_opens_and_navigates(page, live_server, world, personas, login, console_errors):
    page.set_viewport_size({"width": 375, "height": 812})
    login("dept-board-a1")
    page.get_by_role("button", name="Menu").click()
    drawer = page.get_by_role("dialog", name="Menu")
    expect(drawer).to_be_visible()
    check_axe(page)
    drawer.get_by_role("link", name="Boligområder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boligområder")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    check_axe(page)
    assert console_errors == []


def test_english_can_be_chosen(page, live_server, world, personas, login, console_errors):
    login("staff-a")
    page.get_by_role("button", name="English").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    check_axe(page)
    assert console_errors == []
