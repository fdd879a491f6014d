"""Service visits in Chromium on a 375 px phone, offline: caretaker-a opens the running
campaign (the service worker caches the lease list and every lease page), the connection drops,
three visits are recorded (queued in IndexedDB), the page is reloaded while offline (served
from the cache, the three still queued), the connection returns and the queue is sent: the
server holds exactly three recorded visits, once each, and the photo taken offline. Logging out
with a recording still queued asks first; logging out deletes the offline pages (Cache
Storage). No request gets a 4xx or 5xx. Screenshots online and offline."""

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/wt/shots/h14-visits")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
CACHES = "async () => (await caches.keys()).filter(k => k.startsWith('bs-'))"


def test_three_visits_recorded_offline_reach_the_server_once(
    page, context, live_server, world, personas, login, console_errors, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    from boligsocial.organisations.models import Lease
    from boligsocial.visits import services
    from boligsocial.visits.models import Visit, VisitConflict, VisitPhoto

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
            page.locator("#photo-foto").set_input_files(
                {"name": "skade.png", "mimeType": "image/png", "buffer": PNG}
            )
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
    photo = VisitPhoto.objects.get()  # queued as a Blob with its recording, sent after it
    assert photo.visit.answers["ventiler_blokeret"] == "no" and photo.photo_type == "image/png"
    assert page.evaluate(CACHES) == ["bs-visits-v1"]

    # Logging out with a recording still queued: the user is asked first; cancelling keeps it.
    context.set_offline(True)
    page.locator("a.visit-lease").nth(3).click()
    page.locator("#outcome-no_access").check()
    page.locator("#visit-form button[type=submit]").click()
    page.wait_for_url(field)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator(".js-menu-open").click()
    page.locator(".mobile-drawer form[data-logout] button").click()
    expect(page.locator('.visit-state[data-state="queued"]')).to_have_count(1)
    assert asked and asked[0].startswith("1 registreringer på denne telefon er ikke sendt")
    assert page.url == field and page.evaluate(CACHES) == ["bs-visits-v1"]
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator('.visit-state[data-state="no_access"]')).to_have_count(1)
    expect(app).to_have_attribute("data-cached", "true")
    # Nothing unsent: no question, the offline pages are deleted, then the session ends.
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator(".js-menu-open").click()
    page.locator(".mobile-drawer form[data-logout] button").click()
    page.wait_for_url(f"{live_server.url}/log-ind/")
    assert len(asked) == 1 and page.evaluate(CACHES) == []
    assert Visit.objects.filter(campaign=campaign).exclude(outcome="").count() == 4
    assert failed == []
    assert all("Failed to fetch" in e or "ERR_INTERNET" in e for e in console_errors), (
        console_errors
    )
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        for png in SCREENSHOTS.glob("visits-*.png"):
            shutil.copy(png, SHOTS / png.name)
