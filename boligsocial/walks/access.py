"""Who plans, reads and follows up safety walks (decision 0036).

- manage (plan and edit a walk, record findings, set owners, due dates and statuses, mark it
  held or closed): the organisation's social unit (social staff and head) and administrators;
- read (the walk, its route, participants, findings, photos, the follow-up and the report):
  those, everyone with a membership of the walk's organisation (board, forretningsfører,
  caretakers), a department role of one of its departments (the department board), and the
  municipal coordinators of the walk's municipality (read only; issue 17's coordination view
  lists the findings of every organisation through `selectors.findings_in_municipality`);
- anyone else: 404, as for a walk that does not exist.
"""

from django.db.models import Q, QuerySet

from boligsocial.organisations.access import scope
from boligsocial.organisations.models import Organisation
from boligsocial.organisations.roles import Role
from boligsocial.walks.models import Finding, Walk

VIEW = "view_walk"  # on a Walk
MANAGE = "manage_walk"  # on a Walk, or None: may plan a walk at all
ACTIONS = frozenset({VIEW, MANAGE})


def _municipal_codes(s) -> frozenset[int]:
    return frozenset(
        m.municipality_id for m in s.memberships if m.role == Role.MUNICIPAL and m.municipality_id
    )


def visible_walks(user) -> QuerySet[Walk]:
    s = scope(user)
    qs = Walk.objects.all()
    if s.is_admin:
        return qs
    if s.is_empty:
        return qs.none()
    ids = Walk.objects.filter(
        Q(organisation_id__in=s.org_ids)
        | Q(departments__in=s.dept_ids)
        | Q(municipality_id__in=_municipal_codes(s))
    ).values("id")
    return qs.filter(id__in=ids)


def visible_findings(user) -> QuerySet[Finding]:
    return Finding.objects.filter(walk__in=visible_walks(user))


def managed_organisations(user) -> QuerySet[Organisation]:
    """The organisations for which the user may plan walks."""
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=s.social_org_ids)


def can(user, action: str, obj) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if s.is_empty:
        return False
    if obj is None:
        return action == MANAGE and (s.is_admin or bool(s.social_org_ids))
    if not isinstance(obj, Walk):
        return False
    if s.is_admin:
        return True
    if action == MANAGE:
        return obj.organisation_id in s.social_org_ids
    return visible_walks(user).filter(pk=obj.pk).exists()
