"""Case access rules in cases/access.py (through the dispatcher core.permissions.can): persona
tables written out by hand."""

import pytest
from django.utils import timezone

from boligsocial.cases import access
from boligsocial.cases.models import CaseShare
from boligsocial.core import permissions
from boligsocial.organisations import access as housing
from boligsocial.organisations.tests.factories import DepartmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db

ALL = ["BS-2025-0001", "BS-2026-0001", "BS-2026-0002", "BS-2026-0003", "BS-2026-0004"]
ORG_A = ["BS-2025-0001", "BS-2026-0001", "BS-2026-0002", "BS-2026-0004"]

VISIBLE_CASES = {
    "admin": ALL,
    "staff_a": ORG_A,
    "head_a": ORG_A,
    "board_a": [],
    "dept_board_a1": [],
    "caretaker_a": [],
    "staff_b": ["BS-2026-0003"],
    "municipal": ["BS-2026-0004"],
    "nobody": [],
    "anonymous": [],
}


def refs(qs):
    return sorted(qs.values_list("reference", flat=True))


@pytest.mark.parametrize("persona", sorted(VISIBLE_CASES))
def test_visible_cases(cw, personas, persona):
    assert refs(access.visible_cases(personas[persona])) == VISIBLE_CASES[persona]


@pytest.mark.parametrize("persona", sorted(VISIBLE_CASES))
def test_view_case_agrees_with_visible_cases(cw, personas, persona):
    user = personas[persona]
    seen = [
        c.reference
        for c in (cw.case_closed, cw.case_a1, cw.case_a2, cw.case_b1, cw.case_shared)
        if permissions.can(user, access.VIEW_CASE, c)
    ]
    assert sorted(seen) == VISIBLE_CASES[persona]


EDIT = {
    "admin": ALL,
    "staff_a": ORG_A,
    "head_a": ORG_A,
    "board_a": [],
    "dept_board_a1": [],
    "caretaker_a": [],
    "staff_b": ["BS-2026-0003"],
    "municipal": [],  # a share is read-only
    "nobody": [],
    "anonymous": [],
}


@pytest.mark.parametrize("persona", sorted(EDIT))
def test_edit_and_share_case(cw, personas, persona):
    user = personas[persona]
    cases = (cw.case_closed, cw.case_a1, cw.case_a2, cw.case_b1, cw.case_shared)
    assert (
        sorted(c.reference for c in cases if permissions.can(user, access.EDIT_CASE, c))
        == (EDIT[persona])
    )
    assert (
        sorted(c.reference for c in cases if permissions.can(user, access.SHARE_CASE, c))
        == (EDIT[persona])
    )
    assert refs(access.editable_cases(user)) == EDIT[persona]


def test_revoking_a_share_hides_the_case_again(cw, personas):
    municipal = personas["municipal"]
    CaseShare.objects.filter(pk=cw.share.pk).update(revoked_at=timezone.now())
    housing.forget_scope(municipal)
    assert refs(access.visible_cases(municipal)) == []
    assert permissions.can(municipal, access.VIEW_CASE, cw.case_shared) is False
    # Another municipal user of the same municipality never saw it.
    other = MembershipFactory(role="municipal", municipality_id=751).user
    assert refs(access.visible_cases(other)) == []


def test_share_with_a_non_municipal_user_grants_nothing(cw, personas):
    board = personas["board_a"]
    CaseShare.objects.create(case=cw.case_shared, user=board, reason="consent", explanation="fejl")
    assert refs(access.visible_cases(board)) == []
    assert permissions.can(board, access.VIEW_CASE, cw.case_shared) is False


