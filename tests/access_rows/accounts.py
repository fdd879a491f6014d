"""Access-matrix rows for user administration (see tests/access_rows/__init__.py).

Written out by hand from decision 0019: the pages are for administrators and heads of social
services; every other logged-in persona gets 403 on all of them (they administer nobody). A head
(head_a) sees the roles of organisation A and its departments and the people who hold them; a role
or person elsewhere (organisation B, the municipality, the administrator) is a 404 for them.
Nobody acts on themselves (403), a head never on someone with roles outside their organisation
(deactivate: 403). Public pages (the invitation link, the password reset) are in
tests/test_anonymous.py."""

from tests.access_rows.common import ALL, only

HEADS = only("admin", "head_a")
NOT_HEADS = ALL - HEADS
WITH_HEAD = NOT_HEADS | only("head_a")  # head_a refused too (their own role or user)
ADMIN_SELF = ALL - only("head_a")  # the administrator's own: 403 for all, 404 for head_a

PAGES: list = [
    ("accounts:people", {}, HEADS, NOT_HEADS),
    ("accounts:review", {}, HEADS, NOT_HEADS),
    ("accounts:invite", {}, HEADS, NOT_HEADS),
    ("accounts:export", {}, HEADS, NOT_HEADS),
    ("accounts:person", {"pk": "person_staff_a"}, HEADS, NOT_HEADS),
    ("accounts:person", {"pk": "person_head_a"}, HEADS, NOT_HEADS),
    ("accounts:person", {"pk": "person_shared"}, HEADS, NOT_HEADS),
    ("accounts:person", {"pk": "person_staff_b"}, only("admin"), NOT_HEADS),
    ("accounts:person", {"pk": "person_municipal"}, only("admin"), NOT_HEADS),
    ("accounts:person", {"pk": "person_admin"}, only("admin"), NOT_HEADS),
    ("accounts:person", {"pk": 999999}, only(), NOT_HEADS),
    ("accounts:deactivate", {"pk": "person_staff_a"}, HEADS, NOT_HEADS),
    ("accounts:deactivate", {"pk": "person_head_a"}, only("admin"), WITH_HEAD),
    ("accounts:deactivate", {"pk": "person_shared"}, only("admin"), WITH_HEAD),
    ("accounts:deactivate", {"pk": "person_staff_b"}, only("admin"), NOT_HEADS),
    ("accounts:deactivate", {"pk": "person_admin"}, only(), ADMIN_SELF),
    ("accounts:resend_invitation", {"pk": "person_pending_a"}, HEADS, NOT_HEADS),
    ("accounts:resend_invitation", {"pk": "person_staff_a"}, only(), ALL),
    ("accounts:change_role", {"pk": "membership_staff_a"}, HEADS, NOT_HEADS),
    ("accounts:change_role", {"pk": "membership_dept_board_a1"}, HEADS, NOT_HEADS),
    ("accounts:change_role", {"pk": "membership_head_a"}, only("admin"), WITH_HEAD),
    ("accounts:change_role", {"pk": "membership_staff_b"}, only("admin"), NOT_HEADS),
    ("accounts:change_role", {"pk": "membership_municipal"}, only("admin"), NOT_HEADS),
    ("accounts:change_role", {"pk": 999999}, only(), NOT_HEADS),
    ("accounts:end_membership", {"pk": "membership_staff_a"}, HEADS, NOT_HEADS),
    ("accounts:end_membership", {"pk": "membership_shared_a"}, HEADS, NOT_HEADS),
    ("accounts:end_membership", {"pk": "membership_shared_b"}, only("admin"), NOT_HEADS),
    ("accounts:end_membership", {"pk": "membership_head_a"}, only("admin"), WITH_HEAD),
    ("accounts:end_membership", {"pk": "membership_staff_b"}, only("admin"), NOT_HEADS),
    ("accounts:end_membership", {"pk": "membership_admin"}, only(), ADMIN_SELF),
]
API: list = []
# POST only (tested in accounts/tests/test_views.py) and public (tests/test_anonymous.py).
NOT_IN_MATRIX: set[str] = {
    "accounts:confirm",
    "accounts:invitation",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}


def extend_world(world, personas) -> None:
    """The personas' roles by name, a person invited to organisation A who has not chosen a
    password yet, and a caretaker of both organisations (idempotent)."""
    from boligsocial.organisations.models import Membership
    from boligsocial.organisations.roles import Role
    from boligsocial.organisations.tests.factories import UserFactory

    if hasattr(world, "person_pending_a"):
        return
    for name in ("staff_a", "head_a", "staff_b", "municipal", "admin", "dept_board_a1"):
        setattr(world, f"person_{name}", personas[name])
        setattr(world, f"membership_{name}", personas[name].memberships.get())
    pending = UserFactory(username="ny.medarbejder", first_name="Ny", last_name="Medarbejder")
    pending.set_unusable_password()
    pending.save()
    Membership.objects.create(user=pending, role=Role.SOCIAL_STAFF, organisation=world.org_a)
    world.person_pending_a = pending
    shared = UserFactory(username="delt.vicevaert", first_name="Delt", last_name="Vicevært")
    world.person_shared = shared
    world.membership_shared_a = Membership.objects.create(
        user=shared, role=Role.CARETAKER, organisation=world.org_a
    )
    world.membership_shared_b = Membership.objects.create(
        user=shared, role=Role.CARETAKER, organisation=world.org_b
    )
