"""Chained subtraction against `core.disclosure` (decision 0041).

`protect` checks each sum relation on its own (decision 0024). An attacker who carries what
one relation tells into the next (interval propagation over all relations at once, `chain`
below: every bound it derives is valid, so a cell it pins is really given away) defeats it
wherever a cell is a part of two relations or a hidden total is bounded from below: a
hierarchy, a table with two margins, the case statistics. `protect_tree` (the survey results)
is complete for a tree. The call sites that are open to it are marked xfail (strict) with the
concrete example, so a fix in those apps turns them into passing tests to un-mark."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligsocial.cases import statistics as case_statistics
from boligsocial.core import disclosure
from boligsocial.plans import counts as plan_counts

K = 5
INF = 10**9


def chain(figures, relations, k=K) -> dict:
    """The hidden cells an attacker pins from the printed figures and marks by propagating
    bounds through every relation until nothing changes: {cell: its value}."""
    lo, hi = {}, {}
    for cell, f in figures.items():
        if f.shown:
            lo[cell] = hi[cell] = f.value
        elif f.status == disclosure.PRIMARY:
            lo[cell], hi[cell] = 1, k - 1
        else:
            lo[cell], hi[cell] = 0, INF
    changed = True
    while changed:
        changed = False
        for r in relations:
            cells = [*r.parts, r.total]
            for cell in cells:
                others = [p for p in r.parts if p != cell]
                if cell == r.total:
                    low, high = sum(lo[p] for p in others), sum(hi[p] for p in others)
                else:
                    low = lo[r.total] - sum(hi[p] for p in others)
                    high = hi[r.total] - sum(lo[p] for p in others)
                new = (max(lo[cell], low), min(hi[cell], high))
                if new != (lo[cell], hi[cell]):
                    lo[cell], hi[cell] = new
                    changed = True
    return {c: lo[c] for c, f in figures.items() if f.suppressed and lo[c] == hi[c]}


# --- a hierarchy: protect leaks, protect_tree does not ---------------------------------------

TREE = [disclosure.Relation("org", ("d1", "d2")), disclosure.Relation("d1", ("b1", "b2"))]
TREE_VALUES = {"org": 12, "d1": 8, "d2": 4, "b1": 4, "b2": 4}


def per_relation_only(values, relations, k=K) -> dict:
    """The figures of the per-relation rule alone (decision 0024), without `protect`'s check
    of chains (decision 0041): what the examples below were found with."""
    status = {key: disclosure.primary_status(v, k) for key, v in values.items()}
    order = {key: i for i, key in enumerate(values)}
    disclosure._protect_each(values, list(relations), status, order, k)
    return {
        key: disclosure.Figure(s, values[key] if s == disclosure.SHOWN else None, k)
        for key, s in status.items()
    }


def test_the_per_relation_rule_alone_lets_a_chain_through_a_hierarchy_and_protect_does_not():
    """org 12 = d1 "x" + d2 "<5"; d1 = two buildings "<5": d1 is 8..11 by the first relation
    and 2..8 by the second, so 8, and d2 is 4. `protect` sees the chain and says "x" for d2
    instead, keeping the total."""
    figures = per_relation_only(TREE_VALUES, TREE)
    assert {c: f.mark or f.value for c, f in figures.items()} == {
        "org": 12, "d1": "x", "d2": "<5", "b1": "<5", "b2": "<5"
    }  # fmt: skip
    assert chain(figures, TREE) == {"d1": 8, "d2": 4, "b1": 4, "b2": 4}
    figures = disclosure.protect(TREE_VALUES, TREE, k=K)
    assert {c: f.mark or f.value for c, f in figures.items()} == {
        "org": 12, "d1": "x", "d2": "x", "b1": "<5", "b2": "<5"
    }  # fmt: skip
    assert chain(figures, TREE) == {}


def test_protect_tree_hides_what_lies_below_a_hidden_group():
    figures = disclosure.protect_tree(TREE_VALUES, TREE, k=K)
    assert {c: f.mark or f.value for c, f in figures.items()} == {
        "org": 12, "d1": "x", "d2": "<5", "b1": "x", "b2": "x"
    }  # fmt: skip
    assert chain(figures, TREE) == {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), min_size=1, max_size=3), min_size=1, max_size=4))
def test_protect_tree_leaves_no_chain_in_random_trees(departments):
    values, relations = (
        {},
        [disclosure.Relation("org", tuple(f"d{i}" for i in range(len(departments))))],
    )
    for i, buildings in enumerate(departments):
        values[f"d{i}"] = sum(buildings)
        if len(buildings) > 1:
            parts = tuple(f"d{i}b{j}" for j in range(len(buildings)))
            values.update(zip(parts, buildings, strict=True))
            relations.append(disclosure.Relation(f"d{i}", parts))
    values["org"] = sum(values[f"d{i}"] for i in range(len(departments)))
    figures = disclosure.protect_tree(values, relations, k=K)
    assert chain(figures, relations) == {}
    for cell, f in figures.items():
        assert f.value == (values[cell] if f.shown else None)
        assert f.suppressed or not 0 < values[cell] < K


# --- the other callers of `protect` -------------------------------------------------------


def test_plans_band_table_leaves_no_chain():
    """A 2 x 2 age band x gender table [[0, 3], [3, 1]]: by the per-relation rule a board sees
    the grand total 7 and the 0, every other cell and margin "<5". Row 1 and column 1 are at
    most 4, so the other row and column are at least 3, and 3 + 3 + the last cell (at least 1)
    = 7: every cell is pinned (3, 3, 1). `protect` hides the 0 as well and keeps the total."""
    counts = {("13-17", "f"): 0, ("13-17", "m"): 3, ("18-29", "f"): 3, ("18-29", "m"): 1}
    bands, genders = ["13-17", "18-29"], ["f", "m"]
    layout = disclosure.table(counts, bands, genders)
    alone = per_relation_only(layout.values, layout.relations)
    assert chain(alone, layout.relations) == {
        ("cell", "13-17", "m"): 3, ("cell", "18-29", "f"): 3, ("cell", "18-29", "m"): 1,
        ("row", "13-17"): 3, ("row", "18-29"): 4, ("column", "f"): 3, ("column", "m"): 4,
    }  # fmt: skip
    figures = plan_counts.band_table(counts, bands, genders, exact=False)
    assert {c: f.mark or f.value for c, f in figures.items()} == {
        ("cell", "13-17", "f"): "x", ("cell", "13-17", "m"): "<5", ("cell", "18-29", "f"): "<5",
        ("cell", "18-29", "m"): "<5", ("row", "13-17"): "<5", ("row", "18-29"): "<5",
        ("column", "f"): "<5", ("column", "m"): "<5", ("total",): 7,
    }  # fmt: skip
    assert chain(figures, layout.relations) == {}


def _case_stats(departments, *, overdue=0):
    total = sum(c for c, _ in departments)
    open_ = sum(o for _, o in departments)
    return {
        "year": 2026, "total": total, "open": open_, "overdue": overdue,
        "repeat_addresses": 0, "repeat_leases": 0, "contacted": total,
        "first_contact_decided": total, "first_contact_within_deadline": total,
        "by_department": [
            {"department_id": i, "number": i, "name": f"D{i}", "organisation_id": 1,
             "count": c, "open": o}
            for i, (c, o) in enumerate(departments, start=1)
        ],
        "by_track": {"neighbour": total}, "by_category": {}, "by_kind": {},
        "by_status": {"in_progress": open_, "closed": total - open_}, "by_outcome": {},
        "median_working_days_to_first_contact": 1, "median_hours_to_first_contact": 1,
        "share_within_deadline": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    "departments, overdue, pinned",
    [
        # 7 cases: department 1 has 3, none open; department 2 has 4, 3 open. A board sees the
        # total 7, department 1's 0 open and "<5" everywhere else: the department x open/closed
        # table with its margins pins every cell, as in the plans example.
        ([(3, 0), (4, 3)], 0, {("dept", 2, "open"): 3, ("dept", 2, "rest"): 1}),
        # 14 cases, 8 of them (all open) in department 1, 11 overdue: open = 11 + "<5" (12..15)
        # and open = 8 + department 2's "<5" (9..12), so 12, and department 2 has 4 open.
        ([(8, 8), (6, 4)], 11, {("dept", 2, "open"): 4, ("dept", 2, "rest"): 2}),
    ],
)
def test_case_statistics_leave_no_chain(departments, overdue, pinned):
    stats = _case_stats(departments, overdue=overdue)
    values, relations = case_statistics._cells(stats)
    # the example is what the comment says: the per-relation rule alone gives these away
    assert pinned.items() <= chain(per_relation_only(values, relations), relations).items()
    published = case_statistics.publish(stats, exact=False, k=K)
    figures = disclosure.protect(values, relations, k=K)
    assert chain(figures, relations) == {}
    assert published.figures["total"].value == stats["total"]  # the total stays shown


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(0, 9), min_size=cols, max_size=cols), min_size=1, max_size=4
        )
    )
)
def test_protect_leaves_no_chain_in_random_tables_with_both_margins(grid):
    rows, cols = [f"r{i}" for i in range(len(grid))], [f"c{j}" for j in range(len(grid[0]))]
    counts = {(r, c): grid[i][j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    layout = disclosure.table(counts, rows, cols)
    figures = disclosure.protect(layout.values, layout.relations, k=K)
    assert chain(figures, layout.relations) == {}
    for cell, f in figures.items():
        assert f.value == (layout.values[cell] if f.shown else None)
        assert f.suppressed or not 0 < layout.values[cell] < K
