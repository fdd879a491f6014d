"""accounts.access: exactly which roles and people each persona administers (written by hand
from decision 0019), and the policy behind core.permissions.can."""

import pytest

from boligsocial.accounts import access
from boligsocial.core import permissions
from boligsocial.organisations.models import Membership
from boligsocial.organisations.roles import Role
from boligsocial.organisations.tests.factories import UserFactory

ORG_A = {"staff-a", "head-a", "board-a", "management-a", "dept-board-a1", "caretaker-a"}
EVERYONE = ORG_A | {"staff-b", "municipal", "admin"}
SEEN = {
    "admin": EVERYONE,
    "head_a": ORG_A,
    "staff_a": set(),
    "board_a": set(),
    "management_a": set(),
    "dept_board_a1": set(),
    "caretaker_a": set(),
    "staff_b": set(),
    "municipal": set(),
    "nobody": set(),
}


@pytest.mark.parametrize("persona", sorted(SEEN))
def test_visible_memberships_and_people(world, personas, persona):
    user = personas[persona]
    memberships = access.visible_memberships(user)
    assert {m.user.username for m in memberships} == SEEN[persona]
    people = {u.username for u in access.visible_people(user)}
    # an administrator also sees users without any role ("nobody")
    assert people == (SEEN[persona] | {"nobody"} if persona == "admin" else SEEN[persona])
    assert access.may_manage_people(user) is (persona in {"admin", "head_a"})


def test_a_head_of_two_organisations_sees_both(world, personas):
    head = personas["head_a"]
    Membership.objects.create(user=head, role=Role.SOCIAL_HEAD, organisation=world.org_b)
    assert {m.user.username for m in access.visible_memberships(head)} == ORG_A | {"staff-b"}
    assert set(access.people_organisations(head)) == {world.org_a, world.org_b}


def test_a_department_role_of_another_organisation_is_not_visible(world, personas):
    other = UserFactory(username="afd-b")
    Membership.objects.create(user=other, role=Role.DEPT_BOARD, department=world.dept_b1)
    assert "afd-b" not in {m.user.username for m in access.visible_memberships(personas["head_a"])}


def test_the_policy_is_registered_for_every_action(world, personas):
    assert permissions.registered_actions() >= access.ACTIONS
    head, staff = personas["head_a"], personas["staff_a"]
    assert permissions.can(head, access.INVITE, world.org_a) is True
    assert permissions.can(head, access.INVITE, world.org_b) is False
    assert permissions.can(head, access.MANAGE_PEOPLE, None) is True
    assert permissions.can(staff, access.MANAGE_PEOPLE, None) is False
    staff_membership = staff.memberships.get()
    assert permissions.can(head, access.CHANGE_ROLE, staff_membership) is True
    assert permissions.can(head, access.CHANGE_ROLE, head.memberships.get()) is False
    assert permissions.can(head, access.DEACTIVATE, staff) is True
    assert permissions.can(head, access.DEACTIVATE, personas["admin"]) is False
    assert permissions.can(head, access.CHANGE_ROLE, world.org_a) is False  # not a membership
    assert permissions.can(None, access.MANAGE_PEOPLE, None) is False
