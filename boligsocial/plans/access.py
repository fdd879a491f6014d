"""Who sees and edits plans (the plans' "filter many / check one").

- See a plan: administrators; anyone who sees one of its housing organisations in full
  (organisation roles); a department role of one of its departments; the municipal coordinators
  of its municipality; its own staff.
- Edit a plan (agreement, sub-agreements, goals, activities, budget, log): administrators, the
  plan's own staff and the social unit (social staff, head) of an owning organisation.
- The municipal partner (a municipal coordinator of the plan's municipality) edits the
  municipality's own contributions (its funder's budget lines) and records approvals.
- Boards (organisation and department boards), caretakers and the forretningsfører read only.
"""

from django.db.models import Q, QuerySet

from boligsocial.organisations.access import scope
from boligsocial.organisations.roles import Role
from boligsocial.plans.models import Plan

VIEW = "view_plan"
EDIT = "edit_plan"
EDIT_MUNICIPAL = "edit_municipal_contribution"
APPROVE = "approve_plan"
CREATE = "create_plan"  # obj None
ACTIONS = frozenset({VIEW, EDIT, EDIT_MUNICIPAL, APPROVE, CREATE})


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


def policy(user, action: str, obj) -> bool:
    s = scope(user)
    if action == CREATE:
        return s.is_admin or bool(s.social_org_ids)
    if s.is_admin:
        return True
    if action == VIEW:
        return visible_plans(user).filter(pk=obj.pk).exists()
    editor = bool(_plan_org_ids(obj) & s.social_org_ids) or _is_staff(user, obj)
    if action == EDIT:
        return editor
    if action == EDIT_MUNICIPAL:
        return editor or is_municipal_partner(user, obj)
    if action == APPROVE:
        return editor or is_municipal_partner(user, obj)
    return False
