"""Every page of the app, as the persona that reaches it, passes axe-core with 0 violations
(desktop and 375 px) and logs no console errors (CSP violations included)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_remaining_pages_are_accessible(page, live_server, world, personas, login, console_errors):
    login("head-a")
    pages = [
        ("/kommuner/", "Kommuner", "municipality-list"),
        ("/omraader/", "Boligområder", "area-list"),
        (f"/organisationer/{world.org_b.pk}/", "Siden findes ikke", "not-found"),
        ("/kommuner/?q=zzz", "Kommuner", "municipality-list-empty"),
        (f"/afdelinger/{world.dept_a2.pk}/?q=findes-ikke", "Alfahaven", "department-empty-search"),
    ]
    for path, heading, name in pages:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        check_axe(page)
        screenshot(page, name)
    console_errors[:] = [e for e in console_errors if "404" not in e]
    assert console_errors == []


def test_forbidden_page_is_accessible(page, live_server, world, personas, login, console_errors):
    login("staff-a")
    page.goto(f"{live_server.url}/organisationer/{world.org_a.pk}/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen adgang")
    check_axe(page)
    screenshot(page, "forbidden")
    console_errors[:] = [e for e in console_errors if "403" not in e]
    assert console_errors == []


def test_user_without_role_sees_an_explanation(
    page, live_server, world, personas, login, console_errors
):
    login("nobody")
    expect(page.get_by_text("Du har endnu ingen rolle")).to_be_visible()
    check_axe(page)
    screenshot(page, "no-role")
    assert console_errors == []
