"""What a screen screens with, read once per screen: the indicators, the legends, the weights,
the composite thresholds and the follow-up policies (`load_config`).

`load_config()` reads the current versions; `load_config(legend_set_ids, weight_set_id)` reads
exactly the versions a stored light recorded (to reproduce it). The rules themselves are in
`trafficlight/`; this is their input, in the shapes the single and the bulk path use."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from boligsocial.screening.engine.scaled import to_decimal, to_scaled
from boligsocial.screening.models import (
    Indicator,
    IndicatorWeight,
    LegendRange,
    LegendSet,
    ScreeningPolicy,
    Source,
    WeightSet,
)
from boligsocial.screening.trafficlight import analysis as tl_analysis
from boligsocial.screening.trafficlight import legends as tl_legends
from boligsocial.screening.trafficlight.scoring import CompositeThresholds

RATIO_CODE = "convicted_ratio_national"
CONVICTED_CODE = "convicted"
RESIDENTS_CODE = "residents"

UNIT_LABELS = {
    "percent": tl_analysis.PERCENT,
    "count": "",
    "ratio": "",
    "per_100": "pr. 100 lejemål",
    "per_1000": "pr. 1.000 lejemål",
    "kr": "kr.",
    "score": "point",
}


@dataclass(frozen=True)
class CompiledLegend:
    """An indicator's legend set as a screen uses it: the scaled lower bounds of ranges 2..n
    and the colours of ranges 1..n (what the bulk path turns into column expressions), and
    the same ranges as the pure module's `LegendRange`s (`ranges`, what the single path
    colours with: `trafficlight.legends.colour_for`). A legend set is validated when it is
    saved, so each range ends where the next begins and the lower bounds say it all."""

    legend_set_id: int
    version: int
    boundaries: tuple[int, ...]  # lower bounds of ranges 2..n, scaled
    colours: tuple[str, ...]
    ranges: tuple[tl_legends.LegendRange, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        edges = [None, *(to_decimal(b) for b in self.boundaries), None]
        ranges = tuple(
            tl_legends.LegendRange(edges[k], edges[k + 1], tl_legends.Colour(colour))
            for k, colour in enumerate(self.colours)
        )
        object.__setattr__(self, "ranges", ranges)


@dataclass(frozen=True)
class Info:
    id: int
    code: str
    name: str  # as written mid-sentence
    unit: str
    higher_worse: bool
    in_light: bool
    decimals: int
    theme: str
    suppressible: bool


@dataclass(frozen=True)
class Policy:
    min_residents: int
    follow_up: dict[str, str]
    review_months: dict[str, int]


@dataclass
class Config:
    infos: list[Info]
    by_code: dict[str, Info]
    legends: dict[int, CompiledLegend]
    weight_set_id: int
    weights: dict[int, Decimal]
    thresholds: CompositeThresholds
    policies: dict[int | None, Policy]
    light_infos: list[Info] = field(init=False)
    weights_scaled: dict[int, int] = field(init=False)  # weights have 3 decimals
    ids: dict[str, int] = field(init=False)  # {code: id}, for the stored cells

    def __post_init__(self) -> None:
        self.light_infos = [i for i in self.infos if i.in_light and i.id in self.legends]
        self.weights_scaled = {k: int(w.scaleb(3)) for k, w in self.weights.items()}
        self.ids = {i.code: i.id for i in self.infos}

    def policy(self, organisation_id: int | None) -> Policy:
        return self.policies.get(organisation_id) or self.policies[None]


def _policy(row: ScreeningPolicy) -> Policy:
    return Policy(
        row.min_residents,
        {"green": row.follow_up_green, "yellow": row.follow_up_yellow, "red": row.follow_up_red},
        {
            "green": row.review_months_green,
            "yellow": row.review_months_yellow,
            "red": row.review_months_red,
        },
    )


def load_config(legend_set_ids=None, weight_set_id: int | None = None) -> Config:
    """The rules to screen with: the current legends and weights, or (to reproduce a stored
    light) exactly the given legend sets and weight set."""
    infos = [
        Info(
            i.pk,
            i.code,
            i.name[:1].lower() + i.name[1:],
            UNIT_LABELS.get(i.unit, ""),
            i.polarity == "higher_worse",
            i.in_light,
            i.decimals,
            i.theme,
            i.source != Source.OPERATIONAL and i.code != RESIDENTS_CODE,
        )
        for i in Indicator.objects.filter(is_active=True).order_by("position", "code")
    ]
    legend_sets = LegendSet.objects.order_by("indicator_id", "version")
    if legend_set_ids is not None:
        legend_sets = legend_sets.filter(pk__in=list(legend_set_ids))
    latest: dict[int, tuple[int, int]] = {}
    for pk, indicator_id, version in legend_sets.values_list("id", "indicator_id", "version"):
        latest[indicator_id] = (pk, version)
    ranges: dict[int, list[tuple]] = defaultdict(list)
    range_rows = LegendRange.objects.filter(legend_set_id__in=[pk for pk, _ in latest.values()])
    for legend_set_id, lower, colour in range_rows.order_by(
        "legend_set_id", "position"
    ).values_list("legend_set_id", "lower", "colour"):
        ranges[legend_set_id].append((lower, colour))
    legends = {
        ind: CompiledLegend(
            pk,
            version,
            tuple(to_scaled(lower) for lower, _ in ranges[pk][1:]),
            tuple(colour for _, colour in ranges[pk]),
        )
        for ind, (pk, version) in latest.items()
    }
    weight_sets = WeightSet.objects.order_by("-version")
    if weight_set_id is not None:
        weight_sets = weight_sets.filter(pk=weight_set_id)
    weight_set = weight_sets.first()
    if weight_set is None:
        raise RuntimeError("Der er ingen vægte (WeightSet) at screene med.")
    weights = dict(
        IndicatorWeight.objects.filter(weight_set=weight_set).values_list("indicator_id", "weight")
    )
    policies = {p.organisation_id: _policy(p) for p in ScreeningPolicy.objects.all()}
    if None not in policies:
        policies[None] = _policy(ScreeningPolicy())  # the model's defaults
    return Config(
        infos,
        {i.code: i for i in infos},
        legends,
        weight_set.pk,
        weights,
        CompositeThresholds(weight_set.yellow_from, weight_set.red_from),
        policies,
    )
