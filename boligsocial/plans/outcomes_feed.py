"""Where a catalogue intervention ran, for the catalogue's outcome panel
(core.contributions.intervention_uses): each department of a plan with an activity linked to
the intervention, from the activity's first year. Only plans that were decided (approved,
running or ended): a draft or a plan awaiting approval is an intention, not a place where the
intervention ran, and would put departments among the treated that never had it."""

from boligsocial.core.contributions import InterventionUse
from boligsocial.plans.models import LOCKED, Activity


def uses_of(intervention_id: int) -> list[InterventionUse]:
    rows = Activity.objects.filter(
        intervention_id=intervention_id, plan__status__in=LOCKED
    ).values_list("first_year", "plan__departments")
    return [InterventionUse(dept, year) for year, dept in rows if dept is not None]
