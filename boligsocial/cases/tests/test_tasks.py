"""Reminder e-mails, the daily tasks and the command that enqueues them."""

from datetime import date, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from boligsocial.cases import services, workdays
from boligsocial.cases.models import CaseSettings
from boligsocial.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def rec(y, m, d):
    return datetime(y, m, d, 10, tzinfo=workdays.COPENHAGEN)


@pytest.fixture
def reminders_world(world, personas):
    staff_a, staff_b = personas["staff_a"], personas["staff_b"]
    # due Wed 5 March 2025 (overdue on Fri 7 March)
    CaseFactory(
        reference="BS-2025-0001",
        department=world.dept_a1,
        assignee=staff_a,
        received_at=rec(2025, 3, 3),
        description="HEMMELIG beskrivelse",
    )
    # due Mon 10 March (due soon on Friday 7 March)
    CaseFactory(
        reference="BS-2025-0002",
        department=world.dept_a2,
        assignee=staff_a,
        received_at=rec(2025, 3, 6),
    )
    # due Tue 11 March: not yet
    CaseFactory(
        reference="BS-2025-0003",
        department=world.dept_a1,
        assignee=staff_a,
        received_at=rec(2025, 3, 7),
    )
    CaseFactory(
        reference="BS-2025-0004",
        department=world.dept_b1,
        assignee=staff_b,
        received_at=rec(2025, 3, 3),
    )
    CaseFactory(
        reference="BS-2025-0005",
        department=world.dept_a1,
        assignee=None,
        received_at=rec(2025, 3, 3),
    )
    CaseFactory(
        reference="BS-2025-0006",
        department=world.dept_a1,
        assignee=staff_a,
        received_at=rec(2025, 3, 3),
        status="closed",
    )
    return world  # fmt: skip


def test_one_email_per_assignee_without_case_content(reminders_world, personas):
    assert services.send_reminders(date(2025, 3, 7)) == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_to) == ["staff-a@example.org", "staff-b@example.org"]
    a = by_to["staff-a@example.org"]
    assert a.subject == "Sagsfrister: 1 overskredet sag og 1 sag med frist snart"
    assert a.body.splitlines()[:7] == [
        "Hej",
        "",
        "Overskredet:",
        "- BS-2025-0001, 1 Alfaparken, frist 5. marts 2025",
        "",
        "Snart:",
        "- BS-2025-0002, 2 Alfahaven, frist 10. marts 2025",
    ]
    assert "HEMMELIG" not in a.body and "BS-2025-0003" not in a.body
    assert by_to["staff-b@example.org"].subject == "Sagsfrister: 1 overskredet sag"


def test_reminders_can_be_switched_off_per_organisation(reminders_world):
    CaseSettings.objects.create(organisation=reminders_world.org_a, reminders_enabled=False)
    assert services.send_reminders(date(2025, 3, 7)) == 1
    assert [m.to for m in mail.outbox] == [["staff-b@example.org"]]


def test_no_email_when_nothing_is_due(reminders_world):
    assert services.send_reminders(date(2025, 3, 3)) == 0
    assert mail.outbox == []


def test_tasks_run_the_services(reminders_world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from boligsocial.cases.tasks import anonymise_closed_cases, send_case_reminders

    result = send_case_reminders.enqueue("2025-03-07")
    assert result.return_value == 2
    assert len(mail.outbox) == 2
    assert anonymise_closed_cases.enqueue().return_value == []


def test_cases_daily_enqueues_the_three_tasks(reminders_world, settings):
    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    call_command("cases_daily", stdout=out)
    names = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert names == [
        "boligsocial.cases.tasks.anonymise_closed_cases",
        "boligsocial.cases.tasks.feed_house_rule_indicator",
        "boligsocial.cases.tasks.send_case_reminders",
    ]
    assert mail.outbox == []  # only enqueued; db_worker runs them
    assert len(out.getvalue().splitlines()) == 3
