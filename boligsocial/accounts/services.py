"""The write use cases of user administration. Each runs in one transaction, checks the rules of
`grants` (PermissionDenied when the actor may not), writes one change-log entry per object it
changes (names, e-mail addresses and passwords masked) and sends its e-mail after the commit.

Views, commands and tests call these functions; nothing else writes users or memberships (the
Django admin aside, which only administrators use)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from boligsocial.accounts import access, grants
from boligsocial.accounts.tokens import invitation_tokens
from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import diff, record_change, snapshot
from boligsocial.core.permissions import can
from boligsocial.organisations.models import Department, Membership, Municipality, Organisation

PERSONAL = ("email", "first_name", "last_name", "username", "password")
MEMBERSHIP_FIELDS = (
    "user",
    "role",
    "organisation",
    "department",
    "municipality",
    "appointed_on",
    "reviewed_on",
    "invited_by",
)


class AccountError(Exception):
    """A request that cannot be carried out; the message is for the user (Danish)."""


@dataclass(frozen=True)
class Invited:
    user: object
    membership: Membership
    created_user: bool
    needs_password: bool  # the e-mail carries a link to choose a password


# --- invite --------------------------------------------------------------------------------------


def invite_person(
    *,
    actor,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    organisation: Organisation | None = None,
    department: Department | None = None,
    municipality: Municipality | None = None,
    appointed_on: date | None = None,
    base_url: str,
) -> Invited:
    """Give the person with `email` the role; create their user if nobody has the address.

    A new user (or one that was deactivated) gets an unusable password and an e-mail with a
    one-time link to choose one; a user who can already log in gets a notice of the new role."""
    email = email.strip()
    org_id = organisation.pk if organisation else department.organisation_id if department else None
    if not grants.may_grant(access.actor_of(actor), role, org_id):
        raise PermissionDenied
    grants.resolve_scope(
        role,
        organisation_id=organisation.pk if organisation else None,
        department_id=department.pk if department else None,
        department_org_id=department.organisation_id if department else None,
        municipality_id=municipality.pk if municipality else None,
    )
    if department is not None:
        organisation = None
    User = get_user_model()
    with transaction.atomic():
        found = list(User.objects.select_for_update().filter(email__iexact=email)[:2])
        if len(found) > 1:
            raise AccountError(
                _(
                    "Several users have the e-mail address %(email)s. Ask an administrator to "
                    "give the role in the Django administration."
                )
                % {"email": email}
            )
        created = not found
        if created:
            user = User(
                username=grants.username_for(
                    first_name, last_name, lambda n: User.objects.filter(username=n).exists()
                ),
                email=email,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
            )
            user.set_unusable_password()
            user.save()
            record_change(
                actor=actor,
                obj=user,
                action=ChangeAction.CREATE,
                changes={
                    name: (None, getattr(user, name))
                    for name in ("username", "email", "first_name", "last_name", "is_active")
                },
                personal=PERSONAL,
                organisation_id=org_id,
            )
        else:
            user = found[0]
        needs_password = created or not user.is_active or not user.has_usable_password()
        if not created and needs_password:
            _require_password(actor=actor, user=user, organisation_id=org_id)
        exists = Membership.objects.filter(
            user=user,
            role=role,
            organisation=organisation,
            department=department,
            municipality=municipality,
        ).exists()
        if exists:
            raise AccountError(_("The person already has this role there."))
        membership = Membership(
            user=user,
            role=role,
            organisation=organisation,
            department=department,
            municipality=municipality,
            appointed_on=appointed_on or timezone.localdate(),
            invited_by=actor,
        )
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError as error:  # PostgreSQL's unique constraint, in a race
            raise AccountError(_("The person already has this role there.")) from error
        record_change(
            actor=actor,
            obj=membership,
            action=ChangeAction.CREATE,
            changes={k: (None, v) for k, v in snapshot(membership, MEMBERSHIP_FIELDS).items()},
            organisation_id=org_id,
        )
        message = _role_message(
            user=user, membership=membership, inviter=actor, base_url=base_url, link=needs_password
        )
        transaction.on_commit(message.send)
    return Invited(user, membership, created, needs_password)


def resend_invitation(*, actor, person, base_url: str) -> None:
    """A new one-time link for a person who has not chosen a password yet (the old link stops
    working)."""
    if not can(actor, access.RESEND_INVITATION, person):
        raise PermissionDenied
    memberships = list(access.visible_memberships(actor).filter(user=person).order_by("id"))
    if not memberships:
        raise PermissionDenied
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=person.pk)
        _require_password(
            actor=actor, user=user, organisation_id=access.membership_org_id(memberships[0])
        )
        message = _role_message(
            user=user, membership=memberships[0], inviter=actor, base_url=base_url, link=True
        )
        transaction.on_commit(message.send)


def _require_password(*, actor, user, organisation_id: int | None) -> None:
    """(Re)activate `user` with an unusable password: they choose one through the new link."""
    before = snapshot(user, ("is_active", "password"))
    user.is_active = True
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
    record_change(
        actor=actor,
        obj=user,
        action=ChangeAction.UPDATE,
        changes=diff(before, snapshot(user, ("is_active", "password"))),
        personal=PERSONAL,
        organisation_id=organisation_id,
    )


def invitation_path(user) -> str:
    return reverse(
        "accounts:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )


def _role_message(*, user, membership, inviter, base_url: str, link: bool) -> EmailMessage:
    """The e-mail about a new role: with the one-time link, or a notice to log in."""
    base = base_url.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "inviter": inviter.get_full_name() or inviter.get_username(),
            "role": membership.get_role_display(),
            "place": membership.organisation or membership.department or membership.municipality,
            "link": base + invitation_path(user) if link else "",
            "login_url": base + reverse("login"),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
        name = "invitation" if link else "role_added"
        subject = render_to_string(f"accounts/email/{name}_subject.txt", context)
        body = render_to_string(f"accounts/email/{name}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


# --- change, confirm, end ------------------------------------------------------------------------


def _locked(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().get(pk=membership.pk)


def _check(actor, action: str, membership: Membership) -> None:
    if not can(actor, action, membership):
        raise PermissionDenied


def change_role(*, actor, membership: Membership, role: str) -> Membership:
    """Give the role a new kind within the same scope (organisation or department); the person
    counts as appointed to it today."""
    with transaction.atomic():
        membership = _locked(membership)
        _check(actor, access.CHANGE_ROLE, membership)
        org_id = access.membership_org_id(membership)
        allowed = grants.roles_for_scope(access.actor_of(actor), membership.scope_kind, org_id)
        if role not in allowed:
            raise PermissionDenied
        if role == membership.role:
            raise AccountError(_("The person already has this role."))
        duplicate = Membership.objects.filter(
            user_id=membership.user_id,
            role=role,
            organisation_id=membership.organisation_id,
            department_id=membership.department_id,
            municipality_id=membership.municipality_id,
        ).exists()
        if duplicate:
            raise AccountError(_("The person already has this role there."))
        fields = ("role", "appointed_on", "reviewed_on")
        before = snapshot(membership, fields)
        membership.role = role
        membership.appointed_on = timezone.localdate()
        membership.reviewed_on = None
        membership.save(update_fields=list(fields))
        record_change(
            actor=actor,
            obj=membership,
            action=ChangeAction.UPDATE,
            changes=diff(before, snapshot(membership, fields)),
            organisation_id=org_id,
        )
    return membership


def confirm_membership(*, actor, membership: Membership, today: date | None = None) -> Membership:
    """The yearly review: the person still holds the role (counted again from today)."""
    with transaction.atomic():
        membership = _locked(membership)
        _check(actor, access.CONFIRM_MEMBERSHIP, membership)
        before = snapshot(membership, ("reviewed_on",))
        membership.reviewed_on = today or timezone.localdate()
        membership.save(update_fields=["reviewed_on"])
        record_change(
            actor=actor,
            obj=membership,
            action=ChangeAction.UPDATE,
            changes=diff(before, snapshot(membership, ("reviewed_on",))),
            organisation_id=access.membership_org_id(membership),
        )
    return membership


def end_membership(*, actor, membership: Membership) -> None:
    """The person no longer holds the role (their user stays; other roles are kept)."""
    with transaction.atomic():
        membership = _locked(membership)
        _check(actor, access.END_MEMBERSHIP, membership)
        record_change(
            actor=actor,
            obj=membership,
            action=ChangeAction.DELETE,
            changes={k: (v, None) for k, v in snapshot(membership, MEMBERSHIP_FIELDS).items()},
            organisation_id=access.membership_org_id(membership),
        )
        membership.delete()


def deactivate_user(*, actor, person):
    """The person can no longer log in (sessions, API tokens and outstanding links stop working
    too: the password becomes unusable). Their roles stay, so the lists show who was there."""
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=person.pk)
        if not can(actor, access.DEACTIVATE, user):
            raise PermissionDenied
        org_ids = sorted(access.person_of(user).org_ids & access.actor_of(actor).head_org_ids)
        fields = ("is_active", "password")
        before = snapshot(user, fields)
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=list(fields))
        record_change(
            actor=actor,
            obj=user,
            action=ChangeAction.UPDATE,
            changes=diff(before, snapshot(user, fields)),
            personal=PERSONAL,
            organisation_id=org_ids[0] if org_ids else None,
        )
    return user


# --- the person's own password -----------------------------------------------------------------


def accept_invitation(*, user, password: str):
    """The invited person chose their password (through the one-time link)."""
    return _set_own_password(user=user, password=password)


def reset_password(*, user, password: str):
    """The person chose a new password through the link of a password-reset e-mail."""
    return _set_own_password(user=user, password=password)


def _set_own_password(*, user, password: str):
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise PermissionDenied
        user.set_password(password)
        user.save(update_fields=["password"])
        record_change(
            actor=user,
            obj=user,
            action=ChangeAction.UPDATE,
            changes={"password": (None, None)},
            personal=PERSONAL,
        )
    return user
