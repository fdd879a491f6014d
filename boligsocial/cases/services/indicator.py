"""Feeding the screening: house-rule cases per 100 leases per department and year (issue 4,
part 9) become values of the screening indicator `house_rule_cases_per_100` (seeded by
screening migration 0006), and the touched departments are re-screened.

The case module feeds the screening, not the other way round: the screening knows nothing of
cases, it only reads indicator values. The writing is the screening's own
(`screening.feeds.replace_values`, decision 0016): this module only computes the figures."""

from dataclasses import dataclass

from boligsocial.cases.services.reports import house_rule_cases_per_100
from boligsocial.screening.feeds import replace_values

INDICATOR_CODE = "house_rule_cases_per_100"
SOURCE = "Boligsocial: husordenssager"


@dataclass(frozen=True)
class FeedResult:
    year: int
    created: int
    updated: int
    unchanged: int
    removed: int


def feed_screening(year: int) -> FeedResult:
    """Store this year's figure for every department of an organisation that uses the case
    module; remove the year's figure where it is no longer known; re-screen what changed."""
    result = replace_values(
        indicator_code=INDICATOR_CODE,
        year=year,
        values=house_rule_cases_per_100(year),
        source=SOURCE,
    )
    return FeedResult(
        year=year,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        removed=result.deleted,
    )
