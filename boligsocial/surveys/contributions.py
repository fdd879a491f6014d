"""What the resident surveys add to the coordination's gaps (issue 17, part 3): a department
whose latest safety index (`safety_survey_score`, fed when a safety survey closes) is red in the
indicator's current legend is weak, with the reason shown on the gap. Registered with
`core.contributions` from `SurveysConfig.ready`, so coordination reads it without importing this
app.

Only published figures are used: a department whose result was suppressed fed no value, so it
gives no signal either. Constant queries (the legend, the values)."""

from boligsocial.core import contributions
from boligsocial.core.formatting import format_number

CODE = "safety_survey_score"
SIGNAL = "safety_survey"


def _ranges():
    from boligsocial.screening.models import LegendSet
    from boligsocial.screening.trafficlight.legends import Colour, LegendRange

    legend = (
        LegendSet.objects.filter(indicator__code=CODE)
        .order_by("-version")
        .prefetch_related("ranges")
        .first()
    )
    if legend is None:
        return []
    return [
        LegendRange(r.lower, r.upper, Colour(r.colour))
        for r in sorted(legend.ranges.all(), key=lambda r: r.position)
    ]


def low_safety_signals(*, municipality_code: int) -> list[contributions.PlaceSignal]:
    from boligsocial.screening.models import IndicatorValue
    from boligsocial.screening.trafficlight.legends import Colour, colour_for

    latest: dict[int, tuple] = {}
    for department_id, year, value in (
        IndicatorValue.objects.filter(
            indicator__code=CODE, department__municipality_id=municipality_code
        )
        .order_by("year")
        .values_list("department_id", "year", "value")
    ):
        latest[department_id] = (year, value)
    if not latest:
        return []
    ranges = _ranges()
    found = []
    for department_id, (year, value) in sorted(latest.items()):
        try:
            colour = colour_for(value, ranges)
        except ValueError:  # outside every range (or no legend): no judgement
            continue
        if colour is Colour.RED:
            found.append(
                contributions.PlaceSignal(
                    department_id=department_id,
                    area_id=None,
                    code=SIGNAL,
                    label=f"Lav tryghedsscore i beboerundersøgelsen {year}: "
                    f"{format_number(value, 1)} af 100",
                )
            )
    return found


def register() -> None:
    contributions.register_place_signal_provider(low_safety_signals)
