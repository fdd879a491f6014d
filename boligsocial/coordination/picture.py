"""The coordination picture of one municipality and period, computed once per change of what it
shows and kept in the shared cache (decision 0040).

Every page of a municipality (overview, overlaps, gaps, map, contacts, exports) and the API show
the same picture: the municipality's efforts in the period, its places, the overlaps and the
gaps. It does not depend on who looks: whoever may see a municipality's coordination sees all its
efforts (`access.visible_efforts`); budgets, which do depend on the user, are not part of it.

* **Reading** takes no model instances: efforts, departments and areas come from `values_list`
  into the small row classes below, which carry the attributes the selectors and the templates
  read (`EffortRow.owner_label`, `.place_label`, `.groups`, …). Constant queries: 3 for the
  efforts, 5 for the places, 3 for the gap states, 1 for the decisions.
* **The key** (`stamp`) changes whenever something the picture reads changes:
  - one query of counts, largest ids and newest timestamps over efforts, overlap decisions, the
    lights of the municipality's departments and areas, its § 61a statuses, departments, areas
    and their memberships. Lights and statuses are written in bulk by the screening (no signals),
    an analysis reaches the picture through the light it feeds (`vulnerability_score`);
  - a generation number in the shared cache that signals bump on every save or delete of what
    has no timestamp (target groups, districts, departments, areas, the areas' departments, the
    efforts' target groups) and on the organisations' `bulk_updated`;
  - the place signals other apps register (`core.contributions.place_signals`, read each time:
    they go into the gaps).
* **The value** is the `Bundle` (efforts, places, the rule's overlaps with their decisions, gap
  rows), pickled compactly into the shared cache for a day; an entry of an old key is never
  read again. Overlap rows are built only for what a page shows.
"""

import hashlib
import logging
import pickle
import time
import zlib
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from boligsocial.coordination import overlaps as overlap_rule
from boligsocial.coordination import selectors
from boligsocial.coordination.models import (
    District,
    Effort,
    OverlapDecision,
    OwnerKind,
    PlaceKind,
    Source,
    TargetGroup,
)
from boligsocial.core import contributions
from boligsocial.organisations.models import Area, Department, Municipality
from boligsocial.screening.models import Light, StatutoryStatus

logger = logging.getLogger(__name__)
CACHE = "shared"
TIMEOUT = 24 * 3600
GENERATION = "coordination:generation"
VERSION = 3  # bump when the cached classes change shape


def shared():
    return caches[CACHE]


# --- rows instead of model instances ------------------------------------------------------------


GROUP_FIELDS = ("pk", "name", "kind", "age_min", "age_max", "position")  # the __init__ order


class GroupRow:
    __slots__ = GROUP_FIELDS

    def __init__(self, pk, name, kind, age_min, age_max, position):
        self.pk, self.name, self.kind = pk, name, kind
        self.age_min, self.age_max, self.position = age_min, age_max, position

    def __str__(self) -> str:
        return self.name

    @property
    def age_label(self) -> str:  # as TargetGroup.age_label (the matrix's heads)
        if self.age_max is None:
            return f"{self.age_min}+"
        return f"{self.age_min}–{self.age_max}"

    def __reduce__(self):  # compact in the cache
        return (GroupRow, tuple(getattr(self, n) for n in GROUP_FIELDS))


OWNER_KINDS = dict(OwnerKind.choices)
SOURCES = dict(Source.choices)
EFFORT_FIELDS = (
    "id",
    "municipality_id",
    "name",
    "source",
    "owner_kind",
    "owner_organisation_id",
    "owner_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "themes",
    "place_kind",
    "department_id",
    "area_id",
    "district_id",
    "starts_on",
    "ends_on",
    "version",
)
JOINED = (
    "owner_organisation__name",
    "department__number",
    "department__name",
    "area__name",
    "district__name",
    "municipality__name",
)


class EffortRow:
    """What the picture shows of an effort (attribute names as on `Effort`)."""

    # No __slots__: a plain instance dictionary is what pickle restores fastest (in C).
    _meta = Effort._meta  # the access log names the model of what was read

    @property
    def pk(self) -> int:
        return self.id

    def get_source_display(self) -> str:
        return str(SOURCES.get(self.source, self.source))

    def get_owner_kind_display(self) -> str:
        return str(OWNER_KINDS.get(self.owner_kind, self.owner_kind))

    def __str__(self) -> str:
        return self.name


