"""The catalogue's reads: the list, one intervention's page with its outcome panel."""

from dataclasses import dataclass

from django.db.models import Prefetch

from boligsocial.catalogue.models import Intervention, LbfArea
from boligsocial.catalogue.outcomes import (
    Outcome,
    difference_in_differences,
    verdict,
)
from boligsocial.core.contributions import intervention_uses
from boligsocial.organisations.models import Department
from boligsocial.screening.models import IndicatorValue


def for_list(queryset):
    return queryset.select_related("main_area", "organisation").prefetch_related(
        Prefetch("areas", queryset=LbfArea.objects.select_related("period"))
    )


@dataclass
class OutcomeRow:
    indicator: object
    outcome: Outcome
    verdict: str


def outcome_rows(intervention: Intervention) -> tuple[int, list[OutcomeRow]]:
    """Per target indicator, the difference in differences between the departments where the
    intervention ran (from plan activities, through core.contributions) and the departments of
    the same municipalities where it did not. Returns (number of departments, rows)."""
    uses = intervention_uses(intervention.pk)
    indicators = list(intervention.indicators.order_by("position", "code"))
    if not uses or not indicators:
        return len(uses), [OutcomeRow(i, Outcome(None, 0, 0, None, None), "") for i in indicators]
    treated_ids = {u.department_id: u.first_year for u in uses}
    municipalities = Department.objects.filter(pk__in=treated_ids).values("municipality_id")
    values = IndicatorValue.objects.filter(
        indicator__in=indicators,
        department__municipality_id__in=municipalities,
    ).values_list("indicator_id", "department_id", "year", "value")
    series: dict[int, dict[int, dict]] = {}
    for indicator_id, department_id, year, value in values:
        series.setdefault(indicator_id, {}).setdefault(department_id, {})[year] = value
    rows = []
    for indicator in indicators:
        by_department = series.get(indicator.pk, {})
        treated = {
            d: (first, by_department[d]) for d, first in treated_ids.items() if d in by_department
        }
        controls = {d: s for d, s in by_department.items() if d not in treated_ids}
        outcome = difference_in_differences(treated, controls)
        rows.append(
            OutcomeRow(
                indicator, outcome, verdict(outcome.effect, indicator.polarity == "higher_worse")
            )
        )
    return len(uses), rows
