"""Who plans, records and reads service visits (decision 0031).

- the organisation's social unit (staff, head) and its forretningsfører (maintenance), and
  administrators: every campaign of the organisation, every lease, the lease-level findings
  and the Excel export; they create campaigns, assign leases, print the notice letters and
  open follow-ups;
- staff and caretakers assigned to a campaign (`VisitCampaign.staff`) who are not in the
  above: that campaign and **only the leases assigned to them** (`Visit.assignee`), which they
  record on a phone; nothing else of the campaign;
- the organisation board and a department board (its own department): the aggregated findings
  only, small numbers suppressed (core/disclosure.py);
- everyone else, and other organisations: 404.
"""

from django.db.models import Q, QuerySet

from boligsocial.organisations.access import Scope, org_ids_with_role, scope
from boligsocial.organisations.models import Department, Organisation
from boligsocial.organisations.roles import Role
from boligsocial.visits.models import CampaignStatus, Visit, VisitCampaign

MANAGE = "manage_visits"  # on None, a Department, an Organisation or a VisitCampaign
VIEW_CAMPAIGN = "view_visit_campaign"  # on a VisitCampaign: its page (leases seen: visible_visits)
RECORD = "record_visit"  # on a Visit
VIEW_FINDINGS = "view_visit_findings"  # on a VisitCampaign: the aggregates
VIEW_DETAIL = "view_visit_detail"  # on a VisitCampaign: lease-level findings and export
ACTIONS = frozenset({MANAGE, VIEW_CAMPAIGN, RECORD, VIEW_FINDINGS, VIEW_DETAIL})

FULL_ROLES = (Role.SOCIAL_STAFF, Role.SOCIAL_HEAD, Role.ORG_MANAGEMENT)


def full_org_ids(s: Scope) -> frozenset[int]:
    return org_ids_with_role(s, *FULL_ROLES)


def _board_org_ids(s: Scope) -> frozenset[int]:
    return org_ids_with_role(s, Role.ORG_BOARD)


def _board_dept_ids(s: Scope) -> frozenset[int]:
    return frozenset(
        m.department_id for m in s.memberships if m.role == Role.DEPT_BOARD and m.department_id
    )


def visible_campaigns(user) -> QuerySet[VisitCampaign]:
    """Campaigns the user sees at all (in full, as an assignee, or as aggregates)."""
    s = scope(user)
    qs = VisitCampaign.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    return qs.filter(
        Q(organisation_id__in=full_org_ids(s) | _board_org_ids(s))
        | Q(department_id__in=_board_dept_ids(s))
        | Q(pk__in=VisitCampaign.staff.through.objects.filter(user=user).values("visitcampaign"))
    )


def sees_all_leases(user, campaign: VisitCampaign) -> bool:
    s = scope(user)
    return s.is_admin or campaign.organisation_id in full_org_ids(s)


def visible_visits(user, campaign: VisitCampaign) -> QuerySet[Visit]:
    """The campaign's visits the user may see lease by lease (the caretaker rule)."""
    qs = Visit.objects.filter(campaign=campaign)
    if sees_all_leases(user, campaign):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(assignee=user)


def recordable_visits(user) -> QuerySet[Visit]:
    """Every visit (of a running campaign) the user may record: for the bulk sync."""
    s = scope(user)
    qs = Visit.objects.filter(campaign__status=CampaignStatus.RUNNING)
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    return qs.filter(Q(campaign__organisation_id__in=full_org_ids(s)) | Q(assignee=user))


def manage_departments(user) -> QuerySet[Department]:
    s = scope(user)
    qs = Department.objects.all()
    return qs if s.is_admin else qs.filter(organisation_id__in=full_org_ids(s))


def _is_assigned(user, campaign: VisitCampaign) -> bool:
    cached = getattr(campaign, "_assigned_ids", None)
    if cached is None:
        cached = set(campaign.staff.values_list("id", flat=True))
        campaign._assigned_ids = cached
    return user.pk in cached


def can(user, action: str, obj) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if s.is_empty:
        return False
    full = full_org_ids(s)
    if obj is None:
        return action == MANAGE and (s.is_admin or bool(full))
    if isinstance(obj, VisitCampaign):
        if s.is_admin or obj.organisation_id in full:
            return True
        if action == VIEW_CAMPAIGN:
            return _is_assigned(user, obj)
        if action == VIEW_FINDINGS:
            return obj.organisation_id in _board_org_ids(s) or obj.department_id in _board_dept_ids(
                s
            )
        return False
    if isinstance(obj, Visit):
        if action != RECORD:
            return False
        return s.is_admin or obj.campaign.organisation_id in full or obj.assignee_id == user.pk
    if isinstance(obj, Department) and action == MANAGE:
        return s.is_admin or obj.organisation_id in full
    if isinstance(obj, Organisation) and action == MANAGE:
        return s.is_admin or obj.id in full
    return False
