"""Daily use in Chromium (issue 13): a caretaker's report at 375 px (lands on the quick report,
a validation error keeps the photo, then the status of the own report); the social unit's today
view with the head's bulk reassignment; the new-case form's lease search (htmx)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


def test_a_caretakers_report_on_a_phone(
    page, live_server, world, personas, login, console_errors, private_media
):
    from boligsocial.cases.models import Case

    page.set_viewport_size({"width": 375, "height": 812})
    login("caretaker-a")
    # The home page is the quick report.
    expect(page.get_by_role("heading", name="Hurtig indberetning")).to_be_visible()
    expect(page.get_by_role("heading", name="Dine indberetninger")).to_be_visible()
    check_axe(page)
    page.screenshot(path=SCREENSHOTS / "today-caretaker-home-phone.png", full_page=True)
    # A photo, but no department: the error keeps the photo.
    page.get_by_label("Tilføj et foto").set_input_files(
        files=[{"name": "opgang.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="Vold eller trusler").click()
    expect(page.get_by_text("Vælg afdelingen.").first).to_be_visible()
    expect(page.get_by_text("Dit foto “opgang.png” er gemt")).to_be_visible()
    check_axe(page)
    page.screenshot(path=SCREENSHOTS / "today-caretaker-error-phone.png", full_page=True)
    page.get_by_text("Alfaparken", exact=True).click()
    page.get_by_role("button", name="Vold eller trusler").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("indberetningen er sendt")
    case = Case.objects.get(source="caretaker")
    assert (case.category, case.department, case.attachments.get().original_name) == (
        "violence_threats",
        world.dept_a1,
        "opgang.png",
    )
    # The status of the own report, nothing of the case.
    page.get_by_role("link", name="Se status på dine indberetninger").click()
    page.get_by_role("link", name="Alfaparken").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Din indberetning {case.reference}")
    expect(page.get_by_text("Modtaget, endnu ikke behandlet")).to_be_visible()
    check_axe(page)
    page.screenshot(path=SCREENSHOTS / "today-caretaker-own-report-phone.png", full_page=True)
    # Back home, the department is remembered.
    page.goto(f"{live_server.url}/")
    expect(page.get_by_label("Alfaparken", exact=True)).to_be_checked()
    assert console_errors == []


def test_the_today_view_and_the_heads_reassignment(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.cases.models import Case
    from boligsocial.cases.tests.factories import CaseFactory, cases_world

    cases_world(world, personas)
    CaseFactory(reference="BS-2026-0060", department=world.dept_a1, kind="crisis", next_due=None)
    page.set_viewport_size(DESKTOP)
    login("head-a")
    page.get_by_role("link", name="Dagens overblik").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("I dag")
    expect(page.get_by_text("arbejdsdage over fristen").first).to_be_visible()
    expect(page.get_by_role("heading", name="Åbne sager uden næste frist")).to_be_visible()
    check_axe(page)
    screenshot(page, "today-view")
    # The head gives staff-a's open cases to herself.
    staff_name = personas["staff_a"].get_full_name() or "staff-a"
    head_name = personas["head_a"].get_full_name() or "head-a"
    page.get_by_role("row", name=staff_name).get_by_role("link", name="Fordel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fordel sager")
    page.get_by_label("BS-2026-0001").check()
    page.get_by_label("BS-2026-0004").check()
    page.get_by_label("Ny sagsbehandler").select_option(label=head_name)
    screenshot(page, "today-reassign")
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_role("heading", name=f"Giv 2 sager til {head_name}?")).to_be_visible()
    check_axe(page)
    assert Case.objects.filter(assignee=personas["head_a"]).count() == 0
    page.get_by_role("button", name="Ja, fordel sagerne").click()
    expect(page.get_by_text("2 sager er fordelt.")).to_be_visible()
    assert set(
        Case.objects.filter(assignee=personas["head_a"]).values_list("reference", flat=True)
    ) == {"BS-2026-0001", "BS-2026-0004"}
    assert console_errors == []


def test_the_lease_search_in_the_new_case_form(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.cases.models import Case

    page.set_viewport_size(DESKTOP)
    login("staff-a")
    page.goto(f"{live_server.url}/sager/ny/")
    page.get_by_label("Afdeling").select_option(value=str(world.dept_a1.pk))
    page.get_by_role("searchbox", name="Lejemål").fill("alfavej")
    expect(page.get_by_label("Alfavej 1, st. tv.")).to_be_visible()
    check_axe(page)
    screenshot(page, "today-lease-search")
    page.get_by_label("Alfavej 1, st. tv.").check()
    page.get_by_label("Beskrivelse").fill("Høj musik om natten (e2e).")
    page.get_by_role("button", name="Opret sagen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("BS-")
    case = Case.objects.get(description="Høj musik om natten (e2e).")
    assert (case.lease, case.address) == (world.lease_a1, "Alfavej 1, st. tv.")
    assert console_errors == []
