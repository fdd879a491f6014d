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

Cases (docs/decisions/0007-case-access.md):
- case *content* (description, parties, events, attachments, letters): the owning organisation's
  social unit (roles with `RoleRule.social_unit`: staff and head), administrators, and a municipal
  user the case is *currently* shared with (that case only, read-only);
- case *counts* (statistics): everyone, for the departments `visible_departments` gives them;
- opening a case: the social unit and administrators; a caretaker's quick report: caretakers (and
  the social unit) for the departments they see — and afterwards they see nothing of its content;
- settings, sharing and the person export: the head and administrators (sharing: the social
  unit too); the access log: the head and administrators.
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
# Cases. On a Case: VIEW_CASE (content), EDIT_CASE, SHARE_CASE. On a Department: CREATE_CASE,
# QUICK_REPORT, VIEW_CASE_COUNTS. On an Organisation: MANAGE_CASE_SETTINGS, VIEW_ACCESS_LOG,
# EXPORT_PERSON_DATA, VIEW_CASE_COUNTS, CREATE_CASE.
VIEW_CASE = "view_case"
EDIT_CASE = "edit_case"
SHARE_CASE = "share_case"
CREATE_CASE = "create_case"
QUICK_REPORT = "quick_report"
VIEW_CASE_COUNTS = "view_case_counts"
MANAGE_CASE_SETTINGS = "manage_case_settings"
VIEW_ACCESS_LOG = "view_access_log"
EXPORT_PERSON_DATA = "export_person_data"
CASE_ACTIONS = frozenset(
    {
        VIEW_CASE,
        EDIT_CASE,
        SHARE_CASE,
        CREATE_CASE,
        QUICK_REPORT,
        VIEW_CASE_COUNTS,
        MANAGE_CASE_SETTINGS,
        VIEW_ACCESS_LOG,
        EXPORT_PERSON_DATA,
    }
)
ACTIONS = frozenset({VIEW, VIEW_LEASES, MANAGE}) | CASE_ACTIONS

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


def lease_departments(user) -> QuerySet[Department]:
    """Departments whose lease lists the user may see."""
    s = scope(user)
    qs = Department.objects.all()
    if s.is_admin:
        return qs
    return qs.filter(Q(organisation_id__in=s.lease_org_ids) | Q(id__in=s.lease_dept_ids))


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


def _sees_department(s: Scope, d: Department) -> bool:
    return (
        s.is_admin
        or d.organisation_id in s.org_ids
        or d.id in s.dept_ids
        or d.municipality_id in s.municipality_codes
    )


def can(user, action: str, obj) -> bool:
    """May `user` do `action` on `obj`? Unknown actions and objects are denied."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if s.is_empty:
        return False
    if action in CASE_ACTIONS:
        return _can_case(user, s, action, obj)
    if isinstance(obj, Department):
        if action == VIEW:
            return _sees_department(s, obj)
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


# --- cases -----------------------------------------------------------------------------------


def _org_ids_with_role(s: Scope, *roles: str) -> frozenset[int]:
    return frozenset(
        m.organisation_id for m in s.memberships if m.role in roles and m.organisation_id
    )


def _head_org_ids(s: Scope) -> frozenset[int]:
    return _org_ids_with_role(s, Role.SOCIAL_HEAD)


def _caretaker_q(s: Scope) -> Q:
    org_ids = _org_ids_with_role(s, Role.CARETAKER)
    dept_ids = {m.department_id for m in s.memberships if m.role == Role.CARETAKER}
    return Q(organisation_id__in=org_ids) | Q(id__in=dept_ids - {None})


def _active_share_case_ids(user):
    from boligsocial.cases.models import CaseShare

    return CaseShare.objects.filter(user=user, revoked_at__isnull=True).values("case_id")


def visible_cases(user):
    """Cases whose *content* the user may read: the social unit's organisations, everything for
    administrators, and the cases currently shared with this (municipal) user."""
    from boligsocial.cases.models import Case

    s = scope(user)
    qs = Case.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    q = Q(organisation_id__in=s.social_org_ids)
    if Role.MUNICIPAL in s.roles:
        q |= Q(id__in=_active_share_case_ids(user))
    return qs.filter(q)


def editable_cases(user):
    """Cases the user may change (a share gives read access only)."""
    from boligsocial.cases.models import Case

    s = scope(user)
    qs = Case.objects.all()
    if s.is_admin:
        return qs
    return qs.filter(organisation_id__in=s.social_org_ids)


def case_count_departments(user) -> QuerySet[Department]:
    """Departments whose case *counts* (statistics, dashboard figures) the user may see."""
    return visible_departments(user)


def case_create_departments(user) -> QuerySet[Department]:
    """Departments in which the user may open a case (the full form)."""
    s = scope(user)
    qs = Department.objects.all()
    if s.is_admin:
        return qs
    return qs.filter(organisation_id__in=s.social_org_ids)


def quick_report_departments(user) -> QuerySet[Department]:
    """Departments for which the user may file a caretaker's quick report."""
    s = scope(user)
    qs = Department.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    return qs.filter(Q(organisation_id__in=s.social_org_ids) | _caretaker_q(s))


def access_log_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose case access log the user may search."""
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=_head_org_ids(s))


def case_share_recipients(case):
    """The users a case may be shared with: municipal coordinators of the case department's
    municipality."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.MUNICIPAL,
            memberships__municipality_id=case.department.municipality_id,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _can_case(user, s: Scope, action: str, obj) -> bool:
    from boligsocial.cases.models import Case

    if isinstance(obj, Case):
        if action == VIEW_CASE:
            if s.is_admin or obj.organisation_id in s.social_org_ids:
                return True
            return Role.MUNICIPAL in s.roles and (
                _active_share_case_ids(user).filter(case_id=obj.pk).exists()
            )
        if action in (EDIT_CASE, SHARE_CASE):
            return s.is_admin or obj.organisation_id in s.social_org_ids
        return False
    if isinstance(obj, Department):
        if action == VIEW_CASE_COUNTS:
            return _sees_department(s, obj)
        if action == CREATE_CASE:
            return s.is_admin or obj.organisation_id in s.social_org_ids
        if action == QUICK_REPORT:
            return (
                s.is_admin
                or obj.organisation_id in s.social_org_ids
                or obj.organisation_id in _org_ids_with_role(s, Role.CARETAKER)
                or any(
                    m.role == Role.CARETAKER and m.department_id == obj.id for m in s.memberships
                )
            )
        return False
    if isinstance(obj, Organisation):
        if action == VIEW_CASE_COUNTS:
            return s.is_admin or visible_organisations(user).filter(pk=obj.pk).exists()
        if action == CREATE_CASE:
            return s.is_admin or obj.id in s.social_org_ids
        if action in (MANAGE_CASE_SETTINGS, VIEW_ACCESS_LOG, EXPORT_PERSON_DATA):
            return s.is_admin or obj.id in _head_org_ids(s)
        return False
    return False
