"""The social unit's today view (issue 13, item 4): the relative wording of deadlines, the
follow-up rules (every open case has a next deadline; a red department's review), the page's
sections, the workload, the head's bulk reassignment and the team's e-mail on a new report."""

from datetime import date, datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligsocial.audit.models import AccessLogEntry, ChangeLogEntry
from boligsocial.cases import badges, followup, services, today, workdays
from boligsocial.cases.badges import RelativeDue, relative_due
from boligsocial.cases.models import Case, LegalStep, Status
from boligsocial.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 3, 10)


def cph(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=workdays.COPENHAGEN)


# --- the wording rule (pure) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "today_", "expected"),
    [
        (None, TUESDAY, RelativeDue("none", 0)),
        (TUESDAY, TUESDAY, RelativeDue("today", 0)),
        (date(2026, 3, 11), TUESDAY, RelativeDue("ahead", 1)),
        (date(2026, 3, 12), TUESDAY, RelativeDue("ahead", 2)),
        (date(2026, 3, 16), date(2026, 3, 13), RelativeDue("ahead", 1)),  # Fri -> Mon
        (date(2026, 3, 9), TUESDAY, RelativeDue("overdue", 1)),
        (date(2026, 3, 4), TUESDAY, RelativeDue("overdue", 4)),
        (date(2026, 3, 6), date(2026, 3, 7), RelativeDue("overdue", 0)),  # Fri deadline, Sat
        (date(2026, 3, 6), date(2026, 3, 9), RelativeDue("overdue", 1)),  # ... and Monday
        (date(2026, 3, 8), date(2026, 3, 7), RelativeDue("ahead", 0)),  # a Sunday deadline
        (date(2026, 4, 7), date(2026, 4, 1), RelativeDue("ahead", 1)),  # Easter: 2-6 April
    ],
)
def test_relative_due(due, today_, expected):
    assert relative_due(due, today_) == expected


@pytest.mark.parametrize(
    ("relative", "danish", "english"),
    [
        (RelativeDue("none"), "", ""),
        (RelativeDue("today"), "i dag", "today"),
        (RelativeDue("ahead", 1), "om 1 arbejdsdag", "in 1 working day"),
        (RelativeDue("ahead", 2), "om 2 arbejdsdage", "in 2 working days"),
        (RelativeDue("ahead", 0), "inden næste arbejdsdag", "before the next working day"),
        (RelativeDue("overdue", 1), "1 arbejdsdag over fristen", "1 working day overdue"),
        (RelativeDue("overdue", 2), "2 arbejdsdage over fristen", "2 working days overdue"),
        (RelativeDue("overdue", 0), "fristen er overskredet", "deadline passed"),
    ],
)
def test_due_phrase_in_both_languages(relative, danish, english):
    with translation.override("da"):
        assert today.due_phrase(relative) == danish
    with translation.override("en"):
        assert today.due_phrase(relative) == english


#: Properties on a shared, loaded machine: no per-example deadline, no slowness health check.
properties = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])


@properties
@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(1, 60))
def test_a_deadline_n_working_days_ahead_reads_n(start, n):
    due = workdays.add_working_days(start, n)
    assert relative_due(due, start) == RelativeDue("ahead", n)
    # and n working days after it, it is n working days overdue
    later = workdays.add_working_days(due, n)
    assert relative_due(due, later) == RelativeDue("overdue", n)


def test_the_badge_agrees_with_the_wording():
    for due, kind in ((date(2026, 3, 9), "overdue"), (TUESDAY, "today")):
        assert badges.badge_for(due, TUESDAY) == {"overdue": "overdue", "today": "today"}[kind]
        assert relative_due(due, TUESDAY).kind == kind


# --- the follow-up rules (pure) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 1), 0, date(2026, 1, 1)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 1, 1), 24, date(2028, 1, 1)),
    ],
)
def test_add_months(d, months, expected):
    assert followup.add_months(d, months) == expected


def test_add_months_refuses_negative_months():
    with pytest.raises(ValueError):
        followup.add_months(date(2026, 1, 1), -1)


