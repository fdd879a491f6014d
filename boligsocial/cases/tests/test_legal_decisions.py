"""Issue 13, item 3: the whole legal track. Each step on the day it happened (back-dating
allowed, never the future), the board's decision opens the 4-week window to the housing court,
the court's judgment, the status advances, and a blocked step shows why before it is pressed."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from boligsocial.cases import services, workdays
from boligsocial.cases.models import Case, LegalProceeding, LegalStep

pytestmark = pytest.mark.django_db
AT = datetime(2025, 3, 3, 10, tzinfo=workdays.COPENHAGEN)


def case_(world, **kw):
    kw = {"kind": "house_rules", "track": "trivsel", "category": "noise", **kw}
    return services.open_case(department=world.dept_a1, received_at=AT, **kw)


def state(case):
    case.refresh_from_db()
    return (
        case.status,
        case.legal_step,
        sorted(
            LegalProceeding.objects.filter(case=case).values_list(
                "forum", "brought_on", "decided_on", "outcome"
            )
        ),
        sorted(case.deadlines.filter(met_at__isnull=True).values_list("kind", "due")),
    )


def test_the_whole_track_with_back_dated_steps(world):
    case = case_(world)
    services.take_legal_step(case, LegalStep.WARNING, None, on=date(2025, 3, 10))
    assert case.status == "in_progress"
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None, on=date(2025, 4, 1))
    assert case.status == "forwarded"
    window = services.record_board_decision(
        case, date(2025, 5, 6), None, outcome="conditional_loss", text="Betinget i 3 år"
    )
    # 6 May 2025 + 28 days = Tuesday 3 June 2025
    assert (window.kind, window.due) == ("housing_court_window", date(2025, 6, 3))
    assert state(case) == (
        "in_progress",
        "complaints_board",
        [("complaints_board", date(2025, 4, 1), date(2025, 5, 6), "conditional_loss")],
        [
            ("first_contact", date(2025, 3, 5)),
            ("housing_court_window", date(2025, 6, 3)),
            ("repeat_window", date(2028, 3, 10)),
        ],
    )
    case.refresh_from_db()
    assert case.next_due == date(2025, 3, 5)  # first contact is still the earliest task
    services.take_legal_step(case, LegalStep.HOUSING_COURT, None, on=date(2025, 6, 2))
    assert case.status == "forwarded"
    assert case.deadlines.get(kind="housing_court_window").met_at is not None
    services.record_court_outcome(case, date(2025, 9, 15), None, outcome="unconditional_loss")
    assert state(case)[0:3] == (
        "in_progress",
        "housing_court",
        [
            ("complaints_board", date(2025, 4, 1), date(2025, 5, 6), "conditional_loss"),
            ("housing_court", date(2025, 6, 2), date(2025, 9, 15), "unconditional_loss"),
        ],
    )
    texts = list(case.events.filter(kind="legal_step").values_list("text", flat=True))
    assert texts == [
        "Advarsel",
        "Beboerklagenævnet",
        "Beboerklagenævnets afgørelse: Betinget fortabelse af lejeretten\nBetinget i 3 år",
        "Boligretten",
        "Boligrettens dom: Ubetinget fortabelse af lejeretten",
    ]
    occurred = case.events.filter(kind="legal_step").values_list("occurred_at", flat=True)
    assert [workdays.local_date(o) for o in occurred] == [
        date(2025, 3, 10),
        date(2025, 4, 1),
        date(2025, 5, 6),
        date(2025, 6, 2),
        date(2025, 9, 15),
    ]


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (None, "Datoen kan ikke ligge i fremtiden."),
        (
            date(2025, 3, 31),
            "Datoen kan ikke ligge før 01-04-2025 (den dag sagen blev indbragt der).",
        ),
    ],
)
def test_a_future_or_too_early_date_is_refused_in_danish_and_nothing_changes(world, on, message):
    case = case_(world)
    services.take_legal_step(case, LegalStep.WARNING, None, on=date(2025, 3, 10))
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None, on=date(2025, 4, 1))
    before = state(case)
    on = on or timezone.localdate() + timedelta(days=1)
    with translation.override("da"), pytest.raises(ValidationError) as error:
        services.record_board_decision(case, on, None, outcome="warning")
    assert error.value.message_dict == {"decided_on": [message]}
    assert state(case) == before


def test_a_step_before_the_case_was_received_is_refused(world):
    case = case_(world)
    with translation.override("da"), pytest.raises(ValidationError) as error:
        services.take_legal_step(case, LegalStep.REQUEST, None, on=date(2025, 3, 2))
    assert error.value.message_dict == {
        "on": ["Datoen kan ikke ligge før 03-03-2025 (den dag sagen blev modtaget)."]
    }
    assert state(case) == ("received", "", [], [("first_contact", case.first_contact_due)])


def test_a_warning_from_the_board_opens_no_court_window_and_blocks_the_court(world):
    case = case_(world, category="violence_threats")
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None, on=date(2025, 3, 5))
    assert services.record_board_decision(case, date(2025, 4, 1), None, outcome="warning") is None
    assert not case.deadlines.filter(kind="housing_court_window").exists()
    with translation.override("en"):
        assert services.legal_step_problem(case, LegalStep.HOUSING_COURT) == (
            "The complaints board gave a warning (advarsel). A warning from the board cannot be "
            "brought before the housing court."
        )


def test_blocked_steps_say_why_before_anything_is_pressed(world):
    case = case_(world)
    with translation.override("en"):
        track = {s.key: s.problem for s in services.legal_track(case)}
    assert track["request"] is None
    assert track["warning"] is None
    assert track["complaints_board"].startswith("The tenants' complaints board only takes")
    assert track["board_decision"] == (
        "The case has not been brought before the complaints board. Record that step first."
    )
    assert track["court_outcome"] == (
        "The case has not been brought before the housing court. Record that step first."
    )
    services.take_legal_step(case, LegalStep.WARNING, None)
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None)
    with translation.override("en"):
        track = {s.key: s.problem for s in services.legal_track(case)}
    assert track["complaints_board"] == (
        "The case has already been brought before the tenants' complaints board."
    )
    assert track["housing_court"] == (
        "The tenants' complaints board has not decided the case yet. Register the board's "
        "decision first."
    )
    assert track["board_decision"] is None


def test_the_court_after_the_four_weeks_is_refused(world):
    case = case_(world, category="violence_threats")
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None, on=date(2025, 3, 5))
    services.record_board_decision(case, date(2025, 4, 1), None, outcome="dismissal")
    before = state(case)
    with translation.override("da"), pytest.raises(ValidationError) as error:
        services.take_legal_step(case, LegalStep.HOUSING_COURT, None, on=date(2025, 4, 30))
    assert error.value.message_dict == {
        "on": [
            "Fristen for at indbringe nævnets afgørelse for boligretten var 29-04-2025. En "
            "senere dato kan ikke registreres."
        ]
    }
    assert state(case) == before


def test_two_decisions_are_refused(world):
    case = case_(world, category="violence_threats")
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None, on=date(2025, 3, 5))
    services.record_board_decision(case, date(2025, 4, 1), None, outcome="acquittal")
    with pytest.raises(ValidationError):
        services.record_board_decision(case, date(2025, 4, 2), None, outcome="warning")
    assert LegalProceeding.objects.get(case=case).outcome == "acquittal"


def test_the_pages_register_the_board_decision_and_the_court(cw, en):
    case = cw.case_a1
    Case.objects.filter(pk=case.pk).update(category="violence_threats")
    staff = en("staff_a")
    detail = staff.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "The case has not been brought before the complaints board." in detail
    page = staff.get(reverse("cases:board_decision", args=[case.pk]))
    assert page.context["blocked"] is True
    assert 'disabled aria-describedby="step-refused"' in page.content.decode()
    brought = staff.post(
        reverse("cases:legal_step", args=[case.pk, "complaints_board"]), {"on": "03-03-2026"}
    )
    assert brought.status_code == 302
    future = (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y")
    refused = staff.post(
        reverse("cases:board_decision", args=[case.pk]),
        {"decided_on": future, "outcome": "conditional_loss"},
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors == {"decided_on": ["The date cannot be in the future."]}
    assert not LegalProceeding.objects.filter(decided_on__isnull=False).exists()
    decided = staff.post(
        reverse("cases:board_decision", args=[case.pk]),
        {"decided_on": "10-03-2026", "outcome": "conditional_loss"},
    )
    assert decided.status_code == 302
    window = case.deadlines.get(kind="housing_court_window")
    assert window.due == date(2026, 4, 7)
    detail = staff.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Bring the decision to the housing court" in detail
    assert "07-04-2026" in detail
    court = staff.post(
        reverse("cases:legal_step", args=[case.pk, "housing_court"]), {"on": "20-03-2026"}
    )
    assert court.status_code == 302
    judged = staff.post(
        reverse("cases:court_outcome", args=[case.pk]),
        {"decided_on": "01-06-2026", "outcome": "acquittal"},
    )
    assert judged.status_code == 302 if date(2026, 6, 1) <= timezone.localdate() else 200
