"""Disclosure control of published counts: small numbers are not shown (decision 0024).

A pure rule module (no Django): case statistics use it now; survey results and reports will use
it for their tables. The caller decides *whether* a viewer needs protection (staff of the owning
organisation see exact counts, boards and the municipality do not: each app's access module
says so) and reads ``k`` from the ``DISCLOSURE_MIN_COUNT`` setting; this module decides *which*
cells to hide.

The contract
------------
* A *cell* is a published (or derivable) count, a non-negative integer, under a hashable key.
* A *relation* says that a total cell is the sum of its part cells: a row with its row total, a
  column with its column total, an organisation with its departments, the grand total with the
  organisation totals. A cell may be in several relations (a table cell is in its row and its
  column; a department total is a part of the organisation and the total of its own row).
* **Primary suppression**: a count between 1 and k − 1 is shown as "<k" (`PRIMARY`). 0 and
  counts of k and more are shown.
* **Secondary suppression**: further cells are hidden (`SECONDARY`, shown as "x": "not given",
  any count) until, in every relation, no hidden cell can be narrowed to one value from the
  relation's sum, the cells shown and what the marks themselves tell (a "<k" cell lies in
  1..k − 1). In a row with one "<k" cell at least one more cell is hidden: the smallest count
  above 0 in that relation first (a 0 beside a "<k" cell protects nothing), a part before its
  total, and earlier cells before later ones on ties. Hiding a total hides it in every relation
  it is part of, which is then checked again.
* When every cell of a relation is hidden and the "<k" marks alone still pin a cell (a total
  "<5" of four parts "<5": each is 1), those "<k" cells are marked "x" instead, which says less.
  The loop runs until nothing changes; it ends, since each step hides a cell or turns a "<k"
  into an "x".
* Counts that are derivable but not printed (e.g. "closed" = total − open, when only total and
  open are printed) must be given as cells of the relation too: a derivable 3 is as small as a
  printed one.
* **Chains** (decision 0041): the per-relation check alone is defeated where a cell is a part
  of two relations (a table with two margins, a hierarchy): what one relation tells narrows
  the next. So `protect` then carries every cell's bounds through all relations at once
  (`chained_exposures`: interval propagation until nothing changes) and, while that pins a
  hidden cell, says less next to it — a shown part, else a "<k" becomes "x", else a total —
  and checks again.
* Cross-query differencing (two filtered views subtracted from each other) and exact linear
  programming over a whole table (which can find more than the propagation) are outside this
  rule: decision 0024 says why and what the pages do about it.

`protect_tree` is the rule for a hierarchy whose every cell is a part of one relation at most
(groups within groups: survey results), top down; `protect` is the rule for any layout (tables
with two margins, alternative breakdowns of one total), per relation and then against chains.

Builders for the shapes callers have: `one_way` (a list of counts with its total), `table`
(rows x columns with row, column and grand totals) and `hierarchy` (totals that are sums of
their children, any depth, e.g. organisation = sum of departments). Each returns a `Layout` of
cell values and relations that `protect` takes.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_MIN_COUNT = 5
SHOWN = "shown"
PRIMARY = "primary"  # 1..k-1, shown as "<k"
SECONDARY = "secondary"  # hidden so that a primary cell cannot be recomputed, shown as "x"
SECONDARY_MARK = "x"

_INF = math.inf
Intervals = tuple[tuple[float, float], ...]  # sorted, disjoint, non-adjacent integer ranges


@dataclass(frozen=True)
class Relation:
    """`total` is the sum of `parts`."""

    total: Hashable
    parts: tuple[Hashable, ...]

    def cells(self) -> tuple[Hashable, ...]:
        return (*self.parts, self.total)


@dataclass(frozen=True)
class Figure:
    """A count as a viewer may see it. `value` is None unless the count is shown."""

    status: str
    value: int | None
    min_count: int

    @property
    def shown(self) -> bool:
        return self.status == SHOWN

    @property
    def suppressed(self) -> bool:
        return self.status != SHOWN

    @property
    def mark(self) -> str:
        """What is printed instead of a hidden count: "<5" or "x" ("" when shown)."""
        if self.status == PRIMARY:
            return f"<{self.min_count}"
        return SECONDARY_MARK if self.status == SECONDARY else ""


@dataclass
class Layout:
    """Cell values and the relations between them, as `protect` takes them."""

    values: dict[Hashable, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)

    def merge(self, other: Layout) -> Layout:
        """One layout of both (a cell under the same key must have the same value)."""
        for key, value in other.values.items():
            if self.values.get(key, value) != value:
                raise ValueError(f"cell {key!r} has two values: {self.values[key]} and {value}")
            self.values[key] = value
        self.relations.extend(other.relations)
        return self


def check_min_count(k: int) -> int:
    """k must be at least 3: with k = 2 a "<2" beside a positive count would say "1"."""
    if not isinstance(k, int) or isinstance(k, bool) or k < 3:
        raise ValueError(f"the minimum count must be an integer of at least 3, not {k!r}")
    return k


def primary_status(value: int, k: int = DEFAULT_MIN_COUNT) -> str:
    """PRIMARY for 1..k-1, else SHOWN."""
    if value < 0:
        raise ValueError(f"a count cannot be negative: {value}")
    return PRIMARY if 0 < value < k else SHOWN


# --- interval arithmetic over the integers --------------------------------------------------


def _normal(ranges: Iterable[tuple[float, float]]) -> Intervals:
    merged: list[list[float]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return tuple((lo, hi) for lo, hi in merged)


def _plus(a: Intervals, b: Intervals) -> Intervals:
    return _normal((x0 + y0, x1 + y1) for x0, x1 in a for y0, y1 in b)


def _minus(a: Intervals, b: Intervals) -> Intervals:
    return _plus(a, tuple((-hi, -lo) for lo, hi in reversed(b)))


def _meet(a: Intervals, b: Intervals) -> Intervals:
    return _normal(
        (max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b if max(x0, y0) <= min(x1, y1)
    )


def domain(status: str, value: int, k: int) -> Intervals:
    """What a viewer knows of a cell from what is printed."""
    if status == SHOWN:
        return ((value, value),)
    if status == PRIMARY:
        return ((1, k - 1),)
    return ((0, _INF),)


def feasible(relation: Relation, cell: Hashable, known: Mapping[Hashable, Intervals]) -> Intervals:
    """The values `cell` can take given the relation and what is known of every cell in it."""
    others = [known[c] for c in relation.parts if c != cell]
    rest: Intervals = ((0, 0),)
    for d in others:
        rest = _plus(rest, d)
    if cell == relation.total:
        return _meet(known[cell], rest)
    return _meet(known[cell], _minus(known[relation.total], rest))


def _pinned(intervals: Intervals) -> bool:
    return len(intervals) == 1 and intervals[0][0] == intervals[0][1]


def exposed_cells(
    relation: Relation, status: Mapping[Hashable, str], values: Mapping[Hashable, int], k: int
) -> list[Hashable]:
    """The hidden cells of `relation` that its sum and the printed cells give away."""
    hidden = [c for c in relation.cells() if status[c] != SHOWN]
    if not hidden:
        return []
    known = {c: domain(status[c], values[c], k) for c in relation.cells()}
    return [c for c in hidden if _pinned(feasible(relation, c, known))]


# --- the rule -----------------------------------------------------------------------------


def protect(
    values: Mapping[Hashable, int],
    relations: Iterable[Relation] = (),
    *,
    k: int = DEFAULT_MIN_COUNT,
    exact: bool = False,
) -> dict[Hashable, Figure]:
    """The figure of every cell: exact for a viewer who may see exact counts (`exact`), else
    primary and secondary suppression as in the module doc."""
    k = check_min_count(k)
    relations = list(relations)
    for relation in relations:
        for cell in relation.cells():
            if cell not in values:
                raise KeyError(f"relation names an unknown cell: {cell!r}")
    if exact:
        return {key: Figure(SHOWN, int(v), k) for key, v in values.items()}
    status = {key: primary_status(v, k) for key, v in values.items()}
    order = {key: i for i, key in enumerate(values)}
    while True:
        _protect_each(values, relations, status, order, k)
        pinned = chained_exposures(values, relations, status, k)
        if not pinned or not _hide_for_chain(pinned, values, relations, status, order):
            break
    return {
        key: Figure(s, int(values[key]) if s == SHOWN else None, k) for key, s in status.items()
    }


def _protect_each(values, relations, status, order, k) -> None:
    """Each relation on its own (the module doc's rule), until nothing changes."""
    changed = True
    while changed:
        changed = False
        for relation in relations:
            while exposed := exposed_cells(relation, status, values, k):
                candidates = [c for c in relation.cells() if status[c] == SHOWN]
                if candidates:
                    pick = min(
                        candidates,
                        key=lambda c: (values[c] == 0, values[c], c == relation.total, order[c]),
                    )
                else:  # the marks alone give a cell away: say less of the "<k" cells
                    marked = [c for c in relation.cells() if status[c] == PRIMARY]
                    if not marked:
                        break
                    pick = next((c for c in exposed if status[c] == PRIMARY), marked[0])
                status[pick] = SECONDARY
                changed = True


MAX_CHAIN_PASSES = 200


def chained_exposures(
    values: Mapping[Hashable, int],
    relations: Sequence[Relation],
    status: Mapping[Hashable, str],
    k: int,
) -> list[Hashable]:
    """The hidden cells that an attacker pins by carrying bounds from relation to relation
    (decision 0041): every cell starts at what its print tells (a shown count exactly, "<k"
    1..k − 1, "x" 0..∞) and each relation narrows its total to the sum of its parts' bounds
    and each part to the total's bounds less the other parts', over all relations until
    nothing changes. Every bound is valid, so a cell pinned here is really given away.
    (Linear programming over the whole layout can find more; see the module doc.)"""
    lo: dict[Hashable, float] = {}
    hi: dict[Hashable, float] = {}
    for key, s in status.items():
        if s == SHOWN:
            lo[key] = hi[key] = values[key]
        elif s == PRIMARY:
            lo[key], hi[key] = 1, k - 1
        else:
            lo[key], hi[key] = 0, _INF
    for _pass in range(MAX_CHAIN_PASSES):
        changed = False
        for r in relations:
            t = r.total
            lo_sum = sum(lo[p] for p in r.parts)
            unbounded = sum(1 for p in r.parts if hi[p] == _INF)
            hi_finite = sum(hi[p] for p in r.parts if hi[p] != _INF)
            bounds = {t: (lo_sum, _INF if unbounded else hi_finite)}
            for p in r.parts:
                others_unbounded = unbounded - (hi[p] == _INF)
                others_hi = (
                    _INF if others_unbounded else hi_finite - (hi[p] if hi[p] != _INF else 0)
                )
                bounds[p] = (lo[t] - others_hi, hi[t] - (lo_sum - lo[p]))
            for cell, (low, high) in bounds.items():
                low, high = max(lo[cell], low), min(hi[cell], high)
                if (low, high) != (lo[cell], hi[cell]):
                    lo[cell], hi[cell] = low, high
                    changed = True
        if not changed:
            break
    return [c for c, s in status.items() if s != SHOWN and lo[c] == hi[c]]


def _hide_for_chain(pinned, values, relations, status, order) -> bool:
    """Say less next to the first pinned cell, losing as little as can be: hide a shown part
    (a count above 0 before a 0, the smallest first), else turn a "<k" into "x", else hide a
    shown total (the totals are what readers look for). First in the relations of the pinned
    cell, then in all. False if nothing is left to hide."""
    cell = min(pinned, key=order.__getitem__)
    totals = {r.total for r in relations}
    around = [r for r in relations if cell in r.cells()]
    for scope in (around, relations):
        cells = {c for r in scope for c in r.cells()}
        parts = [c for c in cells if status[c] == SHOWN and c not in totals]
        marked = sorted((c for c in cells if status[c] == PRIMARY), key=order.__getitem__)
        shown_totals = [c for c in cells if status[c] == SHOWN and c in totals]
        if parts:
            pick = min(parts, key=lambda c: (values[c] == 0, values[c], order[c]))
        elif marked:
            pick = cell if status[cell] == PRIMARY else marked[0]
        elif shown_totals:
            pick = min(shown_totals, key=lambda c: (values[c] == 0, values[c], order[c]))
        else:
            continue
        status[pick] = SECONDARY
        return True
    return False


def protect_tree(
    values: Mapping[Hashable, int],
    relations: Sequence[Relation],
    *,
    k: int,
    hidden: Iterable[Hashable] = (),
) -> dict[Hashable, Figure]:
    """Primary and secondary suppression of a *tree* of groups, top down (decision 0032; moved
    here from surveys/results.py). `relations` come in top-down order: each relation's total is
    the root or a part of an earlier relation, and a cell is a part of one relation at most
    (organisation = Σ municipalities, municipality = Σ departments, department = Σ buildings).

    `protect` checks each relation on its own, which a chain can defeat: with an organisation
    of 12 = a department "x" (8) + a department "<5" (4), and the hidden department = two
    buildings "<5" (4 + 4), the first relation says 8..11 and the second 2..8, so it is 8 and
    the "<5" is 4. Here instead:

    * the root is "<k" or shown by its own count;
    * a relation whose total is hidden hides all its parts as "x" (no bound: nothing below a
      hidden group narrows anything);
    * a relation whose total is shown is protected on its own with the total fixed
      (`exposed_cells`: a part is hidden, the smallest count above 0 first, until no hidden
      part is pinned; when only marks remain, "<k" become "x"). Its parts are in no other
      relation except as totals of their own children, which are checked the same way below
      them, with their total known or all hidden — so the check is complete.

    `hidden`: cells hidden ("x") from the start (e.g. the groups a question's table must hide
    because the respondent table hid them). Not for tables with margins in both directions or
    other layouts where a cell is a part of two relations: use `protect` there (and see
    decision 0041 on its limits)."""
    k = check_min_count(k)
    status: dict[Hashable, str] = {}
    pre = set(hidden)
    order = {key: i for i, key in enumerate(values)}
    for key in values:
        if key in pre:
            status[key] = SECONDARY
    for relation in relations:
        total = relation.total
        if total not in status:  # the root
            status[total] = primary_status(values[total], k)
        if status[total] != SHOWN:
            for part in relation.parts:
                status[part] = SECONDARY
            continue
        for part in relation.parts:
            status.setdefault(part, primary_status(values[part], k))
        while exposed := exposed_cells(relation, status, values, k):
            shown = [p for p in relation.parts if status[p] == SHOWN]
            if shown:
                pick = min(shown, key=lambda c: (values[c] == 0, values[c], order[c]))
            else:
                marked = [p for p in relation.parts if status[p] == PRIMARY]
                if not marked:
                    break
                pick = next((c for c in exposed if status[c] == PRIMARY), marked[0])
            status[pick] = SECONDARY
    for key, value in values.items():
        status.setdefault(key, primary_status(value, k))
    return {
        key: Figure(s, int(values[key]) if s == SHOWN else None, k) for key, s in status.items()
    }


def figure(value: int, *, k: int = DEFAULT_MIN_COUNT, exact: bool = False) -> Figure:
    """One count in no relation (a key figure on its own): primary suppression only."""
    return protect({"n": value}, k=k, exact=exact)["n"]


# --- builders -----------------------------------------------------------------------------


def one_way(counts: Mapping[Hashable, int], *, total: Hashable, total_value: int | None = None):
    """A list of counts and their total (the sum unless `total_value` says otherwise, e.g.
    when some units are in no group: then the difference is added as the part
    ``(total, "rest")``, which is derivable and so protected too)."""
    values = dict(counts)
    whole = sum(values.values()) if total_value is None else total_value
    rest = whole - sum(values.values())
    if rest < 0:
        raise ValueError(f"the parts add up to more than the total {whole}")
    parts = tuple(values)
    if rest:
        values[(total, "rest")] = rest
        parts = (*parts, (total, "rest"))
    values[total] = whole
    return Layout(values, [Relation(total, parts)])


def table(
    counts: Mapping[tuple[Hashable, Hashable], int],
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
) -> Layout:
    """A two-way table with its margins. Keys: ``("cell", r, c)``, ``("row", r)`` (row total),
    ``("column", c)`` (column total) and ``("total",)``; a missing cell counts 0."""
    values: dict[Hashable, int] = {}
    for r in rows:
        for c in columns:
            values[("cell", r, c)] = int(counts.get((r, c), 0))
    relations = []
    for r in rows:
        parts = tuple(("cell", r, c) for c in columns)
        values[("row", r)] = sum(values[p] for p in parts)
        relations.append(Relation(("row", r), parts))
    for c in columns:
        parts = tuple(("cell", r, c) for r in rows)
        values[("column", c)] = sum(values[p] for p in parts)
        relations.append(Relation(("column", c), parts))
    values[("total",)] = sum(values[("row", r)] for r in rows)
    relations.append(Relation(("total",), tuple(("row", r) for r in rows)))
    relations.append(Relation(("total",), tuple(("column", c) for c in columns)))
    return Layout(values, relations)


def hierarchy(leaves: Mapping[Hashable, int], children: Mapping[Hashable, Sequence[Hashable]]):
    """Totals that are the sums of their children, at any depth: ``children`` maps a total's
    key to its children's keys (leaves or other totals), ``leaves`` gives the leaf counts.
    Example: ``{"org": ["d1", "d2"], "all": ["org", "org2"], "org2": ["d3"]}``."""
    values: dict[Hashable, int] = {key: int(v) for key, v in leaves.items()}

    def value_of(key, path=()):
        if key in values:
            return values[key]
        if key in path:
            raise ValueError(f"the hierarchy has a cycle through {key!r}")
        if key not in children:
            raise KeyError(f"no count and no children for {key!r}")
        values[key] = sum(value_of(child, (*path, key)) for child in children[key])
        return values[key]

    for key in children:
        value_of(key)
    return Layout(values, [Relation(key, tuple(parts)) for key, parts in children.items()])


def implied_count(rate, base, per: int) -> int | None:
    """The count behind a rate "per `per`" of `base` (e.g. cases per 100 leases), rounded; None
    when the base is unknown or not positive."""
    if rate is None or base is None or base <= 0:
        return None
    return round(float(rate) * float(base) / per)


def small_number(value, *, per: int | None, base, k: int = DEFAULT_MIN_COUNT) -> Figure | None:
    """A published value that is a count (`per` None) or a rate of a count per `per` units of
    `base` (e.g. evictions per 1,000 leases): the Figure to print instead when it gives away a
    count from 1 to k - 1 ("<k" for a count; "x" for a rate, whose "<k" would read as a rate),
    else None (print the value). A rate of an unknown base is hidden unless it is 0."""
    k = check_min_count(k)
    if value is None:
        return None
    if per is None:
        count = round(float(value))
        return Figure(PRIMARY, None, k) if 0 < count < k else None
    count = implied_count(value, base, per)
    if count is None:
        return None if float(value) == 0 else Figure(SECONDARY, None, k)
    if float(value) > 0:
        count = max(count, 1)  # a positive rate is at least one event, however it rounds
    return Figure(SECONDARY, None, k) if 0 < count < k else None
