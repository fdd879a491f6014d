"""Vulnerability analyses in Chromium on a 375 px phone: the interview autosaves as it is
answered; the connection drops mid-theme and the tab is closed; on return the draft kept in the
browser is restored and saved, so the server holds every answer. Then the interview is
completed, the results and the board's PDF (page 1 rendered to PNG) are looked at, and the
coverage page. Screenshots (desktop and phone) are checked with axe-core."""

import io
import shutil
from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/wt/shots/h14-analyses")
SAVED = "Alle svar er gemt."


def _copy_shots(prefix: str) -> None:
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        for png in SCREENSHOTS.glob(f"{prefix}*.png"):
            shutil.copy(png, SHOTS / png.name)


def test_an_interview_survives_a_dropped_connection_and_a_closed_tab(
    page, context, live_server, world, personas, login, console_errors
):
    from boligsocial.analyses import services
    from boligsocial.analyses.models import Analysis
    from boligsocial.analyses.tests.factories import ALL_BEST

    today = date.today()
    analysis = services.plan_analysis(
        department=world.dept_a1, year=today.year, planned_date=today, actor=personas["staff_a"],
        participants=[("board_chair", ""), ("caretaker", "")],
    )  # fmt: skip
    page.set_viewport_size({"width": 375, "height": 812})
    login("staff-a")
    url = f"{live_server.url}/saarbarhedsanalyser/{analysis.pk}/interview/"
    page.goto(url)
    status = page.locator("#autosave-status")

    # Online: a choice is saved at once.
    page.get_by_label("3 – Et vist problem").first.check()  # the first problem scale: husorden
    expect(status).to_have_text(SAVED)
    # Skip logic: a bad answer on groups hanging out shows the follow-up question.
    follow_up = page.get_by_label("Hvor og hvornår sker det?")
    expect(follow_up).to_be_hidden()
    page.locator('[name="q:unge_grupper"][value="4"]').check()
    expect(follow_up).to_be_visible()
    expect(status).to_have_text(SAVED)

    # The connection drops in the middle of a theme; two more answers are given, then the tab
    # is closed before anything could be sent.
    context.set_offline(True)
    follow_up.fill("I kælderen i blok C om aftenen")
    page.locator('[name="q:saarbare_omfang"][value="4"]').check()
    page.get_by_label("Noter til temaet").nth(2).fill("Ensomhed blandt ældre beboere")
    expect(status).to_contain_text("Ingen forbindelse")
    assert Analysis.objects.get(pk=analysis.pk).response.values() == {
        "husorden_omfang": "3",
        "unge_grupper": "4",
    }
    page.close()

    # Back online, the interview is opened again: the draft is restored and saved.
    context.set_offline(False)
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(url)
    expect(page.locator("#autosave-restored")).to_be_visible()
    expect(page.locator("#autosave-status")).to_have_text(SAVED)
    analysis.refresh_from_db()
    assert analysis.response.values() == {
        "husorden_omfang": "3",
        "unge_grupper": "4",
        "unge_hvor": "I kælderen i blok C om aftenen",
        "saarbare_omfang": "4",
    }
    assert analysis.notes == {"saarbare_beboere": "Ensomhed blandt ældre beboere"}
    assert (
        page.evaluate(f"Object.keys(JSON.parse(localStorage.getItem('bs-analysis-{analysis.pk}')))")
        == []
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "analyses-interview")

    # The rest is answered (through the service, to keep the test short) and it is completed.
    for key, value in ALL_BEST.items():
        if key not in ("husorden_omfang", "unge_grupper", "saarbare_omfang"):
            services.save_answer(analysis=analysis, question_key=key, raw=value, actor=None)
    page.goto(f"{live_server.url}/saarbarhedsanalyser/{analysis.pk}/afslut/")
    check_axe(page)
    page.get_by_label("Interviewet blev holdt den").fill(today.isoformat())
    page.get_by_role("button", name="Afslut og beregn").click()
    expect(page.get_by_role("heading", name="Resultater")).to_be_visible()
    screenshot(page, "analyses-results")

    pdf = page.request.get(f"{live_server.url}/saarbarhedsanalyser/{analysis.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    document = pypdfium2.PdfDocument(io.BytesIO(pdf.body()))
    assert len(document) == 1
    text = document[0].get_textpage().get_text_range()
    assert "Alfaparken" in text and "Samlet score" in text
    SCREENSHOTS.mkdir(exist_ok=True)
    document[0].render(scale=1.5).to_pil().save(SCREENSHOTS / "analyses-board-pdf-page1.png")

    page.goto(f"{live_server.url}/saarbarhedsanalyser/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sårbarhedsanalyser")
    screenshot(page, "analyses-coverage")
    page.goto(f"{live_server.url}/guider/")
    page.get_by_role("link", name="Sårbarhedsanalyse – interviewguide").click()
    expect(page.get_by_text("Vores forslag.")).to_be_visible()
    screenshot(page, "analyses-guide")
    # the sends that failed while offline are logged by the browser; nothing else
    assert [e for e in console_errors if "ERR_INTERNET_DISCONNECTED" not in e] == []
    _copy_shots("analyses-")
