"""Service visits in Chromium on a 375 px phone, offline: caretaker-a opens the running
campaign (the service worker caches the lease list and every lease page), the connection drops,
three visits are recorded (queued in IndexedDB), the page is reloaded while offline (served
from the cache, the three still queued), the connection returns and the queue is sent: the
server holds exactly three recorded visits, once each. Screenshots online and offline."""

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/wt/shots/h14-visits")


def test_three_visits_recorded_offline_reach_the_server_once(
    page, context, live_server, world, personas, login, console_errors
):
    from boligsocial.organisations.models import Lease
    from boligsocial.visits import services
    from boligsocial.visits.models import Visit, VisitConflict

    for n in range(2, 7):
        Lease.objects.create(
            department=world.dept_a1, address="Alfavej 1", unit=f"{n}. th.", area_m2=70, rooms=3
        )
    today = date.today()
    campaign = services.create_campaign(
        department=world.dept_a1, name="Servicebesøg Alfaparken", purpose="Tjek af bad og køkken",
        starts_on=today, ends_on=today + timedelta(days=14), actor=personas["staff_a"],
        kits_stock=10,
    )  # fmt: skip
    services.assign(campaign=campaign, user=personas["caretaker_a"], actor=personas["staff_a"])
    failed = []
    page.on(
        "response",
        lambda r: failed.append((r.status, r.request.method, r.url)) if r.status >= 400 else None,
    )
    page.set_viewport_size({"width": 375, "height": 812})
    login("caretaker-a")
    field = f"{live_server.url}/servicebesoeg/{campaign.pk}/besoeg/"
    page.goto(field)
    app = page.locator("#visit-app")
    expect(app).to_have_attribute("data-cached", "true")
    page.reload()  # now controlled by the service worker
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    expect(app).to_have_attribute("data-cached", "true")
    screenshot(page, "visits-field-online")

    context.set_offline(True)
    expect(page.locator("#visit-connection")).to_contain_text("Ingen forbindelse")
    for n in range(3):
        page.locator("a.visit-lease").nth(n).click()
        page.locator("#outcome-visited").check()
        page.locator('[name="q:bad_stand"][value="3"]').check()
        page.locator('[name="q:koekken_stand"][value="2"]').check()
        vents = "yes" if n else "no"
        page.locator(f'[name="q:ventiler_blokeret"][value="{vents}"]').check()
        page.locator("#kits").fill("1")
        if n == 0:
            screenshot(page, "visits-checklist-offline")
        page.locator("#visit-form button[type=submit]").click()
        page.wait_for_url(field)
    assert Visit.objects.filter(campaign=campaign).exclude(outcome="").count() == 0

    page.reload()  # offline: the list comes from the cache, the queue from IndexedDB
    expect(page.locator('.visit-state[data-state="queued"]')).to_have_count(3)
    screenshot(page, "visits-field-offline")

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator('.visit-state[data-state="visited"]')).to_have_count(3)
    expect(page.locator('.visit-state[data-state="queued"]')).to_have_count(0)
    recorded = Visit.objects.filter(campaign=campaign).exclude(outcome="")
    assert recorded.count() == 3
    assert sorted(v.answers["ventiler_blokeret"] for v in recorded) == ["no", "yes", "yes"]
    assert all(v.client_id is not None and v.kits == 1 for v in recorded)
    assert not VisitConflict.objects.exists()
    expect(app).to_have_attribute("data-cached", "true")  # the pages fetched again, one by one
    assert failed == []
    assert all("Failed to fetch" in e or "ERR_INTERNET" in e for e in console_errors)
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        for png in SCREENSHOTS.glob("visits-*.png"):
            shutil.copy(png, SHOTS / png.name)
