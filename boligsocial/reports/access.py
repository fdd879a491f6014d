"""Who sees and does what with the styringsdialog reports.

- Build, edit and finalise a report, write the minutes, record agreements: administrators and the
  social unit (social staff, head) of the report's organisation.
- A department board reads its department's report (draft or finalised) and, while it is a
  draft, adds points for the agenda.
- The municipal coordinator reads the finalised reports (and their public summary) of the
  organisations with departments in their municipality, and updates the agreements' status.
- Everyone else: not found (404), like a report that does not exist.
"""

from django.db.models import Q, QuerySet

from boligsocial.organisations.access import scope
from boligsocial.organisations.models import Department
from boligsocial.organisations.roles import Role
from boligsocial.reports.models import Report, ReportStatus

VIEW = "view_styringsdialog"
BUILD = "build_styringsdialog"  # edit texts, key figures, finalise, minutes, agreements
ADD_POINT = "add_agenda_point"
UPDATE_AGREEMENT = "update_agreement"
CREATE = "create_styringsdialog"  # obj: the organisation
ACTIONS = frozenset({VIEW, BUILD, ADD_POINT, UPDATE_AGREEMENT, CREATE})


def _board_dept_ids(s) -> set[int]:
    return {m.department_id for m in s.memberships if m.role == Role.DEPT_BOARD and m.department_id}


def _municipal_codes(s) -> set[int]:
    return {m.municipality_id for m in s.memberships if m.role == Role.MUNICIPAL}


def visible_reports(user) -> QuerySet[Report]:
    s = scope(user)
    qs = Report.objects.select_related("organisation", "department")
    if s.is_admin:
        return qs
    if not getattr(user, "is_authenticated", False) or s.is_empty:
        return qs.none()
    q = Q(organisation_id__in=s.social_org_ids)
    boards = _board_dept_ids(s)
    if boards:
        q |= Q(department_id__in=boards)
    codes = _municipal_codes(s)
    if codes:
        orgs = Department.objects.filter(municipality_id__in=codes).values("organisation_id")
        q |= Q(status=ReportStatus.FINALISED) & (
            Q(department__municipality_id__in=codes)
            | Q(department__isnull=True, organisation_id__in=orgs)
        )
    return qs.filter(q)


def builder_org_ids(user) -> frozenset[int]:
    return scope(user).social_org_ids


def may_create(user) -> bool:
    s = scope(user)
    return s.is_admin or bool(s.social_org_ids)


def is_builder(user, report: Report) -> bool:
    s = scope(user)
    return s.is_admin or report.organisation_id in s.social_org_ids


def policy(user, action: str, obj) -> bool:
    s = scope(user)
    if action == CREATE:
        return s.is_admin or (obj is not None and obj.pk in s.social_org_ids)
    if not visible_reports(user).filter(pk=obj.pk).exists():
        return False
    if action == VIEW:
        return True
    if action == BUILD:
        return is_builder(user, obj)
    if action == ADD_POINT:
        from boligsocial.reports.selectors import agenda_closed

        if agenda_closed(obj):
            return False
        return is_builder(user, obj) or (
            obj.department_id is not None and obj.department_id in _board_dept_ids(s)
        )
    if action == UPDATE_AGREEMENT:
        return is_builder(user, obj) or bool(_municipal_codes(s))
    return False
