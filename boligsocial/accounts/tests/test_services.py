"""The write use cases of user administration: what they change, the change-log entries they
write (personal values masked), the e-mail they send after the commit, and what they refuse
(changing nothing)."""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from boligsocial.accounts import services
from boligsocial.accounts.tokens import invitation_tokens
from boligsocial.audit.models import ChangeLogEntry
from boligsocial.audit.services import MASK
from boligsocial.organisations.models import Membership
from boligsocial.organisations.roles import Role
from boligsocial.organisations.tests.factories import UserFactory, municipality

User = get_user_model()
BASE = "http://testserver/"


def state() -> dict:
    """Everything the services may change."""
    return {
        "users": sorted(
            User.objects.values_list("username", "email", "is_active", "password", "first_name")
        ),
        "memberships": sorted(
            Membership.objects.values_list(
                "user__username",
                "role",
                "organisation_id",
                "department_id",
                "municipality_id",
                "appointed_on",
                "reviewed_on",
                "invited_by_id",
            ),
            key=str,
        ),
        "log": ChangeLogEntry.objects.count(),
    }


def log_of(obj) -> list[tuple]:
    return [
        (e.actor.username if e.actor else None, e.action, e.changes, e.organisation_id)
        for e in ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).order_by("id")
    ]


def invite(actor, *, email="ida.jensen@example.org", role=Role.SOCIAL_STAFF, **scope):
    return services.invite_person(
        actor=actor,
        email=email,
        first_name="Ida",
        last_name="Jensen",
        role=role,
        appointed_on=scope.pop("appointed_on", date(2026, 4, 20)),
        base_url=BASE,
        **scope,
    )


# --- invite --------------------------------------------------------------------------------------


