"""Screening: from stored indicator values to stored traffic lights and statutory statuses.

`screen()` reads the values of the departments/areas asked for, runs the traffic-light rules
(`trafficlight/`) and the statutory engine (`statutory.py`) and replaces their `Light` and
`StatutoryStatus` rows. Built for screening all of Denmark at once (benchmark P1, decisions
0005 and 0010):

* the values are read per chunk of scopes straight into a polars frame (on SQLite one
  `group_concat` text of "key,value" lines, on PostgreSQL two `string_agg` byteas of binary
  64-bit integers; scope, indicator and year packed into one key), already scaled to integers
  (`IndicatorValue.scaled` = value x 10,000, kept by the database: values have 4 decimals) so
  that every rule is exact integer arithmetic;
* `bulk.light_rows` computes the lights of a chunk vectorised; `compute_scope` below is the
  same computation for one scope in plain Python (the reference the bulk path is tested
  against, and the fallback for values too large for 64-bit arithmetic); both give exactly
  what the pure `trafficlight` functions give on the same decimals (tested);
* legends are compiled once into sorted boundaries (a value on a boundary belongs to the upper
  range, as in `trafficlight.legends`), weights and policies are read once;
* results are written with one DELETE and a bulk insert per chunk (`executemany` on SQLite,
  `COPY ... FROM STDIN` on PostgreSQL); no per-row queries. A light's indicators are stored as
  the compact text of `screening.cells`;
* outside a transaction, the chunks run as a pipeline: read on a second connection, compute
  here, write on a writer thread (`_pipelined`);
* the Danish analysis is **not** written here: `Light.analysis` renders it from the stored
  facts and the comparison figures when it is first read (`services/analysis.py`) and caches it
  in `Light.analysis_text`. A screen writes fresh rows with a blank text.

Derived values: when a scope has no stored `convicted_ratio_national` for a year, it is
`convicted` / the national `convicted`, truncated to 4 decimals (truncation keeps the colour
exact: for a threshold t with 4 decimals, x >= t exactly when trunc(x) >= t).

Suppression: register and survey figures (not operational ones, which the organisation counts
itself, and not the number of residents) of a scope with fewer residents than the policy's
`min_residents`, or with an unknown number of residents, are stored as suppressed (no value,
no colour), as `trafficlight.scoring.suppress` does.

`screen(department_ids=..., area_ids=...)`: with both None everything is screened; if only one
is given, only those scopes are (no areas when only departments are asked for). `years`
restricts the years stored; all years are read, because trend, direction and "since" look back.
"""

from __future__ import annotations

import array
import io
import itertools
import json
import sys
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Context, Decimal
from fractions import Fraction

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from boligsocial.organisations.models import Area, Department
from boligsocial.screening import cells, statutory
from boligsocial.screening.models import (
    Indicator,
    IndicatorValue,
    IndicatorWeight,
    LegendRange,
    LegendSet,
    Light,
    PublishedListMembership,
    ScreeningPolicy,
    Source,
    StatutoryStatus,
    WeightSet,
)
from boligsocial.screening.trafficlight import analysis as tl_analysis
from boligsocial.screening.trafficlight.legends import Colour
from boligsocial.screening.trafficlight.scoring import (
    DEFAULT_STABLE_TOLERANCE,
    POINTS,
    CompositeThresholds,
)

SCALE = 10_000  # values have 4 decimals
CHUNK = 2_000  # scopes per write / id-list query
RATIO_CODE = "convicted_ratio_national"
CONVICTED_CODE = "convicted"
RESIDENTS_CODE = "residents"
_TOL = Fraction(DEFAULT_STABLE_TOLERANCE)
_CTX = Context(prec=40, rounding=ROUND_HALF_EVEN)
_Q4 = Decimal("0.0001")
_COLOURS = {c.value: c for c in Colour}
_POINTS = {c.value: p for c, p in POINTS.items()}

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
class ScreenStats:
    departments: int = 0
    areas: int = 0
    lights: int = 0
    statuses: int = 0
    seconds: float = 0.0


# --- configuration, read once per screen ------------------------------------------------------


@dataclass(frozen=True)
class CompiledLegend:
    legend_set_id: int
    version: int
    boundaries: tuple[int, ...]  # lower bounds of ranges 2..n, scaled
    colours: tuple[str, ...]

    def colour(self, scaled: int) -> str:
        return self.colours[bisect_right(self.boundaries, scaled)]


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


def _scaled(value: Decimal | None) -> int | None:
    return None if value is None else int(value.scaleb(4))


def compile_legend(legend_set: LegendSet, ranges) -> CompiledLegend:
    ranges = sorted(ranges, key=lambda r: r.position)
    return CompiledLegend(
        legend_set.pk,
        legend_set.version,
        tuple(_scaled(r.lower) for r in ranges[1:]),
        tuple(r.colour for r in ranges),
    )


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
            tuple(_scaled(lower) for lower, _ in ranges[pk][1:]),
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


# --- reading ----------------------------------------------------------------------------------


