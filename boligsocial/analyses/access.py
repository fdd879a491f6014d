"""Who plans, conducts and reads vulnerability analyses (decision 0025).

- planning and conducting (answers, notes, participants, completing, follow-up actions, the
  yearly plan): the organisation's social unit (staff and head) and administrators;
- results (scores, the generated summary, follow-up actions, the board's PDF): those, the
  organisation board and the forretningsfører of the organisation, and a department board for
  its own department; never the answers' free text, the notes or the participants;
- coverage (which departments are done, planned, due, overdue): the organisation's social unit,
  board and management, and administrators, per department; the municipal coordinator sees the
  counts per organisation for departments in their municipality only (aggregates);
- the coverage interval (how often each department is due): the head of social services for
  their organisation, and administrators (CONFIGURE, decision 0043);
- caretakers and users without membership: nothing (403 / 404).
"""

from django.db.models import Q, QuerySet

from boligsocial.analyses.models import Analysis
from boligsocial.organisations.access import Scope, org_ids_with_role, scope
from boligsocial.organisations.models import Department, Organisation
from boligsocial.organisations.roles import Role

CONDUCT = "conduct_analysis"  # on an Analysis, a Department or an Organisation
VIEW_CONTENT = "view_analysis_content"  # on an Analysis: answers, notes, participants
VIEW_RESULTS = "view_analysis_results"  # on an Analysis
VIEW_COVERAGE = "view_analysis_coverage"  # on None: the coverage page at all
CONFIGURE = "configure_analyses"  # on None or an Organisation: the coverage interval
ACTIONS = frozenset({CONDUCT, VIEW_CONTENT, VIEW_RESULTS, VIEW_COVERAGE, CONFIGURE})

_RESULT_ORG_ROLES = (Role.SOCIAL_STAFF, Role.SOCIAL_HEAD, Role.ORG_BOARD, Role.ORG_MANAGEMENT)


def _result_org_ids(s: Scope) -> frozenset[int]:
    return org_ids_with_role(s, *_RESULT_ORG_ROLES)


def _board_dept_ids(s: Scope) -> frozenset[int]:
    return frozenset(
        m.department_id for m in s.memberships if m.role == Role.DEPT_BOARD and m.department_id
    )


def visible_analyses(user) -> QuerySet[Analysis]:
    """Analyses whose results the user may read."""
    s = scope(user)
    qs = Analysis.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    return qs.filter(
        Q(organisation_id__in=_result_org_ids(s)) | Q(department_id__in=_board_dept_ids(s))
    )


def conduct_departments(user) -> QuerySet[Department]:
    s = scope(user)
    qs = Department.objects.all()
    return qs if s.is_admin else qs.filter(organisation_id__in=s.social_org_ids)


def coverage_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose coverage the user sees per department."""
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=_result_org_ids(s))


def configure_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose coverage interval the user sets."""
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=org_ids_with_role(s, Role.SOCIAL_HEAD))


def is_municipal_only(user) -> bool:
    s = scope(user)
    return not s.is_admin and Role.MUNICIPAL in s.roles and not _result_org_ids(s)


def can(user, action: str, obj) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if s.is_empty:
        return False
    if obj is None:
        if action == VIEW_COVERAGE:
            return s.is_admin or bool(_result_org_ids(s)) or Role.MUNICIPAL in s.roles
        if action == CONDUCT:
            return s.is_admin or bool(s.social_org_ids)
        if action == CONFIGURE:
            return s.is_admin or bool(org_ids_with_role(s, Role.SOCIAL_HEAD))
        return False
    if isinstance(obj, Analysis):
        if action in (CONDUCT, VIEW_CONTENT):
            return s.is_admin or obj.organisation_id in s.social_org_ids
        if action == VIEW_RESULTS:
            return (
                s.is_admin
                or obj.organisation_id in _result_org_ids(s)
                or obj.department_id in _board_dept_ids(s)
            )
        return False
    if isinstance(obj, Department) and action == CONDUCT:
        return s.is_admin or obj.organisation_id in s.social_org_ids
    if isinstance(obj, Organisation) and action == CONDUCT:
        return s.is_admin or obj.id in s.social_org_ids
    if isinstance(obj, Organisation) and action == CONFIGURE:
        return s.is_admin or obj.id in org_ids_with_role(s, Role.SOCIAL_HEAD)
    return False
