"""The report types (yearly status, mid-term and final evaluation), their narrative, the
board's comments and the sending to the partners (console backend in the demo; locmem here)."""

import pytest
from django.core import mail
from django.urls import reverse

from boligsocial.plans import reporting, services
from boligsocial.plans.models import BoardComment, PlanReport, ReportType
from boligsocial.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return make_plan(world)  # 2024–2027


def test_each_type_has_its_years(plan):
    years = {t.code: t.years_of(plan) for t in ReportType.objects.all()}
    assert years == {"status": [2024, 2025, 2026, 2027], "midterm": [2025], "final": [2027]}


def test_write_comment_and_send_the_midterm_evaluation(client_for, plan, world):
    staff, board = client_for("staff_a"), client_for("board_a")
    edit = reverse("plans:edit_report", args=[plan.pk, "midterm", 2025])
    assert client_for("staff_b").get(edit).status_code == 403  # not the secretariat
    assert staff.post(edit, {"section_0": "Godt på vej.", "section_3": ""}).status_code == 302
    report = PlanReport.objects.get()
    assert report.narrative == {"Fremdrift mod målene": "Godt på vej."}
    url = reverse("plans:status_report", args=[plan.pk]) + "?type=midterm&aar=2025"
    page = board.get(url).content.decode()
    assert "Midtvejsevaluering 2025 – Helhedsplan Fællesområdet 2024–27" in page
    assert "Godt på vej." in page
    # The board comments; an empty comment changes nothing.
    comment = reverse("plans:comment_report", args=[plan.pk, "midterm", 2025])
    board.post(comment, {"text": "  "})
    assert BoardComment.objects.count() == 0
    board.post(comment, {"text": "Husk forankringen."})
    assert list(BoardComment.objects.values_list("text", flat=True)) == ["Husk forankringen."]
    assert client_for("municipal").post(comment, {"text": "Kommunen er enig."}).status_code == 302
    assert client_for("caretaker_a").post(comment, {"text": "x"}).status_code == 403
    assert BoardComment.objects.count() == 2
    # Sending: no address, nothing sent; then asked first, then sent to each address.
    send = reverse("plans:send_report", args=[plan.pk, "midterm", 2025])
    staff.post(send, {"confirmed": "yes"})
    assert (len(mail.outbox), PlanReport.objects.get().sent_at) == (0, None)
    municipality = plan.partners.get(kind="municipality")
    edit_partner = reverse("plans:edit_partner", args=[municipality.pk])
    assert (
        staff.post(edit_partner, {"role": "Kommune", "email": "ikke-en-adresse"}).status_code == 200
    )
    staff.post(edit_partner, {"role": "Kommune", "email": "helhedsplan@aarhus.dk"})
    assert "Ja, send rapporten" in staff.get(send).content.decode()
    staff.post(send)  # without the confirmation: only the question again
    assert len(mail.outbox) == 0
    assert staff.post(send, {"confirmed": "yes"}).status_code == 302
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Midtvejsevaluering 2025: Helhedsplan Fællesområdet 2024–27", ["helhedsplan@aarhus.dk"])
    ]
    assert "Fremdrift mod målene\nGodt på vej." in mail.outbox[0].body
    assert PlanReport.objects.get().sent_to == ["Aarhus <helhedsplan@aarhus.dk>"]


def test_a_report_outside_its_years_is_refused(plan):
    final = ReportType.objects.get(code="final")
    with pytest.raises(services.PlanError, match="hører ikke til året 2025"):
        reporting.save_report(plan=plan, by=None, report_type=final, year=2025, narrative={})
    with pytest.raises(services.PlanError, match="har ikke afsnittet »Andet«"):
        reporting.save_report(
            plan=plan, by=None, report_type=final, year=2027, narrative={"Andet": "x"}
        )
    assert PlanReport.objects.count() == 0


def test_milestones_are_added_and_reached_by_the_secretariat(client_for, plan):
    add = reverse("plans:add_milestone", args=[plan.pk])
    staff = client_for("staff_a")
    assert (
        staff.post(add, {"title": "Midtvejsevaluering", "due_on": "01-03-2031"}).status_code == 200
    )
    assert plan.milestones.count() == 0  # outside the plan's years: refused
    assert (
        staff.post(add, {"title": "Midtvejsevaluering", "due_on": "01-03-2026"}).status_code == 302
    )
    milestone = plan.milestones.get()
    done = reverse("plans:complete_milestone", args=[milestone.pk])
    assert client_for("staff_b").post(done).status_code == 403
    assert client_for("staff_a").post(done).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on is not None
    page = client_for("board_a").get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "Midtvejsevaluering" in page and "01-03-2026" in page
