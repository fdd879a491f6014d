"""Who sees what. The one module that decides access to the housing model.

The pair "filter many / check one": `visible_*(user)` return querysets that views and the API
fetch through (so an object outside a user's scope is a 404, like one that does not exist), and
`can(user, action, obj)` answers for one object without a query.

Rules (product.md, "Who uses it"):
- administrator: everything;
- social staff, head, organisation board/management, caretaker: their organisation (a caretaker
  may instead be scoped to departments);
- department board: their department, and the name of its organisation and areas;
- municipal coordinator: every department and area in their municipality and the organisations
  that have departments there;
- lease lists: roles whose `RoleRule.sees_leases` is set, within their scope;
- imports and edits: roles whose `RoleRule.manages_housing` is set, within their organisation.

Case rules live in `cases/access.py`, screening's in `screening/access.py`; views ask the one
dispatcher `core.permissions.can`, to which each app registers its policy (docs/architecture.md).
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from boligsocial.organisations.models import (
    Area,
    Department,
    Lease,
    Membership,
    Municipality,
    Organisation,
)
from boligsocial.organisations.roles import ROLE_RULES, Role

VIEW = "view"
VIEW_LEASES = "view_leases"
MANAGE = "manage"  # import and edit departments and leases
ACTIONS = frozenset({VIEW, VIEW_LEASES, MANAGE})
_CACHE_ATTR = "_boligsocial_scope"


@dataclass(frozen=True)
class Scope:
    is_admin: bool = False
    roles: frozenset[str] = frozenset()
    org_ids: frozenset[int] = frozenset()  # organisations seen in full
    dept_ids: frozenset[int] = frozenset()  # single departments seen
    municipality_codes: frozenset[int] = frozenset()
    lease_org_ids: frozenset[int] = frozenset()
    lease_dept_ids: frozenset[int] = frozenset()
    manage_org_ids: frozenset[int] = frozenset()
    social_org_ids: frozenset[int] = frozenset()
    memberships: tuple = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        return not (self.is_admin or self.org_ids or self.dept_ids or self.municipality_codes)


def scope(user) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    memberships = tuple(Membership.objects.filter(user=user))
    sets: dict[str, set] = {
        k: set()
        for k in (
            "org_ids",
            "dept_ids",
            "municipality_codes",
            "lease_org_ids",
            "lease_dept_ids",
            "manage_org_ids",
            "social_org_ids",
        )
    }
    is_admin = user.is_superuser
    for m in memberships:
        rule = ROLE_RULES[m.role]
        if m.role == Role.ADMIN:
            is_admin = True
        if m.organisation_id:
            sets["org_ids"].add(m.organisation_id)
            if rule.sees_leases:
                sets["lease_org_ids"].add(m.organisation_id)
            if rule.manages_housing:
                sets["manage_org_ids"].add(m.organisation_id)
            if rule.social_unit:
                sets["social_org_ids"].add(m.organisation_id)
        if m.department_id:
            sets["dept_ids"].add(m.department_id)
            if rule.sees_leases:
                sets["lease_dept_ids"].add(m.department_id)
        if m.municipality_id:
            sets["municipality_codes"].add(m.municipality_id)
    result = Scope(
        is_admin=is_admin,
        roles=frozenset(m.role for m in memberships) | ({Role.ADMIN} if is_admin else set()),
        memberships=memberships,
        **{k: frozenset(v) for k, v in sets.items()},
    )
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_scope(user) -> None:
    """Drop the cached scope (after memberships change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- filter many -------------------------------------------------------------------------


def _department_q(s: Scope, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}organisation_id__in": s.org_ids})
        | Q(**{f"{prefix}id__in": s.dept_ids})
        | Q(**{f"{prefix}municipality_id__in": s.municipality_codes})
    )


def visible_departments(user) -> QuerySet[Department]:
    s = scope(user)
    qs = Department.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    return qs.filter(_department_q(s))


