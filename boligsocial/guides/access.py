"""Who reads and authors question guides (decision 0025).

- reading (list, detail, preview, XLSForm download, API): the social unit (staff and heads) and
  administrators; a shared guide (no organisation) for all of them, an organisation's own guide
  for its social unit;
- authoring (new versions, edits, publishing, XLSForm import): administrators on every guide,
  the head of social services on their organisation's guides and new guides for it. A shared
  guide is authored by administrators only (it serves every organisation).

Other roles answer guides through the capability that uses them (an analysis, a visit) and see
no guide page: 403 for a logged-in user with a scope, 404 outside it."""

from django.db.models import Q, QuerySet

from boligsocial.guides.models import Guide
from boligsocial.organisations.access import org_ids_with_role, scope
from boligsocial.organisations.roles import Role

VIEW_GUIDES = "view_guides"  # on None: may open the guide pages at all
VIEW_GUIDE = "view_guide"  # on a Guide
AUTHOR_GUIDE = "author_guide"  # on a Guide, or on None: may create a guide
ACTIONS = frozenset({VIEW_GUIDES, VIEW_GUIDE, AUTHOR_GUIDE})


def visible_guides(user) -> QuerySet[Guide]:
    s = scope(user)
    qs = Guide.objects.all()
    if s.is_admin:
        return qs
    if not s.social_org_ids:
        return qs.none()
    return qs.filter(Q(organisation__isnull=True) | Q(organisation_id__in=s.social_org_ids))


def authoring_organisations(user) -> frozenset[int]:
    return org_ids_with_role(scope(user), Role.SOCIAL_HEAD)


def can(user, action: str, obj) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if s.is_empty:
        return False
    if obj is None:
        if action == VIEW_GUIDES:
            return s.is_admin or bool(s.social_org_ids)
        if action == AUTHOR_GUIDE:
            return s.is_admin or bool(authoring_organisations(user))
        return False
    if isinstance(obj, Guide):
        if action == VIEW_GUIDE:
            return (
                s.is_admin or obj.organisation_id is None or obj.organisation_id in s.social_org_ids
            )
        if action == AUTHOR_GUIDE:
            return s.is_admin or (
                obj.organisation_id is not None
                and obj.organisation_id in authoring_organisations(user)
            )
    return False
