"""Reads of the coordination picture, shared by the pages, the exports and the API. Every
function takes efforts that already went through `access.visible_efforts` (one municipality)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db.models import Prefetch, QuerySet

from boligsocial.coordination import gaps as gap_rule
from boligsocial.coordination import overlaps as overlap_rule
from boligsocial.coordination.models import (
    District,
    Effort,
    OverlapDecision,
    OwnerKind,
    PlaceKind,
    TargetGroup,
)
from boligsocial.core import contributions
from boligsocial.organisations.models import Area, Department
from boligsocial.screening.models import Light, StatutoryStatus

VULNERABILITY = "vulnerability_score"


def efforts_of(qs: QuerySet[Effort], municipality) -> QuerySet[Effort]:
    return (
        qs.filter(municipality=municipality)
        .select_related("owner_organisation", "department", "area", "district", "municipality")
        .prefetch_related(Prefetch("target_groups", queryset=TargetGroup.objects.all()))
    )


def load(qs: QuerySet[Effort]) -> list[Effort]:
    """The efforts of `qs` as a list, each with its target groups attached (`Effort.groups`):
    one query for the efforts, one for the pairs, the groups from one small table."""
    efforts = list(qs.prefetch_related(None))
    vocabulary = {g.pk: g for g in TargetGroup.objects.all()}
    by_effort: dict[int, list] = defaultdict(list)
    pairs = Effort.target_groups.through.objects.filter(effort_id__in=[e.pk for e in efforts])
    for effort_id, group_id in pairs.values_list("effort_id", "targetgroup_id"):
        by_effort[effort_id].append(vocabulary[group_id])
    for e in efforts:
        e._groups = sorted(by_effort.get(e.pk, []), key=lambda g: (g.position, g.age_min, g.name))
    return efforts


def in_period(qs: QuerySet[Effort], start: date | None, end: date | None) -> QuerySet[Effort]:
    """Efforts sharing a day with [start, end] (inclusive, either end open)."""
    if end is not None:
        qs = qs.filter(starts_on__lte=end)
    if start is not None:
        from django.db.models import Q

        qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
    return qs


class PlaceRow:
    """A department or an area as the picture shows it (read with `values_list`)."""

    __slots__ = ("label", "name", "organisation_name", "pk", "postal_code")

    def __init__(self, pk, label, name, organisation_name="", postal_code=""):
        self.pk, self.label, self.name = pk, label, name
        self.organisation_name, self.postal_code = organisation_name, postal_code

    def __str__(self) -> str:
        return self.label


@dataclass
class Places:
    """The municipality's departments and areas, read once."""

    departments: dict[int, PlaceRow]
    areas: dict[int, PlaceRow]
    area_departments: dict[int, frozenset[int]]
    department_areas: dict[int, list[int]]
    district_departments: dict[int, frozenset[int]]
    district_names: dict[int, str] = field(default_factory=dict)


def places(municipality) -> Places:
    """5 queries, whatever the number of departments and areas."""
    departments = {
        pk: PlaceRow(pk, f"{number} {name}", name, organisation, postal_code)
        for pk, number, name, organisation, postal_code in Department.objects.filter(
            municipality=municipality
        ).values_list("id", "number", "name", "organisation__name", "postal_code")
    }
    areas = {
        pk: PlaceRow(pk, name, name)
        for pk, name in Area.objects.filter(municipality=municipality).values_list("id", "name")
    }
    area_departments: dict[int, set[int]] = defaultdict(set)
    department_areas: dict[int, list[int]] = defaultdict(list)
    for area_id, department_id in Area.departments.through.objects.filter(
        area__municipality=municipality
    ).values_list("area_id", "department_id"):
        area_departments[area_id].add(department_id)
        department_areas[department_id].append(area_id)
    by_code: dict[str, set[int]] = defaultdict(set)
    for d in departments.values():
        by_code[d.postal_code].add(d.pk)
    district_departments, district_names = {}, {}
    for pk, name, codes in District.objects.filter(municipality=municipality).values_list(
        "id", "name", "postal_codes"
    ):
        district_departments[pk] = frozenset().union(*(by_code.get(c, set()) for c in codes))
        district_names[pk] = name
    return Places(
        departments=departments,
        areas=areas,
        area_departments={k: frozenset(v) for k, v in area_departments.items()},
        department_areas=dict(department_areas),
        district_departments=district_departments,
        district_names=district_names,
    )