def visible_organisations(user) -> QuerySet[Organisation]:
    s = scope(user)
    qs = Organisation.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    via_departments = Department.objects.filter(_department_q(s)).values("organisation_id")
    return qs.filter(Q(id__in=s.org_ids) | Q(id__in=via_departments))


def visible_areas(user) -> QuerySet[Area]:
    s = scope(user)
    qs = Area.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    via_departments = Area.departments.through.objects.filter(
        _department_q(s, prefix="department__")
    ).values("area_id")
    return qs.filter(Q(municipality_id__in=s.municipality_codes) | Q(id__in=via_departments))


def visible_municipalities(user) -> QuerySet[Municipality]:
    s = scope(user)
    qs = Municipality.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    via_departments = Department.objects.filter(_department_q(s)).values("municipality_id")
    return qs.filter(Q(code__in=s.municipality_codes) | Q(code__in=via_departments))


def visible_leases(user) -> QuerySet[Lease]:
    s = scope(user)
    qs = Lease.objects.all()
    if s.is_admin:
        return qs
    return qs.filter(
        Q(department__organisation_id__in=s.lease_org_ids) | Q(department_id__in=s.lease_dept_ids)
    )


def managed_organisations(user) -> QuerySet[Organisation]:
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=s.manage_org_ids)


# --- check one -----------------------------------------------------------------------------


def org_ids_with_role(s: Scope, *roles: str) -> frozenset[int]:
    """The organisations in which the user holds one of `roles` (organisation memberships)."""
    return frozenset(
        m.organisation_id for m in s.memberships if m.role in roles and m.organisation_id
    )


#: Roles whose holders see the exact counts of their own organisation: its employees (the social
#: unit, the forretningsfører, caretakers), bound by professional secrecy. Boards (elected
#: residents, neighbours of those counted) and the municipality see small numbers suppressed
#: (core/disclosure.py, decision 0024); administrators see everything exactly.
EXACT_COUNT_ROLES = (Role.SOCIAL_STAFF, Role.SOCIAL_HEAD, Role.ORG_MANAGEMENT, Role.CARETAKER)


def sees_exact_counts(s: Scope, organisation_ids) -> bool:
    """May scope `s` see exact counts of figures that cover these organisations' departments?
    Only if it is staff (EXACT_COUNT_ROLES) of every one of them, or an administrator."""
    return s.is_admin or set(organisation_ids) <= org_ids_with_role(s, *EXACT_COUNT_ROLES)


def sees_department(s: Scope, d: Department) -> bool:
    """Does scope `s` see department `d` (the check-one form of `visible_departments`)?"""
    return (
        s.is_admin
        or d.organisation_id in s.org_ids
        or d.id in s.dept_ids
        or d.municipality_id in s.municipality_codes
    )


def can(user, action: str, obj) -> bool:
    """The housing policy (registered with `core.permissions` for ACTIONS): may `user` do
    `action` on `obj`? Unknown actions and objects are denied."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if s.is_empty:
        return False
    if isinstance(obj, Department):
        if action == VIEW:
            return sees_department(s, obj)
        if action == VIEW_LEASES:
            return (
                s.is_admin or obj.organisation_id in s.lease_org_ids or obj.id in s.lease_dept_ids
            )
        return s.is_admin or obj.organisation_id in s.manage_org_ids
    if isinstance(obj, Organisation):
        if action == MANAGE:
            return s.is_admin or obj.id in s.manage_org_ids
        if action == VIEW_LEASES:
            return s.is_admin or obj.id in s.lease_org_ids
        return s.is_admin or visible_organisations(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Lease):
        if action == MANAGE:
            return s.is_admin or obj.department.organisation_id in s.manage_org_ids
        return can(user, VIEW_LEASES, obj.department)
    if isinstance(obj, Area):
        if action != VIEW:
            return s.is_admin
        return s.is_admin or visible_areas(user).filter(pk=obj.pk).exists()
    if isinstance(obj, Municipality):
        if action != VIEW:
            return s.is_admin
        return s.is_admin or visible_municipalities(user).filter(pk=obj.pk).exists()
    return False