def _chunks(ids: list[int], size: int | None = None) -> Iterator[list[int]]:
    size = size or CHUNK
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def read_values(column: str, ids: list[int] | None) -> Iterator[tuple[int, dict[int, dict]]]:
    """(scope id, {indicator id: {year: scaled value}}) per scope, in scope order."""
    table = IndicatorValue._meta.db_table
    base = (
        f"SELECT {column}, indicator_id, year, scaled FROM {table} "  # noqa: S608
        f"WHERE {column} IS NOT NULL"
    )
    order = f" ORDER BY {column}, indicator_id, year"
    batches = [None] if ids is None else list(_chunks(sorted(ids)))
    with connection.cursor() as cursor:
        for batch in batches:
            if batch is None:
                cursor.execute(base + order)
            else:
                marks = ",".join(["%s"] * len(batch))
                cursor.execute(f"{base} AND {column} IN ({marks}){order}", batch)
            while True:
                rows = cursor.fetchmany(20_000)
                if not rows:
                    break
                yield from rows


def grouped(rows: Iterable[tuple]) -> Iterator[tuple[int, dict[int, dict[int, int]]]]:
    for scope_id, scope_rows in itertools.groupby(rows, key=lambda r: r[0]):
        values: dict[int, dict[int, int]] = {}
        for ind, ind_rows in itertools.groupby(scope_rows, key=lambda r: r[1]):
            values[ind] = {r[2]: r[3] for r in ind_rows}
        yield scope_id, values


