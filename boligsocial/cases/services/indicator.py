"""Feeding the screening: house-rule cases per 100 leases per department and year (issue 4,
part 9) become values of the screening indicator `house_rule_cases_per_100` (seeded by
screening migration 0006), and the touched departments are re-screened.

The case module feeds the screening, not the other way round: the screening knows nothing of
cases, it only reads indicator values."""

from dataclasses import dataclass

from django.db import transaction

from boligsocial.cases.services.reports import house_rule_cases_per_100

INDICATOR_CODE = "house_rule_cases_per_100"
SOURCE = "Boligsocial: husordenssager"


@dataclass(frozen=True)
class FeedResult:
    year: int
    created: int
    updated: int
    unchanged: int
    removed: int


@transaction.atomic
def feed_screening(year: int) -> FeedResult:
    """Store this year's figure for every department of an organisation that uses the case
    module; remove the year's figure where it is no longer known; re-screen what changed."""
    from boligsocial.screening.models import Indicator, IndicatorValue
    from boligsocial.screening.services import compute

    indicator = Indicator.objects.get(code=INDICATOR_CODE)
    figures = house_rule_cases_per_100(year)
    existing = {
        v.department_id: v
        for v in IndicatorValue.objects.filter(
            indicator=indicator, year=year, department__isnull=False
        )
    }
    created, updated, changed = [], [], set()
    for department_id, value in figures.items():
        current = existing.get(department_id)
        if current is None:
            created.append(
                IndicatorValue(
                    indicator=indicator,
                    department_id=department_id,
                    year=year,
                    value=value,
                    source=SOURCE,
                )
            )
            changed.add(department_id)
        elif current.value != value:
            current.value = value
            current.source = SOURCE
            updated.append(current)
            changed.add(department_id)
    stale = [d for d in existing if d not in figures]
    IndicatorValue.objects.bulk_create(created)
    IndicatorValue.objects.bulk_update(updated, ["value", "source"])
    IndicatorValue.objects.filter(indicator=indicator, year=year, department_id__in=stale).delete()
    changed.update(stale)
    if changed:
        compute.screen(department_ids=sorted(changed), area_ids=[])
    return FeedResult(
        year=year,
        created=len(created),
        updated=len(updated),
        unchanged=len(figures) - len(created) - len(updated),
        removed=len(stale),
    )