@pytest.mark.parametrize(
    ("year", "months", "today_", "expected"),
    [
        (2024, 3, date(2024, 11, 1), date(2025, 1, 1)),  # the cycle has not begun
        (2024, 3, date(2025, 1, 1), date(2025, 1, 1)),  # on the first review
        (2024, 3, date(2025, 1, 2), date(2025, 4, 1)),
        (2024, 3, date(2025, 3, 10), date(2025, 4, 1)),
        (2024, 3, date(2025, 4, 1), date(2025, 4, 1)),
        (2024, 3, date(2026, 12, 2), date(2027, 1, 1)),
        (2024, 6, date(2025, 8, 1), date(2026, 1, 1)),
        (2024, 12, date(2025, 1, 2), date(2026, 1, 1)),
    ],
)
def test_next_review(year, months, today_, expected):
    assert followup.next_review(year, months, today_) == expected


def test_next_review_refuses_no_interval():
    with pytest.raises(ValueError):
        followup.next_review(2024, 0, date(2025, 1, 1))


@properties
@given(
    st.integers(2016, 2030),
    st.sampled_from([1, 3, 6, 12]),
    st.dates(date(2016, 1, 1), date(2090, 12, 31)),
)
def test_next_review_is_on_or_after_today_and_within_one_interval(year, months, today_):
    review = followup.next_review(year, months, today_)
    assert review >= today_
    start = date(year + 1, 1, 1)
    assert review == start or review <= followup.add_months(today_, months)


@pytest.mark.parametrize(
    ("review", "today_", "expected"),
    [
        (date(2025, 4, 1), date(2025, 3, 1), True),
        (date(2025, 4, 1), date(2025, 4, 1), True),
        (date(2025, 4, 2), date(2025, 3, 1), False),
        (date(2025, 3, 31), date(2025, 4, 1), False),
    ],
)
def test_review_coming_up(review, today_, expected):
    assert followup.review_coming_up(review, today_) is expected


def test_follow_up_is_ten_working_days_after_the_contact():
    assert followup.follow_up_due(cph(2026, 3, 3)) == date(2026, 3, 17)
    assert followup.follow_up_due(date(2025, 12, 19)) == date(2026, 1, 9)  # Christmas closed


# --- every open case has a next deadline ---------------------------------------------------------


def open_(world, **kw):
    return services.open_case(
        department=world.dept_a1,
        kind="house_rules",
        track="trivsel",
        category="noise",
        received_at=kw.pop("received_at", cph(2025, 3, 3)),
        **kw,
    )


def test_recording_the_first_contact_sets_the_follow_up_deadline(world):
    case = open_(world)
    services.record_contact(case, None, at=cph(2025, 3, 4))
    case.refresh_from_db()
    assert case.next_due == date(2025, 3, 18)
    assert list(case.deadlines.order_by("kind").values_list("kind", "due", "met_at")) == [
        ("first_contact", date(2025, 3, 5), cph(2025, 3, 4)),
        ("follow_up", date(2025, 3, 18), None),
    ]


def test_a_specific_deadline_replaces_the_follow_up(world):
    case = open_(world, received_at=cph(2025, 1, 6))
    services.record_contact(case, None, at=cph(2025, 1, 7))
    assert case.deadlines.filter(kind="follow_up").count() == 1
    services.take_legal_step(case, LegalStep.WARNING, None, at=cph(2025, 1, 10))
    case.refresh_from_db()
    assert not case.deadlines.filter(kind="follow_up").exists()
    assert case.next_due == case.deadlines.get(kind="warning_follow_up").due


def test_meeting_the_last_deadline_sets_a_follow_up(world):
    case = open_(world, received_at=cph(2025, 1, 6))
    services.record_contact(case, None, at=cph(2025, 1, 7))
    follow = case.deadlines.get(kind="follow_up")
    services.meet_deadline(follow, None, at=cph(2025, 1, 20))
    case.refresh_from_db()
    assert list(case.deadlines.filter(met_at=None).values_list("kind", "due")) == [
        ("follow_up", date(2025, 2, 3))
    ]
    assert case.next_due == date(2025, 2, 3)


def test_a_reopened_case_gets_a_follow_up(world):
    case = open_(world)
    services.record_contact(case, None, at=cph(2025, 3, 4))
    services.close_case(case, "resolved_dialogue", None, at=cph(2025, 3, 5))
    assert case.next_due is None
    case.deadlines.filter(met_at=None).delete()  # e.g. older data: nothing left to do
    services.reopen_case(case, None)
    case.refresh_from_db()
    assert case.status == Status.REOPENED
    assert case.next_due == followup.follow_up_due(services.cases.now())


