"""Accessibility beyond axe (issue 13 item 21): the API docs pass axe with a language set, the
keyboard focus stays where the user is (sorting a table, an empty login), and no page is wider
than a phone (file inputs at 320 px)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_have_a_language_and_pass_axe(page, live_server, world, personas, login):
    login("staff-a")
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    assert page.locator("html").get_attribute("lang") == "da"
    check_axe(page)
    screenshot(page, "api-docs")


def test_an_empty_login_puts_the_focus_on_the_error_summary(page, live_server, world, personas):
    page.goto(live_server.url + "/log-ind/")
    page.get_by_role("button", name="Log ind").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Du kunne ikke logges ind")
    expect(summary).to_be_focused()


def test_sorting_a_table_by_enter_keeps_the_focus_on_its_header(
    page, live_server, world, personas, login
):
    from boligsocial.cases.tests.factories import cases_world

    cases_world(world, personas)
    login("staff-a")
    page.goto(live_server.url + "/sager/")
    header = page.locator("#results thead th").nth(1).locator("a")
    header.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**sort=**")
    focused = page.locator("#results thead th").nth(1).locator("a")
    expect(focused).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#results thead th").nth(2).locator("a")).to_be_focused()


def test_a_file_input_fits_a_320_px_phone(page, live_server, world, personas, login):
    login("caretaker-a")
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{live_server.url}/hurtig/")
    file_input = page.locator("input[type=file]").first
    expect(file_input).to_be_attached()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    box = file_input.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 320
