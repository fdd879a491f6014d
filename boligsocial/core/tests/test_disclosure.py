"""Disclosure control (core/disclosure.py, decision 0024). Pure Python, no database.

The expected suppression patterns below were worked out by hand from the rule in the module
doc. The property tests check the result with an attacker written independently of the module's
interval arithmetic: for every relation and every hidden cell, a subset-sum search over the
values the marks allow finds a second value the cell could have."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligsocial.core.disclosure import (
    PRIMARY,
    SECONDARY,
    SHOWN,
    Figure,
    Relation,
    check_min_count,
    figure,
    hierarchy,
    implied_count,
    one_way,
    protect,
    small_number,
    table,
)

K = 5


def statuses(figures):
    return {key: f.status for key, f in figures.items()}


# --- one count on its own: the edges 0, 1, k-1, k ---------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "shown", "mark"),
    [
        (0, SHOWN, 0, ""),
        (1, PRIMARY, None, "<5"),
        (2, PRIMARY, None, "<5"),
        (4, PRIMARY, None, "<5"),
        (5, SHOWN, 5, ""),
        (6, SHOWN, 6, ""),
        (1000, SHOWN, 1000, ""),
    ],
)
def test_a_count_on_its_own_is_hidden_from_1_to_k_minus_1(value, status, shown, mark):
    f = figure(value)
    assert (f.status, f.value, f.mark, f.suppressed) == (status, shown, mark, status != SHOWN)


@pytest.mark.parametrize(("k", "hidden"), [(3, {1, 2}), (5, {1, 2, 3, 4}), (10, set(range(1, 10)))])
def test_the_minimum_count_is_a_parameter(k, hidden):
    assert {v for v in range(0, 15) if figure(v, k=k).suppressed} == hidden
    assert figure(1, k=k).mark == f"<{k}"


@pytest.mark.parametrize("k", [2, 1, 0, -5, 5.0, True, "5"])
def test_a_minimum_count_below_3_or_not_an_integer_is_refused(k):
    with pytest.raises(ValueError):
        check_min_count(k)
    with pytest.raises(ValueError):
        figure(3, k=k)


def test_exact_viewers_see_every_count():
    layout = one_way({"a": 1, "b": 4, "c": 20}, total="t")
    figures = protect(layout.values, layout.relations, exact=True)
    assert {key: f.value for key, f in figures.items()} == {"a": 1, "b": 4, "c": 20, "t": 25}
    assert all(f.status == SHOWN for f in figures.values())


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        figure(-1)


# --- one row with its total -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        # nothing small: nothing hidden
        ([5, 6, 7], [SHOWN, SHOWN, SHOWN, SHOWN]),
        ([0, 0, 9], [SHOWN, SHOWN, SHOWN, SHOWN]),
        # one small cell: the smallest other count above 0 is hidden with it
        ([1, 6, 7], [PRIMARY, SECONDARY, SHOWN, SHOWN]),
        ([4, 9, 5], [PRIMARY, SHOWN, SECONDARY, SHOWN]),
        ([3, 0, 12, 20], [PRIMARY, SHOWN, SECONDARY, SHOWN, SHOWN]),
        # a 0 beside a small cell protects nothing, and a small total is "<5" itself
        ([2, 0], [PRIMARY, SHOWN, PRIMARY]),  # total 2 is itself small; 2 = t, both "<5"
        ([2, 0, 0], [PRIMARY, SHOWN, SHOWN, PRIMARY]),
        # two small cells protect each other, unless their sum pins them (1 + 1 or 4 + 4)
        ([2, 3, 10], [PRIMARY, PRIMARY, SHOWN, SHOWN]),
        ([1, 1, 10], [PRIMARY, PRIMARY, SECONDARY, SHOWN]),
        ([4, 4, 10], [PRIMARY, PRIMARY, SECONDARY, SHOWN]),
        # the total is small: it is "<5" itself
        ([1, 2], [PRIMARY, PRIMARY, PRIMARY]),
        ([4], [PRIMARY, PRIMARY]),
        # k exactly is shown; k-1 is hidden
        ([5, 5], [SHOWN, SHOWN, SHOWN]),
        ([4, 5], [PRIMARY, SECONDARY, SHOWN]),
        # all cells small but the total large: 4 + 4 = 8 would pin both; the total is hidden
        ([4, 4], [PRIMARY, PRIMARY, SECONDARY]),
    ],
)
def test_one_row(parts, expected):
    layout = one_way(dict(enumerate(parts)), total="t")
    figures = protect(layout.values, layout.relations)
    assert [figures[i].status for i in range(len(parts))] + [figures["t"].status] == expected


def test_a_row_with_a_rest_protects_the_derivable_rest():
    # 12 cases, 9 with a category: the 3 without are derivable (12 - 9) and so protected
    layout = one_way({"noise": 9}, total="t", total_value=12)
    assert layout.values == {"noise": 9, ("t", "rest"): 3, "t": 12}
    figures = protect(layout.values, layout.relations)
    assert statuses(figures) == {"noise": SECONDARY, ("t", "rest"): PRIMARY, "t": SHOWN}
    with pytest.raises(ValueError):
        one_way({"a": 5}, total="t", total_value=4)


def test_a_relation_naming_an_unknown_cell_is_refused():
    with pytest.raises(KeyError):
        protect({"a": 1}, [Relation("t", ("a",))])


# --- hierarchies: a department is not the organisation minus the other departments ------------


def test_a_department_is_not_the_organisation_total_minus_the_others():
    layout = hierarchy({"d1": 1, "d2": 12, "d3": 30}, {"org": ["d1", "d2", "d3"]})
    assert layout.values["org"] == 43
    figures = protect(layout.values, layout.relations)
    assert statuses(figures) == {"d1": PRIMARY, "d2": SECONDARY, "d3": SHOWN, "org": SHOWN}
    assert (figures["org"].value, figures["d3"].value, figures["d2"].value) == (43, 30, None)


def test_a_hidden_organisation_total_is_protected_in_the_grand_total():
    # org1 = 4 + 4 = 8 pins both departments unless org1 is hidden; then org1 is a part of the
    # grand total with org2 = 20 shown: org1 = all - org2, so org2 is hidden as well.
    layout = hierarchy(
        {"d1": 4, "d2": 4, "d3": 20},
        {"org1": ["d1", "d2"], "org2": ["d3"], "all": ["org1", "org2"]},
    )
    figures = protect(layout.values, layout.relations)
    assert statuses(figures) == {
        "d1": PRIMARY,
        "d2": PRIMARY,
        "d3": SECONDARY,
        "org1": SECONDARY,
        "org2": SECONDARY,
        "all": SHOWN,
    }


def test_a_hierarchy_with_a_cycle_or_a_missing_leaf_is_refused():
    with pytest.raises(ValueError):
        hierarchy({}, {"a": ["b"], "b": ["a"]})
    with pytest.raises(KeyError):
        hierarchy({"d1": 3}, {"org": ["d1", "d2"]})


# --- tables with margins ----------------------------------------------------------------------


def test_a_table_hides_a_second_cell_in_the_row_and_in_the_column():
    # rows: departments, columns: categories
    counts = {("A", "noise"): 2, ("A", "waste"): 10, ("B", "noise"): 7, ("B", "waste"): 20}
    layout = table(counts, ["A", "B"], ["noise", "waste"])
    assert layout.values[("row", "A")] == 12
    assert layout.values[("column", "noise")] == 9
    assert layout.values[("total",)] == 39
    figures = protect(layout.values, layout.relations)
    assert statuses(figures) == {
        ("cell", "A", "noise"): PRIMARY,
        ("cell", "A", "waste"): SECONDARY,  # row A: the smallest other cell
        ("cell", "B", "noise"): SECONDARY,  # column noise: the smallest other cell
        ("cell", "B", "waste"): SECONDARY,  # row B and column waste now have one hidden cell
        ("row", "A"): SHOWN,
        ("row", "B"): SHOWN,
        ("column", "noise"): SHOWN,
        ("column", "waste"): SHOWN,
        ("total",): SHOWN,
    }


def test_a_table_without_small_counts_is_shown_whole():
    layout = table({("A", "x"): 5, ("A", "y"): 0, ("B", "x"): 9}, ["A", "B"], ["x", "y"])
    assert all(f.shown for f in protect(layout.values, layout.relations).values())


def test_layouts_merge_on_shared_cells_and_refuse_two_values():
    a = one_way({"x": 3, "y": 9}, total="total")
    b = one_way({"p": 7, "q": 5}, total="total")
    merged = a.merge(b)
    assert merged.values["total"] == 12 and len(merged.relations) == 2
    with pytest.raises(ValueError):
        merged.merge(one_way({"z": 2}, total="total"))


def test_figure_marks():
    assert Figure(PRIMARY, None, 5).mark == "<5"
    assert Figure(SECONDARY, None, 5).mark == "x"
    assert Figure(SHOWN, 7, 5).mark == ""


@pytest.mark.parametrize(
    ("rate", "base", "per", "count"),
    [("2.0", 150, 100, 3), ("0.7", 140, 100, 1), (4.0, 500, 1000, 2), (None, 10, 100, None)],
)
def test_implied_count(rate, base, per, count):
    assert implied_count(rate, base, per) == count


def test_implied_count_of_an_unknown_base_is_none():
    assert implied_count("2.0", None, 100) is None
    assert implied_count("2.0", 0, 100) is None


# --- properties: no hidden cell can be recomputed ---------------------------------------------


def _allowed(status: str, value: int, k: int, bound: int) -> set[int]:
    """What the printed mark tells of a cell, within 0..bound."""
    if status == SHOWN:
        return {value}
    if status == PRIMARY:
        return set(range(1, k))
    return set(range(0, bound + 1))


def _sums(sets: list[set[int]], bound: int) -> set[int]:
    """Every sum of one value from each set, up to `bound` (a bitset: bit n = sum n)."""
    mask = (1 << (bound + 1)) - 1
    reachable = 1
    for s in sets:
        step = 0
        for b in s:
            step |= reachable << b
        reachable = step & mask
    return {n for n in range(bound + 1) if reachable >> n & 1}


def recomputable(values, figures, relations, k) -> list:
    """Hidden cells for which some relation leaves exactly one possible value (brute force)."""
    bound = max(values.values()) + k  # beyond every true count, as far as an alternative must go
    found = []
    for relation in relations:
        allowed = {c: _allowed(figures[c].status, values[c], k, bound) for c in relation.cells()}
        for cell in relation.cells():
            if figures[cell].shown:
                continue
            possible = set()
            for v in allowed[cell]:
                if cell == relation.total:
                    if v in _sums([allowed[p] for p in relation.parts], bound):
                        possible.add(v)
                else:
                    others = [allowed[p] for p in relation.parts if p != cell]
                    if any(t - v in _sums(others, bound) for t in allowed[relation.total]):
                        possible.add(v)
            assert values[cell] in possible
            if len(possible) == 1:
                found.append((relation, cell))
    return found


small_counts = st.integers(min_value=0, max_value=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=1, max_value=3),
    st.integers(min_value=1, max_value=3),
    st.lists(small_counts, min_size=9, max_size=9),
    st.sampled_from([3, 5]),
)
def test_no_hidden_table_cell_is_recomputable_from_its_row_column_or_total(nr, nc, flat, k):
    rows, columns = list(range(nr)), list(range(nc))
    counts = {(r, c): flat[r * 3 + c] for r in rows for c in columns}
    layout = table(counts, rows, columns)
    figures = protect(layout.values, layout.relations, k=k)
    assert recomputable(layout.values, figures, layout.relations, k) == []
    for key, v in layout.values.items():
        if 0 < v < k:
            assert figures[key].suppressed
        assert figures[key].value == (v if figures[key].shown else None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(small_counts, min_size=1, max_size=4), min_size=1, max_size=3))
def test_no_hidden_department_is_recomputable_in_a_hierarchy(organisations):
    leaves, children = {}, {}
    for o, departments in enumerate(organisations):
        children[("org", o)] = []
        for d, v in enumerate(departments):
            leaves[("dept", o, d)] = v
            children[("org", o)].append(("dept", o, d))
    children["all"] = [("org", o) for o in range(len(organisations))]
    layout = hierarchy(leaves, children)
    figures = protect(layout.values, layout.relations)
    assert recomputable(layout.values, figures, layout.relations, K) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=6), st.integers(min_value=0, max_value=8))
def test_no_hidden_count_is_recomputable_in_a_row_with_a_rest(parts, rest):
    layout = one_way(dict(enumerate(parts)), total="t", total_value=sum(parts) + rest)
    figures = protect(layout.values, layout.relations)
    assert recomputable(layout.values, figures, layout.relations, K) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=6))
def test_secondary_suppression_only_adds_to_primary(parts):
    layout = one_way(dict(enumerate(parts)), total="t")
    figures = protect(layout.values, layout.relations)
    primaries = {key for key, v in layout.values.items() if 0 < v < K}
    assert {key for key, f in figures.items() if f.status == PRIMARY} <= primaries
    assert primaries <= {key for key, f in figures.items() if f.suppressed}
    if not primaries:
        assert all(f.shown for f in figures.values())


@pytest.mark.parametrize(
    ("parts", "k", "expected"),
    [
        # total "<3" of two parts "<3": both are 1 -> the parts are marked "x"
        ([1, 1], 3, [SECONDARY, PRIMARY, PRIMARY]),
        # total "<5" of four parts "<5": each is 1
        ([1, 1, 1, 1], 5, [SECONDARY, PRIMARY, PRIMARY, PRIMARY, PRIMARY]),
        # total "<5" of two parts 1 and 2: 1..3 each, nothing pinned
        ([1, 2], 5, [PRIMARY, PRIMARY, PRIMARY]),
    ],
)
def test_marks_that_give_a_count_away_say_less(parts, k, expected):
    layout = one_way(dict(enumerate(parts)), total="t")
    figures = protect(layout.values, layout.relations, k=k)
    assert [figures[i].status for i in range(len(parts))] + [figures["t"].status] == expected


@pytest.mark.parametrize(
    ("value", "per", "base", "status"),
    [
        # a count: 1..4 -> "<5"
        (0, None, None, None),
        (1, None, None, PRIMARY),
        (4, None, None, PRIMARY),
        (5, None, None, None),
        (1250, None, None, None),
        # a rate per 1,000 of 500 leases: 2.0 is 1 eviction, 8.0 is 4, 10.0 is 5
        ("0.0", 1000, 500, None),
        ("2.0", 1000, 500, SECONDARY),
        ("8.0", 1000, 500, SECONDARY),
        ("10.0", 1000, 500, None),
        # per 100 of 150 leases: 2.0 is 3 cases
        ("2.0", 100, 150, SECONDARY),
        # a positive rate is at least one event, even if it rounds to 0
        ("1.0", 1000, 100, SECONDARY),
        ("0.4", 100, 100, SECONDARY),
        # an unknown base: only 0 is shown
        ("2.0", 1000, None, SECONDARY),
        ("0", 1000, None, None),
        (None, 1000, 500, None),
    ],
)
def test_small_number_of_a_count_or_a_rate(value, per, base, status):
    f = small_number(value, per=per, base=base)
    assert (f.status if f else None) == status
