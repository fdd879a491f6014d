"""The overlap rule (issue 17, part 2), pure: two efforts overlap when

1. their **owners differ** (two efforts of one owner are that owner's own planning);
2. they address the **same or an overlapping target group**: some group of one and some group of
   the other have compatible kinds (equal, or one of them is "general" = all residents) and
   intersecting age bands. Age bands are whole years, **both ends inclusive**; `age_max` None
   means no upper limit. 12–17 and 17–25 overlap (at 17); 12–17 and 18–25 do not;
3. they are in the **same or an overlapping place**: the same place (department, area, district),
   or places covering a common department, or one of them covers the whole municipality (both
   are always of one municipality; the caller groups by municipality);
4. their **periods overlap**: dates, **both ends inclusive** (`ends_on` None = open-ended). An
   effort ending 31 December and one starting the same day overlap; one starting 1 January
   after does not.

`find_overlaps` avoids comparing every pair: efforts are bucketed by the departments their
place covers (or their place) and by their target groups' kinds; municipality-wide efforts are
compared with all.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

GENERAL = "general"


@dataclass(frozen=True)
class Group:
    id: int
    kind: str
    age_min: int
    age_max: int | None  # inclusive; None = no upper limit


@dataclass(frozen=True)
class Facts:
    """What the rule needs of one effort."""

    id: int
    owner: tuple  # ("housing", organisation id) or (kind, normalised name)
    groups: tuple[Group, ...]
    place: tuple  # ("department", id) / ("area", id) / ("district", id) / ("municipality", code)
    departments: frozenset[int]  # the departments the place covers (empty if none known)
    starts_on: date
    ends_on: date | None  # inclusive; None = open-ended
    version: int = 1

    @property
    def covers_all(self) -> bool:
        return self.place[0] == "municipality"


@dataclass(frozen=True)
class Overlap:
    a: int  # the lower effort id
    b: int
    groups: tuple[tuple[int, int], ...]  # (group of a, group of b) pairs that overlap
    departments: frozenset[int]  # departments both cover (empty: same place without any)
    starts_on: date  # the common period
    ends_on: date | None
    versions: tuple[int, int]  # (version of a, version of b)

    def __reduce__(self):  # pickled as its fields: smaller and faster to read (the cache)
        return (
            Overlap,
            (self.a, self.b, self.groups, self.departments, self.starts_on, self.ends_on,
             self.versions),
        )  # fmt: skip


def ages_overlap(a_min: int, a_max: int | None, b_min: int, b_max: int | None) -> bool:
    """Inclusive whole-year bands: [a_min, a_max] ∩ [b_min, b_max] ≠ ∅ (None = no upper)."""
    return (a_max is None or b_min <= a_max) and (b_max is None or a_min <= b_max)


def kinds_compatible(a: str, b: str) -> bool:
    return a == b or GENERAL in (a, b)


def groups_overlap(a: Group, b: Group) -> bool:
    return kinds_compatible(a.kind, b.kind) and ages_overlap(
        a.age_min, a.age_max, b.age_min, b.age_max
    )


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Inclusive dates: the periods share at least one day (None = open-ended)."""
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)


def places_overlap(a: Facts, b: Facts) -> bool:
    return a.covers_all or b.covers_all or a.place == b.place or bool(a.departments & b.departments)


def overlap(a: Facts, b: Facts) -> Overlap | None:
    """The overlap of two efforts, or None (the rule of the module docstring)."""
    if a.id == b.id or a.owner == b.owner:
        return None
    if not periods_overlap(a.starts_on, a.ends_on, b.starts_on, b.ends_on):
        return None
    if not places_overlap(a, b):
        return None
    if a.id > b.id:
        a, b = b, a
    pairs = tuple((ga.id, gb.id) for ga in a.groups for gb in b.groups if groups_overlap(ga, gb))
    if not pairs:
        return None
    if a.covers_all:
        shared = b.departments
    elif b.covers_all:
        shared = a.departments
    else:
        shared = a.departments & b.departments
    ends = [e for e in (a.ends_on, b.ends_on) if e is not None]
    return Overlap(
        a=a.id,
        b=b.id,
        groups=pairs,
        departments=frozenset(shared),
        starts_on=max(a.starts_on, b.starts_on),
        ends_on=min(ends) if ends else None,
        versions=(a.version, b.version),
    )


def find_overlaps(efforts: Iterable[Facts]) -> list[Overlap]:
    """Every overlapping pair among `efforts` (of one municipality), ordered by (a, b).

    Only candidates are compared: efforts are bucketed by each department their place covers
    (by the place itself when it covers none: two such efforts overlap only at the same place)
    and, inside a bucket, by the kinds of their target groups. A pair is compared when it shares
    a bucket and a kind, or when one of them has a general group (compatible with every kind);
    municipality-wide efforts are compared with all. A hypothesis property checks the result
    equals comparing all pairs."""
    efforts = sorted(efforts, key=lambda e: e.id)
    buckets: dict[tuple, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    wide: list[int] = []
    kinds_of: list[set[str]] = []
    keys_of: list[list[tuple]] = []
    for i, effort in enumerate(efforts):
        kinds = {g.kind for g in effort.groups}
        keys = [("d", d) for d in effort.departments] or [effort.place]
        kinds_of.append(kinds)
        keys_of.append(keys)
        if effort.covers_all:
            wide.append(i)
            continue
        for key in keys:
            by_kind = buckets[key]
            for kind in kinds:
                by_kind[kind].append(i)
    everyone = range(len(efforts))
    found: list[Overlap] = []
    for i, first in enumerate(efforts):
        if first.covers_all:
            candidates = everyone
        else:
            kinds = kinds_of[i]
            candidates = set(wide)
            for key in keys_of[i]:
                by_kind = buckets[key]
                if GENERAL in kinds:
                    for members in by_kind.values():
                        candidates.update(members)
                    continue
                candidates.update(by_kind.get(GENERAL, ()))
                for kind in kinds:
                    candidates.update(by_kind.get(kind, ()))
        for j in candidates:
            if j > i:
                result = overlap(first, efforts[j])
                if result is not None:
                    found.append(result)
    found.sort(key=lambda o: (o.a, o.b))
    return found
