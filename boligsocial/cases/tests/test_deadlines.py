"""First-contact and further deadlines on Danish working days, through the services."""

from datetime import date, datetime

import pytest

from boligsocial.cases import services, workdays
from boligsocial.cases.models import CaseSettings, Deadline, DeadlineKind, LegalStep

pytestmark = pytest.mark.django_db
CPH = workdays.COPENHAGEN


def received(y, m, d, h=10):
    return datetime(y, m, d, h, 0, tzinfo=CPH)


def new_case(world, when, **kw):
    kw = {"kind": "house_rules", "track": "trivsel", "category": "noise", **kw}
    return services.open_case(department=world.dept_a1, received_at=when, **kw)


# received (local time) -> first contact due with the default 2 working days
FIRST_CONTACT = [
    (received(2025, 3, 7), date(2025, 3, 11)),  # Friday -> Tuesday
    (received(2025, 3, 8), date(2025, 3, 11)),  # Saturday -> Tuesday
    (received(2025, 3, 7, 23), date(2025, 3, 11)),  # late Friday evening
    (received(2025, 4, 16), date(2025, 4, 23)),  # skærtorsdag, langfredag, 2. påskedag
    (received(2025, 4, 17), date(2025, 4, 23)),  # received on skærtorsdag
    (received(2025, 5, 28), date(2025, 6, 2)),  # Kristi himmelfartsdag (29 May)
    (received(2025, 6, 4), date(2025, 6, 10)),  # Grundlovsdag (5 June) and 2. pinsedag (9 June)
    (received(2025, 12, 23), date(2025, 12, 30)),  # juleaftensdag, juledag, 2. juledag
    (received(2025, 12, 30), date(2026, 1, 5)),  # nytårsaftensdag, nytårsdag, weekend
    (received(2024, 4, 25), date(2024, 4, 29)),  # store bededag abolished from 2024
    (received(2023, 5, 4), date(2023, 5, 9)),  # store bededag 5 May 2023 still closed
]


@pytest.mark.parametrize(("when", "due"), FIRST_CONTACT)
def test_first_contact_deadline(world, when, due):
    case = new_case(world, when)
    assert case.first_contact_due == due
    assert case.next_due == due
    assert list(case.deadlines.values_list("kind", "due")) == [("first_contact", due)]


def test_first_contact_days_is_an_organisation_setting(world):
    CaseSettings.objects.create(organisation=world.org_a, first_contact_working_days=1)
    assert new_case(world, received(2025, 6, 4)).first_contact_due == date(2025, 6, 6)
    other = services.open_case(
        department=world.dept_b1,
        kind="inquiry",
        track="trivsel",
        category="noise",
        received_at=received(2025, 6, 4),
    )
    assert other.first_contact_due == date(2025, 6, 10)


def test_utc_timestamp_counts_in_copenhagen(world):
    # 2025-03-07T23:30Z is Saturday 8 March in Copenhagen.
    from datetime import UTC

    case = new_case(world, datetime(2025, 3, 7, 23, 30, tzinfo=UTC))
    assert case.first_contact_due == date(2025, 3, 11)


def test_warning_adds_follow_up_and_repeat_window(world):
    case = new_case(world, received(2025, 1, 6))
    services.record_contact(case, None, at=received(2025, 1, 7))
    services.take_legal_step(case, LegalStep.WARNING, None, at=received(2025, 12, 19))
    rows = dict(case.deadlines.exclude(kind="first_contact").values_list("kind", "due"))
    # 20 working days after Friday 19 Dec 2025: 22, 23, 29, 30 Dec, 2, 5, 6 … Jan (24-26 Dec,
    # 31 Dec and 1 Jan closed) -> 23 January 2026.
    assert rows == {
        "warning_follow_up": date(2026, 1, 23),
        "repeat_window": date(2028, 12, 19),  # 3 years later, a Tuesday
    }
    case.refresh_from_db()
    assert case.next_due == date(2026, 1, 23)  # the repeat window is not a task


def test_repeat_window_on_a_closed_day_moves_to_the_next_working_day(world):
    case = new_case(world, received(2023, 6, 1))
    services.take_legal_step(case, LegalStep.WARNING, None, at=received(2023, 6, 5))
    # 5 June 2026 is Grundlovsdag (Friday) -> Monday 8 June 2026.
    assert case.deadlines.get(kind="repeat_window").due == date(2026, 6, 8)


def test_board_decision_opens_the_four_week_housing_court_window(world):
    case = new_case(world, received(2025, 1, 6), category="violence_threats")
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None, at=received(2025, 2, 3))
    row = services.record_board_decision(case, date(2025, 3, 20), None, outcome="conditional_loss")
    # 20 March + 28 days = 17 April 2025 = skærtorsdag; langfredag, weekend, 2. påskedag -> 22 April
    assert row.kind == DeadlineKind.HOUSING_COURT_WINDOW
    assert row.due == date(2025, 4, 22)


def test_crisis_case_gets_checklist_and_follow_up(world):
    case = new_case(world, received(2025, 12, 22), kind="crisis", category="violence_threats")
    assert sorted(case.crisis_tasks.values_list("kind", flat=True)) == [
        "follow_up_visit",
        "municipality_contact",
        "police_contact",
        "residents_meeting",
        "safety_walk",
    ]
    # 10 working days after Mon 22 Dec 2025: 23, 29, 30 Dec, 2, 5, 6, 7, 8, 9, 12 Jan
    assert case.deadlines.get(kind="crisis_follow_up").due == date(2026, 1, 12)


def test_overdue_and_due_soon_lists(world):
    a = new_case(world, received(2025, 3, 3))  # due Wed 5 March
    b = new_case(world, received(2025, 3, 5))  # due Fri 7 March
    c = new_case(world, received(2025, 3, 6))  # due Mon 10 March
    contacted = new_case(world, received(2025, 3, 3))
    services.record_contact(contacted, None, at=received(2025, 3, 4))
    qs = type(a).objects.all()
    assert list(services.overdue(qs, date(2025, 3, 7))) == [a]
    assert list(services.due_soon(qs, date(2025, 3, 7))) == [b, c]  # Friday: Monday is soon
    assert list(services.due_soon(qs, date(2025, 3, 6), working_days=0)) == []
    assert services.deadline_status(a, date(2025, 3, 7)) == "overdue"
    # Contacted: the next deadline is the follow-up on 18 March (cases/followup.py).
    assert services.deadline_status(contacted, date(2025, 3, 7)) == "ok"
    assert Deadline.objects.get(case=contacted, kind="first_contact").met_at == received(2025, 3, 4)