def test_inviting_a_new_person_creates_a_user_without_password_and_mails_a_one_time_link(
    world, personas, mailoutbox, django_capture_on_commit_callbacks
):
    head = personas["head_a"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invited = invite(head, organisation=world.org_a)
        assert mailoutbox == []  # not before the commit
    assert len(callbacks) == 1
    user = invited.user
    assert (invited.created_user, invited.needs_password) == (True, True)
    assert (user.username, user.email, user.first_name, user.last_name, user.is_active) == (
        "ida.jensen",
        "ida.jensen@example.org",
        "Ida",
        "Jensen",
        True,
    )
    assert user.has_usable_password() is False
    m = invited.membership
    assert (m.role, m.organisation, m.department, m.appointed_on, m.invited_by) == (
        Role.SOCIAL_STAFF,
        world.org_a,
        None,
        date(2026, 4, 20),
        head,
    )

    [mail] = mailoutbox
    assert mail.to == ["ida.jensen@example.org"]
    assert mail.subject == "Du er inviteret til Boligsocial som Boligsocial medarbejder"
    link = re.search(r"http://testserver(/invitation/[^/]+/[^/]+/)", mail.body).group(1)
    _uid, token = link.split("/")[2:4]
    assert invitation_tokens.check_token(user, token)
    assert "Dit brugernavn: ida.jensen" in mail.body
    assert f"{head.first_name} {head.last_name} har inviteret dig" in mail.body
    assert "Boligselskabet Alfa" in mail.body

    assert log_of(user) == [
        (
            "head-a",
            "create",
            {f: [MASK, MASK] for f in ("username", "email", "first_name", "last_name")}
            | {"is_active": [None, True]},
            world.org_a.pk,
        )
    ]
    assert log_of(m) == [
        (
            "head-a",
            "create",
            {
                "user": [None, user.pk],
                "role": [None, "social_staff"],
                "organisation": [None, world.org_a.pk],
                "department": [None, None],
                "municipality": [None, None],
                "appointed_on": [None, "2026-04-20"],
                "reviewed_on": [None, None],
                "invited_by": [None, head.pk],
            },
            world.org_a.pk,
        )
    ]
    assert "ida.jensen" not in str(ChangeLogEntry.objects.values_list("changes", flat=True))


def test_an_invitation_link_is_no_password_reset_link():
    from django.contrib.auth.tokens import default_token_generator

    user = UserFactory.build(pk=1, password="!x", last_login=None)
    assert not default_token_generator.check_token(user, invitation_tokens.make_token(user))


def test_inviting_an_existing_user_gives_the_role_and_mails_a_notice_without_link(
    world, personas, mailoutbox, django_capture_on_commit_callbacks
):
    existing = personas["staff_b"]
    before_password = existing.password
    with django_capture_on_commit_callbacks(execute=True):
        invited = invite(personas["head_a"], email="STAFF-B@example.org", organisation=world.org_a)
    assert invited.user == existing
    assert (invited.created_user, invited.needs_password) == (False, False)
    existing.refresh_from_db()
    assert existing.password == before_password  # they keep logging in as before
    assert sorted(existing.memberships.values_list("role", "organisation__name")) == [
        ("social_staff", "Boligforeningen Beta"),
        ("social_staff", "Boligselskabet Alfa"),
    ]
    [mail] = mailoutbox
    assert mail.subject == "Du har fået en ny rolle i Boligsocial: Boligsocial medarbejder"
    assert "/invitation/" not in mail.body
    assert "http://testserver/log-ind/" in mail.body
    assert log_of(existing) == []


def test_inviting_a_deactivated_user_reactivates_them_with_a_new_link(
    world, personas, mailoutbox, django_capture_on_commit_callbacks
):
    gone = UserFactory(username="gammel", email="gammel@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        invited = invite(personas["admin"], email="gammel@example.org", organisation=world.org_b)
    gone.refresh_from_db()
    assert (gone.is_active, gone.has_usable_password(), invited.needs_password) == (
        True,
        False,
        True,
    )
    assert "/invitation/" in mailoutbox[0].body
    assert log_of(gone) == [
        ("admin", "update", {"is_active": [False, True], "password": [MASK, MASK]}, world.org_b.pk)
    ]


def test_a_department_role_keeps_only_the_department(world, personas):
    invited = invite(
        personas["head_a"],
        role=Role.DEPT_BOARD,
        organisation=world.org_a,
        department=world.dept_a2,
    )
    m = invited.membership
    assert (m.organisation_id, m.department_id, m.scope_kind) == (
        None,
        world.dept_a2.pk,
        "department",
    )
    assert log_of(m)[0][3] == world.org_a.pk  # logged under the department's organisation


def test_an_administrator_invites_a_municipal_coordinator(world, personas):
    invited = invite(personas["admin"], role=Role.MUNICIPAL, municipality=municipality(851))
    assert (invited.membership.municipality_id, invited.membership.organisation_id) == (851, None)


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.ADMIN, {}),
        (Role.MUNICIPAL, {"municipality": "aarhus"}),
        (Role.SOCIAL_STAFF, {"organisation": "org_b"}),
        (Role.DEPT_BOARD, {"department": "dept_b1"}),
    ],
)
def test_a_head_may_not_give_admin_municipal_or_roles_elsewhere(world, personas, role, scope):
    objects = {"aarhus": municipality(751)}
    resolved = {k: objects.get(v) or getattr(world, v) for k, v in scope.items()}
    before = state()
    with pytest.raises(PermissionDenied):
        invite(personas["head_a"], role=role, **resolved)
    assert state() == before


@pytest.mark.parametrize("persona", ["staff_a", "board_a", "management_a", "caretaker_a", "nobody"])
def test_only_heads_and_administrators_invite(world, personas, persona):
    before = state()
    with pytest.raises(PermissionDenied):
        invite(personas[persona], organisation=world.org_a)
    assert state() == before


def test_a_second_identical_role_is_refused_and_nothing_changes(world, personas, mailoutbox):
    before = state()
    with pytest.raises(services.AccountError, match=r"^Personen har allerede denne rolle der\.$"):
        invite(personas["head_a"], email="staff-a@example.org", organisation=world.org_a)
    assert state() == before
    assert mailoutbox == []


def test_an_address_shared_by_two_users_is_refused(world, personas):
    UserFactory(username="en", email="fælles@example.org")
    UserFactory(username="to", email="Fælles@example.org")
    before = state()
    with pytest.raises(services.AccountError, match="Flere brugere har e-mailadressen"):
        invite(personas["admin"], email="fælles@example.org", organisation=world.org_a)
    assert state() == before


