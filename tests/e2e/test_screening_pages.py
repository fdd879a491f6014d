"""The trafiklys pages in Chromium: axe-core with 0 violations (desktop and 375 px), no console
errors (CSP included), screenshots of each page in ./screenshots."""

import pytest
from playwright.sync_api import expect

from boligsocial.screening.tests.factories import screening_world
from tests.e2e.conftest import check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_trafiklys_pages_are_accessible(page, live_server, world, personas, login, console_errors):
    screening_world(world)
    login("admin")
    base = live_server.url
    pages = [
        ("/trafiklys/", "trafiklys-index"),
        (f"/trafiklys/organisationer/{world.org_a.pk}/?aar=2024", "trafiklys-scorecard"),
        (f"/trafiklys/afdelinger/{world.dept_a1.pk}/?aar=2024", "trafiklys-department"),
        (f"/trafiklys/afdelinger/{world.dept_a1.pk}/rapport/?aar=2024", "trafiklys-report"),
        (f"/trafiklys/organisationer/{world.org_a.pk}/rapport/", "trafiklys-org-report"),
        (f"/trafiklys/omraader/{world.area_shared.pk}/", "trafiklys-area"),
        ("/trafiklys/kommuner/751/", "trafiklys-municipality"),
        ("/trafiklys/lister/", "trafiklys-lists"),
    ]
    for path, name in pages:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check_axe(page)
        screenshot(page, name)
    assert console_errors == []


def test_scorecard_sorts_and_filters_in_the_browser(
    page, live_server, world, personas, login, console_errors
):
    screening_world(world)
    login("head-a")
    page.goto(f"{live_server.url}/trafiklys/organisationer/{world.org_a.pk}/")
    rows = page.locator("table.scorecard tbody tr th[scope=row]")
    expect(rows).to_have_text(["Alfaparken", "Alfahaven"])  # red first
    page.get_by_role("link", name="Score").click()
    expect(rows).to_have_text(["Alfahaven", "Alfaparken"])  # ascending score
    page.locator("#id_farve").select_option("red")
    page.locator("form.scorecard-filter button[type=submit]").click()
    expect(rows).to_have_text(["Alfaparken"])
    check_axe(page)
    assert console_errors == []
