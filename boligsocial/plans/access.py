"""Who sees and edits plans (the plans' "filter many / check one").

- See a plan: administrators; anyone who sees one of its housing organisations in full
  (organisation roles); a department role of one of its departments; the municipal coordinators
  of its municipality; its own staff. Every owner sees the whole plan.
- Edit the whole plan (agreement, sub-agreements, goals, every activity and budget row, the
  lifecycle): administrators, the plan's own staff and the social unit (social staff, head) of
  the **secretariat** organisation (decision 0033; for a plan of one organisation, that one).
- Edit one's own parts (`EDIT_PART`): the social unit of another owning organisation edits the
  activities it owns (and logs their sessions) and its organisation's budget row; the municipal
  partner (a municipal coordinator of the plan's municipality) does the same for the
  municipality's activities and budget row. Both record approvals.
- Boards (organisation and department boards), caretakers and the forretningsfører read only.
- Documents: every owner uploads documents and versions (EDIT_PART); a version is removed by
  the secretariat or by its uploader while they edit a part (REMOVE_DOCUMENT); readers download.
"""

from django.db.models import Q, QuerySet

from boligsocial.organisations.access import EXACT_COUNT_ROLES, org_ids_with_role, scope
from boligsocial.organisations.roles import Role
from boligsocial.plans.models import Activity, DocumentVersion, FunderKind, PartnerKind, Plan

VIEW = "view_plan"
EDIT = "edit_plan"  # the whole plan (the secretariat)
EDIT_PART = "edit_plan_part"  # one's own activities and budget row (any owner)
EDIT_ACTIVITY = "edit_plan_activity"  # obj: an Activity (its owner or the secretariat)
APPROVE = "approve_plan"
COMMENT = "comment_plan_report"  # the boards' comments on a report (and the owners')
CREATE = "create_plan"  # obj None
# obj: a DocumentVersion: the secretariat, or its uploader while they edit a part of the plan
REMOVE_DOCUMENT = "remove_plan_document"
ACTIONS = frozenset(
    {VIEW, EDIT, EDIT_PART, EDIT_ACTIVITY, APPROVE, COMMENT, CREATE, REMOVE_DOCUMENT}
)


def visible_plans(user) -> QuerySet[Plan]:
    s = scope(user)
    qs = Plan.objects.all()
    if s.is_admin:
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    ids = Plan.objects.filter(
        Q(organisations__in=s.org_ids)
        | Q(departments__in=s.dept_ids)
        | Q(municipality_id__in=s.municipality_codes)
        | Q(staff=user)
    ).values("id")
    return qs.filter(id__in=ids)


def _plan_org_ids(plan) -> set[int]:
    cached = getattr(plan, "_org_ids", None)
    if cached is None:
        cached = set(plan.organisations.values_list("id", flat=True))
        plan._org_ids = cached
    return cached


def _is_staff(user, plan) -> bool:
    cached = getattr(plan, "_staff_ids", None)
    if cached is None:
        cached = set(plan.staff.values_list("id", flat=True))
        plan._staff_ids = cached
    return user.pk in cached


def editors_org_ids(user) -> frozenset[int]:
    return scope(user).social_org_ids


def is_municipal_partner(user, plan) -> bool:
    s = scope(user)
    return any(
        m.role == Role.MUNICIPAL and m.municipality_id == plan.municipality_id
        for m in s.memberships
    )


def is_secretariat(user, plan) -> bool:
    """Administrators, the plan's own staff and the secretariat organisation's social unit (any
    owning organisation's, for a plan that has no secretariat set)."""
    s = scope(user)
    if s.is_admin or _is_staff(user, plan):
        return True
    if plan.secretariat_id is None:
        return bool(_plan_org_ids(plan) & s.social_org_ids)
    return plan.secretariat_id in s.social_org_ids and plan.secretariat_id in _plan_org_ids(plan)


def own_partner_ids(user, plan) -> frozenset[int]:
    """The plan's partners whose parts `user` edits besides the secretariat: the user's
    organisations (social unit) and the municipality (its municipal coordinator)."""
    cache = getattr(plan, "_own_partners", None)
    if cache is None:
        cache = plan._own_partners = {}
    if user.pk not in cache:
        s = scope(user)
        municipal = is_municipal_partner(user, plan)
        cache[user.pk] = frozenset(
            p.pk
            for p in plan.partners.all()
            if (p.kind == PartnerKind.HOUSING and p.organisation_id in s.social_org_ids)
            or (p.kind == PartnerKind.MUNICIPALITY and municipal)
        )
    return cache[user.pk]


def own_funder_ids(user, plan) -> frozenset[int]:
    """The budget rows `user` edits: every row for the secretariat, else the rows of the user's
    own organisations and, for the municipal partner, the municipality's."""
    funders = list(plan.funders.all())
    if is_secretariat(user, plan):
        return frozenset(f.pk for f in funders)
    s = scope(user)
    municipal = is_municipal_partner(user, plan)
    return frozenset(
        f.pk
        for f in funders
        if (
            f.kind == FunderKind.HOUSING
            and f.organisation_id in s.social_org_ids
            and f.organisation_id in _plan_org_ids(plan)
        )
        or (f.kind == FunderKind.MUNICIPALITY and municipal)
    )


def policy(user, action: str, obj) -> bool:
    s = scope(user)
    if action == CREATE:
        return s.is_admin or bool(s.social_org_ids)
    if s.is_admin:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if action == EDIT_ACTIVITY:
        if not isinstance(obj, Activity):
            return False
        plan = obj.plan
        return is_secretariat(user, plan) or (
            obj.owner_id is not None and obj.owner_id in own_partner_ids(user, plan)
        )
    if action == REMOVE_DOCUMENT:
        if not isinstance(obj, DocumentVersion):
            return False
        plan = obj.document.plan
        own = obj.uploaded_by_id is not None and obj.uploaded_by_id == user.pk
        return is_secretariat(user, plan) or (own and policy(user, EDIT_PART, plan))
    if not isinstance(obj, Plan):
        return False
    if action == VIEW:
        return visible_plans(user).filter(pk=obj.pk).exists()
    if action == EDIT:
        return is_secretariat(user, obj)
    if action in (EDIT_PART, APPROVE):
        return is_secretariat(user, obj) or bool(own_partner_ids(user, obj))
    if action == COMMENT:
        return (
            is_secretariat(user, obj) or bool(own_partner_ids(user, obj)) or is_board_of(user, obj)
        )
    return False


def is_board_of(user, plan) -> bool:
    """An organisation board member of an owning organisation, or a department board member of
    one of the plan's departments."""
    s = scope(user)
    if org_ids_with_role(s, Role.ORG_BOARD) & _plan_org_ids(plan):
        return True
    boards = {m.department_id for m in s.memberships if m.role == Role.DEPT_BOARD}
    return bool(boards) and plan.departments.filter(pk__in=boards).exists()


def sees_exact_participants(user, plan) -> bool:
    """Exact participant counts for administrators, the plan's own staff and the employees of an
    owning organisation; boards, the municipality and other readers get them through
    `core/disclosure.py` (plans/counts.py)."""
    s = scope(user)
    if s.is_admin or _is_staff(user, plan):
        return True
    return bool(_plan_org_ids(plan) & org_ids_with_role(s, *EXACT_COUNT_ROLES))
