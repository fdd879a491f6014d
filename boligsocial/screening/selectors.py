"""Read queries for the trafiklys pages, always built on the access module's querysets.

Every function here runs a fixed number of queries, whatever the number of departments: the
scorecard for 600 departments costs the same number of queries as for 6 (bench P2). Rows are
assembled in Python from a handful of flat queries (`values()` where no model is needed)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast

from boligsocial.core.formatting import format_number
from boligsocial.organisations import access
from boligsocial.organisations.models import Area, Department, Organisation
from boligsocial.screening import cells
from boligsocial.screening.charts import Band
from boligsocial.screening.engine.analysis import briefings
from boligsocial.screening.fields import INDICATOR_KEYS
from boligsocial.screening.models import (
    Indicator,
    IndicatorValue,
    LegendRange,
    LegendSet,
    Light,
    StatutoryStatus,
)

HISTORY_YEARS = 10
COLOURS = ("red", "yellow", "green", "none")
# Twins: size and composition (see `twins`). Codes of the indicators compared.
TWIN_FEATURES = ("residents", "children", "single_parents", "nonwestern", "basic_education")
TWIN_COUNT = 5


# --- small readers of the stored JSON ----------------------------------------------------------


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class Cell:
    """One indicator of one light, ready for a template."""

    code: str
    colour: str  # green / yellow / red / none
    value: Decimal | None
    display: str  # "43,1" or "" (suppressed/missing)
    trend: str  # better / worse / unchanged / ""
    direction: str  # improving / worsening / stable / ""
    since: int | None
    suppressed: bool
    legend_version: int | None


def cell_from(code: str, entry: dict | None, decimals: int) -> Cell:
    entry = entry or {}
    suppressed = bool(entry.get("suppressed"))
    value = None if suppressed else _decimal(entry.get("value"))
    colour = entry.get("colour") or "none"
    return Cell(
        code=code,
        colour=colour if colour in COLOURS else "none",
        value=value,
        display="" if value is None else format_number(value, decimals),
        trend=entry.get("trend") or "",
        direction=entry.get("direction") or "",
        since=entry.get("since"),
        suppressed=suppressed,
        legend_version=entry.get("legend_version"),
    )


def light_indicators() -> list[Indicator]:
    """The active indicators that count in the traffic light, in display order."""
    return list(
        Indicator.objects.filter(is_active=True, in_light=True).order_by("position", "code")
    )


def active_indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(is_active=True).order_by("position", "code"))


def years_with_lights(departments: QuerySet[Department] | None = None, area=None) -> list[int]:
    """The years that have stored lights (newest first) for these departments / this area."""
    qs = Light.objects.all()
    if area is not None:
        qs = qs.filter(area=area)
    elif departments is not None:
        qs = qs.filter(department__in=departments)
    else:
        qs = qs.filter(department__isnull=False)
    return list(qs.order_by("-year").values_list("year", flat=True).distinct())


def pick_year(requested: str | None, years: list[int]) -> int | None:
    """The year asked for if it has data, else the newest year with data (None if none)."""
    try:
        year = int(requested) if requested else None
    except (TypeError, ValueError):
        year = None
    if year in years:
        return year
    return years[0] if years else None


# --- scorecard ---------------------------------------------------------------------------------


class MunicipalityName(NamedTuple):
    name: str


class DepartmentRow(NamedTuple):
    """What a scorecard row needs of a department (model instances for 600 rows cost ~0.1 s; a
    frozen dataclass ~10 ms, a named tuple a tenth of that)."""

    id: int
    pk: int
    number: int
    name: str
    municipality: MunicipalityName
    lease_count: int | None = None


@dataclass
class ScoreRow:
    department: DepartmentRow
    colour: str
    score: Decimal | None
    entries: dict | None  # the light's cells by code; None until `decode_entries` (scorecard)
    cells: list[Cell] = field(default_factory=list)
    raw: str | None = ""  # the stored cells text when read undecoded; None: not read yet
    trend: str = ""  # of the score: better / worse / unchanged / ""
    sparkline_values: list = field(default_factory=list)  # [(year, score)]
    cell_history: dict = field(default_factory=dict)  # code -> [(year, value)]

    @property
    def score_display(self) -> str:
        """The score in Danish ("43,1"), "" without one: formatted only for the rows shown."""
        return "" if self.score is None else format_number(self.score, 1)

    def value_of(self, code: str) -> Decimal | None:
        if self.entries is None:  # undecoded: read the one cell from the stored text
            return cells.value_of(self.raw, str(INDICATOR_KEYS.id_of(code)))
        entry = self.entries.get(code)
        if not entry or entry.get("suppressed"):
            return None
        return _decimal(entry.get("value"))


def decode_entries(rows: list[ScoreRow], year: int | None = None) -> None:
    """Decode the stored cells of rows read with `decode=False`; rows read without their text
    (`cells_text=False`) get it first, in 1 query (needs `year`)."""
    unread = [r for r in rows if r.entries is None and r.raw is None]
    if unread:
        texts = dict(
            Light.objects.filter(department_id__in=[r.department.id for r in unread], year=year)
            .order_by()
            .annotate(raw=Cast("indicators", TextField()))
            .values_list("department_id", "raw")
        )
        for row in unread:
            row.raw = texts.get(row.department.id) or ""
    for row in rows:
        if row.entries is None:
            row.entries = INDICATOR_KEYS.decode(row.raw)


def scorecard_rows(
    departments: QuerySet[Department],
    indicators: list[Indicator],
    year: int,
    *,
    decode=True,
    cells_text=True,
) -> list[ScoreRow]:
    """One row per department (with or without a light in `year`): 2 queries. Cells are not
    built here (`build_cells`): with 600 departments only the page's 50 rows need them. With
    `decode=False` the lights' cells stay text (`ScoreRow.raw`) until `decode_entries`: decoding
    600 lights to sort by the colour and show 50 was a fifth of the scorecard's time. With
    `cells_text=False` too, the text is not even read (only sorting by an indicator needs it for
    every row; `decode_entries` reads it for the rows shown)."""
    subquery = departments.values("id")
    departments = [
        DepartmentRow(
            id=pk,
            pk=pk,
            number=number,
            name=name,
            municipality=MunicipalityName(municipality),
            lease_count=leases,
        )
        for pk, number, name, municipality, leases in departments.order_by(
            "number", "id"
        ).values_list("id", "number", "name", "municipality__name", "lease_count")
    ]
    # the departments as a subquery: an IN list of 600 ids costs Django ~5 ms to build
    lights_qs = Light.objects.filter(department__in=subquery, year=year).order_by()
    if decode:
        lights_qs = lights_qs.values_list("department_id", "score", "colour", "indicators")
    elif not cells_text:
        lights_qs = lights_qs.annotate(raw=Value(None, TextField())).values_list(
            "department_id", "score", "colour", "raw"
        )
    else:
        lights_qs = lights_qs.annotate(raw=Cast("indicators", TextField())).values_list(
            "department_id", "score", "colour", "raw"
        )
    lights = {row[0]: row for row in lights_qs}
    rows = []
    for d in departments:
        _id, score, colour, stored = lights.get(d.id) or (None, None, "none", None)
        score = _decimal(score)
        rows.append(
            ScoreRow(
                department=d,
                colour=colour or "none",
                score=score,
                entries=(stored or {}) if decode else None,
                raw="" if decode else ((stored or "") if cells_text else None),
            )
        )
    return rows


def build_cells(rows: list[ScoreRow], indicators: list[Indicator], year: int | None = None) -> None:
    decode_entries(rows, year)
    for row in rows:
        row.cells = [cell_from(i.code, row.entries.get(i.code), i.decimals) for i in indicators]


def attach_history(rows: list[ScoreRow], indicators: list[Indicator], year: int) -> None:
    """Score and indicator values of the last 10 years for the given rows: 2 queries."""
    ids = [r.department.id for r in rows]
    first = year - HISTORY_YEARS + 1
    scores: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    hidden: set[tuple[int, str, int]] = set()  # (department, code, year) suppressed that year
    for dept_id, y, score, entries in (
        Light.objects.filter(department_id__in=ids, year__gte=first, year__lte=year)
        .order_by()
        .values_list("department_id", "year", "score", "indicators")
    ):
        scores[dept_id][y] = _decimal(score)
        hidden |= {
            (dept_id, code, y) for code, e in (entries or {}).items() if e and e.get("suppressed")
        }
    by_id = {i.id: i.code for i in indicators}
    values: dict[int, dict[str, dict[int, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for dept_id, ind_id, y, value in (
        IndicatorValue.objects.filter(
            department_id__in=ids,
            indicator_id__in=list(by_id),
            year__gte=first,
            year__lte=year,
        )
        .order_by()
        .values_list("department_id", "indicator_id", "year", "value")
    ):
        if (dept_id, by_id[ind_id], y) not in hidden:
            values[dept_id][by_id[ind_id]][y] = value
    span = range(first, year + 1)
    for row in rows:
        history = scores.get(row.department.id, {})
        row.sparkline_values = [(y, history.get(y)) for y in span]
        previous = history.get(year - 1)
        if row.score is not None and previous is not None:
            # a higher score is worse (more red)
            row.trend = (
                "unchanged"
                if row.score == previous
                else ("worse" if row.score > previous else "better")
            )
        dept_values = values.get(row.department.id, {})
        row.cell_history = {
            code: [(y, dept_values.get(code, {}).get(y)) for y in span] for code in by_id.values()
        }


def sort_rows(rows: list[ScoreRow], key: str, descending: bool, hidden=None) -> list[ScoreRow]:
    """Sort in Python (the indicator values live in JSON). Missing values always go last, and
    so do values the viewer may not see (`hidden(row, value) -> bool`): their order would tell
    them."""
    rank = {"red": 0, "yellow": 1, "green": 2, "none": 3}

    def value_of(row: ScoreRow):
        if key == "name":
            return row.department.name.lower()
        if key == "number":
            return row.department.number
        if key == "municipality":
            return row.department.municipality.name
        if key == "score":
            return row.score
        if key == "colour":
            return None if row.colour == "none" else rank[row.colour]
        value = row.value_of(key)
        return None if hidden is not None and hidden(row, value) else value

    present = [r for r in rows if value_of(r) is not None]
    missing = [r for r in rows if value_of(r) is None]
    present.sort(key=lambda r: (value_of(r), r.department.number), reverse=descending)
    return present + missing


def colour_counts(rows: list[ScoreRow]) -> dict[str, int]:
    counts = dict.fromkeys(COLOURS, 0)
    for row in rows:
        counts[row.colour] += 1
    return counts


# --- legends -----------------------------------------------------------------------------------


def bands_for(legend_set_ids: dict[str, int] | None, indicators: list[Indicator]) -> dict:
    """Bands per indicator code: the legend versions a light recorded (so a report is
    reproducible), the current version for indicators it did not record. 2 queries."""
    recorded = {code: pk for code, pk in (legend_set_ids or {}).items() if pk}
    missing = [i.id for i in indicators if i.code not in recorded]
    current: dict[int, int] = {}
    if missing:
        for ind_id, pk, _version in (
            LegendSet.objects.filter(indicator_id__in=missing)
            .order_by("indicator_id", "version")
            .values_list("indicator_id", "id", "version")
        ):
            current[ind_id] = pk  # the highest version wins (ordered ascending)
    set_ids = {**{i.code: current[i.id] for i in indicators if i.id in current}, **recorded}
    ranges: dict[int, list[Band]] = defaultdict(list)
    for r in LegendRange.objects.filter(legend_set_id__in=set(set_ids.values())).order_by(
        "legend_set_id", "position"
    ):
        ranges[r.legend_set_id].append(Band(r.lower, r.upper, r.colour))
    return {code: ranges.get(pk, []) for code, pk in set_ids.items()}


# --- department --------------------------------------------------------------------------------


def department_history(department: Department, year: int) -> dict:
    """Values per indicator code over the 10 years up to `year`, and the lights of those years."""
    first = year - HISTORY_YEARS + 1
    values: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for code, y, value in (
        IndicatorValue.objects.filter(department=department, year__gte=first, year__lte=year)
        .order_by()
        .values_list("indicator__code", "year", "value")
    ):
        values[code][y] = value
    lights = {
        row["year"]: row
        for row in Light.objects.filter(department=department, year__gte=first, year__lte=year)
        .order_by()
        .values("year", "colour", "score", "indicators")
    }
    _fill_derived(values, lights)
    return {"values": values, "lights": lights, "years": list(range(first, year + 1))}


def _fill_derived(values: dict, lights: dict) -> None:
    """Drop the values a year's light suppressed (too few residents), and take indicators
    computed by the screening (e.g. the conviction ratio to the national average), which have
    no stored value, from the lights of each year."""
    for y, light in lights.items():
        for code, entry in (light.get("indicators") or {}).items():
            if entry and entry.get("suppressed"):
                values.get(code, {}).pop(y, None)
            elif y not in values.get(code, {}) and entry:
                value = _decimal(entry.get("value"))
                if value is not None:
                    values[code][y] = value


def area_history(area: Area, year: int) -> dict:
    first = year - HISTORY_YEARS + 1
    values: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for code, y, value in (
        IndicatorValue.objects.filter(area=area, year__gte=first, year__lte=year)
        .order_by()
        .values_list("indicator__code", "year", "value")
    ):
        values[code][y] = value
    lights = {
        row["year"]: row
        for row in Light.objects.filter(area=area, year__gte=first, year__lte=year)
        .order_by()
        .values("year", "indicators")
    }
    _fill_derived(values, lights)
    return {"values": values, "years": list(range(first, year + 1))}


@dataclass
class Twin:
    department: Department
    distance: float
    colour: str
    score: Decimal | None
    cells: list[Cell]
    shared: int  # how many features were compared


def twins(user, department: Department, year: int, indicators: list[Indicator]) -> list[Twin]:
    """The 5 most similar departments the user may see ("tvillinger").

    Similarity: the departments' values in `year` of residents (size) and the shares of children,
    single-parent households, non-Western residents and residents with only basic schooling
    (composition). Each feature is standardised by its standard deviation over the compared
    departments (residents on a log scale, so 200 vs 400 counts like 1,000 vs 2,000); the
    distance is the root mean square of the standardised differences over the features both
    departments have (at least 3). Smaller = more alike. 3 queries."""
    codes = TWIN_FEATURES
    candidates = access.visible_departments(user)
    features: dict[int, dict[str, float]] = defaultdict(dict)
    # From the stored lights, so suppressed values (too few residents) are never used.
    for dept_id, entries in (
        Light.objects.filter(department__in=candidates, year=year)
        .order_by()
        .values_list("department_id", "indicators")
    ):
        for code in codes:
            entry = (entries or {}).get(code)
            if not entry or entry.get("suppressed") or entry.get("value") is None:
                continue
            v = float(_decimal(entry["value"]))
            if code == "residents":
                v = math.log(max(v, 1.0))
            features[dept_id][code] = v
    own = features.get(department.id)
    if not own:
        return []
    spread: dict[str, float] = {}
    for code in codes:
        column = [f[code] for f in features.values() if code in f]
        if len(column) >= 2:
            mean = sum(column) / len(column)
            sd = math.sqrt(sum((v - mean) ** 2 for v in column) / (len(column) - 1))
            spread[code] = sd or 1.0
    scored = []
    for dept_id, f in features.items():
        if dept_id == department.id:
            continue
        shared = [c for c in codes if c in f and c in own and c in spread]
        if len(shared) < 3:
            continue
        distance = math.sqrt(sum(((f[c] - own[c]) / spread[c]) ** 2 for c in shared) / len(shared))
        scored.append((distance, dept_id, len(shared)))
    scored.sort()
    best = scored[:TWIN_COUNT]
    by_id = {
        d.id: d
        for d in Department.objects.filter(id__in=[b[1] for b in best]).select_related(
            "organisation"
        )
    }
    lights = {
        row["department_id"]: row
        for row in Light.objects.filter(department_id__in=list(by_id), year=year)
        .order_by()
        .values("department_id", "colour", "score", "indicators")
    }
    result = []
    for distance, dept_id, shared in best:
        light = lights.get(dept_id) or {}
        entries = light.get("indicators") or {}
        result.append(
            Twin(
                department=by_id[dept_id],
                distance=distance,
                colour=light.get("colour") or "none",
                score=_decimal(light.get("score")),
                cells=[cell_from(i.code, entries.get(i.code), i.decimals) for i in indicators],
                shared=shared,
            )
        )
    return result


# --- municipality and statutory lists ----------------------------------------------------------


def municipality_colour_counts(user, municipality, year: int) -> list[dict]:
    """Per organisation with visible departments in the municipality: departments per colour."""
    departments = access.visible_departments(user).filter(municipality=municipality)
    counts: dict[int, dict] = {}
    for org_id, org_name, colour, n in (
        Light.objects.filter(department__in=departments, year=year)
        .order_by()
        .values("department__organisation_id", "department__organisation__name", "colour")
        .annotate(n=Count("id"))
        .values_list("department__organisation_id", "department__organisation__name", "colour", "n")
    ):
        row = counts.setdefault(
            org_id, {"id": org_id, "name": org_name, **dict.fromkeys(COLOURS, 0), "total": 0}
        )
        row[colour if colour in COLOURS else "none"] += n
        row["total"] += n
    return sorted(counts.values(), key=lambda r: r["name"])


def statuses(user, year: int, municipality_code: int | None = None) -> QuerySet[StatutoryStatus]:
    qs = StatutoryStatus.objects.filter(area__in=access.visible_areas(user), year=year)
    if municipality_code:
        qs = qs.filter(area__municipality_id=municipality_code)
    return qs.select_related("area__municipality").order_by(
        "area__municipality__name", "area__name"
    )


def statutory_years(user) -> list[int]:
    return list(
        StatutoryStatus.objects.filter(area__in=access.visible_areas(user))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def organisations_for_index(user) -> QuerySet[Organisation]:
    visible = access.visible_departments(user)
    return (
        access.visible_organisations(user)
        .annotate(
            department_total=Count("departments", filter=Q(departments__in=visible), distinct=True)
        )
        .order_by("name")
    )


# --- organisation report -----------------------------------------------------------------------


def colour_distribution(departments: QuerySet[Department], year: int) -> dict[int, dict[str, int]]:
    """Departments per colour per year over the 10 years up to `year`: 1 query."""
    first = year - HISTORY_YEARS + 1
    result: dict[int, dict[str, int]] = {}
    for y, colour, n in (
        Light.objects.filter(department__in=departments, year__gte=first, year__lte=year)
        .order_by()
        .values("year", "colour")
        .annotate(n=Count("id"))
        .values_list("year", "colour", "n")
    ):
        result.setdefault(y, dict.fromkeys(COLOURS, 0))[
            colour if colour in COLOURS else "none"
        ] += n
    return dict(sorted(result.items()))


def red_analyses(departments: QuerySet[Department], year: int) -> list[dict]:
    """The red departments' analysis, briefing, recommendation and follow-up (for the report):
    a constant number of queries (the lights, and `engine.analysis.briefings`)."""
    lights = list(
        Light.objects.filter(department__in=departments, year=year, colour="red")
        .select_related("department")
        .order_by("-score", "department__number")
    )
    briefed = briefings(lights)
    return [
        {
            "department": light.department,
            "score": None if light.score is None else format_number(light.score, 1),
            "analysis": [p for p in light.analysis.split("\n\n") if p.strip()],
            "briefed": briefed.get(light.pk),
            "recommendation": list(light.recommendation or []),
            "follow_up": light.follow_up,
        }
        for light in lights
    ]
