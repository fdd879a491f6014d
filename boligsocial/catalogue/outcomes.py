"""What happened to an intervention's target indicator where it ran, against departments where
it did not: a difference in differences (issue 16 part 3).

Contract:

* `treated` maps each department where the intervention ran to ``(first_year, {year: value})``;
  `controls` maps each department where it did not run to ``{year: value}``.
* For a treated department with first year *s*, its *before* years are its years with a value
  before *s*, its *after* years those from *s* on. Its change is mean(after) − mean(before).
* Its comparison change is the mean, over the control departments with a value in at least one
  of those before years and one of those after years, of each control's mean over the same after
  years minus its mean over the same before years.
* A treated department counts when it has before and after years and at least one control.
  The estimate is the mean over counted departments of (change − comparison change), computed
  exactly (fractions) and rounded half-even to 4 decimals.
* With fewer than `MIN_TREATED` counted departments or fewer than `MIN_CONTROLS` distinct
  controls used, there is no estimate: ``enough`` is False and ``effect`` None ("for få data").
  The counts are always given.

`pairs` (optional) maps a treated department to the control departments it is compared with
(its twins); without it every control is a candidate. `differences` are the counted departments'
(change − comparison change), exact, in department order (for a confidence interval).

The sign is the indicator's own: a negative effect on a "higher is worse" indicator is an
improvement; `verdict` says which. No Django import."""

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

MIN_TREATED = 3
MIN_CONTROLS = 3
_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Outcome:
    effect: Decimal | None
    treated: int  # treated departments counted
    controls: int  # distinct control departments used
    first_year: int | None
    last_year: int | None
    differences: tuple[Fraction, ...] = ()

    @property
    def enough(self) -> bool:
        return self.effect is not None


def _mean(values) -> Fraction:
    values = [Fraction(v) for v in values]
    return sum(values, Fraction(0)) / len(values)


def _window_change(series: dict, before: list[int], after: list[int]) -> Fraction | None:
    b = [series[y] for y in before if y in series]
    a = [series[y] for y in after if y in series]
    if not b or not a:
        return None
    return _mean(a) - _mean(b)


def difference_in_differences(
    treated: dict[int, tuple[int, dict[int, Decimal]]],
    controls: dict[int, dict[int, Decimal]],
    pairs: dict[int, set[int]] | None = None,
) -> Outcome:
    diffs: list[Fraction] = []
    used: set[int] = set()
    years: set[int] = set()
    for unit, (start, series) in sorted(treated.items()):
        before = sorted(y for y in series if y < start)
        after = sorted(y for y in series if y >= start)
        if not before or not after:
            continue
        changes = {}
        for control, control_series in sorted(controls.items()):
            if control in treated or (pairs is not None and control not in pairs.get(unit, ())):
                continue
            change = _window_change(control_series, before, after)
            if change is not None:
                changes[control] = change
        if not changes:
            continue
        own = _mean(series[y] for y in after) - _mean(series[y] for y in before)
        diffs.append(own - _mean(changes.values()))
        used.update(changes)
        years.update(before + after)
    effect = None
    if len(diffs) >= MIN_TREATED and len(used) >= MIN_CONTROLS:
        exact = _mean(diffs)
        effect = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            _PLACES, rounding=ROUND_HALF_EVEN
        )
    return Outcome(
        effect=effect,
        treated=len(diffs),
        controls=len(used),
        first_year=min(years) if years else None,
        last_year=max(years) if years else None,
        differences=tuple(diffs),
    )


def verdict(effect: Decimal | None, higher_is_worse: bool) -> str:
    """ "better", "worse", "unchanged" or "" (no estimate), in the indicator's direction."""
    if effect is None:
        return ""
    if effect == 0:
        return "unchanged"
    improved = effect < 0 if higher_is_worse else effect > 0
    return "better" if improved else "worse"
