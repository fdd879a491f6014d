"""The scoring rule (guides/scoring.py): exact values, every band's edge, skip logic, missing
answers; hypothesis properties over random answers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.guides import scoring
from boligsocial.guides.scoring import GREEN, RED, YELLOW, band_for, score_guide
from boligsocial.guides.spec import (
    MULTIPLE,
    SCALE,
    TEXT,
    YES_NO,
    Choice,
    Guide,
    Question,
    Theme,
    scale_choices,
    yes_no_choices,
)

D = Decimal
STEPS = ("a", "b", "c", "d", "e")


def scale(key, weight=1, **kw):
    return Question(key, key, SCALE, weight=D(weight), choices=scale_choices(STEPS), **kw)


def yes_no(key, yes=100, no=0, **kw):
    return Question(
        key, key, YES_NO, choices=yes_no_choices(yes_score=D(yes), no_score=D(no)), **kw
    )


GUIDE = Guide(
    key="g",
    name="G",
    kind="interview",
    themes=(
        Theme("t1", "T1", questions=(scale("s1"), scale("s2", weight=3), yes_no("y1"))),
        Theme(
            "t2",
            "T2",
            questions=(
                yes_no("y2"),
                scale("s3", show_if_key="y2", show_if_values=("yes",)),
                Question("free", "Fri", TEXT),
            ),
        ),
    ),
)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (None, None),
        (D("0"), GREEN),
        (D("39.9"), GREEN),
        (D("40"), YELLOW),
        (D("40.0"), YELLOW),
        (D("59.9"), YELLOW),
        (D("60"), RED),
        (D("100"), RED),
    ],
)
def test_band_edges_belong_to_the_upper_band(score, band):
    assert band_for(score, yellow_from=D(40), red_from=D(60)) == band


def test_equal_thresholds_leave_no_yellow():
    assert band_for(D("50"), yellow_from=D(50), red_from=D(50)) == RED
    assert band_for(D("49.9"), yellow_from=D(50), red_from=D(50)) == GREEN


@pytest.mark.parametrize(
    ("answers", "t1", "t2", "overall", "band", "missing"),
    [
        ({}, None, None, None, None, 4),
        # s1 step 2 = 25, s2 step 4 = 75 (weight 3): (25 + 225) / 4 = 62.5; y1 yes = 100
        # -> (25 + 225 + 100) / 5 = 70.0
        ({"s1": "2", "s2": "4", "y1": "yes"}, D("70.0"), None, D("70.0"), RED, 1),
        # y1 "ved ikke" is missing, not zero: (25 + 225) / 4 = 62.5
        ({"s1": "2", "s2": "4", "y1": "dont_know"}, D("62.5"), None, D("62.5"), RED, 2),
        # y2 no hides s3: t2 = 0; overall mean of 62.5 and 0 = 31.25 -> 31.2 (half-even)
        ({"s1": "2", "s2": "4", "y2": "no"}, D("62.5"), D("0.0"), D("31.2"), GREEN, 1),
        # y2 yes shows s3, unanswered -> missing 1 in t2; t2 = 100
        ({"s1": "1", "y2": "yes"}, D("0.0"), D("100.0"), D("50.0"), YELLOW, 3),
        ({"s1": "1", "y2": "yes", "s3": "3"}, D("0.0"), D("75.0"), D("37.5"), GREEN, 2),
        # a hidden question's answer counts for nothing
        ({"y2": "no", "s3": "5"}, None, D("0.0"), D("0.0"), GREEN, 3),
        # 1/3 exact: s1 0, s2 0 (w3) , y1 yes 100 -> 100/5 = 20.0
        ({"s1": "1", "s2": "1", "y1": "yes"}, D("20.0"), None, D("20.0"), GREEN, 1),
    ],
)
def test_scores_per_theme_and_overall(answers, t1, t2, overall, band, missing):
    result = score_guide(GUIDE, answers)
    assert [t.score for t in result.themes] == [t1, t2]
    assert result.score == overall
    assert result.band == band
    assert result.missing == missing


def test_counts_scored_and_missing_per_theme():
    result = score_guide(GUIDE, {"s1": "3", "y2": "yes"})
    assert [(t.key, t.scored, t.missing) for t in result.themes] == [
        ("t1", 1, 2),
        ("t2", 1, 1),
    ]


def test_rounding_is_half_even_to_one_decimal():
    guide = Guide(
        "g",
        "G",
        "interview",
        themes=(
            Theme(
                "t",
                "T",
                questions=(
                    Question("a", "a", YES_NO, choices=(Choice("yes", "Ja", score=D("0.25")),)),
                ),
            ),
        ),
    )
    assert score_guide(guide, {"a": "yes"}).score == D("0.2")
    guide2 = Guide(
        "g",
        "G",
        "interview",
        themes=(
            Theme(
                "t",
                "T",
                questions=(
                    Question("a", "a", YES_NO, choices=(Choice("yes", "Ja", score=D("0.35")),)),
                ),
            ),
        ),
    )
    assert score_guide(guide2, {"a": "yes"}).score == D("0.4")


def test_weight_zero_takes_part_in_nothing():
    guide = Guide("g", "G", "interview", themes=(Theme("t", "T", questions=(scale("a", 0),)),))
    result = score_guide(guide, {"a": "5"})
    assert (result.score, result.themes[0].scored) == (None, 1)


def test_multiple_choice_scores_its_worst_choice():
    q = Question(
        "m",
        "m",
        MULTIPLE,
        choices=(Choice("x", "x", score=D(10)), Choice("y", "y", score=D(80)), Choice("z", "z")),
    )
    assert scoring.question_score(q, ["x", "y"]) == D(80)
    assert scoring.question_score(q, ["z"]) is None
    assert scoring.question_score(q, []) is None


def test_skip_logic_on_multiple_choice_and_chains():
    m = Question("m", "m", MULTIPLE, choices=(Choice("x", "x"), Choice("y", "y")))
    a = scale("a", show_if_key="m", show_if_values=("y",))
    b = scale("b", show_if_key="a", show_if_values=("5",))
    by_key = {q.key: q for q in (m, a, b)}
    assert scoring.is_shown(a, {"m": ["x", "y"]}, by_key)
    assert not scoring.is_shown(a, {"m": ["x"]}, by_key)
    # b depends on a, which is hidden: b is hidden even with a's answer present
    assert not scoring.is_shown(b, {"m": ["x"], "a": "5"}, by_key)
    assert scoring.is_shown(b, {"m": ["y"], "a": "5"}, by_key)
    unknown = scale("c", show_if_key="nope", show_if_values=("1",))
    assert not scoring.is_shown(unknown, {}, by_key)


def test_a_circle_of_conditions_shows_nothing():
    a = scale("a", show_if_key="b", show_if_values=("1",))
    b = scale("b", show_if_key="a", show_if_values=("1",))
    assert not scoring.is_shown(a, {"a": "1", "b": "1"}, {"a": a, "b": b})


answers_strategy = st.fixed_dictionaries(
    {},
    optional={
        "s1": st.sampled_from(["1", "2", "3", "4", "5", ""]),
        "s2": st.sampled_from(["1", "2", "3", "4", "5"]),
        "y1": st.sampled_from(["yes", "no", "dont_know"]),
        "y2": st.sampled_from(["yes", "no", "dont_know"]),
        "s3": st.sampled_from(["1", "2", "3", "4", "5"]),
    },
)


@given(answers_strategy)
def test_scores_stay_within_0_and_100_and_counts_add_up(answers):
    result = score_guide(GUIDE, answers)
    for theme in result.themes:
        assert theme.score is None or D(0) <= theme.score <= D(100)
    assert result.score is None or D(0) <= result.score <= D(100)
    shown = [
        q
        for q in GUIDE.questions()
        if q.scored and scoring.is_shown(q, answers, {x.key: x for x in GUIDE.questions()})
    ]
    assert result.scored + result.missing == len(shown)
    assert (result.score is None) == (result.band is None)


@given(answers_strategy, st.sampled_from(["s1", "s2"]))
def test_a_worse_answer_never_lowers_the_score(answers, key):
    better = {**answers, key: "1"}
    worse = {**answers, key: "5"}
    assert score_guide(GUIDE, worse).score >= score_guide(GUIDE, better).score