def place_of(effort: Effort) -> tuple:
    if effort.place_kind == PlaceKind.DEPARTMENT:
        return ("department", effort.department_id)
    if effort.place_kind == PlaceKind.AREA:
        return ("area", effort.area_id)
    if effort.place_kind == PlaceKind.DISTRICT:
        return ("district", effort.district_id)
    return ("municipality", effort.municipality_id)


def departments_of(effort: Effort, p: Places) -> frozenset[int]:
    kind, pk = place_of(effort)
    if kind == "department":
        return frozenset({pk})
    if kind == "area":
        return p.area_departments.get(pk, frozenset())
    if kind == "district":
        return p.district_departments.get(pk, frozenset())
    return frozenset(p.departments)


def owner_key(effort: Effort) -> tuple:
    if effort.owner_kind == OwnerKind.HOUSING:
        return ("housing", effort.owner_organisation_id)
    return (effort.owner_kind, " ".join(effort.owner_name.lower().split()))


@lru_cache(maxsize=1024)
def _rule_group(pk, kind, age_min, age_max) -> overlap_rule.Group:
    """One (frozen, compared by value) `Group` per target group and its facts, not one per
    effort's group: the vocabulary has a few dozen."""
    return overlap_rule.Group(pk, kind, age_min, age_max)


def facts(effort: Effort, p: Places) -> overlap_rule.Facts:
    return overlap_rule.Facts(
        id=effort.pk,
        owner=owner_key(effort),
        groups=tuple(_rule_group(g.pk, g.kind, g.age_min, g.age_max) for g in effort.groups),
        place=place_of(effort),
        departments=departments_of(effort, p),
        starts_on=effort.starts_on,
        ends_on=effort.ends_on,
        version=effort.version,
    )


# --- overlaps ---------------------------------------------------------------------------------


@dataclass
class OverlapRow:
    a: Effort
    b: Effort
    overlap: overlap_rule.Overlap
    groups: list[str]
    departments: list[str]
    decision: OverlapDecision | None  # the current decision (None: open or stale)
    stale: OverlapDecision | None  # a decision made before one of the efforts changed

    @property
    def state(self) -> str:
        if self.decision is not None:
            return self.decision.decision
        return "reopened" if self.stale is not None else "open"

    @property
    def key(self) -> str:
        return f"{self.a.pk}-{self.b.pk}"


def decisions_of(efforts) -> dict[tuple[int, int], OverlapDecision]:
    """The decisions on pairs of `efforts`. Read by the efforts' municipality (a pair is always
    of one municipality) and kept when both efforts are among them, rather than with two
    `IN` lists of every effort's id (2,000 parameters to build at 1,000 efforts)."""
    ids = {e.pk for e in efforts}
    municipalities = {e.municipality_id for e in efforts}
    found = OverlapDecision.objects.filter(effort_a__municipality_id__in=municipalities)
    return {
        (d.effort_a_id, d.effort_b_id): d
        for d in found
        if d.effort_a_id in ids and d.effort_b_id in ids
    }


def current_decision(o: overlap_rule.Overlap, decisions: dict) -> OverlapDecision | None:
    d = decisions.get((o.a, o.b))
    return d if d is not None and (d.version_a, d.version_b) == o.versions else None


def state_of(o: overlap_rule.Overlap, decisions: dict) -> str:
    """As `OverlapRow.state`, without building the row."""
    d = decisions.get((o.a, o.b))
    if d is None:
        return "open"
    return d.decision if (d.version_a, d.version_b) == o.versions else "reopened"


