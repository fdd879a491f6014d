"""Authoring a question guide in Chromium (decision 0043): the head of social services creates a
guide, adds a scale question and a yes/no question steered by it, moves one, removes one after
the confirmation page, and looks at the preview; then the version is answered (frozen) and the
editor offers only a new version. The editor and the forms are checked with axe (desktop and
375 px)."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/wt/shots/h14-guides")


def test_a_head_authors_a_guide_in_the_browser(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.guides import services
    from boligsocial.guides.models import Guide

    login("head-a")
    page.goto(f"{live_server.url}/guider/")
    page.get_by_role("link", name="Ny spørgeguide").click()
    page.get_by_label("Nøgle", exact=True).fill("opgangstjek")
    page.get_by_label("Navn (dansk)").fill("Opgangstjek")
    page.get_by_label("Type").select_option("checklist")
    page.get_by_label("Første tema: nøgle").fill("lys")
    page.get_by_label("Første tema: titel (dansk)").fill("Lys og døre")
    page.get_by_role("button", name="Opret guiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Redigér: Opgangstjek v1")

    page.get_by_role("link", name="Tilføj et spørgsmål").click()
    check_axe(page)
    page.get_by_label("Nøgle").fill("lys_virker")
    page.get_by_label("Spørgsmål (dansk)").fill("Hvor godt virker lyset?")
    page.get_by_label("Type").select_option("scale")
    page.get_by_label("Svarmuligheder").fill(
        "1 | Alt virker | 0\n2 | Enkelte pærer | 25\n3 | Flere pærer | 50\n"
        "4 | De fleste er gået | 75\n5 | Mørkt | 100"
    )
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Spørgsmålet er tilføjet.")).to_be_visible()

    page.get_by_role("link", name="Tilføj et spørgsmål").click()
    page.get_by_label("Nøgle").fill("anmeldt")
    page.get_by_label("Spørgsmål (dansk)").fill("Er fejlen meldt til ejendomskontoret?")
    page.get_by_label("Type").select_option("yes_no")
    page.get_by_label("Vises kun, hvis spørgsmålet").select_option("lys_virker")
    page.get_by_label("… blev besvaret med").fill("3 4 5")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Spørgsmålet er tilføjet.")).to_be_visible()

    # "anmeldt" is steered by "lys_virker": it cannot move above it
    page.get_by_role("button", name="Op anmeldt").click()
    expect(page.get_by_text("som ikke er et tidligere spørgsmål")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "guides-editor")

    page.get_by_role("link", name="Fjern anmeldt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fjern spørgsmålet?")
    check_axe(page)
    page.get_by_role("button", name="Fjern", exact=True).click()
    expect(page.get_by_text("Spørgsmålet er fjernet.")).to_be_visible()
    version = Guide.objects.get(key="opgangstjek").versions.get()
    assert [q.key for q in version.spec().questions()] == ["lys_virker"]

    page.get_by_role("link", name="Forhåndsvisning").first.click()
    expect(page.get_by_label("3 – Flere pærer")).to_be_disabled()

    services.record_answer(
        response=services.start_response(version=version), question_key="lys_virker", raw="2",
        actor=None,
    )  # fmt: skip
    page.goto(f"{live_server.url}/guider/versioner/{version.pk}/rediger/")
    expect(page.get_by_text("Version 1 er i brug og ændres aldrig.")).to_be_visible()
    expect(page.get_by_role("link", name="Tilføj et spørgsmål")).to_have_count(0)
    page.get_by_role("button", name="Ny version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Redigér: Opgangstjek v2")
    screenshot(page, "guides-new-version")
    assert console_errors == []
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        for png in SCREENSHOTS.glob("guides-*.png"):
            shutil.copy(png, SHOTS / png.name)