def _effort_row(values, groups) -> EffortRow:
    row = EffortRow()
    row.__dict__.update(zip(EFFORT_FIELDS, values[: len(EFFORT_FIELDS)], strict=True))
    org, number, department, area, district, municipality = values[len(EFFORT_FIELDS) :]
    if row.owner_kind == OwnerKind.HOUSING and org:
        row.owner_label = org
    else:
        row.owner_label = row.owner_name or row.get_owner_kind_display()
    row.place_label = {
        PlaceKind.DEPARTMENT: f"{number} {department}",
        PlaceKind.AREA: area,
        PlaceKind.DISTRICT: district,
    }.get(row.place_kind, f"{municipality} Kommune")
    row.themes = list(row.themes or ())
    row.groups = groups
    return row


def effort_rows(qs) -> list[EffortRow]:
    """The efforts of `qs` as rows with their target groups: 3 queries, whatever the number."""
    values = list(qs.order_by("starts_on", "name", "pk").values_list(*EFFORT_FIELDS, *JOINED))
    vocabulary = {g[0]: GroupRow(*g) for g in TargetGroup.objects.values_list(*GROUP_FIELDS)}
    by_effort: dict[int, list[GroupRow]] = {}
    pairs = Effort.target_groups.through.objects.filter(effort_id__in=qs.values("pk"))
    for effort_id, group_id in pairs.values_list("effort_id", "targetgroup_id"):
        by_effort.setdefault(effort_id, []).append(vocabulary[group_id])
    rows = []
    for v in values:
        groups = sorted(by_effort.get(v[0], []), key=lambda g: (g.position, g.age_min, g.name))
        rows.append(_effort_row(v, groups))
    return rows


# --- the key ------------------------------------------------------------------------------------


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _fingerprint_sql() -> str:
    e, d, light = _table(Effort), _table(OverlapDecision), _table(Light)
    dept, area = _table(Department), _table(Area)
    status, members = _table(StatutoryStatus), _table(Area.departments.through)
    # table names from the models, every value a parameter
    return f"""
SELECT 'e', COUNT(*), MAX(id), MAX(updated_at), SUM(version) FROM {e} WHERE municipality_id = %s
UNION ALL SELECT 'o', COUNT(*), MAX(x.id), MAX(x.decided_at), 0 FROM {d} x
  JOIN {e} y ON y.id = x.effort_a_id WHERE y.municipality_id = %s
UNION ALL SELECT 'ld', COUNT(*), MAX(x.id), MAX(x.computed_at), 0 FROM {light} x
  JOIN {dept} y ON y.id = x.department_id WHERE y.municipality_id = %s
UNION ALL SELECT 'la', COUNT(*), MAX(x.id), MAX(x.computed_at), 0 FROM {light} x
  JOIN {area} y ON y.id = x.area_id WHERE y.municipality_id = %s
UNION ALL SELECT 's', COUNT(*), MAX(x.id), MAX(x.computed_at), 0 FROM {status} x
  JOIN {area} y ON y.id = x.area_id WHERE y.municipality_id = %s
UNION ALL SELECT 'd', COUNT(*), MAX(id), NULL, 0 FROM {dept} WHERE municipality_id = %s
UNION ALL SELECT 'a', COUNT(*), MAX(id), NULL, 0 FROM {area} WHERE municipality_id = %s
UNION ALL SELECT 'm', COUNT(*), MAX(x.id), NULL, 0 FROM {members} x
  JOIN {area} y ON y.id = x.area_id WHERE y.municipality_id = %s
"""  # noqa: S608


