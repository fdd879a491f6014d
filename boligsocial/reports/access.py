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
# The economics (decision 0038): the price table, business cases, effect measurements and
# outcome contracts.
PRICE_VIEW = "view_unit_prices"  # obj: None (the table) or a price
PRICE_EDIT = "edit_unit_price"  # obj: None (add one) or a local price
ECON_VIEW = "view_economics"  # obj: a business case, effect measurement or outcome contract
ECON_EDIT = "edit_economics"  # obj: None (create one) or one of those
ACTIONS = frozenset(
    {VIEW, BUILD, ADD_POINT, UPDATE_AGREEMENT, CREATE, PRICE_VIEW, PRICE_EDIT, ECON_VIEW, ECON_EDIT}
)


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
    if action in ECONOMICS_ACTIONS:
        return economics_policy(user, action, obj)
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


# --- the economics -------------------------------------------------------------------------------
#
# - The price table: read by administrators, the social units and the municipal coordinators
#   (the seeded prices, and the local prices of their own organisations); local prices are added,
#   changed and deleted by the head of the social unit of their organisation, or an administrator.
# - Business cases, effect measurements and outcome contracts belong to one organisation: read
#   and written by its social unit (staff and head) and administrators. Others: 404.

ECONOMICS_ACTIONS = frozenset({PRICE_VIEW, PRICE_EDIT, ECON_VIEW, ECON_EDIT})


def head_org_ids(user) -> frozenset[int]:
    from boligsocial.organisations.access import org_ids_with_role

    return org_ids_with_role(scope(user), Role.SOCIAL_HEAD)


def sees_prices(user) -> bool:
    s = scope(user)
    return s.is_admin or bool(s.social_org_ids) or bool(_municipal_codes(s))


def visible_prices(user):
    from boligsocial.reports.models import UnitPrice

    s = scope(user)
    qs = UnitPrice.objects.select_related("organisation")
    if s.is_admin:
        return qs
    if not sees_prices(user):
        return qs.none()
    return qs.filter(Q(seeded=True) | Q(organisation_id__in=s.social_org_ids))


def price_org_ids(user):
    """The organisations the user may add local prices for (None: any, an administrator)."""
    return None if scope(user).is_admin else head_org_ids(user)


def economics_org_ids(user):
    """The organisations whose business cases etc. the user sees (None: all, an admin)."""
    s = scope(user)
    if s.is_admin:
        return None
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return s.social_org_ids


def visible_economics(user, model):
    """`model`'s rows (BusinessCase, EffectMeasurement, OutcomeContract) the user may see."""
    qs = model.objects.select_related("organisation")
    ids = economics_org_ids(user)
    return qs if ids is None else qs.filter(organisation_id__in=ids)


def economics_policy(user, action: str, obj) -> bool:
    s = scope(user)
    if action == PRICE_VIEW:
        return sees_prices(user) and (
            obj is None or visible_prices(user).filter(pk=obj.pk).exists()
        )
    if action == PRICE_EDIT:
        if obj is None:
            return s.is_admin or bool(head_org_ids(user))
        return not obj.seeded and (s.is_admin or obj.organisation_id in head_org_ids(user))
    ids = economics_org_ids(user)
    if obj is None:
        return action == ECON_EDIT and (ids is None or bool(ids))
    return ids is None or obj.organisation_id in ids