def test_a_closed_case_gets_no_follow_up(world):
    case = open_(world)
    services.close_case(case, "dropped", None, at=cph(2025, 3, 4))
    assert services.cases.ensure_next_deadline(case) is None
    assert not case.deadlines.filter(kind="follow_up").exists()


# --- the page ---------------------------------------------------------------------------------


@pytest.fixture
def on_tuesday(monkeypatch):
    from boligsocial.cases.views import today as view

    monkeypatch.setattr(view.timezone, "localdate", lambda: TUESDAY)


def test_today_view_sections_for_the_social_unit(cw, en, on_tuesday):
    Case.objects.filter(pk=cw.case_shared.pk).update(next_due=date(2026, 3, 12))
    crisis = CaseFactory(
        reference="BS-2026-0050",
        department=cw.dept_a1,
        kind="crisis",
        track="tryghed",
        next_due=None,
        assignee=None,
    )
    response = en("staff_a").get(reverse("cases:today"))
    assert response.status_code == 200
    ctx = response.context
    refs = {
        k: [r.case.reference for r in ctx[k].rows]
        for k in ("unassigned", "without_deadline", "overdue", "due_soon", "crises")
    }
    assert refs == {
        "unassigned": ["BS-2026-0050", "BS-2026-0002"],
        "without_deadline": ["BS-2026-0050"],
        "overdue": ["BS-2026-0001", "BS-2026-0002"],
        "due_soon": ["BS-2026-0004"],
        "crises": ["BS-2026-0050"],
    }
    assert [r.phrase for r in ctx["overdue"].rows] == ["4 working days overdue"] * 2
    assert [r.phrase for r in ctx["due_soon"].rows] == ["in 2 working days"]
    body = response.content.decode()
    assert "4 working days overdue" in body and "No deadline" in body
    assert "BS-2026-0003" not in body  # organisation B's
    assert [(w.user.username if w.user else None, w.open, w.overdue) for w in ctx["workload"]] == [
        ("staff-a", 2, 1),
        ("head-a", 0, 0),
        (None, 2, 1),
    ]
    logged = AccessLogEntry.objects.filter(route="cases:today", user__username="staff-a")
    assert str(crisis.pk) in set(logged.values_list("object_id", flat=True))


def test_short_sections_show_the_first_rows_in_order_and_count_all(cw, en, on_tuesday):
    """Open crises (newest first) and open cases without a deadline (oldest first) are read as
    short sections (ids without an order, then the first `LIMIT`): beyond the limit the rows are
    still the first in the list's order and the count is every one of them."""
    n = today.LIMIT + 3
    for i in range(n):
        CaseFactory(
            reference=f"BS-2026-{400 + i:04d}",
            department=cw.dept_a1,
            kind="crisis",
            track="tryghed",
            next_due=None,
            received_at=cph(2026, 2, 1 + i),
        )
    ctx = en("staff_a").get(reverse("cases:today")).context
    newest = [f"BS-2026-{400 + i:04d}" for i in reversed(range(n))]
    assert [r.case.reference for r in ctx["crises"].rows] == newest[: today.LIMIT]
    assert (ctx["crises"].count, ctx["crises"].more) == (n, 3)
    oldest = [r.case.reference for r in ctx["without_deadline"].rows]
    assert oldest == newest[::-1][: today.LIMIT]
    assert (ctx["without_deadline"].count, ctx["without_deadline"].more) == (n, 3)


def test_today_view_logs_the_cases_it_shows(cw, en, on_tuesday):
    en("staff_a").get(reverse("cases:today"))
    assert sorted(
        AccessLogEntry.objects.filter(route="cases:today").values_list("object_repr", flat=True)
    ) == ["BS-2026-0001", "BS-2026-0002", "BS-2026-0004"]


