"""The department page shows an open crisis case: a count for everyone who sees the department,
a link only for those who may read the case."""

import pytest
from django.urls import reverse

from boligsocial.cases.models import CaseKind, Category, Status
from boligsocial.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

HEADING = "Der arbejdes med en akut hændelse i afdelingen"


def _page(client_for, persona, department):
    return client_for(persona).get(reverse("organisations:department", args=[department.pk]))


def test_no_alert_without_an_open_crisis_case(world, client_for):
    CaseFactory(department=world.dept_a1, kind=CaseKind.CRISIS, status=Status.CLOSED)
    assert HEADING not in _page(client_for, "staff_a", world.dept_a1).content.decode()


def test_open_crisis_case_links_for_case_readers_and_only_counts_for_the_board(world, client_for):
    crisis = CaseFactory(
        reference="BS-2026-0900",
        department=world.dept_a1,
        kind=CaseKind.CRISIS,
        category=Category.VIOLENCE_THREATS,
    )
    link = reverse("cases:detail", args=[crisis.pk])
    staff = _page(client_for, "staff_a", world.dept_a1).content.decode()
    board = _page(client_for, "dept_board_a1", world.dept_a1).content.decode()
    other = _page(client_for, "staff_a", world.dept_a2).content.decode()
    assert HEADING in staff and link in staff and "BS-2026-0900" in staff
    assert HEADING in board and link not in board and "BS-2026-0900" not in board
    assert HEADING not in other
