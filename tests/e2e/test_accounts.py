"""User administration in the browser: the head of social services invites a new board member
from the organisation page, the invitation e-mail's one-time link sets a password, and the new
person logs in. The yearly review and the forgotten-password page are looked at on the way."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Solsikke-Havevej-2026"


def test_a_head_invites_a_board_member_who_chooses_a_password_and_logs_in(
    page, live_server, world, personas, login, console_errors, mailoutbox
):
    from boligsocial.organisations.models import Membership

    Membership.objects.filter(user=personas["board_a"]).update(appointed_on=date(2024, 5, 1))
    login("head-a")
    page.goto(f"{live_server.url}/organisationer/{world.org_a.pk}/")
    page.get_by_role("link", name="Brugere og roller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brugere og roller")
    expect(page.get_by_role("status").first).to_have_text("6 roller")
    check_axe(page)
    screenshot(page, "accounts-people")

    page.get_by_role("link", name="Årlig gennemgang af bestyrelser").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("01-05-2024")
    check_axe(page)
    screenshot(page, "accounts-review")
    page.go_back()

    page.get_by_role("link", name="Invitér en person").click()
    page.get_by_label("E-mailadresse").fill("nina@example.org")
    page.get_by_label("Fornavn").fill("Nina")
    page.get_by_label("Efternavn").fill("Nysted")
    page.get_by_label("Rolle").select_option(label="Organisationsbestyrelse (valgt medlem)")
    expect(page.get_by_label("Boligorganisation")).to_have_value(str(world.org_a.pk))
    page.get_by_label("Udpeget den").fill("2026-04-20")
    check_axe(page)
    screenshot(page, "accounts-invite")
    page.get_by_role("button", name="Send invitationen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nina Nysted")
    expect(page.get_by_role("status").first).to_contain_text("brugernavnet er nina.nysted")
    expect(page.locator("dl")).to_contain_text("Inviteret, ingen adgangskode endnu")
    check_axe(page)
    screenshot(page, "accounts-person")

    [mail] = mailoutbox
    assert mail.to == ["nina@example.org"]
    link = re.search(r"http://[^/\s]+(/invitation/\S+)", mail.body).group(1)

    page.context.clear_cookies()
    page.goto(live_server.url + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen til Boligsocial")
    expect(page.locator("main")).to_contain_text("Dit brugernavn er nina.nysted")
    page.get_by_label("Ny adgangskode", exact=True).fill(PASSWORD)
    page.get_by_label("Bekræftelse af ny adgangskode").fill(PASSWORD)
    check_axe(page)
    screenshot(page, "accounts-choose-password")
    page.get_by_role("button", name="Gem adgangskoden").click()

    expect(page.get_by_role("status").first).to_contain_text("Din adgangskode er gemt")
    login("nina.nysted", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Nina Nysted")
    expect(page.locator("main")).to_contain_text("Organisationsbestyrelse (valgt medlem)")

    # the head ends the role again, after a confirmation
    page.context.clear_cookies()
    login("head-a")
    page.goto(f"{live_server.url}/brugere/?q=nysted")
    page.get_by_role("link", name="Nina Nysted").click()
    page.get_by_role("link", name="Afslut rolle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afslut rollen?")
    check_axe(page)
    screenshot(page, "accounts-end-role")
    page.get_by_role("button", name="Afslut rollen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Nina Nysted har ikke længere rollen Organisationsbestyrelse (valgt medlem)."
    )
    assert not Membership.objects.filter(user__username="nina.nysted").exists()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_role("link", name="Glemt din adgangskode?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glemt adgangskode")
    check_axe(page)
    screenshot(page, "accounts-password-reset")
    assert console_errors == []
