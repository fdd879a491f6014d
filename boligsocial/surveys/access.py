"""Who runs, follows and reads resident surveys (decision 0032).

- running a survey (creating, invitations and letters, reminders, entering a paper or visit
  answer, opening and closing): the organisation's social unit and administrators;
- following it (the survey page with the response rates and reminders): those and the
  organisation board and management;
- the results: those, a department board for a survey of its department, and the municipal
  coordinator for a survey with a department in the municipality. Every viewer sees the same
  protected results (results.py: groups below k hidden for everyone, staff included); the
  free-text answers only the social unit;
- caretakers and users without membership: nothing (403 / 404).
"""

from django.db.models import Q, QuerySet

from boligsocial.organisations.access import org_ids_with_role, scope
from boligsocial.organisations.roles import Role
from boligsocial.surveys.models import Survey

MANAGE = "manage_survey"  # on a Survey, or None: creating one at all
VIEW = "view_survey"  # on a Survey: the response rates
VIEW_RESULTS = "view_survey_results"  # on a Survey
VIEW_TEXTS = "view_survey_texts"  # on a Survey: free-text answers
ACTIONS = frozenset({MANAGE, VIEW, VIEW_RESULTS, VIEW_TEXTS})

_FOLLOW_ROLES = (Role.SOCIAL_STAFF, Role.SOCIAL_HEAD, Role.ORG_BOARD, Role.ORG_MANAGEMENT)


def _follow_org_ids(s) -> frozenset[int]:
    return org_ids_with_role(s, *_FOLLOW_ROLES)


def _board_dept_ids(s) -> frozenset[int]:
    return frozenset(
        m.department_id for m in s.memberships if m.role == Role.DEPT_BOARD and m.department_id
    )


def _municipal_codes(s) -> frozenset[int]:
    return frozenset(
        m.municipality_id for m in s.memberships if m.role == Role.MUNICIPAL and m.municipality_id
    )


def visible_surveys(user) -> QuerySet[Survey]:
    """Surveys whose results the user may read."""
    s = scope(user)
    qs = Survey.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    ids = (
        Survey.objects.filter(
            Q(organisation_id__in=_follow_org_ids(s))
            | Q(departments__in=_board_dept_ids(s))
            | Q(departments__municipality_id__in=_municipal_codes(s))
        )
        .values("id")
        .distinct()
    )
    return qs.filter(id__in=ids)


def manage_org_ids(user) -> frozenset[int] | None:
    """The organisations whose surveys the user runs (None: every one, an administrator)."""
    s = scope(user)
    return None if s.is_admin else s.social_org_ids


def can(user, action: str, obj) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if s.is_empty:
        return False
    if obj is None:
        if action == MANAGE:
            return s.is_admin or bool(s.social_org_ids)
        if action == VIEW_RESULTS:
            return s.is_admin or bool(
                _follow_org_ids(s) or _board_dept_ids(s) or _municipal_codes(s)
            )
        return False
    if not isinstance(obj, Survey):
        return False
    if action in (MANAGE, VIEW_TEXTS):
        return s.is_admin or obj.organisation_id in s.social_org_ids
    if action == VIEW:
        return s.is_admin or obj.organisation_id in _follow_org_ids(s)
    if action == VIEW_RESULTS:
        if s.is_admin or obj.organisation_id in _follow_org_ids(s):
            return True
        return visible_surveys(user).filter(pk=obj.pk).exists()
    return False