def read_national() -> dict[int, dict[int, int]]:
    """{indicator id: {year: national value x 10,000}} (the rows without department and area)."""
    sql = (
        f"SELECT indicator_id, year, scaled FROM {IndicatorValue._meta.db_table} "  # noqa: S608
        "WHERE department_id IS NULL AND area_id IS NULL"
    )
    national: dict[int, dict[int, int]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for ind, year, value in cursor.fetchall():
            national[ind][year] = value
    return national


# --- computing one scope ----------------------------------------------------------------------


def _dec(scaled: int) -> Decimal:
    return Decimal(scaled).scaleb(-4)


def _text(scaled: int) -> str:
    return str(_dec(scaled))


def fast_direction(points: list[tuple[int, int]], higher_worse: bool) -> str | None:
    """`trafficlight.scoring.direction` on (year, scaled value) points of the window, exactly."""
    n = len(points)
    if n < 2:
        return None
    st = sum(t for t, _ in points)
    sv = sum(v for _, v in points)
    stt = sum(t * t for t, _ in points)
    stv = sum(t * v for t, v in points)
    num = n * stv - st * sv  # slope = num / den, den > 0
    den = n * stt - st * st
    # stable: |num/den| <= tol * |sv/n|
    if abs(num) * n * _TOL.denominator <= _TOL.numerator * den * abs(sv):
        return "stable"
    return "worsening" if (num > 0) == higher_worse else "improving"


def _trend(current: int | None, previous: int | None, higher_worse: bool) -> str | None:
    if current is None or previous is None:
        return None
    if current == previous:
        return "unchanged"
    return "worse" if (current > previous) == higher_worse else "better"


def _with_derived_ratio(cfg: Config, values: dict, national: dict) -> None:
    ratio, convicted = cfg.by_code.get(RATIO_CODE), cfg.by_code.get(CONVICTED_CODE)
    if ratio is None or convicted is None or convicted.id not in values:
        return
    national_convicted = national.get(convicted.id, {})
    stored = values.get(ratio.id, {})
    derived = dict(stored)
    for year, value in values[convicted.id].items():
        base = national_convicted.get(year)
        if year not in stored and base:
            derived[year] = value * SCALE // base
    values[ratio.id] = derived


def compute_scope(
    cfg: Config,
    values: dict[int, dict[int, int]],
    policy: Policy,
    years: set[int] | None,
) -> list[tuple]:
    """[(year, score, colour, indicators, recommendation, follow_up, review_months,
    legend_versions)] for every year with a value (restricted to `years`): the single-scope
    path, the reference for `bulk.light_rows`."""
    all_years = sorted({y for by_year in values.values() for y in by_year})
    if not all_years:
        return []
    residents_info = cfg.by_code.get(RESIDENTS_CODE)
    residents = values.get(residents_info.id, {}) if residents_info else {}
    min_scaled = policy.min_residents * SCALE
    effective: dict[int, dict[int, int | None]] = {}
    suppressed_years: set[int] = {
        y for y in all_years if residents.get(y) is None or residents[y] < min_scaled
    }
    for info in cfg.infos:
        by_year = values.get(info.id)
        if not by_year:
            continue
        if info.suppressible and suppressed_years:
            effective[info.id] = {
                y: (None if y in suppressed_years else v) for y, v in by_year.items()
            }
        else:
            effective[info.id] = by_year
    colours: dict[int, dict[int, str]] = {}
    for info in cfg.light_infos:
        eff = effective.get(info.id)
        if eff:
            legend = cfg.legends[info.id]
            colours[info.id] = {y: legend.colour(v) for y, v in eff.items() if v is not None}
    legend_versions = {
        info.code: cfg.legends[info.id].legend_set_id
        for info in cfg.light_infos
        if colours.get(info.id)
    }
    weights = cfg.weights_scaled
    out = []
    for year in all_years:
        if years is not None and year not in years:
            continue
        indicators: dict[str, dict] = {}
        num = used = 0  # weights x 1,000, as integers
        reds: list[Info] = []
        for info in cfg.infos:
            eff = effective.get(info.id)
            if eff is None or year not in eff:
                continue
            value = eff[year]
            entry = {
                "value": None if value is None else _text(value),
                "colour": None,
                "trend": None,
                "direction": None,
                "since": None,
                "suppressed": value is None,
                "legend_version": None,
            }
            indicators[info.code] = entry
            if value is None or info.id not in colours:
                continue
            by_colour = colours[info.id]
            colour = by_colour[year]
            trend = _trend(value, eff.get(year - 1), info.higher_worse)
            window = [
                (t - year, eff[t]) for t in (year - 2, year - 1, year) if eff.get(t) is not None
            ]
            direction = fast_direction(window, info.higher_worse)
            since = year
            while by_colour.get(since - 1) == colour:
                since -= 1
            entry.update(
                colour=colour,
                trend=trend,
                direction=direction,
                since=since,
                legend_version=cfg.legends[info.id].version,
            )
            weight = weights.get(info.id, 0)
            if weight:
                num += weight * _POINTS[colour]
                used += weight
            if colour == "red":
                reds.append(info)
        if used:
            light_colour = cfg.thresholds.colour_for_score(Fraction(num, used)).value
            score = _CTX.divide(Decimal(num), Decimal(used)).quantize(_Q4, context=_CTX)
        else:
            light_colour, score = "none", None
        themes = list(dict.fromkeys(i.theme for i in reds if i.theme))
        out.append(
            (
                year,
                score,
                light_colour,
                indicators,
                themes,
                policy.follow_up.get(light_colour, ""),
                policy.review_months.get(light_colour),
                {code: v for code, v in legend_versions.items() if code in indicators},
            )
        )
    return out


# --- statutory lists --------------------------------------------------------------------------

_STATUTORY_FIELDS = {
    "residents": RESIDENTS_CODE,
    "pct_outside_work_education": "outside_work_education",
    "pct_convicted": CONVICTED_CODE,
    "pct_basic_education": "basic_education",
    "income_pct_of_region": "income_pct_region",
    "pct_nonwestern": "nonwestern",
}


def _statutory_ids() -> dict[str, int]:
    """CriterionValues field -> indicator id, from Indicator.statutory_key."""
    keyed = dict(Indicator.objects.exclude(statutory_key="").values_list("statutory_key", "id"))
    return keyed


def observations(
    values: dict[int, dict[int, int]],
    published: dict[int, set[str]],
    national: dict[int, dict[int, int]],
    field_ids: dict[str, int],
) -> list[statutory.Observation]:
    """One observation per year: criterion values when all are known (and the year is 2018 or
    later), otherwise the published lists of that year, otherwise nothing (the year is missing)."""
    convicted_id = field_ids.get("pct_convicted")
    national_convicted = national.get(convicted_id, {}) if convicted_id else {}
    national_key = field_ids.get("national_pct_convicted")
    years = {y for by_year in values.values() for y in by_year} | set(published)
    result = []
    for year in sorted(years):
        obs = None
        if year >= statutory.FIRST_RULE_YEAR:
            obs = _values_observation(values, year, field_ids, national_convicted, national_key)
        if obs is None and year in published:
            obs = statutory.Observation(year, published=frozenset(published[year]))
        if obs is not None:
            result.append(obs)
    return result


def _values_observation(values, year, field_ids, national_convicted, national_key):
    raw: dict[str, int] = {}
    for name in _STATUTORY_FIELDS:
        ind = field_ids.get(name)
        value = None if ind is None else values.get(ind, {}).get(year)
        if value is None:
            return None
        raw[name] = value
    national = national_convicted.get(year)
    if national is None and national_key is not None:
        national = values.get(national_key, {}).get(year)
    if not national or raw["residents"] % SCALE:
        return None
    try:
        criterion_values = statutory.CriterionValues(
            residents=raw["residents"] // SCALE,
            pct_outside_work_education=_dec(raw["pct_outside_work_education"]),
            pct_convicted=_dec(raw["pct_convicted"]),
            national_pct_convicted=_dec(national),
            pct_basic_education=_dec(raw["pct_basic_education"]),
            income_pct_of_region=_dec(raw["income_pct_of_region"]),
            pct_nonwestern=_dec(raw["pct_nonwestern"]),
        )
    except (TypeError, ValueError):
        return None
    return statutory.Observation(year, values=criterion_values)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _criteria_json(criteria) -> list[dict]:
    return [
        {
            "name": c.name,
            "value": _num(c.value),
            "threshold": _num(c.threshold),
            "op": c.op,
            "met": c.met,
            "distance_pp": _num(c.distance_pp),
            "persons_to_flip": c.persons_to_flip,
        }
        for c in criteria
    ]


def _status_details(result: statutory.AreaYearResult) -> dict:
    """details: {"source": "values"|"published", "parallelsamfund_years": n,
    "criteria": [{name, value, threshold, op, met, distance_pp, persons_to_flip}],
    "forecast": None | {year, based_on_years, lists, entering, leaving, deciding_criterion,
    values: {field: value}, criteria: [...]}} (decimals as strings)."""
    forecast = result.forecast
    details: dict = {
        "source": result.source,
        "parallelsamfund_years": result.parallelsamfund_years,
        "criteria": _criteria_json(result.criteria),
        "forecast": None,
    }
    if forecast is not None:
        fv = forecast.values
        details["forecast"] = {
            "year": forecast.year,
            "based_on_years": list(forecast.based_on_years),
            "lists": _ordered(forecast.lists),
            "entering": _ordered(forecast.entering),
            "leaving": _ordered(forecast.leaving),
            "deciding_criterion": forecast.deciding_criterion,
            "values": {
                "residents": fv.residents,
                **{name: str(getattr(fv, name)) for name in statutory.PCT_FIELDS},
            },
            "criteria": _criteria_json(forecast.criteria),
        }
    return details


def _ordered(lists) -> list[str]:
    return [name for name in statutory.LISTS if name in lists]


# --- reading into polars ----------------------------------------------------------------------


YEAR_BASE = 1990  # IndicatorValue.year is validated to 1990-2100


@dataclass(frozen=True)
class KeyLayout:
    """How `read_frame` packs (scope, indicator, year) into one integer key: ((scope - base) x
    2^indicator_bits + indicator) x 2^year_bits + (year - year_base). Fewer digits are less
    text for the database to make (benchmark P1), so the compact layout comes first; the wide
    one takes any year and larger indicator ids."""

    indicator_bits: int
    year_bits: int
    year_base: int

    def sql(self, column: str, base: int) -> tuple[str, str]:
        """(key expression, guard: true when every row of the query fits the layout)."""
        key = (
            f"((({column} - {base}) * {1 << self.indicator_bits} + indicator_id) "
            f"* {1 << self.year_bits} + (year - {self.year_base}))"
        )
        scope_limit = 1 << (62 - self.indicator_bits - self.year_bits)
        fits = (
            f"indicator_id BETWEEN 0 AND {(1 << self.indicator_bits) - 1} "
            f"AND year BETWEEN {self.year_base} AND {self.year_base + (1 << self.year_bits) - 1} "
            f"AND {column} BETWEEN {base} AND {base + scope_limit - 1}"
        )
        # One aggregate of one condition per row (cheaper than a MIN and a MAX per column).
        guard = f"bool_and({fits})" if connection.vendor == "postgresql" else f"MIN({fits})"
        return key, guard

    def unpack(self, packed, base: int):
        import polars as pl

        k = pl.col("k")
        year_mod = 1 << self.year_bits
        indicator_mod = 1 << self.indicator_bits
        return packed.select(
            (k // (year_mod * indicator_mod) + base).alias("s"),
            (k // year_mod % indicator_mod).alias("i"),
            (k % year_mod + self.year_base).alias("y"),
            "v",
        )


COMPACT_KEY = KeyLayout(indicator_bits=10, year_bits=7, year_base=YEAR_BASE)
WIDE_KEY = KeyLayout(indicator_bits=20, year_bits=12, year_base=0)


def read_frame(column: str, ids: list[int] | None = None, between: tuple[int, int] | None = None):
    """The values of the scopes (all, the `ids`, or the ids in `between`) as a polars frame
    (s, i, y, v = value x 10,000): one query per chunk, with scope, indicator and year packed
    into one integer (`KeyLayout`). On SQLite it returns one text of "key,v" lines
    (group_concat), parsed by polars: turning numbers into text is most of SQLite's work here,
    and one short number per row instead of three cuts it. On PostgreSQL it returns the keys
    and the values as binary 64-bit integers (string_agg of int8send, fetched in binary): no
    number becomes text at all (P1, decision 0012)."""
    from boligsocial.screening.services import bulk

    if ids is not None:
        if not ids:
            return bulk.empty_frame()
        where = f"{column} IN ({','.join(str(int(x)) for x in ids)})"
        base = min(int(x) for x in ids)
    elif between is not None:
        where = f"{column} BETWEEN {int(between[0])} AND {int(between[1])}"
        base = int(between[0])
    else:
        where = f"{column} IS NOT NULL"
        base = 0
    for layout, layout_base in ((COMPACT_KEY, base), (WIDE_KEY, 0)):
        frame = _packed_read(column, where, layout, layout_base)
        if frame is not None:
            return frame
    raise ValueError("indicator or scope ids too large for the packed screening read")


def _packed_read(column: str, where: str, layout: KeyLayout, base: int):
    """The frame, or None when a row does not fit `layout` (checked in the same query)."""
    import polars as pl

    from boligsocial.screening.services import bulk

    key, guard = layout.sql(column, base)
    table = IndicatorValue._meta.db_table
    if connection.vendor == "postgresql":
        # Keys and values as two byteas of 64-bit big-endian integers, fetched in binary: no
        # number is turned into text on either side (P1).
        import psycopg

        sql = (
            f"SELECT string_agg(int8send({key}), ''), string_agg(int8send(scaled), ''), "  # noqa: S608
            f"{guard} FROM {table} WHERE {where}"
        )
        connection.ensure_connection()
        # Django's cursors bind parameters on the client, which cannot ask for binary results.
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, binary=True)
            keys, values, fits = cursor.fetchone()

        def parse():
            return pl.DataFrame({"k": _int64s(keys), "v": _int64s(values)})

    else:
        # SQLite: one text of "key,value" lines, built by the database and parsed by polars: no
        # Python object per value.
        sql = (
            f"SELECT group_concat({key} || ',' || scaled, char(10)), {guard} "  # noqa: S608
            f"FROM {table} WHERE {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            keys, fits = cursor.fetchone()

        def parse():
            schema = {"k": pl.Int64, "v": pl.Int64}
            return pl.read_csv(keys.encode(), has_header=False, schema=schema)

    if not keys:
        return bulk.empty_frame()
    if not fits:
        return None
    return layout.unpack(parse(), base)


def _int64s(data: bytes):
    """A polars Int64 series of the big-endian 64-bit integers in `data` (int8send's format)."""
    import polars as pl

    numbers = array.array("q")
    numbers.frombytes(data)
    if sys.byteorder == "little":
        numbers.byteswap()
    return pl.Series(numbers, dtype=pl.Int64)


def values_by_scope(frame) -> Iterator[tuple[int, dict[int, dict[int, int]]]]:
    """(scope, {indicator: {year: scaled}}) per scope of a frame, in scope order."""
    rows = frame.sort("s", "i", "y").iter_rows()
    return grouped(rows)


# --- writing ----------------------------------------------------------------------------------


def _adapt_now():
    return connection.ops.adapt_datetimefield_value(timezone.now())


LIGHT_COLUMNS = [
    "department_id",
    "area_id",
    "year",
    "score",
    "colour",
    "indicators",
    "analysis_text",
    "recommendation",
    "follow_up",
    "review_months",
    "weight_set_id",
    "computed_at",
]


def _light_rows(scope_column: str, scope_id: int, results, cfg: Config, now) -> list[tuple]:
    """The single path's results as rows of LIGHT_COLUMNS (cells with `cfg`'s indicator ids,
    the light's weight set `cfg`'s)."""
    dumps = json.dumps
    rows = []
    dept, area = (scope_id, None) if scope_column == "department_id" else (None, scope_id)
    for year, score, colour, indicators, themes, follow, review, versions in results:
        rows.append(
            (
                dept,
                area,
                year,
                None if score is None else str(score),
                colour,
                cells.encode(indicators, versions, ids=cfg.ids),
                "",
                dumps(themes, ensure_ascii=False),
                follow,
                review,
                cfg.weight_set_id,
                now,
            )
        )
    return rows


@dataclass
class BulkRows:
    """The bulk path's lights: the columns that vary per light, and those that are the same for
    all of them (the other scope column, the blank analysis, the weight set, the time)."""

    frame: object  # polars DataFrame
    constants: dict

    def full(self, columns: list[str] = LIGHT_COLUMNS):
        """A frame of the `columns` (default: all LIGHT_COLUMNS)."""
        import polars as pl

        return self.frame.with_columns(
            pl.lit(v, dtype=pl.Int64 if k.endswith("_id") else pl.String).alias(k)
            for k, v in self.constants.items()
            if k in columns
        ).select(columns)


def _bulk_rows(scope_column: str, lights, weight_set_id, now) -> BulkRows:
    """`bulk.light_rows`' frame as LIGHT_COLUMNS."""
    import polars as pl

    other = "area_id" if scope_column == "department_id" else "department_id"
    frame = lights.select(
        pl.col("s").alias(scope_column),
        pl.col("y").alias("year"),
        "score",
        "colour",
        "indicators",
        "recommendation",
        "follow_up",
        "review_months",
    )
    constants = {
        other: None,
        "analysis_text": "",
        "weight_set_id": weight_set_id,
        "computed_at": now if isinstance(now, str) else now.isoformat(),
    }
    return BulkRows(frame, constants)


def _sql_literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


def _write_lights(batch, raw=None) -> int:
    """Insert the lights of a `BulkRows` (COPY on PostgreSQL, executemany on SQLite with the
    constants as literals: fewer parameters to bind per row) or a list of row tuples of
    LIGHT_COLUMNS (multi-row INSERT). `raw`: the DB-API connection to write through (the
    pipeline's writer thread writes through the screening thread's connection); default this
    thread's."""
    if isinstance(batch, list):
        _insert(Light._meta.db_table, LIGHT_COLUMNS, batch)
        return len(batch)
    frame = batch.frame
    if frame.is_empty():
        return 0
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    table = Light._meta.db_table
    if connection.vendor == "postgresql":
        # COPY's text format: cheaper for the server to parse than CSV (no quotes). Its special
        # characters (backslash, tab, newline, carriage return) can only be in the follow-up
        # (the organisation's words) and the recommendation (theme names): escaped there.
        # Without the time: the column's default, the COPY statement's time (parsing a
        # timestamp per row was a tenth of the COPY; decision 0012).
        columns = [c for c in LIGHT_COLUMNS if c != "computed_at"]
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        frame = batch.full(columns)
        escaped = [c for c in ("follow_up", "recommendation") if _needs_escape(frame, c)]
        if escaped:
            frame = frame.with_columns(_copy_escaped(column) for column in escaped)
        data = io.BytesIO()  # bytes straight from polars: no str to encode (55 MB in P1)
        frame.write_csv(
            data, include_header=False, separator="\t", quote_style="never", null_value="\\N"
        )
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            copy.write(data.getbuffer())
    else:
        columns = ", ".join([*frame.columns, *batch.constants])
        values = ",".join(
            [*(["?"] * frame.width), *(_sql_literal(v) for v in batch.constants.values())]
        )
        sql = f"INSERT INTO {table} ({columns}) VALUES ({values})"  # noqa: S608
        raw.executemany(sql, frame.iter_rows())
    return frame.height


def _needs_escape(frame, column: str) -> bool:
    """Whether a text column holds one of COPY's special characters (rare: one pass, instead
    of the four of `_copy_escaped`)."""
    import polars as pl

    return bool(frame.select(pl.col(column).str.contains(r"[\\\t\n\r]").any()).item())


def _copy_escaped(column: str):
    """The column as COPY's text format needs it: backslash, tab, newline and carriage return
    written as backslash sequences."""
    import polars as pl

    expr = pl.col(column)
    for char, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        expr = expr.str.replace_all(char, escaped, literal=True)
    return expr


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Multi-row INSERTs (the single path's rows)."""
    if not rows:
        return
    row_sql = "(" + ",".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, 900 // len(columns)) if connection.vendor == "sqlite" else 500
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608
                + ",".join([row_sql] * len(batch))
            )
            cursor.execute(sql, [v for row in batch for v in row])


def _delete(model, column: str, ids: list[int] | None, years: set[int] | None) -> None:
    qs = model.objects.filter(**{f"{column}__isnull": False})
    if years is not None:
        qs = qs.filter(year__in=sorted(years))
    if ids is None:
        qs.delete()
        return
    for batch in _chunks(sorted(ids)):
        qs.filter(**{f"{column}__in": batch}).delete()


# --- the API ----------------------------------------------------------------------------------


def screen(
    department_ids: Iterable[int] | None = None,
    area_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
) -> ScreenStats:
    """Compute and store the lights (and the areas' statutory statuses); see the module doc.

    Called outside any transaction (a full screen from the command line, the task, the
    benchmark), more than one chunk of departments is screened as a pipeline (`_pipelined`);
    inside a transaction (e.g. re-screening after an import in the import's transaction) the
    values may be uncommitted, so everything is read through this thread's connection."""
    started = time.perf_counter()
    parallel = not connection.in_atomic_block
    if department_ids is None and area_ids is None:
        dept_ids: list[int] | None = None
        area_list: list[int] | None = None
        do_departments = do_areas = True
    else:
        dept_ids = sorted(set(department_ids or ()))
        area_list = sorted(set(area_ids or ()))
        do_departments, do_areas = bool(dept_ids), bool(area_list)
    year_set = None if years is None else set(years)
    with transaction.atomic():
        cfg = load_config()
        national = read_national()
        now = _adapt_now()
        departments = lights = 0
        area_results: list[tuple[int, int, int]] = []

        def screen_areas() -> None:
            area_results.append(_screen_areas(cfg, area_list, year_set, national, now))

        meanwhile = screen_areas if do_areas else None
        if do_departments:
            departments, lights = _screen_departments(
                cfg, dept_ids, year_set, national, now, parallel, meanwhile
            )
        if do_areas and not area_results:  # not screened while the departments' pipeline read
            screen_areas()
        areas, area_lights, statuses = area_results[0] if area_results else (0, 0, 0)
        lights += area_lights
    return ScreenStats(departments, areas, lights, statuses, time.perf_counter() - started)


def _policy_frames(cfg: Config):
    """(policy key -> min residents x 10,000) and (policy key, colour) -> follow-up; key -1 is
    the global policy."""
    import polars as pl

    mins, follow = [], []
    for key, policy in cfg.policies.items():
        p = -1 if key is None else key
        mins.append((p, policy.min_residents * SCALE))
        for colour in ("green", "yellow", "red"):
            follow.append(
                (p, colour, policy.follow_up.get(colour, ""), policy.review_months.get(colour))
            )
    minimum = pl.DataFrame(mins, schema={"p": pl.Int64, "min_scaled": pl.Int64}, orient="row")
    follow_up = pl.DataFrame(
        follow,
        schema={"p": pl.Int64, "colour": pl.String, "follow_up": pl.String,
                "review_months": pl.Int64},
        orient="row",
    )  # fmt: skip
    return minimum.join(follow_up, on="p")


def _scope_chunks(ids: list[int], explicit: bool):
    """Read arguments per chunk of scope ids: an id list, or a BETWEEN range of all ids. When
    there is more than one chunk, the first and the last are a quarter of the others: the
    pipeline's writer starts sooner, and less is left to write when the computing is done."""
    if len(ids) <= CHUNK:
        batches = [ids] if ids else []
    else:
        q = max(1, CHUNK // 4)
        batches = [ids[:q], *_chunks(ids[q:-q]), ids[-q:]]
    for batch in batches:
        if explicit:
            yield {"ids": batch}
        else:
            yield {"between": (batch[0], batch[-1])}


SMALL = 2_000  # values: fewer than this are screened by the single path (no polars overhead)
SMALL_SCOPES = 10  # departments asked for: up to this many are read and screened in plain Python


def _compute_chunk(cfg, column, frame, scopes, policies, years, national, now):
    """(rows, number of scopes) for one chunk: a frame of LIGHT_COLUMNS from the bulk path, or
    a list of row tuples from the single path for small chunks (a re-screen of a department),
    and for what the bulk path does not take (`bulk.handles`: values too large for 64-bit
    arithmetic, too many indicators, years so far apart that its grid would be mostly empty).
    Both give the same rows (tested)."""
    from boligsocial.screening.services import bulk

    if frame.is_empty():
        return None, 0
    if frame.height >= SMALL and bulk.handles(cfg, frame):
        frame = frame.join(scopes.select("s"), on="s", how="semi")
        frame = bulk.with_derived_ratio(cfg, frame, national)
        lights = bulk.light_rows(cfg, frame, scopes, policies, years)
        count = frame.get_column("s").n_unique()
        return _bulk_rows(column, lights, cfg.weight_set_id, now), count
    policy_of = dict(scopes.iter_rows())
    rows: list[tuple] = []
    count = 0
    for scope_id, values in values_by_scope(frame):
        if scope_id not in policy_of:
            continue
        _with_derived_ratio(cfg, values, national)
        p = policy_of[scope_id]
        policy = cfg.policy(None if p == -1 else p)
        results = compute_scope(cfg, values, policy, years)
        rows.extend(_light_rows(column, scope_id, results, cfg, now))
        count += 1
    return rows, count


def _screen_departments(
    cfg, dept_ids, years, national, now, parallel, meanwhile=None
) -> tuple[int, int]:
    """(departments, lights). `meanwhile`: work for this thread's connection that the pipeline
    runs while its reader reads the first chunks (the areas); not run on the other paths."""
    import polars as pl

    departments = lights = 0
    depts = Department.objects.order_by("id").values_list("id", "organisation_id")
    if dept_ids is not None:
        meta = []
        for batch in _chunks(dept_ids):
            meta.extend(depts.filter(id__in=batch))
    else:
        meta = list(depts)
    _delete(Light, "department_id", dept_ids, years)
    if not meta:
        return 0, 0
    if dept_ids is not None and len(meta) <= SMALL_SCOPES:  # e.g. re-screening one department
        organisation_of = dict(meta)
        rows: list[tuple] = []
        for scope_id, values in grouped(read_values("department_id", list(organisation_of))):
            _with_derived_ratio(cfg, values, national)
            policy = cfg.policy(organisation_of[scope_id])
            results = compute_scope(cfg, values, policy, years)
            rows.extend(_light_rows("department_id", scope_id, results, cfg, now))
            departments += 1
        return departments, _write_lights(rows)
    with_policy = {k for k in cfg.policies if k is not None}
    scopes_all = pl.DataFrame(
        [(d, org if org in with_policy else -1) for d, org in meta],
        schema={"s": pl.Int64, "p": pl.Int64},
        orient="row",
    )
    policies = _policy_frames(cfg)
    ids = [d for d, _ in meta]
    chunks = list(_scope_chunks(ids, dept_ids is not None))

    def compute(frame):
        return _compute_chunk(
            cfg, "department_id", frame, scopes_all, policies, years, national, now
        )

    if parallel and len(chunks) > 1:
        return _pipelined(chunks, compute, meanwhile)
    for args in chunks:
        rows, count = compute(read_frame("department_id", **args))
        if rows is not None:
            lights += _write_lights(rows)
            departments += count
    return departments, lights


def _pipelined(chunks: list[dict], compute, meanwhile=None) -> tuple[int, int]:
    """Read, compute and write the chunks as a pipeline on three threads (benchmark P1): a
    reader with its own database connection reads chunk k + 1 while this thread computes chunk
    k (polars, without the GIL) and a writer inserts chunk k - 1 through this thread's
    connection, i.e. inside the screen's transaction. Only when the screen is the outermost
    transaction: the reader sees committed values only (`screen(parallel=...)`). This thread
    does not use its connection until the writer is done."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    connection.ensure_connection()
    raw = connection.connection  # the writer's: this thread's connection, in the transaction
    departments = lights = 0
    reader = ThreadPoolExecutor(1, thread_name_prefix="screen-read")
    writer = ThreadPoolExecutor(1, thread_name_prefix="screen-write")
    try:
        pending = reader.submit(read_frame, "department_id", **chunks[0])
        if meanwhile is not None:
            meanwhile()  # this thread's connection is free until the first write
        written = None
        for k in range(len(chunks)):
            frame = pending.result()
            if k + 1 < len(chunks):
                pending = reader.submit(read_frame, "department_id", **chunks[k + 1])
            rows, count = compute(frame)
            if written is not None:
                lights += written.result()
                written = None
            if isinstance(rows, list):  # a small chunk by the single path: multi-row INSERTs
                lights += _write_lights(rows)  # here, the writer being idle
                departments += count
            elif rows is not None:
                written = writer.submit(_write_lights, rows, raw)
                departments += count
        if written is not None:
            lights += written.result()
    finally:
        writer.shutdown(wait=True)
        reader.submit(connections.close_all).result()  # the reader thread's connection
        reader.shutdown(wait=True)
    return departments, lights


def _screen_areas(cfg, area_ids, years, national, now) -> tuple[int, int, int]:
    import polars as pl

    qs = Area.objects.values_list("id", flat=True)
    if area_ids is not None:
        qs = qs.filter(id__in=area_ids)
    meta = sorted(qs)
    published: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    memberships = PublishedListMembership.objects.filter(area_id__in=meta)
    for area_id, year, name in memberships.values_list("area_id", "year", "list"):
        published[area_id][year].add(name)
    field_ids = _statutory_ids()
    _delete(Light, "area_id", None if area_ids is None else meta, years)
    status_qs = StatutoryStatus.objects.filter(area_id__in=meta)
    if years is not None:
        status_qs = status_qs.filter(year__in=sorted(years))
    status_qs.delete()
    if not meta:
        return 0, 0, 0
    frame = read_frame("area_id", ids=meta)
    scopes = pl.DataFrame({"s": meta, "p": [-1] * len(meta)}, schema={"s": pl.Int64, "p": pl.Int64})
    rows, _count = _compute_chunk(
        cfg, "area_id", frame, scopes, _policy_frames(cfg), years, national, now
    )
    lights = 0 if rows is None else _write_lights(rows)
    statuses: list[StatutoryStatus] = []
    aware_now = timezone.now()
    seen: set[int] = set()
    for area_id, values in values_by_scope(frame):
        seen.add(area_id)
        _with_derived_ratio(cfg, values, national)
        statuses.extend(_statuses(area_id, values, published.get(area_id, {}), national,
                                  field_ids, years, aware_now))  # fmt: skip
    for area_id in set(published) - seen:
        statuses.extend(
            _statuses(area_id, {}, published[area_id], national, field_ids, years, aware_now)
        )
    StatutoryStatus.objects.bulk_create(statuses, batch_size=500)
    return len(meta), lights, len(statuses)


def _statuses(area_id, values, published, national, field_ids, years, now):
    obs = observations(values, published, national, field_ids)
    if not obs:
        return []
    out = []
    for result in statutory.evaluate_area(obs):
        if years is not None and result.year not in years:
            continue
        out.append(
            StatutoryStatus(
                area_id=area_id,
                year=result.year,
                lists=_ordered(result.lists),
                criteria_met=list(result.criteria_met),
                details=_status_details(result),
                from_published=result.source == "published",
                computed_at=now,
            )
        )
    return out


def rescreen_after_import(batch) -> ScreenStats:
    """Re-screen what an import batch touched.

    A national value can change colours everywhere (the derived conviction ratio), so it
    re-screens everything. Otherwise it re-screens the touched departments and areas (values or
    published lists). Colours depend only on a scope's own values; what other scopes lose is
    their analysis text, whose comparison figures (the averages of the organisation and the
    municipality) changed: the cached texts of the departments sharing an organisation or
    municipality with a touched department, and of the areas in those municipalities, for the
    touched years, are blanked with one UPDATE and render again when read."""
    values = IndicatorValue.objects.filter(batch=batch)
    if values.filter(department__isnull=True, area__isnull=True).exists():
        return screen()
    touched = set(values.filter(department__isnull=False).values_list("department_id", flat=True))
    areas = set(values.filter(area__isnull=False).values_list("area_id", flat=True))
    areas |= set(
        PublishedListMembership.objects.filter(batch=batch).values_list("area_id", flat=True)
    )
    if not touched and not areas:
        return ScreenStats()
    with transaction.atomic():
        stats = screen(department_ids=touched, area_ids=areas)
        if touched:
            years = set(
                values.filter(department__isnull=False).values_list("year", flat=True).distinct()
            )
            clear_peer_analyses(touched, years)
    return stats


def clear_peer_analyses(department_ids: Iterable[int], years: Iterable[int]) -> int:
    """Blank the cached analyses whose comparison figures include these departments' values in
    these years (same organisation or municipality; areas in the municipality): one UPDATE."""
    scope = Department.objects.filter(id__in=list(department_ids))
    orgs = scope.values("organisation_id")
    munis = scope.values("municipality_id")
    peers = Department.objects.filter(Q(organisation_id__in=orgs) | Q(municipality_id__in=munis))
    areas = Area.objects.filter(municipality_id__in=munis)
    return (
        Light.objects.filter(year__in=sorted(set(years)))
        .filter(Q(department__in=peers.values("id")) | Q(area__in=areas.values("id")))
        .exclude(analysis_text="")
        .update(analysis_text="")
    )


@dataclass(frozen=True)
class Reproduced:
    year: int
    score: Decimal | None
    colour: str
    indicators: dict
    analysis: str
    recommendation: list
    legend_versions: dict


def reproduce(light: Light) -> Reproduced | None:
    """Recompute a stored light from today's values with exactly the legend sets and weight set
    it recorded (not the current ones), without storing anything; the analysis is rendered
    from the recomputed facts with today's comparison figures. Equal to the stored light as
    long as the values have not changed since."""
    from boligsocial.screening.services.analysis import render_analyses

    cfg = load_config(light.legend_versions.values(), light.weight_set_id)
    national = read_national()
    if light.department_id is not None:
        org = Department.objects.values_list("organisation_id", flat=True).get(
            pk=light.department_id
        )
        policy = cfg.policy(org)
        column, scope_id = "department_id", light.department_id
    else:
        policy = cfg.policy(None)
        column, scope_id = "area_id", light.area_id
    for _scope, values in grouped(read_values(column, [scope_id])):
        _with_derived_ratio(cfg, values, national)
        for result in compute_scope(cfg, values, policy, {light.year}):
            year, score, colour, indicators, themes, _f, _r, versions = result
            again = Light(
                department_id=light.department_id,
                area_id=light.area_id,
                year=year,
                colour=colour,
                indicators=indicators,
                weight_set_id=light.weight_set_id,
            )
            render_analyses([again], save=False)
            return Reproduced(year, score, colour, indicators, again.analysis_text, themes,
                              versions)  # fmt: skip
    return None
