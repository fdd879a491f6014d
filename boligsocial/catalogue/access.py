"""Who sees and adds interventions (the catalogue's "filter many / check one").

- The seeded (national) interventions are reference knowledge: every logged-in user with any
  scope sees them, and so does a user without one (there is nothing personal in them).
- A local intervention is seen by those who see its organisation
  (`organisations.access.visible_organisations`).
- Adding a local intervention: administrators and the organisation's social unit (social staff
  and the head of social services); editing one: the same people for their organisation's own.
  Nobody edits the seeded catalogue in the interface (it changes by migration)."""

from django.db.models import Q, QuerySet

from boligsocial.catalogue.models import Intervention
from boligsocial.organisations.access import scope, visible_organisations
from boligsocial.organisations.models import Organisation

ADD_LOCAL = "add_local_intervention"  # obj None (the form at all) or an Organisation
EDIT = "edit_intervention"  # obj Intervention
ACTIONS = frozenset({ADD_LOCAL, EDIT})


def visible_interventions(user) -> QuerySet[Intervention]:
    qs = Intervention.objects.all()
    s = scope(user)
    if s.is_admin:
        return qs
    return qs.filter(Q(organisation__isnull=True) | Q(organisation__in=visible_organisations(user)))


def local_organisations(user) -> QuerySet[Organisation]:
    """The organisations for which `user` may add local interventions."""
    s = scope(user)
    qs = Organisation.objects.all()
    return qs if s.is_admin else qs.filter(id__in=s.social_org_ids)


def policy(user, action: str, obj) -> bool:
    s = scope(user)
    if action == ADD_LOCAL:
        if obj is None:
            return s.is_admin or bool(s.social_org_ids)
        return s.is_admin or obj.pk in s.social_org_ids
    if action == EDIT:
        if obj.organisation_id is None:
            return False
        return s.is_admin or obj.organisation_id in s.social_org_ids
    return False
