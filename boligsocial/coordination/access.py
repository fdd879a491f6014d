"""Who sees and changes the coordination picture (issue 17, part 8).

- The picture of a municipality (efforts, overlaps, gaps, map, contacts, exports): administrators;
  the municipal coordinators of that municipality; the social unit (social staff, head) of every
  housing organisation with a department there. Boards, caretakers and the forretningsfører do
  not coordinate efforts (403 on the pages; they never saw efforts before either).
- Nobody sees case data here: efforts carry no case, person or tenant. The Beredskab's standing
  work is an effort its organisation registers, never derived from cases.
- An effort's budget: administrators; the owning organisation's social unit; for an effort not
  owned by a housing organisation, the municipal coordinators of its municipality.
- Record an effort: the municipal coordinator (for the municipality, police, schools,
  associations) and the social unit (for their own organisation). Change it: the same people
  for the efforts they may record. Efforts derived from a plan activity change in the plan.
- Decide on an overlap: administrators, the municipal coordinator, the social unit of either
  effort's owning organisation.
- The vocabulary of target groups: administrators, municipal coordinators, heads of social
  services (it is shared by all municipalities).
"""

from django.db.models import QuerySet

from boligsocial.coordination.models import Effort, OwnerKind
from boligsocial.organisations.access import Scope, scope
from boligsocial.organisations.models import Department, Municipality
from boligsocial.organisations.roles import Role

VIEW = "view_coordination"  # obj: Municipality
CREATE_EFFORT = "create_effort"  # obj: Municipality
EDIT_EFFORT = "edit_effort"  # obj: Effort
SEE_BUDGET = "see_effort_budget"  # obj: Effort
DECIDE_OVERLAP = "decide_overlap"  # obj: (Effort, Effort)
MANAGE_TARGET_GROUPS = "manage_target_groups"  # obj: None
ACTIONS = frozenset(
    {VIEW, CREATE_EFFORT, EDIT_EFFORT, SEE_BUDGET, DECIDE_OVERLAP, MANAGE_TARGET_GROUPS}
)
_CACHE = "_coordination_codes"


def municipal_codes(s: Scope) -> frozenset[int]:
    """The municipalities of the user's municipal-coordinator memberships."""
    return frozenset(
        m.municipality_id for m in s.memberships if m.role == Role.MUNICIPAL and m.municipality_id
    )


def coordination_codes(user) -> frozenset[int]:
    """The municipalities whose picture the user sees (not for administrators: all)."""
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    s = scope(user)
    codes = set(municipal_codes(s))
    if s.social_org_ids:
        codes |= set(
            Department.objects.filter(organisation_id__in=s.social_org_ids)
            .values_list("municipality_id", flat=True)
            .distinct()
        )
    result = frozenset(codes)
    if getattr(user, "is_authenticated", False):
        setattr(user, _CACHE, result)
    return result


def visible_municipalities(user) -> QuerySet[Municipality]:
    s = scope(user)
    if s.is_admin:
        return Municipality.objects.all()
    return Municipality.objects.filter(code__in=coordination_codes(user))


def visible_efforts(user) -> QuerySet[Effort]:
    s = scope(user)
    qs = Effort.objects.all()
    if s.is_admin:
        return qs
    return qs.filter(municipality_id__in=coordination_codes(user))


def _may_record(s: Scope, user, effort: Effort) -> bool:
    if effort.owner_kind == OwnerKind.HOUSING:
        return effort.owner_organisation_id in s.social_org_ids
    return effort.municipality_id in municipal_codes(s)


def policy(user, action: str, obj) -> bool:
    s = scope(user)
    if not getattr(user, "is_authenticated", False):
        return False
    if action == MANAGE_TARGET_GROUPS:
        return s.is_admin or bool(municipal_codes(s)) or Role.SOCIAL_HEAD in s.roles
    if action in (VIEW, CREATE_EFFORT):
        if not isinstance(obj, Municipality):
            return False
        return s.is_admin or obj.code in coordination_codes(user)
    if action == DECIDE_OVERLAP:
        if not (isinstance(obj, tuple) and len(obj) == 2):
            return False
        a, b = obj
        if s.is_admin:
            return True
        if a.municipality_id not in coordination_codes(user):
            return False
        return a.municipality_id in municipal_codes(s) or bool(
            {a.owner_organisation_id, b.owner_organisation_id} & s.social_org_ids
        )
    if not isinstance(obj, Effort):
        return False
    if action == EDIT_EFFORT:
        return not obj.is_derived and (s.is_admin or _may_record(s, user, obj))
    if action == SEE_BUDGET:
        return s.is_admin or _may_record(s, user, obj)
    return False
