"""The Danish analysis of a stored light, rendered when it is read (decision 0005).

A `Light` stores the structured facts (per indicator: value, colour, trend, direction, since,
suppressed, legend version; the score, colour and weight set). The analysis text is a
deterministic rendering of those facts (`trafficlight.analysis.analyse`) plus the comparison
figures of the light's year: the unweighted mean over the departments of its organisation and
of its municipality, and the national value. Screening everything therefore does not render
80,000 texts nobody reads; `Light.analysis` renders on first read and caches the text in
`Light.analysis_text`.

`render_analyses(lights)` renders any number of lights with a constant number of queries
(indicators, weights, the departments' and areas' names, one aggregate query each for the
organisation and the municipality means of the years involved, the national values) and one
bulk UPDATE to cache the texts. `Light` objects fetched by one queryset are rendered together.

Comparison figures: the means are computed from exact integer sums (value x 10,000) and
rounded half-even to 4 decimals; the conviction ratio's means are derived from the mean share
convicted / the national share (4 decimals) when no ratio is stored, and its national value is
1 when only the national share is stored.

When the texts go stale: a screen writes fresh rows (blank texts); an import that changes a
department's values blanks the texts of the lights that compare with it
(`rescreening.clear_peer_analyses`); a national value re-screens everything; renaming or moving a
department or area blanks all cached texts (`screening/signals.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, models

from boligsocial.organisations.models import Area, Department
from boligsocial.screening.engine.config import CONVICTED_CODE, RATIO_CODE, UNIT_LABELS
from boligsocial.screening.engine.scaled import SCALE, mean, quotient, to_decimal
from boligsocial.screening.models import (
    Indicator,
    IndicatorValue,
    IndicatorWeight,
    Light,
    StatutoryStatus,
)
from boligsocial.screening.trafficlight import analysis as tl_analysis
from boligsocial.screening.trafficlight import briefing as tl_briefing
from boligsocial.screening.trafficlight.legends import Colour
from boligsocial.screening.trafficlight.scoring import CompositeThresholds, composite

_COLOURS = {c.value: c for c in Colour}
_ZERO = Decimal(0)


def blank_cached_analyses() -> int:
    """Blank every cached analysis text (one UPDATE); each renders again when next read. For
    the rare changes that touch texts beyond one department's peers (`screening/signals.py`)."""
    return Light.objects.exclude(analysis_text="").update(analysis_text="")


def has_colour(indicators: dict) -> bool:
    """Whether any indicator has a colour (otherwise the analysis is empty)."""
    return any(entry.get("colour") for entry in (indicators or {}).values())


@dataclass(frozen=True)
class _Info:
    id: int
    code: str
    name: str  # as written mid-sentence
    unit: str
    decimals: int


def render_analyses(lights: Sequence[Light], *, save: bool = True) -> None:
    """Render the analysis of every light without one and cache it (`save`: in the database
    too, for lights that have a primary key)."""
    pending = [light for light in lights if not light.analysis_text]
    for light in pending:
        light.__dict__.pop("_analysis_batch", None)
    todo = [light for light in pending if has_colour(light.indicators)]
    if not todo:
        return
    context = _Context.load(todo)
    for light in todo:
        light.analysis_text = context.render(light)
    if save:
        stored = [light for light in todo if light.pk is not None]
        if stored:
            Light.objects.bulk_update(stored, ["analysis_text"], batch_size=500)


