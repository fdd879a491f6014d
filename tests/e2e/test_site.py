"""The site app in Chromium: the home page's tiles, the navigation (the menu opened on a 375 px
phone) and the case list with a filter kept in its sort links; screenshots and axe-core."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_world(world, personas):
    from boligsocial.cases.tests.factories import cases_world
    from boligsocial.screening.tests.factories import screening_world

    cases_world(world, personas)
    screening_world(world)
    return world


def test_home_tiles_navigation_and_a_filtered_case_list(
    page, live_server, site_world, login, console_errors
):
    login("head-a")
    expect(page.get_by_role("heading", level=2, name="Sager")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Trafiklys 2024")).to_be_visible()
    expect(page.locator(".traffic-light-counts")).to_contain_text("1 røde afdelinger")
    check_axe(page)
    screenshot(page, "site-home")

    # The menu on a phone: a drawer with the same entries as the bar.
    page.set_viewport_size({"width": 375, "height": 812})
    page.get_by_role("button", name="Menu").click()
    drawer = page.locator(".mobile-drawer")
    expect(drawer).to_be_visible()
    expect(drawer.get_by_role("link", name="Sager")).to_be_visible()
    expect(drawer.get_by_role("link", name="Trafiklys")).to_be_visible()
    check_axe(page)
    page.screenshot(path=SCREENSHOTS / "site-menu-phone.png")
    page.get_by_role("button", name="Luk").click()
    page.set_viewport_size({"width": 1280, "height": 900})

    # The case list, filtered by category, sorted: the filter stays in the sort link.
    page.goto(f"{live_server.url}/sager/?category=noise")
    expect(page.locator(".table-count")).to_have_text("2 sager")
    page.get_by_role("link", name="Sag – sortér", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/sager/?category=noise&sort=reference")
    expect(page.locator(".table-count")).to_have_text("2 sager")
    tools = page.get_by_role("navigation", name="Administration af sager")
    expect(tools.get_by_role("link", name="Adgangslog")).to_be_visible()
    check_axe(page)
    screenshot(page, "site-case-list-filtered")
    assert console_errors == []