def test_a_taken_username_gets_a_number(world, personas):
    UserFactory(username="ida.jensen", email="en.anden@example.org")
    assert invite(personas["head_a"], organisation=world.org_a).user.username == "ida.jensen2"


def test_the_role_must_fit_its_scope(world, personas):
    from boligsocial.accounts.grants import ScopeError

    before = state()
    with pytest.raises(ScopeError):
        invite(personas["head_a"], role=Role.DEPT_BOARD, organisation=world.org_a)
    assert state() == before


# --- resend, accept ------------------------------------------------------------------------------


def test_a_new_invitation_makes_the_old_link_stop_working(
    world, personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = invite(personas["head_a"], organisation=world.org_a).user
    old_token = mailoutbox[0].body.split("/invitation/")[1].split("/")[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_invitation(actor=personas["head_a"], person=user, base_url=BASE)
    user.refresh_from_db()
    new_token = mailoutbox[1].body.split("/invitation/")[1].split("/")[1]
    assert invitation_tokens.check_token(user, new_token)
    assert not invitation_tokens.check_token(user, old_token)
    assert log_of(user)[-1] == (
        "head-a",
        "update",
        {"password": [MASK, MASK]},
        world.org_a.pk,
    )


def test_an_invitation_is_resent_only_to_someone_without_password(world, personas):
    before = state()
    with pytest.raises(PermissionDenied):
        services.resend_invitation(
            actor=personas["head_a"], person=personas["staff_a"], base_url=BASE
        )
    assert state() == before


def test_accepting_sets_the_password_and_logs_it_masked(world, personas):
    user = invite(personas["head_a"], organisation=world.org_a).user
    services.accept_invitation(user=user, password="et langt kodeord 2026")
    user.refresh_from_db()
    assert user.check_password("et langt kodeord 2026")
    assert log_of(user)[-1] == ("ida.jensen", "update", {"password": [MASK, MASK]}, None)


def test_a_deactivated_user_cannot_set_a_password(world, personas):
    user = UserFactory(username="slut", is_active=False)
    before = state()
    with pytest.raises(PermissionDenied):
        services.reset_password(user=user, password="et langt kodeord 2026")
    assert state() == before


# --- change, confirm, end ------------------------------------------------------------------------


def membership(personas, name) -> Membership:
    return personas[name].memberships.get()


def test_changing_a_role_counts_the_person_as_appointed_today(world, personas):
    m = membership(personas, "board_a")
    Membership.objects.filter(pk=m.pk).update(
        appointed_on=date(2020, 5, 1), reviewed_on=date(2025, 5, 1)
    )
    changed = services.change_role(actor=personas["head_a"], membership=m, role=Role.ORG_MANAGEMENT)
    today = timezone.localdate()
    assert (changed.role, changed.appointed_on, changed.reviewed_on) == (
        Role.ORG_MANAGEMENT,
        today,
        None,
    )
    assert log_of(m) == [
        (
            "head-a",
            "update",
            {
                "role": ["org_board", "org_management"],
                "appointed_on": ["2020-05-01", today.isoformat()],
                "reviewed_on": ["2025-05-01", None],
            },
            world.org_a.pk,
        )
    ]


@pytest.mark.parametrize(
    ("actor", "target", "role"),
    [
        ("head_a", "staff_a", Role.ADMIN),  # not a head's to give
        ("head_a", "staff_a", Role.DEPT_BOARD),  # another kind of scope
        ("head_a", "head_a", Role.SOCIAL_STAFF),  # their own role
        ("head_a", "staff_b", Role.SOCIAL_HEAD),  # another organisation
        ("staff_a", "caretaker_a", Role.SOCIAL_STAFF),
        ("admin", "admin", Role.SOCIAL_STAFF),
    ],
)
def test_changing_a_role_is_refused(world, personas, actor, target, role):
    before = state()
    with pytest.raises(PermissionDenied):
        services.change_role(
            actor=personas[actor], membership=membership(personas, target), role=role
        )
    assert state() == before


def test_changing_to_the_same_role_or_one_already_held_is_refused(world, personas):
    staff = personas["staff_a"]
    Membership.objects.create(user=staff, role=Role.CARETAKER, organisation=world.org_a)
    m = staff.memberships.get(role=Role.SOCIAL_STAFF)
    before = state()
    with pytest.raises(services.AccountError, match=r"^Personen har allerede denne rolle\.$"):
        services.change_role(actor=personas["head_a"], membership=m, role=Role.SOCIAL_STAFF)
    with pytest.raises(services.AccountError, match=r"^Personen har allerede denne rolle der\.$"):
        services.change_role(actor=personas["head_a"], membership=m, role=Role.CARETAKER)
    assert state() == before


def test_confirming_in_the_yearly_review(world, personas):
    m = membership(personas, "dept_board_a1")
    services.confirm_membership(actor=personas["head_a"], membership=m, today=date(2026, 6, 1))
    m.refresh_from_db()
    assert m.reviewed_on == date(2026, 6, 1)
    assert log_of(m) == [
        ("head-a", "update", {"reviewed_on": [None, "2026-06-01"]}, world.org_a.pk)
    ]


def test_ending_a_role_removes_it_and_keeps_the_user_and_other_roles(world, personas):
    staff = personas["staff_a"]
    kept = Membership.objects.create(user=staff, role=Role.CARETAKER, organisation=world.org_a)
    m = staff.memberships.get(role=Role.SOCIAL_STAFF)
    pk, appointed = m.pk, m.appointed_on.isoformat()
    services.end_membership(actor=personas["head_a"], membership=m)
    assert list(staff.memberships.all()) == [kept]
    staff.refresh_from_db()
    assert staff.is_active is True
    entry = ChangeLogEntry.objects.get(object_id=str(pk), action="delete")
    assert (entry.actor, entry.organisation_id) == (personas["head_a"], world.org_a.pk)
    assert entry.changes == {
        "user": [staff.pk, None],
        "role": ["social_staff", None],
        "organisation": [world.org_a.pk, None],
        "department": [None, None],
        "municipality": [None, None],
        "appointed_on": [appointed, None],
        "reviewed_on": [None, None],
        "invited_by": [None, None],
    }


@pytest.mark.parametrize(
    ("actor", "target"),
    [("head_a", "head_a"), ("head_a", "staff_b"), ("head_a", "municipal"), ("board_a", "staff_a")],
)
def test_ending_a_role_is_refused(world, personas, actor, target):
    before = state()
    with pytest.raises(PermissionDenied):
        services.end_membership(actor=personas[actor], membership=membership(personas, target))
    assert state() == before


# --- deactivate ----------------------------------------------------------------------------------


def test_deactivating_blocks_the_login_keeps_the_roles_and_logs_it(world, personas, client):
    staff = personas["staff_a"]
    client.force_login(staff)
    services.deactivate_user(actor=personas["head_a"], person=staff)
    staff.refresh_from_db()
    assert (staff.is_active, staff.has_usable_password()) == (False, False)
    assert list(staff.memberships.values_list("role", flat=True)) == ["social_staff"]
    assert client.get("/").status_code == 302  # the open session is no longer logged in
    assert log_of(staff) == [
        (
            "head-a",
            "update",
            {"is_active": [True, False], "password": [MASK, MASK]},
            world.org_a.pk,
        )
    ]


@pytest.mark.parametrize(
    ("actor", "target"),
    [
        ("head_a", "head_a"),  # themselves
        ("head_a", "admin"),
        ("head_a", "staff_b"),
        ("admin", "admin"),
        ("staff_a", "caretaker_a"),
    ],
)
def test_deactivating_is_refused(world, personas, actor, target):
    before = state()
    with pytest.raises(PermissionDenied):
        services.deactivate_user(actor=personas[actor], person=personas[target])
    assert state() == before


def test_a_head_cannot_deactivate_someone_with_a_role_in_another_organisation(world, personas):
    shared = UserFactory(username="delt")
    Membership.objects.create(user=shared, role=Role.CARETAKER, organisation=world.org_a)
    Membership.objects.create(user=shared, role=Role.CARETAKER, department=world.dept_b1)
    before = state()
    with pytest.raises(PermissionDenied):
        services.deactivate_user(actor=personas["head_a"], person=shared)
    assert state() == before
    services.deactivate_user(actor=personas["admin"], person=shared)
    shared.refresh_from_db()
    assert shared.is_active is False