def test_today_view_shows_every_open_housing_court_window_with_its_date(cw, en, on_tuesday):
    """The 4-week window after a beboerklagenævn decision shows from the day it opens (a missed
    window cannot be made up), soonest first, logged as read; met or closed ones do not."""
    from boligsocial.cases.models import Deadline

    far = CaseFactory(reference="BS-2026-0070", department=cw.dept_a1, next_due=date(2026, 3, 20))
    near = CaseFactory(reference="BS-2026-0071", department=cw.dept_a2, next_due=date(2026, 3, 20))
    done = CaseFactory(reference="BS-2026-0072", department=cw.dept_a1)
    closed = CaseFactory(reference="BS-2026-0073", department=cw.dept_a1, status="closed")
    other = CaseFactory(reference="BS-2026-0074", department=cw.dept_b1)
    for case, due in ((far, date(2026, 4, 7)), (near, date(2026, 3, 12)), (done, TUESDAY),
                      (closed, TUESDAY), (other, TUESDAY)):  # fmt: skip
        Deadline.objects.create(case=case, kind="housing_court_window", due=due)
    Deadline.objects.filter(case=done).update(met_at=cph(2026, 3, 9))
    response = en("staff_a").get(reverse("cases:today"))
    windows = [(w.case.reference, w.due, w.phrase) for w in response.context["court_windows"]]
    assert windows == [
        ("BS-2026-0071", date(2026, 3, 12), "in 2 working days"),
        ("BS-2026-0070", date(2026, 4, 7), "in 17 working days"),
    ]
    body = response.content.decode()
    assert "Housing court windows (2)" in body
    row = '<span class="due-phrase">in 17 working days</span> <span class="due-date">(07-04-2026)'
    assert row in body
    logged = AccessLogEntry.objects.filter(route="cases:today").values_list(
        "object_repr", flat=True
    )
    assert {"BS-2026-0070", "BS-2026-0071"} <= set(logged)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff_a", 200),
        ("head_a", 200),
        ("admin", 200),
        ("staff_b", 200),
        ("board_a", 403),
        ("caretaker_a", 403),
        ("municipal", 403),
        ("nobody", 403),
    ],
)
def test_today_view_is_for_the_social_unit(cw, client_for, persona, status):
    assert client_for(persona).get(reverse("cases:today")).status_code == status


def test_today_view_has_a_fixed_number_of_queries(
    cw, en, on_tuesday, django_assert_max_num_queries
):
    client = en("head_a")
    client.get(reverse("cases:today"))
    for n in range(30):
        CaseFactory(reference=f"BS-2026-{200 + n:04d}", department=cw.dept_a2)
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("cases:today"))
    for n in range(30):
        CaseFactory(reference=f"BS-2026-{300 + n:04d}", department=cw.dept_a1, assignee=None)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("cases:today"))


def test_today_view_shows_red_departments_whose_review_comes_up(world, en, monkeypatch):
    from boligsocial.cases.views import today as view
    from boligsocial.screening.tests.factories import screening_world

    screening_world(world)  # dept_a1 is red in the newest year (2024)
    monkeypatch.setattr(view.timezone, "localdate", lambda: date(2025, 3, 10))
    response = en("staff_a").get(reverse("cases:today"))
    reviews = response.context["reviews"]
    assert [(r.department.name, r.year, r.review_on, r.phrase) for r in reviews] == [
        (world.dept_a1.name, 2024, date(2025, 4, 1), "in 16 working days")
    ]
    monkeypatch.setattr(view.timezone, "localdate", lambda: date(2025, 2, 20))
    assert en("staff_a").get(reverse("cases:today")).context["reviews"] == []


def test_the_dashboard_tile_leads_to_the_today_view(cw, en):
    response = en("staff_a").get(reverse("site:home"))
    assert response.context["case_counts"]["unassigned"] == 1
    assert response.context["case_counts"]["without_deadline"] == 0
    assert f'href="{reverse("cases:today")}"' in response.content.decode()


# --- bulk reassignment -----------------------------------------------------------------------


