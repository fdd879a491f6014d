"""Legend and weight sets: read the current versions, save a new version (validated).

A legend set or weight set is never changed once saved: an edit is a new, higher version, so a
stored `Light` (which records the LegendSet ids and the WeightSet it used) can always be
reproduced with exactly the rules it was computed with."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.screening.models import (
    Indicator,
    IndicatorWeight,
    LegendRange,
    LegendSet,
    WeightSet,
)
from boligsocial.screening.trafficlight import legends as tl
from boligsocial.screening.trafficlight.scoring import CompositeThresholds

MAX_DECIMALS = 4
_SAVE_ATTEMPTS = 3


@dataclass(frozen=True)
class RangeInput:
    lower: Decimal | None
    upper: Decimal | None
    colour: str  # "green" | "yellow" | "red"


def current_legends() -> dict[int, LegendSet]:
    """indicator id -> its current (highest-version) legend set, ranges prefetched."""
    result: dict[int, LegendSet] = {}
    for legend_set in LegendSet.objects.order_by("indicator_id", "version").prefetch_related(
        "ranges"
    ):
        result[legend_set.indicator_id] = legend_set
    return result


def pure_ranges(ranges: Iterable) -> list[tl.LegendRange]:
    """Model rows or RangeInputs -> the pure module's ranges (in the given order)."""
    return [tl.LegendRange(r.lower, r.upper, tl.Colour(r.colour)) for r in ranges]


def _decimal_errors(ranges: Sequence[RangeInput]) -> list[str]:
    errors = []
    for number, item in enumerate(ranges, start=1):
        for bound in (item.lower, item.upper):
            if bound is None:
                continue
            if not isinstance(bound, Decimal) or not bound.is_finite():
                errors.append(f"Interval {number}: grænsen skal være et tal.")
            elif -bound.as_tuple().exponent > MAX_DECIMALS:  # type: ignore[operator]
                errors.append(
                    f"Interval {number}: grænsen {tl.format_number(bound)} har mere end "
                    f"{MAX_DECIMALS} decimaler."
                )
            elif abs(bound) >= Decimal(10) ** 10:
                errors.append(f"Interval {number}: grænsen er for stor.")
        if item.colour not in {c.value for c in tl.Colour}:
            errors.append(f"Interval {number}: ukendt farve.")
    return errors


def validate_ranges(ranges: Sequence[RangeInput]) -> list[str]:
    """Danish error messages (empty = valid)."""
    errors = _decimal_errors(ranges)
    if errors:
        return errors
    return tl.validate_legend(pure_ranges(ranges))


def save_new_version(
    indicator: Indicator, ranges: Sequence[RangeInput], user=None, note: str = ""
) -> LegendSet:
    """Validate and save `ranges` as the indicator's next legend version.

    Raises ValidationError with the Danish messages and changes nothing if invalid."""
    errors = validate_ranges(ranges)
    if errors:
        raise ValidationError(errors)
    for _attempt in range(_SAVE_ATTEMPTS):
        try:
            with transaction.atomic():
                latest = indicator.legend_sets.aggregate(v=Max("version"))["v"] or 0
                legend_set = LegendSet.objects.create(
                    indicator=indicator, version=latest + 1, created_by=user, note=note
                )
                LegendRange.objects.bulk_create(
                    LegendRange(
                        legend_set=legend_set,
                        position=position,
                        lower=item.lower,
                        upper=item.upper,
                        colour=item.colour,
                    )
                    for position, item in enumerate(ranges, start=1)
                )
                record_change(
                    actor=user,
                    obj=legend_set,
                    action=ChangeAction.CREATE,
                    changes={
                        "indicator": (None, indicator.code),
                        "version": (None, legend_set.version),
                        "ranges": (
                            None,
                            [[str(r.lower), str(r.upper), str(r.colour)] for r in ranges],
                        ),
                    },
                )
                return legend_set
        except IntegrityError:  # someone saved the same version number at the same time
            continue
    raise ValidationError("Farveskalaen kunne ikke gemmes. Prøv igen.")


def current_weight_set() -> WeightSet | None:
    return WeightSet.objects.order_by("-version").prefetch_related("weights").first()


def save_new_weight_set(
    weights: Mapping[Indicator | int, Decimal],
    user=None,
    note: str = "",
    *,
    yellow_from: Decimal | None = None,
    red_from: Decimal | None = None,
) -> WeightSet:
    """Validate and save the next weight set (thresholds default to the current set's).

    Raises ValidationError with Danish messages and changes nothing if invalid."""
    current = current_weight_set()
    yellow = yellow_from if yellow_from is not None else (current.yellow_from if current else None)
    red = red_from if red_from is not None else (current.red_from if current else None)
    yellow = Decimal("33.34") if yellow is None else yellow
    red = Decimal("66.67") if red is None else red
    errors: list[str] = []
    ids = {(k.pk if isinstance(k, Indicator) else int(k)): v for k, v in weights.items()}
    known = dict(Indicator.objects.filter(pk__in=ids).values_list("pk", "name"))
    for pk, weight in ids.items():
        name = known.get(pk)
        if name is None:
            errors.append("En vægt hører til en indikator, der ikke findes.")
        elif not isinstance(weight, Decimal) or not weight.is_finite():
            errors.append(f"Vægten for {name} skal være et tal.")
        elif weight < 0:
            errors.append(f"Vægten for {name} må ikke være negativ.")
        elif weight >= 1000 or -weight.as_tuple().exponent > 3:  # type: ignore[operator]
            errors.append(f"Vægten for {name} skal være under 1.000 med højst 3 decimaler.")
    if not any(w > 0 for w in ids.values() if isinstance(w, Decimal) and w.is_finite()):
        errors.append("Mindst én indikator skal have en vægt over 0.")
    for label, value in (("gul", yellow), ("rød", red)):
        if -value.as_tuple().exponent > 2:  # type: ignore[operator]
            errors.append(f"Grænsen for {label} må højst have 2 decimaler.")
    try:
        CompositeThresholds(yellow, red)
    except ValueError as exc:
        errors.append(str(exc))
    if errors:
        raise ValidationError(errors)
    for _attempt in range(_SAVE_ATTEMPTS):
        try:
            with transaction.atomic():
                latest = WeightSet.objects.aggregate(v=Max("version"))["v"] or 0
                weight_set = WeightSet.objects.create(
                    version=latest + 1,
                    created_by=user,
                    note=note,
                    yellow_from=yellow,
                    red_from=red,
                )
                IndicatorWeight.objects.bulk_create(
                    IndicatorWeight(weight_set=weight_set, indicator_id=pk, weight=w)
                    for pk, w in ids.items()
                )
                record_change(
                    actor=user,
                    obj=weight_set,
                    action=ChangeAction.CREATE,
                    changes={
                        "version": (None, weight_set.version),
                        "yellow_from": (None, yellow),
                        "red_from": (None, red),
                        "weights": (None, {str(pk): str(w) for pk, w in ids.items()}),
                    },
                )
                return weight_set
        except IntegrityError:
            continue
    raise ValidationError("Vægtene kunne ikke gemmes. Prøv igen.")


def legend_used(light, code: str) -> LegendSet | None:
    """The legend set a stored light used for indicator `code` (None if it had no colour)."""
    legend_set_id = (light.legend_versions or {}).get(code)
    if legend_set_id is None:
        return None
    return LegendSet.objects.prefetch_related("ranges").get(pk=legend_set_id)
