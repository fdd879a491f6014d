"""The arrow beside a scorecard value (screening/arrows.py): the value's direction, coloured by
better/worse. Pure Python."""

from decimal import Decimal

import pytest

from boligsocial.screening.arrows import DOWN, FLAT, UP, Arrow, arrow
from boligsocial.screening.trafficlight.scoring import Polarity, trend


@pytest.mark.parametrize(
    ("trend_", "higher_is_worse", "direction", "tone", "glyph"),
    [
        ("worse", True, UP, "worse", "↗"),  # e.g. unemployment rose: up, red
        ("better", True, DOWN, "better", "↘"),  # unemployment fell: down, green
        ("worse", False, DOWN, "worse", "↘"),  # income fell: down, red
        ("better", False, UP, "better", "↗"),  # income rose: up, green
        ("unchanged", True, FLAT, "unchanged", "→"),
        ("unchanged", False, FLAT, "unchanged", "→"),
    ],
)
def test_the_arrow_follows_the_value_and_the_colour_the_verdict(
    trend_, higher_is_worse, direction, tone, glyph
):
    a = arrow(trend_, higher_is_worse=higher_is_worse)
    assert (a.direction, a.tone, a.glyph) == (direction, tone, glyph)


@pytest.mark.parametrize("trend_", [None, ""])
def test_no_trend_no_arrow(trend_):
    assert arrow(trend_, higher_is_worse=True) is None


def test_an_unknown_trend_is_refused():
    with pytest.raises(ValueError):
        arrow("sideways", higher_is_worse=True)


@pytest.mark.parametrize(
    ("previous", "current", "polarity", "direction"),
    [
        ("10.0", "12.5", Polarity.HIGHER_IS_WORSE, UP),
        ("12.5", "10.0", Polarity.HIGHER_IS_WORSE, DOWN),
        ("80", "85", Polarity.HIGHER_IS_BETTER, UP),
        ("85", "80", Polarity.HIGHER_IS_BETTER, DOWN),
        ("7", "7", Polarity.HIGHER_IS_BETTER, FLAT),
    ],
)
def test_a_rising_value_never_gets_a_down_arrow(previous, current, polarity, direction):
    # the sparkline's last segment runs from `previous` to `current`
    t = trend(Decimal(current), Decimal(previous), polarity)
    a = arrow(t, higher_is_worse=polarity is Polarity.HIGHER_IS_WORSE)
    assert a.direction == direction
    assert a == Arrow(direction, t)