def build_overlap_rows(found, by_id: dict, p: Places, decisions: dict) -> list[OverlapRow]:
    """The rows of the overlaps `found` (the rule's results), for pages, exports and the API."""
    rows = []
    for o in found:
        a, b = by_id[o.a], by_id[o.b]
        groups = {g.pk: g.name for g in (*a.groups, *b.groups)}
        d = decisions.get((o.a, o.b))
        current = current_decision(o, decisions)
        if len(o.departments) > 10:
            shared = [f"{len(o.departments)} afdelinger"]
        else:
            shared = sorted(str(p.departments[i]) for i in o.departments if i in p.departments)
        rows.append(
            OverlapRow(
                a=a,
                b=b,
                overlap=o,
                groups=sorted({f"{groups[x]} / {groups[y]}" for x, y in o.groups}),
                departments=shared,
                decision=current,
                stale=d if current is None else None,
            )
        )
    return rows


def overlap_rows(efforts: list[Effort], p: Places) -> list[OverlapRow]:
    found = overlap_rule.find_overlaps(facts(e, p) for e in efforts)
    return build_overlap_rows(found, {e.pk: e for e in efforts}, p, decisions_of(efforts))


# --- gaps -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LightFacts:
    """What the gap rule reads of a place's latest light."""

    colour: str
    red_themes: tuple[str, ...]
    weak_analysis: bool  # the `vulnerability_score` indicator is red in it


def _weak_analysis(indicators) -> bool:
    cell = (indicators or {}).get(VULNERABILITY) or {}
    return cell.get("colour") == "red"


def latest_lights(municipality) -> tuple[dict[int, LightFacts], dict[int, LightFacts]]:
    """The latest light of each department and area of the municipality, as `LightFacts` (read
    with `values_list`: no model instances)."""
    by_department: dict[int, LightFacts] = {}
    by_area: dict[int, LightFacts] = {}
    for found, lookup in ((by_department, "department"), (by_area, "area")):
        lights = (
            Light.objects.filter(**{f"{lookup}__municipality": municipality})
            .order_by("year")
            .values_list(f"{lookup}_id", "colour", "recommendation", "indicators")
        )
        for pk, colour, recommendation, indicators in lights:
            found[pk] = LightFacts(colour, tuple(recommendation or ()), _weak_analysis(indicators))
    return by_department, by_area


def latest_statuses(municipality) -> dict[int, StatutoryStatus]:
    found = {}
    for status in StatutoryStatus.objects.filter(area__municipality=municipality).order_by("year"):
        found[status.area_id] = status
    return found


def place_states(municipality, p: Places, signals=None) -> list[gap_rule.PlaceState]:
    by_department, by_area = latest_lights(municipality)
    statuses = latest_statuses(municipality)
    if signals is None:
        signals = contributions.place_signals(municipality_code=municipality.code)
    by_place: dict[tuple, list] = defaultdict(list)
    for s in signals:
        if s.weak and s.department_id in p.departments:
            by_place[("department", s.department_id)].append(gap_rule.Signal(s.code, s.label))
        elif s.weak and s.area_id in p.areas:
            by_place[("area", s.area_id)].append(gap_rule.Signal(s.code, s.label))
    states = []
    for pk in sorted(p.departments, key=lambda i: str(p.departments[i])):
        light = by_department.get(pk)
        states.append(
            gap_rule.PlaceState(
                place=("department", pk),
                departments=frozenset({pk}),
                colour=light.colour if light else None,
                red_themes=light.red_themes if light else (),
                weak_analysis=light.weak_analysis if light else False,
                signals=tuple(by_place.get(("department", pk), ())),
            )
        )
    for pk in sorted(p.areas, key=lambda i: p.areas[i].name):
        light = by_area.get(pk)
        status = statuses.get(pk)
        forecast = ((status.details or {}).get("forecast") or {}) if status else {}
        states.append(
            gap_rule.PlaceState(
                place=("area", pk),
                departments=p.area_departments.get(pk, frozenset()),
                colour=light.colour if light else None,
                red_themes=light.red_themes if light else (),
                on_lists=tuple(status.lists) if status else (),
                approaching=tuple(forecast.get("entering") or ()),
                weak_analysis=light.weak_analysis if light else False,
                signals=tuple(by_place.get(("area", pk), ())),
            )
        )
    return states


