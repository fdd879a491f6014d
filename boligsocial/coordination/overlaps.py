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

`find_overlaps` avoids comparing every pair: efforts are grouped by their place and the
departments it covers, only groups at the same place or sharing a department meet (each pair
once), municipality-wide efforts meet all, and cheap necessary conditions of the rule drop a
candidate pair before `overlap` decides it.
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

    The index only narrows the candidates; `overlap` decides every pair. Efforts are grouped by
    their **site** (place and departments covered). Two sites can overlap only when they are the
    same place or share a department, which one lookup per department finds, so each pair of
    sites is met once (from the lower of the two) and each pair of efforts once: no set of pairs
    seen, nothing found twice through several shared departments (a district covers a hundred).
    Municipality-wide efforts meet every effort. Before calling `overlap`, a candidate pair is
    dropped when one of three conditions of the rule already fails, read from arrays: the same
    owner, periods not sharing a day, or no pair of compatible kinds among their groups (a
    general group is compatible with every kind). A hypothesis property checks the result equals
    comparing every pair with `overlap`."""
    efforts = sorted(efforts, key=lambda e: e.id)
    owners = [e.owner for e in efforts]
    starts = [e.starts_on for e in efforts]
    ends = [date.max if e.ends_on is None else e.ends_on for e in efforts]  # None = open-ended
    kinds = [frozenset(g.kind for g in e.groups) for e in efforts]
    general = [GENERAL in k for k in kinds]
    wide = [e.covers_all for e in efforts]
    sites: dict[tuple, list[int]] = defaultdict(list)
    for i, effort in enumerate(efforts):
        if not wide[i]:
            sites[(effort.place, effort.departments)].append(i)
    keys = list(sites)
    order = {key: k for k, key in enumerate(keys)}
    by_place: dict[tuple, list[int]] = defaultdict(list)
    by_department: dict[int, list[int]] = defaultdict(list)
    for k, (place, departments) in enumerate(keys):
        by_place[place].append(k)
        for department in departments:
            by_department[department].append(k)
    found: list[Overlap] = []

    def compare(i: int, j: int) -> None:
        if owners[i] == owners[j] or starts[j] > ends[i] or starts[i] > ends[j]:
            return
        if not (general[i] or general[j] or kinds[i] & kinds[j]):
            return
        result = overlap(efforts[i], efforts[j])
        if result is not None:
            found.append(result)

    for key, mine in sites.items():
        k = order[key]
        place, departments = key
        near = set(by_place[place])
        for department in departments:
            near.update(by_department[department])
        for m in near:
            if m == k:
                for x, i in enumerate(mine):
                    for j in mine[x + 1 :]:
                        compare(i, j)
            elif m > k:
                theirs = sites[keys[m]]
                for i in mine:
                    for j in theirs:
                        compare(i, j)
    for i in (i for i, is_wide in enumerate(wide) if is_wide):
        for j in range(len(efforts)):
            if j != i and not (wide[j] and j < i):
                compare(i, j)
    found.sort(key=lambda o: (o.a, o.b))
    return found
