"""Who administers which people: the accounts app's "filter many / check one" (decision 0019).

- administrators: every person and every role, municipal coordinators and administrators too;
- a head of social services (`Role.SOCIAL_HEAD` of an organisation): the roles in the
  organisations they head (organisation roles and roles of its departments), and the people who
  hold them; they may give only the roles of `grants.HEAD_GRANTABLE`;
- everyone else: nobody (the pages answer 403).

`visible_memberships(user)` and `visible_people(user)` are what views fetch through, so a role or
person of another organisation is a 404. `policy` answers `core.permissions.can` for ACTIONS,
with the rules of `grants`."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from boligsocial.accounts import grants
from boligsocial.organisations.access import Scope, scope
from boligsocial.organisations.models import Department, Membership, Organisation
from boligsocial.organisations.roles import Role

MANAGE_PEOPLE = "manage_people"  # obj None (the pages at all) or an Organisation
INVITE = "invite_person"  # obj None (the form at all) or an Organisation
CHANGE_ROLE = "change_role"  # obj Membership
END_MEMBERSHIP = "end_membership"  # obj Membership
CONFIRM_MEMBERSHIP = "confirm_membership"  # obj Membership (the yearly review)
DEACTIVATE = "deactivate_user"  # obj User
RESEND_INVITATION = "resend_invitation"  # obj User
ACTIONS = frozenset(
    {MANAGE_PEOPLE, INVITE, CHANGE_ROLE, END_MEMBERSHIP, CONFIRM_MEMBERSHIP, DEACTIVATE}
    | {RESEND_INVITATION}
)
MEMBERSHIP_ACTIONS = frozenset({CHANGE_ROLE, END_MEMBERSHIP, CONFIRM_MEMBERSHIP})


def head_org_ids(s: Scope) -> frozenset[int]:
    return frozenset(
        m.organisation_id for m in s.memberships if m.role == Role.SOCIAL_HEAD and m.organisation_id
    )


def actor_of(user) -> grants.Actor:
    s = scope(user)
    return grants.Actor(user_id=user.pk, is_admin=s.is_admin, head_org_ids=head_org_ids(s))


def membership_org_id(membership: Membership) -> int | None:
    """The organisation a role lies in: its own, or its department's."""
    if membership.organisation_id:
        return membership.organisation_id
    if membership.department_id:
        return membership.department.organisation_id
    return None


def person_of(user, memberships=None) -> grants.Person:
    """`memberships`: the user's roles if already loaded (with their departments)."""
    if memberships is None:
        memberships = list(user.memberships.select_related("department"))
    org_ids = {membership_org_id(m) for m in memberships}
    return grants.Person(
        user_id=user.pk,
        is_admin=user.is_superuser or any(m.role == Role.ADMIN for m in memberships),
        org_ids=frozenset(org_ids - {None}),
        outside=None in org_ids,
    )


# --- filter many -------------------------------------------------------------------------------


def people_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose people `user` administers."""
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=head_org_ids(s))


def invitable_departments(user) -> QuerySet[Department]:
    s = scope(user)
    qs = Department.objects.select_related("organisation")
    return qs if s.is_admin else qs.filter(organisation_id__in=head_org_ids(s))


def visible_memberships(user) -> QuerySet[Membership]:
    s = scope(user)
    qs = Membership.objects.all()
    if s.is_admin:
        return qs
    heads = head_org_ids(s)
    if not heads:
        return qs.none()
    return qs.filter(Q(organisation_id__in=heads) | Q(department__organisation_id__in=heads))


def visible_people(user) -> QuerySet:
    qs = get_user_model().objects.all()
    if scope(user).is_admin:
        return qs
    return qs.filter(id__in=visible_memberships(user).values("user_id"))


def may_manage_people(user) -> bool:
    s = scope(user)
    return s.is_admin or bool(head_org_ids(s))


# --- check one -----------------------------------------------------------------------------------


def policy(user, action: str, obj) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    actor = actor_of(user)
    if not (actor.is_admin or actor.head_org_ids):
        return False
    if action in (MANAGE_PEOPLE, INVITE):
        if obj is None:
            return True
        return isinstance(obj, Organisation) and (actor.is_admin or obj.pk in actor.head_org_ids)
    if action in MEMBERSHIP_ACTIONS and isinstance(obj, Membership):
        return grants.may_manage_role(
            actor, role=obj.role, org_id=membership_org_id(obj), person=person_of(obj.user)
        )
    if isinstance(obj, get_user_model()):
        person = person_of(obj)
        if action == DEACTIVATE:
            return obj.is_active and grants.may_deactivate(actor, person)
        if action == RESEND_INVITATION:
            pending = obj.is_active and not obj.has_usable_password()
            return pending and (
                actor.is_admin
                or (
                    person.user_id != actor.user_id
                    and not person.is_admin
                    and bool(person.org_ids & actor.head_org_ids)
                )
            )
    return False