@dataclass
class GapRow:
    place: PlaceRow  # a department or an area
    kind: str  # "department" | "area"
    gap: gap_rule.Gap
    reasons: list[str]


REASON_LABELS = {
    "light": "Trafiklyset er {detail}",
    "list": "På listen: {detail}",
    "forecast": "Prognosen: på vej på listen {detail}",
    "analysis": "Svag sårbarhedsanalyse (rød score)",
}
COLOURS = {"red": "rødt", "yellow": "gult", "green": "grønt"}


def reason_text(reason: gap_rule.Reason) -> str:
    template = REASON_LABELS.get(reason.code)
    if template is None:
        return reason.detail
    return template.format(detail=COLOURS.get(reason.detail, reason.detail))


def gap_rows(efforts: list[Effort], p: Places, municipality, signals=None) -> list[GapRow]:
    covers = [
        gap_rule.Cover(place_of(e), departments_of(e, p), frozenset(e.themes or ()))
        for e in efforts
    ]
    rows = []
    for g in gap_rule.find_gaps(place_states(municipality, p, signals), covers):
        kind, pk = g.place
        place = p.departments[pk] if kind == "department" else p.areas[pk]
        rows.append(GapRow(place, kind, g, [reason_text(r) for r in g.reasons]))
    return rows


# --- the matrix, the timeline and the contacts --------------------------------------------


def row_labels(effort: Effort, p: Places) -> list[str]:
    """The rows of the matrix an effort belongs to: its area(s), else its place."""
    kind, pk = place_of(effort)
    if kind == "area":
        return [p.areas[pk].name] if pk in p.areas else [effort.place_label]
    if kind == "department":
        areas = p.department_areas.get(pk, [])
        return [p.areas[a].name for a in areas] or [effort.place_label]
    if kind == "district":
        return [f"Bydel: {p.district_names.get(pk) or effort.place_label}"]
    return ["Hele kommunen"]


def matrix(efforts: list[Effort], p: Places) -> dict:
    groups = sorted(
        {g.pk: g for e in efforts for g in e.groups}.values(),
        key=lambda g: (g.position, g.age_min, g.name),
    )
    cells: dict[tuple[str, int], list[Effort]] = defaultdict(list)
    labels: set[str] = set()
    for e in efforts:
        for label in row_labels(e, p):
            labels.add(label)
            for g in e.groups:
                cells[(label, g.pk)].append(e)
    used = [g for g in groups if any((label, g.pk) in cells for label in labels)]
    rows = [
        {"label": label, "cells": [cells.get((label, g.pk), []) for g in used]}
        for label in sorted(labels, key=lambda s: (s.startswith(("Bydel", "Hele")), s))
    ]
    return {"groups": used, "rows": rows}


def timeline(efforts: list[Effort], start: date, end: date) -> dict:
    """Bars of a Gantt chart in SVG user units (0–1000 across [start, end])."""
    span = max((end - start).days, 1)
    years = list(range(start.year, end.year + 1))

    def x(day: date) -> float:
        return round(max(0, min(span, (day - start).days)) * 1000 / span, 1)

    bars = []
    for i, e in enumerate(sorted(efforts, key=lambda e: (e.starts_on, e.name))):
        x0, x1 = x(e.starts_on), x(e.ends_on or end)
        bars.append(
            {"effort": e, "y": i * 26 + 24, "x": x0, "width": max(x1 - x0, 2), "ty": i * 26 + 40}
        )
    ticks = [{"year": y, "x": x(date(y, 1, 1))} for y in years if date(y, 1, 1) >= start]
    return {"bars": bars, "ticks": ticks, "height": len(bars) * 26 + 34}


def contacts(efforts: list[Effort], p: Places) -> list[dict]:
    """Who to call: per area/place and target group, the owners and contact persons."""
    rows = []
    for e in efforts:
        if not e.contact_name and not e.contact_email and not e.contact_phone:
            continue
        for label in row_labels(e, p):
            for g in e.groups:
                rows.append({"place": label, "group": g, "effort": e})
    rows.sort(key=lambda r: (r["place"], r["group"].position, r["effort"].name))
    return rows
