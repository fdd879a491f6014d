"""Resident surveys in Chromium: a resident opens the letter's link on a 375 px phone, switches
to Arabic (right to left), answers all four pages (progress saved page by page) and hands in;
the response rate on the survey page rises from 4 to 5 of 6 households, and the department's
result, hidden ("<5") before, appears once it has k = 5 answers. No request leaves the site.
Screenshots (Danish and Arabic answer pages, the results page) are checked with axe-core."""

import shutil
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/wt/shots/h15-surveys")


def _copy_shots() -> None:
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        for png in SCREENSHOTS.glob("surveys-*.png"):
            shutil.copy(png, SHOTS / png.name)


def test_a_resident_answers_in_arabic_and_the_result_appears_at_k(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.guides.models import Guide
    from boligsocial.guides.services import current_version
    from boligsocial.organisations.tests.factories import LeaseFactory
    from boligsocial.surveys import services

    for i in range(5):
        LeaseFactory(department=world.dept_a1, address=f"Alfavej {1 + i % 2}", unit=f"{i}. tv.")
    today = date.today()
    survey = services.create_survey(
        organisation=world.org_a, name="Tryghedsundersøgelse", actor=personas["staff_a"],
        guide_version=current_version(Guide.objects.get(key="tryghedsundersoegelse")),
        departments=[world.dept_a1], opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=14), languages=["ar", "so", "tr"],
        index_keys=["tryg_moerke", "tryg_grundlaeggende"],
    )  # fmt: skip
    services.open_survey(survey=survey, actor=personas["staff_a"])
    issued = services.create_invitations(
        survey=survey, department=world.dept_a1, actor=personas["staff_a"]
    )
    for item in issued[:4]:
        invitation, code = services.find_invitation(token=item.token)
        services.save_progress(
            invitation=invitation, code=code, raw={"tryg_moerke": "2"}, language="da", submit=True
        )
    outside = []
    host = urlparse(live_server.url).netloc
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:")
            else None
        ),
    )

    login("staff-a")
    page.goto(f"{live_server.url}/beboerundersoegelser/{survey.pk}/resultater/")
    row = page.locator('tr[data-group="1 Alfaparken"]')
    # 4 answers: the organisation reads "<5" and its one department, equal to it, "x"
    expect(row.locator("td").first).to_have_text("x")
    page.goto(f"{live_server.url}/beboerundersoegelser/{survey.pk}/")
    expect(page.locator("#response-rate")).to_contain_text("4 af 6 husstande har svaret")

    # The resident: the letter's link on a phone.
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/svar/{issued[4].token}/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_text("Side 1 af 4")).to_be_visible()
    screenshot(page, "surveys-answer-da")
    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.set_viewport_size({"width": 375, "height": 812})
    page.get_by_label("آمن", exact=True).check()
    screenshot(page, "surveys-answer-ar")
    page.set_viewport_size({"width": 375, "height": 812})
    page.get_by_role("button", name="حفظ ومتابعة").click()
    expect(page.get_by_text("الصفحة 2 من 4")).to_be_visible()
    page.get_by_label("إضاءة سيئة").check()
    follow_up = page.get_by_text("إلى أي مدى تجعلك هذه المشاكل تشعر بعدم الأمان؟")
    expect(follow_up).to_be_visible()  # skip logic in the browser
    page.get_by_role("button", name="حفظ ومتابعة").click()
    page.get_by_role("button", name="رجوع").click()  # back: the saved answer is still there
    expect(page.get_by_label("إضاءة سيئة")).to_be_checked()
    page.get_by_role("button", name="حفظ ومتابعة").click()
    page.get_by_role("button", name="حفظ ومتابعة").click()
    expect(page.get_by_text("الصفحة 4 من 4")).to_be_visible()
    page.get_by_role("button", name="أرسل إجاباتي").click()
    expect(page.get_by_text("شكرًا على إجاباتك!")).to_be_visible()
    check_axe(page)

    # Staff again: the rate rose and the result is shown now that there are k answers.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/beboerundersoegelser/{survey.pk}/")
    expect(page.locator("#response-rate")).to_contain_text("5 af 6 husstande har svaret")
    page.goto(f"{live_server.url}/beboerundersoegelser/{survey.pk}/resultater/")
    expect(row.locator("td").first).to_have_text("5")
    screenshot(page, "surveys-results")
    assert outside == []
    assert console_errors == []
    _copy_shots()
