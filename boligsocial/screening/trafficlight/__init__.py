"""Det boligsociale trafiklys: regler uden Django / traffic-light rules, no Django import.

* ``legends``: farveskalaer (DHIS2-legend sets) og validering med danske fejlbeskeder;
* ``scoring``: udvikling, 3-års-retning, samlet score, diskretionering og opfølgning;
* ``analysis``: den skriftlige analyse på dansk;
* ``format_number``: dansk talformat (boligsocial.core.formatting).
"""

from boligsocial.core.formatting import format_number
from boligsocial.screening.trafficlight.analysis import (
    Comparison,
    IndicatorResult,
    analyse,
    join_danish,
)
from boligsocial.screening.trafficlight.legends import (
    Colour,
    LegendRange,
    colour_for,
    validate_legend,
)
from boligsocial.screening.trafficlight.scoring import (
    DEFAULT_FOLLOW_UP,
    DEFAULT_STABLE_TOLERANCE,
    DEFAULT_THRESHOLDS,
    POINTS,
    CompositeResult,
    CompositeThresholds,
    Direction,
    Polarity,
    Trend,
    composite,
    direction,
    follow_up,
    least_squares_slope,
    since_when,
    suppress,
    trend,
)

__all__ = [
    "DEFAULT_FOLLOW_UP",
    "DEFAULT_STABLE_TOLERANCE",
    "DEFAULT_THRESHOLDS",
    "POINTS",
    "Colour",
    "Comparison",
    "CompositeResult",
    "CompositeThresholds",
    "Direction",
    "IndicatorResult",
    "LegendRange",
    "Polarity",
    "Trend",
    "analyse",
    "colour_for",
    "composite",
    "direction",
    "follow_up",
    "format_number",
    "join_danish",
    "least_squares_slope",
    "since_when",
    "suppress",
    "trend",
    "validate_legend",
]
