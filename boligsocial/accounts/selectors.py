"""Read queries of user administration: the people list (one row per role), the yearly review and
the rows of the Excel export. Everything starts from `access.visible_memberships(user)`."""

from datetime import date

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.accounts import access, grants
from boligsocial.organisations.models import Membership
from boligsocial.organisations.roles import Role

ACTIVE, PENDING, DEACTIVATED = "active", "pending", "deactivated"
STATUS_CHOICES = (
    (ACTIVE, _("Active")),
    (PENDING, _("Invited, no password yet")),
    (DEACTIVATED, _("Deactivated")),
)
STATUS_LABELS = dict(STATUS_CHOICES)
_STATUS_Q = {
    DEACTIVATED: Q(user__is_active=False),
    PENDING: Q(user__is_active=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX),
    ACTIVE: Q(user__is_active=True) & ~Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX),
}


def status_of(user) -> str:
    if not user.is_active:
        return DEACTIVATED
    return ACTIVE if user.has_usable_password() else PENDING


def memberships(
    user,
    *,
    organisation_id: int | None = None,
    role: str = "",
    status: str = "",
) -> QuerySet[Membership]:
    """The roles `user` administers, with what the list shows, filtered; `place` (the
    organisation, department's organisation or municipality) and `role_order` (the order of
    `Role`) are there to sort by."""
    qs = access.visible_memberships(user).select_related(
        "user", "organisation", "department__organisation", "municipality", "invited_by"
    )
    if organisation_id:
        qs = qs.filter(
            Q(organisation_id=organisation_id) | Q(department__organisation_id=organisation_id)
        )
    if role:
        qs = qs.filter(role=role)
    if status in _STATUS_Q:
        qs = qs.filter(_STATUS_Q[status])
    return qs.annotate(
        place=Coalesce(
            "organisation__name",
            "department__organisation__name",
            "municipality__name",
            Value(""),
            output_field=CharField(),
        ),
        role_order=Case(
            *(When(role=r, then=Value(i)) for i, r in enumerate(Role.values)),
            output_field=IntegerField(),
        ),
    )


def review_due(user, *, today: date | None = None, organisation_id: int | None = None):
    """Board roles appointed, or last confirmed, a year ago or more (`grants.review_due`)."""
    cutoff = grants.one_year_before(today or timezone.localdate())
    return (
        memberships(user, organisation_id=organisation_id)
        .filter(role__in=grants.REVIEWED_ROLES, user__is_active=True)
        .annotate(review_from=Greatest("appointed_on", Coalesce("reviewed_on", "appointed_on")))
        .filter(review_from__lte=cutoff)
    )


def person_memberships(user, person) -> list[Membership]:
    """`person`'s roles that `user` administers, in the order of `Role`."""
    return list(
        memberships(user)
        .filter(user=person)
        .order_by("role_order", "place", "department__number", F("id"))
    )


def export_rows(listing_qs) -> list[list]:
    """The people list as rows of plain values (the Excel export)."""
    rows = []
    for m in listing_qs:
        place = m.organisation or (m.department.organisation if m.department else m.municipality)
        rows.append(
            [
                m.user.get_full_name(),
                m.user.email,
                m.user.username,
                str(m.get_role_display()),
                str(place) if place else "",
                str(m.department) if m.department else "",
                m.appointed_on,
                m.reviewed_on,
                (m.invited_by.get_full_name() or m.invited_by.username) if m.invited_by else "",
                str(STATUS_LABELS[status_of(m.user)]),
            ]
        )
    return rows
