"""The recommendation ranking (catalogue/ranking.py)."""

import pytest

from boligsocial.catalogue.evidence import rank
from boligsocial.catalogue.ranking import Candidate, IndicatorState, describe, recommend

WORK = IndicatorState("work", "Andel uden for arbejde og uddannelse", True, False, 2022)
CRIME = IndicatorState("crime", "Andel dømte i forhold til landsgennemsnittet", True, True, None)
MOVES = IndicatorState("moves", "Fraflytningsfrekvens", False, True)
CALM = IndicatorState("calm", "Andel ledige lejemål", False, False)
STATES = [WORK, CRIME, MOVES, CALM]


def c(key, evidence, codes, number=None, name=None):
    return Candidate(key, name or f"i{key}", evidence, tuple(codes), number if number else key)


def test_reason_names_colour_and_first_red_year():
    assert describe(WORK) == "andel uden for arbejde og uddannelse (rød siden 2022)"
    assert describe(CRIME) == "andel dømte i forhold til landsgennemsnittet (rød, forværres)"
    assert describe(MOVES) == "fraflytningsfrekvens (forværres)"


def test_only_interventions_aimed_at_red_or_worsening_indicators():
    ranked = recommend([c(1, "A", ["calm"]), c(2, "C", ["moves"]), c(3, "B", [])], STATES)
    assert [(r.key, r.reason) for r in ranked] == [
        (2, "rettet mod: fraflytningsfrekvens (forværres)")
    ]


def test_stronger_evidence_first_then_more_reds_then_worsening_then_number():
    candidates = [
        c(1, "C", ["work", "crime"]),
        c(2, "B", ["work"]),
        c(3, "B", ["work", "crime"]),
        c(4, "A/B", ["moves"]),
        c(5, "B", ["crime"]),  # 1 red + worsening beats 2's 1 red
        c(6, "", ["work", "crime", "moves"]),  # unrated last
        c(7, "A", ["moves"]),
        c(8, "B", ["work"], number=None, name="lokal"),  # no number: after numbered peers
    ]
    ranked = recommend(candidates, STATES)
    assert [r.key for r in ranked] == [7, 4, 3, 5, 2, 8, 1, 6]
    assert [(r.reds, r.worsening) for r in ranked][:4] == [(0, 1), (0, 1), (2, 1), (1, 1)]


def test_reason_lists_addressed_indicators_in_the_screening_order():
    ranked = recommend([c(1, "B", ["moves", "work", "crime", "calm"])], STATES)
    assert ranked[0].reason == (
        "rettet mod: andel uden for arbejde og uddannelse (rød siden 2022); andel dømte i "
        "forhold til landsgennemsnittet (rød, forværres); fraflytningsfrekvens (forværres)"
    )


@pytest.mark.parametrize(
    "level,expected",
    [("A", 0), ("A/B", 1), ("B", 2), ("B/C", 3), ("C/B", 4), ("C", 5), ("", 6), ("X", 6)],
)
def test_evidence_rank(level, expected):
    assert rank(level) == expected