def fingerprint(municipality: Municipality) -> tuple:
    """One query: what changes when an effort, a decision, a light, a status or a place does."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql(), [municipality.code] * 8)
        return tuple(tuple(str(v) for v in row) for row in cursor.fetchall())


def generation() -> int:
    """The number signals change (see the module docstring). A missing number (a cleared or
    culled cache) starts at the clock, so no entry stored under an earlier number is ever hit."""
    value = shared().get(GENERATION)
    if value is None:
        shared().add(GENERATION, time.time_ns(), None)
        value = shared().get(GENERATION)
    return int(value)


_warned = False


def bump(*args, **kwargs) -> None:
    """A new generation number (the clock's nanoseconds: never one used before). In a savepoint,
    so that a database without the cache table (`manage.py createcachetable` not run yet, e.g.
    while seeding a fresh database) loses only the number, never the write that sent the
    signal; the fingerprint still sees every effort, light and place count."""
    global _warned
    try:
        with transaction.atomic():
            shared().set(GENERATION, time.time_ns(), None)
    except DatabaseError:
        if not _warned:  # once per process (a seed saves thousands of places)
            logger.warning("coordination: the shared cache cannot be written (createcachetable?)")
        _warned = True


def signals_of(municipality: Municipality) -> list[contributions.PlaceSignal]:
    return contributions.place_signals(municipality_code=municipality.code)


def stamp(municipality: Municipality, signals=None) -> str:
    if signals is None:
        signals = signals_of(municipality)
    raw = repr((VERSION, generation(), fingerprint(municipality), tuple(signals)))
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def connect() -> None:
    """Bump the generation on what the fingerprint does not see (called from `apps.ready`)."""
    from boligsocial.organisations.signals import bulk_updated

    for model in (TargetGroup, District, Department, Area):
        post_save.connect(bump, sender=model, dispatch_uid=f"coordination_picture_{model}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"coordination_picture_d{model}")
    for through in (Area.departments.through, Effort.target_groups.through):
        m2m_changed.connect(bump, sender=through, dispatch_uid=f"coordination_picture_{through}")
    bulk_updated.connect(bump, dispatch_uid="coordination_picture_bulk")


# --- the bundle ---------------------------------------------------------------------------------


@dataclass
class Bundle:
    """What the cache keeps: the rule's overlaps as plain results (compact to store and read),
    their decisions, and rows built only for what a page shows."""

    efforts: list[EffortRow]
    places: selectors.Places
    found: list  # overlaps.Overlap, ordered by (a, b)
    decisions: dict
    gaps: list[selectors.GapRow]

    @cached_property
    def by_id(self) -> dict[int, EffortRow]:
        return {e.pk: e for e in self.efforts}

    def states(self) -> list[str]:
        return [selectors.state_of(o, self.decisions) for o in self.found]

    def rows(self, found) -> list[selectors.OverlapRow]:
        return selectors.build_overlap_rows(found, self.by_id, self.places, self.decisions)

    @cached_property
    def overlaps(self) -> list[selectors.OverlapRow]:
        """Every overlap as a row (exports, the PDF, the API)."""
        return self.rows(self.found)

    @property
    def open_count(self) -> int:
        return sum(1 for s in self.states() if s in ("open", "reopened"))

    def __getstate__(self):  # the cached properties are rebuilt, not stored
        return {k: v for k, v in self.__dict__.items() if k not in ("by_id", "overlaps")}


def compute(
    municipality: Municipality, start: date | None, end: date | None, signals=None, qs=None
) -> Bundle:
    """The bundle, read and computed now (no cache); `qs` narrows the efforts (the API's area)."""
    if qs is None:
        qs = Effort.objects.filter(municipality=municipality)
    qs = selectors.in_period(qs, start, end)
    efforts = effort_rows(qs)
    places = selectors.places(municipality)
    return Bundle(
        efforts=efforts,
        places=places,
        found=overlap_rule.find_overlaps(selectors.facts(e, places) for e in efforts),
        decisions=selectors.decisions_of(efforts),
        gaps=selectors.gap_rows(efforts, places, municipality, signals=signals),
    )


def key(municipality: Municipality, start, end, part: str = "bundle", stamp_: str = "") -> str:
    stamp_ = stamp_ or stamp(municipality)
    return f"coordination:{part}:{municipality.code}:{start}:{end}:{stamp_}"


def bundle(
    municipality: Municipality,
    start: date | None,
    end: date | None,
    *,
    stamp_: str = "",
    signals=None,
) -> Bundle:
    """The bundle of the municipality and period, from the shared cache or computed and stored.
    `stamp_` and `signals`: when the caller has them already (one request reads them once)."""
    if signals is None:
        signals = signals_of(municipality)
    name = key(municipality, start, end, stamp_=stamp_ or stamp(municipality, signals))
    stored = shared().get(name)
    if isinstance(stored, bytes):
        try:
            return pickle.loads(zlib.decompress(stored))  # noqa: S301 - our own cache entry
        except Exception:  # an entry of an older release: computed again
            logger.info("coordination: a cached picture could not be read; computing it")
    found = compute(municipality, start, end, signals)
    # compressed: a fifth of the bytes to read back and to decode from the database cache
    shared().set(name, zlib.compress(pickle.dumps(found, pickle.HIGHEST_PROTOCOL), 1), TIMEOUT)
    return found


# --- the map's places ---------------------------------------------------------------------------


def places_geojson(municipality: Municipality, stamp_: str = "") -> dict:
    """`geo.places_geojson` of the municipality, from the shared cache (same key rules)."""
    from boligsocial.coordination import geo

    name = key(municipality, None, None, "places", stamp_)
    found = shared().get(name)
    if found is None:
        found = geo.places_geojson([municipality.code])
        shared().set(name, found, TIMEOUT)
    return found


def places_geojson_bytes(municipality: Municipality) -> bytes:
    """The same, compactly encoded once (the API's answer)."""
    from boligsocial.coordination import geo

    name = key(municipality, None, None, "places-json")
    found = shared().get(name)
    if found is None:
        found = geo.places_geojson_bytes([municipality.code])
        shared().set(name, found, TIMEOUT)
    return found
