"""Who may read and change Beredskab cases (docs/decisions/0007-case-access.md).

The pair "filter many / check one" for cases; housing visibility (departments, organisations)
comes from `organisations.access`, which knows nothing of cases. `can` is the cases' policy,
registered with `core.permissions` in `CasesConfig.ready()`; views call `permissions.can`.

- case *content* (description, parties, events, attachments, letters): the owning organisation's
  social unit (roles with `RoleRule.social_unit`: staff and head), administrators, and a municipal
  user the case is *currently* shared with (that case only, read-only);
- case *counts* (statistics): everyone, for the departments `visible_departments` gives them;
- opening a case: the social unit and administrators; a caretaker's quick report: caretakers (and
  the social unit) for the departments they see — and afterwards they see nothing of its content;
- a caretaker's own quick reports: the caretaker who filed them sees their status and their own
  note (`own_reports`, VIEW_OWN_REPORT) while they may still report from the department —
  never the parties, the timeline or anything the social unit adds;
- bulk reassignment of cases: the head and administrators (REASSIGN_CASES);
- settings, sharing and the person export: the head and administrators (sharing: the social
  unit too); the access log: the head and administrators.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from boligsocial.cases.models import Case, CaseShare
from boligsocial.organisations.access import (
    Scope,
    org_ids_with_role,
    scope,
    sees_department,
    visible_departments,
    visible_organisations,
)
from boligsocial.organisations.models import Department, Organisation
from boligsocial.organisations.roles import Role

# On a Case: VIEW_CASE (content), EDIT_CASE, SHARE_CASE. On a Department: CREATE_CASE,
# QUICK_REPORT, VIEW_CASE_COUNTS. On an Organisation: MANAGE_CASE_SETTINGS, VIEW_ACCESS_LOG,
# EXPORT_PERSON_DATA, VIEW_CASE_COUNTS, CREATE_CASE. REASSIGN_CASES on a Case or an Organisation;
# VIEW_OWN_REPORT on a Case.
VIEW_CASE = "view_case"
EDIT_CASE = "edit_case"
SHARE_CASE = "share_case"
CREATE_CASE = "create_case"
QUICK_REPORT = "quick_report"
VIEW_CASE_COUNTS = "view_case_counts"
MANAGE_CASE_SETTINGS = "manage_case_settings"
VIEW_ACCESS_LOG = "view_access_log"
EXPORT_PERSON_DATA = "export_person_data"
VIEW_OWN_REPORT = "view_own_report"
REASSIGN_CASES = "reassign_cases"
ACTIONS = frozenset(
    {
        VIEW_OWN_REPORT,
        REASSIGN_CASES,
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


def _head_org_ids(s: Scope) -> frozenset[int]:
    return org_ids_with_role(s, Role.SOCIAL_HEAD)


def _caretaker_q(s: Scope) -> Q:
    org_ids = org_ids_with_role(s, Role.CARETAKER)
    dept_ids = {m.department_id for m in s.memberships if m.role == Role.CARETAKER}
    return Q(organisation_id__in=org_ids) | Q(id__in=dept_ids - {None})


def _active_share_case_ids(user):
    return CaseShare.objects.filter(user=user, revoked_at__isnull=True).values("case_id")


# --- filter many -------------------------------------------------------------------------


def visible_cases(user) -> QuerySet[Case]:
    """Cases whose *content* the user may read: the social unit's organisations, everything for
    administrators, and the cases currently shared with this (municipal) user."""
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


def editable_cases(user) -> QuerySet[Case]:
    """Cases the user may change (a share gives read access only)."""
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


def own_reports(user) -> QuerySet[Case]:
    """The caretaker's quick reports the user filed, in departments they may still report from
    (the caretaker rule: the status of their own reports, not the case's content)."""
    from boligsocial.cases.models import Source

    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    return Case.objects.filter(
        source=Source.CARETAKER,
        created_by=user,
        department__in=quick_report_departments(user).values("pk"),
    )


def reassign_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose cases the user may reassign in bulk: the head's, all for admins."""
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=_head_org_ids(s))


def access_log_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose case access log (and change log) the user may search."""
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=_head_org_ids(s))


def case_share_recipients(case: Case):
    """The users a case may be shared with: municipal coordinators of the case department's
    municipality."""
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


# --- check one -----------------------------------------------------------------------------


def can(user, action: str, obj) -> bool:
    """The cases' policy: may `user` do `action` on `obj`? Unknown objects are denied."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if s.is_empty:
        return False
    if isinstance(obj, Case):
        if action == VIEW_CASE:
            if s.is_admin or obj.organisation_id in s.social_org_ids:
                return True
            return Role.MUNICIPAL in s.roles and (
                _active_share_case_ids(user).filter(case_id=obj.pk).exists()
            )
        if action in (EDIT_CASE, SHARE_CASE):
            return s.is_admin or obj.organisation_id in s.social_org_ids
        if action == REASSIGN_CASES:
            return s.is_admin or obj.organisation_id in _head_org_ids(s)
        if action == VIEW_OWN_REPORT:
            return own_reports(user).filter(pk=obj.pk).exists()
        return False
    if isinstance(obj, Department):
        if action == VIEW_CASE_COUNTS:
            return sees_department(s, obj)
        if action == CREATE_CASE:
            return s.is_admin or obj.organisation_id in s.social_org_ids
        if action == QUICK_REPORT:
            return (
                s.is_admin
                or obj.organisation_id in s.social_org_ids
                or obj.organisation_id in org_ids_with_role(s, Role.CARETAKER)
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
        if action in (MANAGE_CASE_SETTINGS, VIEW_ACCESS_LOG, EXPORT_PERSON_DATA, REASSIGN_CASES):
            return s.is_admin or obj.id in _head_org_ids(s)
        return False
    return False