def test_the_head_reassigns_cases_after_confirming(cw, en, personas):
    client = en("head_a")
    page = client.get(reverse("cases:reassign") + f"?from={personas['staff_a'].pk}")
    assert [c.reference for c in page.context["cases"]] == ["BS-2026-0001", "BS-2026-0004"]
    chosen = {"case": [cw.case_a1.pk, cw.case_shared.pk], "assignee": personas["head_a"].pk}
    confirm = client.post(reverse("cases:reassign"), chosen)
    assert confirm.status_code == 200 and confirm.context["confirm"] is True
    assert Case.objects.filter(assignee=personas["head_a"]).count() == 0  # not yet
    done = client.post(reverse("cases:reassign"), {**chosen, "confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == reverse("cases:today")
    assert set(
        Case.objects.filter(assignee=personas["head_a"]).values_list("reference", flat=True)
    ) == {
        "BS-2026-0001",
        "BS-2026-0004",
    }
    entries = ChangeLogEntry.objects.filter(
        content_type__model="case",
        action="update",
        object_id__in=[str(cw.case_a1.pk), str(cw.case_shared.pk)],
    )
    assert entries.count() == 2
    assert {e.actor_id for e in entries} == {personas["head_a"].pk}
    assert all("assignee" in e.changes for e in entries)


def test_staff_may_not_reassign(cw, en, personas):
    client = en("staff_a")
    assert client.get(reverse("cases:reassign")).status_code == 403
    response = client.post(
        reverse("cases:reassign"),
        {"case": [cw.case_a1.pk], "assignee": personas["head_a"].pk, "confirmed": "yes"},
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=cw.case_a1.pk).assignee == personas["staff_a"]


def test_reassigning_another_organisations_case_is_not_found(cw, en, personas):
    response = en("head_a").post(
        reverse("cases:reassign"),
        {
            "case": [cw.case_a1.pk, cw.case_b1.pk],
            "assignee": personas["head_a"].pk,
            "confirmed": "yes",
        },
    )
    assert response.status_code == 404
    assert Case.objects.get(pk=cw.case_a1.pk).assignee == personas["staff_a"]
    assert Case.objects.get(pk=cw.case_b1.pk).assignee == personas["staff_b"]


def test_reassigning_to_someone_outside_the_unit_is_refused_in_danish(cw, client_for, personas):
    response = client_for("head_a").post(
        reverse("cases:reassign"),
        {"case": [cw.case_a1.pk], "assignee": personas["staff_b"].pk, "confirmed": "yes"},
    )
    assert response.status_code == 400
    assert response.context["errors"] == ["Vælg den sagsbehandler, der skal overtage sagerne."]
    assert Case.objects.get(pk=cw.case_a1.pk).assignee == personas["staff_a"]


def test_reassigning_nothing_is_refused(cw, client_for, personas):
    response = client_for("head_a").post(
        reverse("cases:reassign"), {"assignee": personas["head_a"].pk, "confirmed": "yes"}
    )
    assert response.status_code == 400
    assert response.context["errors"] == ["Vælg mindst én sag."]


def test_the_service_checks_the_new_case_worker(cw, personas):
    from django.core.exceptions import ValidationError

    from boligsocial.cases.services.team import reassign_cases

    with translation.override("da"), pytest.raises(ValidationError) as error:
        reassign_cases(cases=[cw.case_a1, cw.case_a2], assignee=personas["staff_b"], actor=None)
    assert "arbejder ikke med sagerne" in error.value.messages[0]
    assert Case.objects.get(pk=cw.case_a2.pk).assignee is None
    changed = reassign_cases(cases=[cw.case_a1, cw.case_a2], assignee=None, actor=None)
    assert [c.reference for c in changed] == ["BS-2026-0001"]


# --- the team hears of a new report ------------------------------------------------------------


def test_a_caretakers_report_emails_the_social_unit_on_commit(
    cw, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("caretaker_a").post(
            reverse("cases:quick_report"), {"department": cw.dept_a1.pk, "category": "noise"}
        )
    assert response.status_code == 302
    case = Case.objects.get(source="caretaker")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["head-a@example.org", "staff-a@example.org"]
    assert message.subject == f"Ny indberetning: {case.reference}, {cw.dept_a1.name}"
    assert "Kategori: Støj\nFra: Ejendomsfunktionærens indberetning\n" in message.body


def test_no_email_when_the_report_is_rolled_back(
    cw, client_for, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("caretaker_a").post(
            reverse("cases:quick_report"),
            {
                "department": cw.dept_a1.pk,
                "category": "noise",
                "photo": SimpleUploadedFile("x.png", b"not an image", "image/png"),
            },
        )
    assert response.status_code == 200
    assert not Case.objects.filter(source="caretaker").exists()
    assert mail.outbox == []


def test_a_case_the_staff_open_sends_no_email(world, django_capture_on_commit_callbacks, personas):
    with django_capture_on_commit_callbacks(execute=True):
        open_(world, received_at=cph(2026, 3, 2))
    assert mail.outbox == []


def test_a_residents_complaint_emails_the_team(world, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = open_(world, received_at=cph(2026, 3, 2), source="intake")
    assert [m.subject for m in mail.outbox] == [
        f"Ny indberetning: {case.reference}, {world.dept_a1.name}"
    ]
