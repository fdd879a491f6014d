"""The confidence interval of an effect measurement (issue 18 part 6): a pure rule, no Django.

The effect is the catalogue's difference in differences (`catalogue.outcomes`): the mean over
the counted departments of (own change − the twins' change). Its 95 % confidence interval is
the mean ± t(0.975, n − 1) × s / √n, where s is the sample standard deviation of the
departments' differences and t Student's quantile (table below; for more than 30 degrees of
freedom the nearest lower tabled value, which is wider, never narrower). Computed on exact
fractions, the square root in 40-digit decimals, the bounds rounded half-even to 4 decimals.

The interval says how much the departments' differences vary, not that the intervention caused
them: the departments were not chosen at random (the page says so in plain Danish)."""

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

_PLACES = Decimal("0.0001")

#: Student's t, 97.5 % quantile, by degrees of freedom.
T975 = {
    1: "12.706",
    2: "4.303",
    3: "3.182",
    4: "2.776",
    5: "2.571",
    6: "2.447",
    7: "2.365",
    8: "2.306",
    9: "2.262",
    10: "2.228",
    11: "2.201",
    12: "2.179",
    13: "2.160",
    14: "2.145",
    15: "2.131",
    16: "2.120",
    17: "2.110",
    18: "2.101",
    19: "2.093",
    20: "2.086",
    21: "2.080",
    22: "2.074",
    23: "2.069",
    24: "2.064",
    25: "2.060",
    26: "2.056",
    27: "2.052",
    28: "2.048",
    29: "2.045",
    30: "2.042",
    40: "2.021",
    60: "2.000",
    120: "1.980",
}


def t_quantile(df: int) -> Decimal:
    if df < 1:
        raise ValueError("at least one degree of freedom")
    return Decimal(T975[max(k for k in T975 if k <= df)])


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def confidence_interval(differences: Sequence[Fraction]) -> tuple[Decimal, Decimal] | None:
    """The 95 % interval of the mean of `differences`, or None with fewer than two."""
    n = len(differences)
    if n < 2:
        return None
    values = [Fraction(d) for d in differences]
    mean = sum(values, Fraction(0)) / n
    variance = sum(((v - mean) ** 2 for v in values), Fraction(0)) / (n - 1)
    with localcontext() as ctx:
        ctx.prec = 40
        half = t_quantile(n - 1) * (_decimal(variance / n)).sqrt()
        centre = _decimal(mean)
        low, high = centre - half, centre + half
    return (
        low.quantize(_PLACES, rounding=ROUND_HALF_EVEN),
        high.quantize(_PLACES, rounding=ROUND_HALF_EVEN),
    )


def success_rate(effect: Decimal | None, unit: str, higher_is_worse: bool) -> Decimal | None:
    """A business case's success rate from a measured effect on a share (percentage points):
    the improvement / 100, 0 when the indicator got worse, None without an estimate or when the
    indicator is not a share."""
    if effect is None or unit != "percent":
        return None
    improvement = -effect if higher_is_worse else effect
    return min(Decimal(1), max(Decimal(0), improvement / 100))
