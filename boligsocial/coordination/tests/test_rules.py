"""The pure overlap and gap rules at their edges (tables) and their properties (hypothesis)."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligsocial.coordination import gaps, overlaps
from boligsocial.coordination.overlaps import Facts, Group

D = date


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((12, 17), (17, 25), True),  # the shared year counts (inclusive ends)
        ((12, 17), (18, 25), False),  # adjacent bands do not overlap
        ((18, 25), (12, 17), False),
        ((0, 5), (5, 5), True),
        ((65, None), (80, 90), True),  # no upper limit
        ((65, None), (0, 64), False),
        ((0, None), (30, None), True),
        ((30, 64), (65, None), False),
        ((30, 64), (64, None), True),
    ],
)
def test_age_bands_inclusive(a, b, expected):
    assert overlaps.ages_overlap(*a, *b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((D(2025, 1, 1), D(2025, 12, 31)), (D(2025, 12, 31), D(2026, 6, 30)), True),  # same day
        ((D(2025, 1, 1), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 6, 30)), False),  # next day
        ((D(2026, 1, 1), D(2026, 6, 30)), (D(2025, 1, 1), D(2025, 12, 31)), False),
        ((D(2025, 1, 1), None), (D(2030, 1, 1), D(2030, 1, 1)), True),  # open-ended
        ((D(2025, 1, 1), None), (D(2020, 1, 1), D(2024, 12, 31)), False),
        ((D(2025, 1, 1), None), (D(2026, 1, 1), None), True),
    ],
)
def test_periods_inclusive(a, b, expected):
    assert overlaps.periods_overlap(*a, *b) is expected


YOUTH = Group(1, "crime", 12, 17)
YOUNG_ADULTS = Group(2, "crime", 18, 29)
ALL = Group(3, "general", 0, None)
JOBLESS = Group(4, "employment", 15, 29)


START, END = D(2025, 1, 1), D(2025, 12, 31)


def facts(pk, *, owner=("housing", 1), groups=(YOUTH,), place=("department", 10), depts=None,
          start=START, end=END, version=1):  # fmt: skip
    if depts is None:
        depts = frozenset({place[1]}) if place[0] == "department" else frozenset()
    return Facts(pk, owner, tuple(groups), place, frozenset(depts), start, end, version)


@pytest.mark.parametrize(
    ("b", "expected"),
    [
        (facts(2, owner=("municipality", "børn og unge")), True),
        (facts(2), False),  # same owner: its own planning, not an overlap
        (facts(2, owner=("police", "østjyllands politi"), groups=(YOUNG_ADULTS,)), False),
        (facts(2, owner=("school", "x"), groups=(ALL,)), True),  # general meets every kind
        (facts(2, owner=("school", "x"), groups=(JOBLESS,)), False),  # other kind, same ages
        (facts(2, owner=("school", "x"), place=("department", 11)), False),
        (facts(2, owner=("school", "x"), place=("area", 5), depts={10, 11}), True),
        (facts(2, owner=("school", "x"), place=("area", 5), depts={11}), False),
        (facts(2, owner=("school", "x"), place=("municipality", 751), depts=()), True),
        (facts(2, owner=("school", "x"), start=D(2026, 1, 1), end=None), False),
        (facts(2, owner=("school", "x"), start=D(2025, 12, 31), end=None), True),
    ],
)
def test_overlap_table(b, expected):
    a = facts(1)
    assert (overlaps.overlap(a, b) is not None) is expected


def test_overlap_details_and_order():
    a = facts(7, place=("area", 5), depts={10, 11}, end=D(2026, 6, 30), version=3)
    b = facts(2, owner=("municipality", "x"), groups=(ALL, YOUTH), version=9)
    o = overlaps.overlap(a, b)
    assert (o.a, o.b, o.versions) == (2, 7, (9, 3))
    assert o.groups == ((3, 1), (1, 1))
    assert o.departments == frozenset({10})
    assert (o.starts_on, o.ends_on) == (D(2025, 1, 1), D(2025, 12, 31))


def test_same_place_without_departments_overlaps():
    a = facts(1, place=("area", 5), depts=())
    b = facts(2, owner=("school", "x"), place=("area", 5), depts=())
    assert overlaps.overlap(a, b).departments == frozenset()


def _fact_strategy():
    ages = st.integers(0, 90)
    return st.builds(
        lambda pk, owner, low, span, open_, dept, start, days, kind: facts(
            pk,
            owner=("housing", owner),
            groups=(Group(pk, kind, low, None if open_ else low + span),),
            place=("department", dept),
            start=D(2024, 1, 1).fromordinal(D(2024, 1, 1).toordinal() + start),
            end=D(2024, 1, 1).fromordinal(D(2024, 1, 1).toordinal() + start + days),
        ),
        st.integers(1, 10_000),
        st.integers(1, 3),
        ages,
        st.integers(0, 30),
        st.booleans(),
        st.integers(1, 4),
        st.integers(0, 800),
        st.integers(0, 400),
        st.sampled_from(["crime", "general", "employment"]),
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_fact_strategy(), max_size=10, unique_by=lambda f: f.id))
def test_find_overlaps_equals_all_pairs(efforts):
    """The bucketed search finds exactly the pairs the rule finds on every pair."""
    expected = []
    for i, a in enumerate(efforts):
        for b in efforts[i + 1 :]:
            o = overlaps.overlap(a, b)
            if o is not None:
                expected.append(o)
    assert overlaps.find_overlaps(efforts) == sorted(expected, key=lambda o: (o.a, o.b))


# A small municipality for the property below: departments 1–6, areas of two or three of them
# (one of none), a district of four, and the whole municipality (which covers all six).
AREAS = {1: {1, 2}, 2: {2, 3, 4}, 3: set()}
DISTRICTS = {1: {3, 4, 5, 6}}
KINDS = ["crime", "general", "employment", "children"]
OWNERS = [("housing", 1), ("housing", 2), ("municipality", "børn og unge"), ("police", "p")]


@st.composite
def _any_facts(draw, pk):
    """Every place kind, 1–3 groups of any kind and band (open top included), open-ended
    periods, and sometimes departments not matching the place (the rule takes them as given)."""
    kind = draw(st.sampled_from(["department", "area", "district", "municipality"]))
    if kind == "department":
        place = ("department", draw(st.integers(1, 6)))
        departments = {place[1]}
    elif kind == "area":
        place = ("area", draw(st.sampled_from(sorted(AREAS))))
        departments = AREAS[place[1]]
    elif kind == "district":
        place = ("district", 1)
        departments = DISTRICTS[1]
    else:
        place = ("municipality", 751)
        departments = set(range(1, 7))
    if draw(st.integers(0, 9)) == 0:
        departments = draw(st.sets(st.integers(1, 7), max_size=3))
    groups = []
    for g in range(draw(st.integers(1, 3))):
        low = draw(st.integers(0, 70))
        top = draw(st.one_of(st.none(), st.integers(low, 90)))
        groups.append(Group(pk * 10 + g, draw(st.sampled_from(KINDS)), low, top))
    start = D(2024, 1, 1).fromordinal(D(2024, 1, 1).toordinal() + draw(st.integers(0, 1500)))
    days = draw(st.one_of(st.none(), st.integers(0, 700)))
    end = None if days is None else start.fromordinal(start.toordinal() + days)
    return facts(
        pk,
        owner=draw(st.sampled_from(OWNERS)),
        groups=groups,
        place=place,
        depts=departments,
        start=start,
        end=end,
        version=draw(st.integers(1, 3)),
    )


@st.composite
def _many_facts(draw):
    ids = draw(st.lists(st.integers(1, 500), max_size=30, unique=True))
    return [draw(_any_facts(pk)) for pk in ids]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_many_facts())
def test_find_overlaps_equals_the_plain_pairwise_rule_on_any_places(efforts):
    """The site index (decision 0047) finds exactly the overlaps, with the same details, that
    `overlap` finds on every pair, for every kind of place, owner, group and period."""
    expected = [
        o
        for i, a in enumerate(efforts)
        for b in efforts[i + 1 :]
        if (o := overlaps.overlap(a, b)) is not None
    ]
    assert overlaps.find_overlaps(efforts) == sorted(expected, key=lambda o: (o.a, o.b))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_fact_strategy(), _fact_strategy())
def test_overlap_is_symmetric(a, b):
    assert overlaps.overlap(a, b) == overlaps.overlap(b, a)


# --- gaps -------------------------------------------------------------------------------------

RED = gaps.PlaceState(("department", 10), frozenset({10}), "red", ("Beskæftigelse",))


@pytest.mark.parametrize(
    ("state", "covers", "expected_reasons", "missing"),
    [
        (RED, [], ("light",), ("Beskæftigelse",)),
        (
            RED,
            [gaps.Cover(("department", 10), frozenset({10}), frozenset({"Beskæftigelse"}))],
            None,
            None,
        ),
        # an effort there but aimed at another theme: still a gap
        (
            RED,
            [gaps.Cover(("department", 10), frozenset({10}), frozenset({"Udlejning"}))],
            ("light",),
            ("Beskæftigelse",),
        ),
        # an area effort covering the department counts
        (
            RED,
            [gaps.Cover(("area", 3), frozenset({10, 11}), frozenset({"Beskæftigelse"}))],
            None,
            None,
        ),
        (
            RED,
            [gaps.Cover(("municipality", 751), frozenset(), frozenset({"Beskæftigelse"}))],
            None,
            None,
        ),
        (
            RED,
            [gaps.Cover(("department", 11), frozenset({11}), frozenset({"Beskæftigelse"}))],
            ("light",),
            ("Beskæftigelse",),
        ),
        # yellow without a red theme: any effort there covers it
        (
            gaps.PlaceState(("department", 10), frozenset({10}), "yellow"),
            [gaps.Cover(("department", 10), frozenset({10}), frozenset())],
            None,
            None,
        ),
        (gaps.PlaceState(("department", 10), frozenset({10}), "yellow"), [], ("light",), ()),
        (gaps.PlaceState(("department", 10), frozenset({10}), "green"), [], None, None),
        (gaps.PlaceState(("department", 10), frozenset({10}), None), [], None, None),
        (
            gaps.PlaceState(("area", 3), frozenset({10}), "green", on_lists=("udsat",)),
            [],
            ("list",),
            (),
        ),
        (
            gaps.PlaceState(("area", 3), frozenset(), "green", approaching=("forebyggelse",)),
            [],
            ("forecast",),
            (),
        ),
        (
            gaps.PlaceState(("department", 10), frozenset({10}), "green", weak_analysis=True),
            [],
            ("analysis",),
            (),
        ),
        (
            gaps.PlaceState(
                ("department", 10),
                frozenset({10}),
                "green",
                signals=(gaps.Signal("safety", "Lav tryghedsscore"),),
            ),
            [],
            ("safety",),
            (),
        ),
    ],
)
def test_gap_table(state, covers, expected_reasons, missing):
    found = gaps.find_gaps([state], covers)
    if expected_reasons is None:
        assert found == []
    else:
        assert [r.code for r in found[0].reasons] == list(expected_reasons)
        assert found[0].missing_themes == missing


@given(st.sets(st.sampled_from(["A", "B", "C"])), st.sets(st.sampled_from(["A", "B", "C"])))
def test_gap_covered_iff_a_red_theme_is_aimed_at(red, aimed):
    state = gaps.PlaceState(("department", 1), frozenset({1}), "red", tuple(sorted(red)))
    cover = gaps.Cover(("department", 1), frozenset({1}), frozenset(aimed))
    found = gaps.find_gaps([state], [cover])
    assert (found == []) is (not red or bool(red & aimed))