# Departments by name; world: dept_a1, dept_a2 (org A, Aarhus), dept_b1 (org B, Aarhus),
# dept_b_other (org B, Aalborg).
COUNTS = {
    "admin": ["Alfahaven", "Alfaparken", "Betabakken", "Betagården"],
    "staff_a": ["Alfahaven", "Alfaparken"],
    "head_a": ["Alfahaven", "Alfaparken"],
    "board_a": ["Alfahaven", "Alfaparken"],
    "dept_board_a1": ["Alfaparken"],
    "caretaker_a": ["Alfahaven", "Alfaparken"],
    "staff_b": ["Betabakken", "Betagården"],
    "municipal": ["Alfahaven", "Alfaparken", "Betagården"],
    "nobody": [],
    "anonymous": [],
}
CREATE = {
    "admin": ["Alfahaven", "Alfaparken", "Betabakken", "Betagården"],
    "staff_a": ["Alfahaven", "Alfaparken"],
    "head_a": ["Alfahaven", "Alfaparken"],
    "board_a": [],
    "dept_board_a1": [],
    "caretaker_a": [],
    "staff_b": ["Betabakken", "Betagården"],
    "municipal": [],
    "nobody": [],
    "anonymous": [],
}
QUICK = {**CREATE, "caretaker_a": ["Alfahaven", "Alfaparken"]}


def names(qs):
    return sorted(qs.values_list("name", flat=True))


@pytest.mark.parametrize("persona", sorted(COUNTS))
def test_department_case_rights(cw, personas, persona):
    user = personas[persona]
    assert names(access.case_count_departments(user)) == COUNTS[persona]
    assert names(access.case_create_departments(user)) == CREATE[persona]
    assert names(access.quick_report_departments(user)) == QUICK[persona]
    depts = (cw.dept_a1, cw.dept_a2, cw.dept_b1, cw.dept_b_other)
    for action, table in (
        (access.VIEW_CASE_COUNTS, COUNTS),
        (access.CREATE_CASE, CREATE),
        (access.QUICK_REPORT, QUICK),
    ):
        assert sorted(d.name for d in depts if permissions.can(user, action, d)) == table[persona]


def test_caretaker_scoped_to_a_department(cw):
    caretaker = MembershipFactory(role="caretaker", department=cw.dept_a2).user
    assert names(access.quick_report_departments(caretaker)) == ["Alfahaven"]
    assert permissions.can(caretaker, access.QUICK_REPORT, cw.dept_a2) is True
    assert permissions.can(caretaker, access.QUICK_REPORT, cw.dept_a1) is False
    assert refs(access.visible_cases(caretaker)) == []


HEAD_ONLY = {
    "admin": ["Boligforeningen Beta", "Boligselskabet Alfa"],
    "staff_a": [],
    "head_a": ["Boligselskabet Alfa"],
    "board_a": [],
    "dept_board_a1": [],
    "caretaker_a": [],
    "staff_b": [],
    "municipal": [],
    "nobody": [],
    "anonymous": [],
}


@pytest.mark.parametrize("persona", sorted(HEAD_ONLY))
def test_organisation_case_rights(cw, personas, persona):
    user = personas[persona]
    orgs = (cw.org_a, cw.org_b)
    assert (
        sorted(access.access_log_organisations(user).values_list("name", flat=True))
        == (HEAD_ONLY[persona])
    )
    for action in (access.VIEW_ACCESS_LOG, access.MANAGE_CASE_SETTINGS, access.EXPORT_PERSON_DATA):
        assert (
            sorted(o.name for o in orgs if permissions.can(user, action, o)) == HEAD_ONLY[persona]
        )


def test_case_actions_on_other_objects_are_denied(cw, personas):
    assert permissions.can(personas["admin"], access.VIEW_CASE, cw.dept_a1) is False
    assert permissions.can(personas["staff_a"], housing.VIEW, cw.case_a1) is False
    with pytest.raises(ValueError):
        permissions.can(personas["staff_a"], "delete_case", cw.case_a1)


def test_share_recipients_are_municipal_users_of_the_case_municipality(cw, personas):
    aalborg = MembershipFactory(role="municipal", municipality_id=851).user
    assert list(access.case_share_recipients(cw.case_a1)) == [personas["municipal"]]
    assert aalborg not in access.case_share_recipients(cw.case_a1)


def test_new_case_in_another_department_of_org_a_is_not_seen_by_staff_b(cw, personas):
    from boligsocial.cases.tests.factories import CaseFactory

    dept = DepartmentFactory(organisation=cw.org_a, number=77, name="Nyparken")
    case = CaseFactory(department=dept)
    assert case in access.visible_cases(personas["staff_a"])
    assert case not in access.visible_cases(personas["staff_b"])
    assert permissions.can(personas["staff_b"], access.VIEW_CASE, case) is False