def _means(group_column: str, group_ids: set[int], years: set[int]) -> dict:
    """{(group id, indicator id, year): mean over the group's departments} (4 decimals)."""
    if not group_ids:
        return {}
    values = IndicatorValue._meta.db_table
    departments = Department._meta.db_table
    groups = ",".join(str(int(g)) for g in sorted(group_ids))
    year_list = ",".join(str(int(y)) for y in sorted(years))
    sql = (
        f"SELECT d.{group_column}, v.indicator_id, v.year, SUM(v.scaled), "  # noqa: S608
        f"COUNT(*) FROM {values} v JOIN {departments} d ON d.id = v.department_id "
        f"WHERE d.{group_column} IN ({groups}) AND v.year IN ({year_list}) GROUP BY 1, 2, 3"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {(g, ind, year): mean(int(total), n) for g, ind, year, total, n in cursor.fetchall()}


@dataclass(frozen=True)
class _Inputs:
    name: str
    year: int
    results: list
    comparisons: dict
    composite: object
    weights: dict[str, Decimal]


class _Context:
    """Everything the analyses of a set of lights need, read with a constant number of
    queries."""

    def __init__(self, infos, active, weights, thresholds, departments, areas, org_means,
                 muni_means, national):  # fmt: skip
        self.infos: list[_Info] = infos
        self.active: set[str] = active
        self.by_code = {i.code: i for i in infos}
        self.weights: dict[int, dict[int, Decimal]] = weights
        self.thresholds: dict[int, CompositeThresholds] = thresholds
        self.departments: dict[int, tuple] = departments
        self.areas: dict[int, tuple] = areas
        self.org_means = org_means
        self.muni_means = muni_means
        self.national: dict[int, dict[int, int]] = national

    @classmethod
    def load(cls, lights: Sequence[Light]) -> _Context:
        rows = Indicator.objects.order_by("position", "code").values_list(
            "id", "code", "name", "unit", "decimals", "is_active"
        )
        infos, active = [], set()
        for pk, code, name, unit, decimals, is_active in rows:
            infos.append(_Info(pk, code, name[:1].lower() + name[1:], UNIT_LABELS.get(unit, ""),
                               decimals))  # fmt: skip
            if is_active:
                active.add(code)
        weights: dict[int, dict[int, Decimal]] = defaultdict(dict)
        thresholds: dict[int, CompositeThresholds] = {}
        weight_rows = IndicatorWeight.objects.filter(
            weight_set_id__in={light.weight_set_id for light in lights}
        ).values_list(
            "weight_set_id", "indicator_id", "weight", "weight_set__yellow_from",
            "weight_set__red_from",
        )  # fmt: skip
        for ws, ind, weight, yellow_from, red_from in weight_rows:
            weights[ws][ind] = weight
            if ws not in thresholds:
                thresholds[ws] = CompositeThresholds(yellow_from, red_from)
        dept_ids = {light.department_id for light in lights if light.department_id}
        area_ids = {light.area_id for light in lights if light.area_id}
        departments = {}
        if dept_ids:
            departments = {
                d[0]: d[1:]
                for d in Department.objects.filter(id__in=dept_ids).values_list(
                    "id", "name", "organisation_id", "municipality_id"
                )
            }
        areas = {}
        if area_ids:
            areas = {
                a[0]: a[1:]
                for a in Area.objects.filter(id__in=area_ids).values_list(
                    "id", "name", "municipality_id"
                )
            }
        years = {light.year for light in lights}
        orgs = {d[1] for d in departments.values()}
        munis = {d[2] for d in departments.values()} | {a[1] for a in areas.values()}
        national: dict[int, dict[int, int]] = defaultdict(dict)
        national_rows = IndicatorValue.objects.filter(
            department__isnull=True, area__isnull=True, year__in=sorted(years)
        ).values_list("indicator_id", "year", "value")
        for ind, year, value in national_rows:
            national[ind][year] = int(value.scaleb(4))
        return cls(
            infos,
            active,
            weights,
            thresholds,
            departments,
            areas,
            _means("organisation_id", orgs, years),
            _means("municipality_id", munis, years),
            national,
        )

    def inputs(self, light: Light) -> _Inputs | None:
        """What the analysis of `light` is written from (None: nothing to write)."""
        if light.department_id is not None:
            meta = self.departments.get(light.department_id)
            if meta is None:
                return None
            name, org_id, muni_id = meta
        else:
            meta = self.areas.get(light.area_id)
            if meta is None:
                return None
            (name, muni_id), org_id = meta, None
        weights = self.weights.get(light.weight_set_id, {})
        year = light.year
        results = []
        comparisons = {}
        weighted = []
        by_code: dict[str, Decimal] = {}
        for info in self.infos:
            entry = light.indicators.get(info.code)
            if not entry or entry.get("colour") is None:
                continue
            colour = _COLOURS[entry["colour"]]
            results.append(
                tl_analysis.IndicatorResult(
                    info.code,
                    info.name,
                    info.unit,
                    Decimal(entry["value"]),
                    colour,
                    entry.get("trend"),
                    entry.get("direction"),
                    entry.get("since"),
                    info.decimals,
                )
            )
            weighted.append((colour, weights.get(info.id, _ZERO)))
            by_code[info.code] = weights.get(info.id, _ZERO)
            comparison = self.comparison(info, year, org_id, muni_id)
            if comparison is not None:
                comparisons[info.code] = comparison
        if not results:
            return None
        # the light's composite by the rule it was stored by (its weight set's weights and
        # thresholds): the same colour as the stored one
        composite_result = None
        if light.colour in _COLOURS:
            thresholds = self.thresholds.get(light.weight_set_id)
            if thresholds is not None:
                composite_result = composite(weighted, thresholds)
                if composite_result.colour is None:
                    composite_result = None
        return _Inputs(f"{name}", year, results, comparisons, composite_result, by_code)

    def render(self, light: Light) -> str:
        inputs = self.inputs(light)
        if inputs is None:
            return ""
        paragraphs = tl_analysis.analyse(
            inputs.name,
            inputs.year,
            inputs.results,
            inputs.comparisons,
            composite=inputs.composite,
        )
        return "\n\n".join(paragraphs)

    def comparison(self, info: _Info, year: int, org_id, muni_id):
        org = None if org_id is None else self.org_means.get((org_id, info.id, year))
        muni = self.muni_means.get((muni_id, info.id, year))
        nat = self.national.get(info.id, {}).get(year)
        if info.code == RATIO_CODE:
            org, muni, nat = self._ratio(year, org_id, muni_id, org, muni, nat)
        if org is None and muni is None and nat is None:
            return None
        return tl_analysis.Comparison(org, muni, None if nat is None else to_decimal(nat))

    def _ratio(self, year, org_id, muni_id, org, muni, nat):
        convicted = self.by_code.get(CONVICTED_CODE)
        if convicted is None or CONVICTED_CODE not in self.active:
            return org, muni, nat
        national = self.national.get(convicted.id, {}).get(year)
        if not national:
            return org, muni, nat
        base = to_decimal(national)

        def derived(means, group_id):
            if group_id is None:
                return None
            value = means.get((group_id, convicted.id, year))
            return None if value is None else quotient(value, base)

        if org is None:
            org = derived(self.org_means, org_id)
        if muni is None:
            muni = derived(self.muni_means, muni_id)
        if nat is None:
            nat = SCALE
        return org, muni, nat


# --- the briefing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Briefed:
    """A light's briefing and its analysis in parts (`sections` None: nothing to analyse)."""

    briefing: tl_briefing.Briefing
    sections: tl_analysis.AnalysisSections | None


def recommendation_of(light: Light) -> str | None:
    """The briefing's recommendation sentence from the light's themes and prescribed
    follow-up: the default of `briefings(recommend=...)`, which a later recommendation (e.g.
    catalogue interventions) replaces."""
    return tl_briefing.recommendation_sentence(list(light.recommendation or []), light.follow_up)


def briefings(lights: Sequence[Light], *, recommend=recommendation_of) -> dict[int, Briefed]:
    """The briefing of each light with a colour, by light id, with a constant number of
    queries: the analysis context, the lights of the year before, and the statutory status of
    each light's housing area (a department's first area by name with a status that year)."""
    todo = [light for light in lights if light.colour in _COLOURS and light.pk is not None]
    if not todo:
        return {}
    context = _Context.load(todo)
    previous = _previous_colours(todo)
    positions = _positions(todo)
    out: dict[int, Briefed] = {}
    for light in todo:
        inputs = context.inputs(light)
        key = (light.department_id, light.area_id, light.year - 1)
        if inputs is None:
            name = _name(context, light)
            results, weights, sections = [], {}, None
        else:
            name, results, weights = inputs.name, inputs.results, inputs.weights
            sections = tl_analysis.analysis_sections(
                name, light.year, results, inputs.comparisons, composite=inputs.composite
            )
        out[light.pk] = Briefed(
            tl_briefing.brief(
                name,
                light.year,
                _COLOURS[light.colour],
                light.score,
                previous.get(key),
                results,
                weights,
                positions.get(light.pk),
                recommend(light),
            ),
            sections,
        )
    return out


def _name(context: _Context, light: Light) -> str:
    if light.department_id is not None:
        return (context.departments.get(light.department_id) or ("",))[0]
    return (context.areas.get(light.area_id) or ("",))[0]


def _previous_colours(lights: Sequence[Light]) -> dict[tuple, Colour]:
    dept_ids = {light.department_id for light in lights if light.department_id}
    area_ids = {light.area_id for light in lights if light.area_id}
    years = {light.year - 1 for light in lights}
    rows = Light.objects.filter(year__in=years).filter(
        models.Q(department_id__in=dept_ids) | models.Q(area_id__in=area_ids)
    )
    return {
        (d, a, y): _COLOURS[c]
        for d, a, y, c in rows.values_list("department_id", "area_id", "year", "colour")
        if c in _COLOURS
    }


def _positions(lights: Sequence[Light]) -> dict[int, tl_briefing.StatutoryPosition]:
    dept_ids = {light.department_id for light in lights if light.department_id}
    areas_of: dict[int, list[int]] = defaultdict(list)
    links = Area.departments.through.objects.filter(department_id__in=dept_ids)
    for dept_id, area_id in links.order_by("area__name", "area_id").values_list(
        "department_id", "area_id"
    ):
        areas_of[dept_id].append(area_id)
    area_ids = {a for ids in areas_of.values() for a in ids}
    area_ids |= {light.area_id for light in lights if light.area_id}
    years = {light.year for light in lights}
    statuses = {
        (s.area_id, s.year): s
        for s in StatutoryStatus.objects.filter(area_id__in=area_ids, year__in=years)
        .select_related("area")
        .only("area__name", "area_id", "year", "lists", "details")
    }
    out = {}
    for light in lights:
        candidates = [light.area_id] if light.area_id else areas_of.get(light.department_id, [])
        status = next(
            (statuses[(a, light.year)] for a in candidates if (a, light.year) in statuses), None
        )
        if status is not None:
            out[light.pk] = statutory_position(status)
    return out


def statutory_position(status: StatutoryStatus) -> tl_briefing.StatutoryPosition:
    """A stored status (`engine/statuses.py`'s details) as the briefing reads it."""
    details = status.details or {}
    forecast = details.get("forecast")
    outlook = details.get("outlook")
    return tl_briefing.StatutoryPosition(
        area=status.area.name,
        year=status.year,
        lists=tuple(status.lists),
        parallelsamfund_years=details.get("parallelsamfund_years") or 0,
        criteria=tuple(
            tl_briefing.Criterion(
                c["name"],
                bool(c.get("met")),
                None if c.get("distance_pp") is None else Decimal(c["distance_pp"]),
            )
            for c in details.get("criteria") or []
        ),
        forecast_year=forecast.get("year") if forecast else None,
        forecast_lists=tuple(forecast.get("lists") or []) if forecast else None,
        outlook=(outlook or {}).get("message", ""),
    )
