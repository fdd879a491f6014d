"""The analysis as a briefing (issue 13, item 16): the ranking of the indicators that matter
most, and the lead sentences. Pure Python, no DB."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.screening.trafficlight.analysis import IndicatorResult
from boligsocial.screening.trafficlight.briefing import (
    Criterion,
    StatutoryPosition,
    brief,
    nearest_criterion,
    overall_sentence,
    priorities_sentence,
    priority_key,
    rank_indicators,
    recommendation_sentence,
    statutory_sentence,
)
from boligsocial.screening.trafficlight.legends import Colour

D = Decimal
RED, YELLOW, GREEN = Colour.RED, Colour.YELLOW, Colour.GREEN


def ind(code, colour=RED, trend=None, direction=None, since=None, value="10", unit="%"):
    return IndicatorResult(
        code, f"andel {code}", unit, D(value), colour, trend, direction, since, decimals=1
    )


def codes(indicators):
    return [i.code for i in indicators]


# --------------------------------------------------------------------------- ranking


@pytest.mark.parametrize(
    ("indicators", "weights", "expected"),
    [
        # severity first: a red before a yellow whatever the trend and weight
        ([ind("y", YELLOW, "worse"), ind("r", RED, "better")], {"y": D(9), "r": D(1)}, ["r", "y"]),
        # greens never count
        ([ind("g", GREEN, "worse"), ind("r")], {"g": D(9)}, ["r"]),
        ([ind("g", GREEN, "worse")], {}, []),
        # then the trend: worse, unchanged/unknown, better
        (
            [ind("b", trend="better"), ind("u", trend="unchanged"), ind("w", trend="worse")],
            {},
            ["w", "u", "b"],
        ),
        ([ind("b", trend="better"), ind("n")], {}, ["n", "b"]),
        # unchanged and unknown trend tie: input order
        ([ind("n"), ind("u", trend="unchanged")], {}, ["n", "u"]),
        ([ind("u", trend="unchanged"), ind("n")], {}, ["u", "n"]),
        # then the weight: heavier first, a missing weight counts as 0
        ([ind("a"), ind("b"), ind("c")], {"b": D(2), "c": D("1.5")}, ["b", "c", "a"]),
        ([ind("a"), ind("b")], {"a": D("-1")}, ["b", "a"]),
        # then the 3-year direction
        (
            [
                ind("i", direction="improving"),
                ind("s", direction="stable"),
                ind("w", direction="worsening"),
            ],
            {},
            ["w", "s", "i"],
        ),
        ([ind("i", direction="improving"), ind("n")], {}, ["n", "i"]),
        # then how long it has had the colour: the longest first, unknown last
        ([ind("n"), ind("late", since=2024), ind("early", since=2021)], {}, ["early", "late", "n"]),
        # trend beats weight, weight beats direction
        (
            [ind("heavy", trend="unchanged"), ind("w", trend="worse")],
            {"heavy": D(5)},
            ["w", "heavy"],
        ),
        (
            [ind("d", direction="worsening"), ind("heavy", direction="improving")],
            {"heavy": D(5)},
            ["heavy", "d"],
        ),
        # direction beats duration
        ([ind("old", since=2015), ind("d", direction="worsening")], {}, ["d", "old"]),
        # at most three
        ([ind(c) for c in "abcde"], {}, ["a", "b", "c"]),
    ],
)
def test_rank_indicators_orders_by_severity_trend_weight(indicators, weights, expected):
    assert codes(rank_indicators(indicators, weights)) == expected


def test_rank_indicators_limit():
    indicators = [ind(c) for c in "abcde"]
    assert codes(rank_indicators(indicators, {}, limit=2)) == ["a", "b"]
    assert codes(rank_indicators(indicators, {}, limit=5)) == list("abcde")
    assert rank_indicators(indicators, {}, limit=0) == []


def test_priority_key_is_exact():
    key = priority_key(ind("a", YELLOW, "worse", "improving", 2022), D("1.5"), 4)
    assert key == (-1, -2, D("-1.5"), 0, 2022, 4)
    assert priority_key(ind("a"), D(0), 0) == (-2, -1, D(0), -1, 10**6, 0)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([RED, YELLOW, GREEN]),
            st.sampled_from(["worse", "unchanged", "better", None]),
            st.integers(0, 3),
        ),
        max_size=12,
    )
)
def test_property_ranking_is_a_sorted_prefix_of_the_red_and_yellow(items):
    indicators = [ind(f"i{n}", c, t) for n, (c, t, _w) in enumerate(items)]
    weights = {f"i{n}": D(w) for n, (_c, _t, w) in enumerate(items)}
    ranked = rank_indicators(indicators, weights)
    flagged = [i for i in indicators if i.colour is not GREEN]
    assert len(ranked) == min(3, len(flagged))
    keys = [priority_key(i, weights[i.code], indicators.index(i)) for i in ranked]
    assert keys == sorted(keys)
    rest = [i for i in flagged if i not in ranked]
    if ranked and rest:
        worst_shown = keys[-1]
        assert all(
            priority_key(i, weights[i.code], indicators.index(i)) > worst_shown for i in rest
        )


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("colour", "score", "previous", "sentence"),
    [
        (
            RED,
            D("94.4444"),
            RED,
            "Alfaparken står i 2024 samlet på rødt (score 94,4 af 100), som i 2023.",
        ),
        (
            RED,
            D("94.4444"),
            YELLOW,
            "Alfaparken står i 2024 samlet på rødt (score 94,4 af 100), "
            "en forværring fra gult i 2023.",
        ),
        (
            YELLOW,
            D(50),
            RED,
            "Alfaparken står i 2024 samlet på gult (score 50,0 af 100), "
            "en forbedring fra rødt i 2023.",
        ),
        (
            GREEN,
            D(0),
            YELLOW,
            "Alfaparken står i 2024 samlet på grønt (score 0,0 af 100), "
            "en forbedring fra gult i 2023.",
        ),
        (GREEN, None, None, "Alfaparken står i 2024 samlet på grønt."),
        (RED, D(100), None, "Alfaparken står i 2024 samlet på rødt (score 100,0 af 100)."),
    ],
)
def test_overall_sentence(colour, score, previous, sentence):
    assert overall_sentence("Alfaparken", 2024, colour, score, previous) == sentence


def test_priorities_sentence_names_the_top_with_value_colour_and_trend():
    indicators = [
        ind("a", trend="worse", value="43.1"),
        ind("b", YELLOW, "better", value="2"),
        ind("c", trend="unchanged", value="6", unit="pr. 1.000 lejemål"),
        ind("d"),
        ind("g", GREEN),
    ]
    top = rank_indicators(indicators, {})
    assert priorities_sentence(top, indicators) == (
        "Vigtigst af de 4 røde og gule indikatorer er andel a (43,1 %, rødt og forværret), "
        "andel c (6,0 pr. 1.000 lejemål, rødt og uændret) og andel d (10,0 %, rødt)."
    )


@pytest.mark.parametrize(
    ("indicators", "sentence"),
    [
        ([ind("g", GREEN)], None),
        (
            [ind("a", YELLOW, "worse"), ind("g", GREEN)],
            "Den eneste gule indikator er andel a (10,0 %, gult og forværret).",
        ),
        (
            [ind("a", trend="better")],
            "Den eneste røde indikator er andel a (10,0 %, rødt, men forbedret).",
        ),
        (
            [ind("a"), ind("b")],
            "De 2 røde indikatorer er andel a (10,0 %, rødt) og andel b (10,0 %, rødt).",
        ),
        (
            [ind("a", YELLOW), ind("b", YELLOW), ind("c", YELLOW), ind("d", YELLOW)],
            "Vigtigst af de 4 gule indikatorer er andel a (10,0 %, gult), "
            "andel b (10,0 %, gult) og andel c (10,0 %, gult).",
        ),
    ],
)
def test_priorities_sentence_counts(indicators, sentence):
    assert priorities_sentence(rank_indicators(indicators, {}), indicators) == sentence


SHARED = StatutoryPosition(
    area="Fællesområdet",
    year=2024,
    lists=("udsat", "parallelsamfund", "omdannelse"),
    parallelsamfund_years=7,
    criteria=(
        Criterion("beboere", True, None),
        Criterion("beskaeftigelse", True, D("3.0000")),
        Criterion("kriminalitet", True, D("0.3000")),
        Criterion("uddannelse", False, D("-5.0000")),
        Criterion("indkomst", True, D("4.0000")),
        Criterion("ikke_vestlige", True, D("12.0000")),
        Criterion("forebyggelse_beskaeftigelse", True, D("0.1000")),
    ),
    forecast_year=2025,
    forecast_lists=("udsat", "parallelsamfund", "omdannelse"),
)


def test_statutory_sentence_lists_criteria_nearest_threshold_and_forecast():
    assert statutory_sentence(SHARED) == (
        "Fællesområdet er i 2024 udsat boligområde, parallelsamfund og omdannelsesområde "
        "(7. år på parallelsamfundslisten) og opfylder 3 af 4 kriterier for udsatte "
        "boligområder. Nærmest en tærskel er andelen dømte, der er opfyldt med 0,30 "
        "procentpoint, og prognosen for 2025 er udsat boligområde, parallelsamfund og "
        "omdannelsesområde."
    )


@pytest.mark.parametrize(
    ("position", "sentence"),
    [
        (None, None),
        (
            StatutoryPosition(
                "Haveområdet",
                2024,
                ("forebyggelse",),
                0,
                (
                    Criterion("uddannelse", False, D("-0.4")),
                    Criterion("forebyggelse_beskaeftigelse", True, D("0.1")),
                ),
                2025,
                (),
            ),
            "Haveområdet er i 2024 forebyggelsesområde og opfylder 0 af 4 kriterier for udsatte "
            "boligområder. Nærmest en tærskel er andelen uden for arbejde og uddannelse (§ 61 b), "
            "der er opfyldt med 0,1 procentpoint, og prognosen for 2025 er på ingen liste.",
        ),
        (
            StatutoryPosition(
                "Vestbyen", 2024, (), 0, (Criterion("uddannelse", False, D("-0.4")),)
            ),
            "Vestbyen er i 2024 ikke på de lovbestemte lister og opfylder 0 af 4 kriterier for "
            "udsatte boligområder. Nærmest en tærskel er andelen med kun grundskole, der mangler "
            "0,4 procentpoint for at være opfyldt.",
        ),
        (
            StatutoryPosition(
                "Listeparken",
                2023,
                ("udsat", "parallelsamfund"),
                4,
                outlook="5. år på parallelsamfundslisten → omdannelsesområde",
            ),
            "Listeparken er i 2023 udsat boligområde og parallelsamfund (4. år på "
            "parallelsamfundslisten). Næste års liste: 5. år på parallelsamfundslisten → "
            "omdannelsesområde.",
        ),
        (
            StatutoryPosition("Østparken", 2016, ("parallelsamfund",), 2),
            "Østparken er i 2016 parallelsamfund (2. år på parallelsamfundslisten).",
        ),
    ],
)
def test_statutory_sentence_cases(position, sentence):
    assert statutory_sentence(position) == sentence


@pytest.mark.parametrize(
    ("criteria", "lists", "expected"),
    [
        ((), (), None),
        ((Criterion("beboere", False, None),), (), None),
        # on a § 61 a list only the § 61 a criteria count
        (
            (
                Criterion("forebyggelse_indkomst", True, D("0.1")),
                Criterion("indkomst", True, D("2")),
            ),
            ("udsat",),
            "indkomst",
        ),
        (
            (
                Criterion("forebyggelse_indkomst", True, D("0.1")),
                Criterion("indkomst", True, D("2")),
            ),
            (),
            "forebyggelse_indkomst",
        ),
        # |distance|: a negative distance is as near as a positive one; a tie keeps the first
        (
            (Criterion("uddannelse", False, D("-1")), Criterion("indkomst", True, D("1"))),
            (),
            "uddannelse",
        ),
        (
            (Criterion("uddannelse", False, D("-1.01")), Criterion("indkomst", True, D("1"))),
            (),
            "indkomst",
        ),
        (
            (Criterion("kriminalitet", True, D(0)), Criterion("indkomst", True, D("0.01"))),
            (),
            "kriminalitet",
        ),
    ],
)
def test_nearest_criterion(criteria, lists, expected):
    nearest = nearest_criterion(StatutoryPosition("X", 2024, lists, 0, criteria))
    assert (nearest.name if nearest else None) == expected


@pytest.mark.parametrize(
    ("themes", "follow_up", "sentence"),
    [
        (
            ["Beskæftigelse", "Uddannelse og livschancer"],
            "Handlingsplan og opfølgning hvert kvartal",
            "Det anbefales at arbejde med Beskæftigelse samt Uddannelse og livschancer; den "
            "foreskrevne opfølgning er handlingsplan og opfølgning hvert kvartal.",
        ),
        (
            ["Beskæftigelse", "Kriminalitetsforebyggelse", "Uddannelse og livschancer"],
            "",
            "Det anbefales at arbejde med Beskæftigelse, Kriminalitetsforebyggelse samt "
            "Uddannelse og livschancer.",
        ),
        (
            ["Beskæftigelse"],
            "Opfølgning årligt.",
            "Det anbefales at arbejde med Beskæftigelse; "
            "den foreskrevne opfølgning er opfølgning årligt.",
        ),
        (
            [],
            "Årlig opfølgning",
            "Ingen indikator er rød: fortsæt den nuværende indsats og følg udviklingen; "
            "den foreskrevne opfølgning er årlig opfølgning.",
        ),
    ],
)
def test_recommendation_sentence(themes, follow_up, sentence):
    assert recommendation_sentence(themes, follow_up) == sentence


def test_brief_puts_the_pieces_together_and_the_recommendation_is_replaceable():
    indicators = [ind("a", trend="worse"), ind("g", GREEN), ind("y", YELLOW)]
    briefing = brief(
        "Alfaparken", 2024, RED, D(80), YELLOW, indicators, {"y": D(3)}, SHARED, "Anbefaling."
    )
    assert briefing.top == ("a", "y")
    assert briefing.overall == (
        "Alfaparken står i 2024 samlet på rødt (score 80,0 af 100), en forværring fra gult i 2023."
    )
    assert briefing.priorities == (
        "De 2 røde og gule indikatorer er andel a (10,0 %, rødt og forværret) og andel y "
        "(10,0 %, gult)."
    )
    assert briefing.statutory == statutory_sentence(SHARED)
    assert briefing.sentences == [
        briefing.overall,
        briefing.priorities,
        briefing.statutory,
        "Anbefaling.",
    ]
    replaced = briefing.with_recommendation("Indsatser fra kataloget.")
    assert replaced.sentences[-1] == "Indsatser fra kataloget."
    assert replaced.lead == briefing.lead
    assert briefing.with_recommendation(None).sentences == briefing.lead
    assert brief("X", 2024, GREEN, None, None, [], {}, None, None).sentences == [
        "X står i 2024 samlet på grønt."
    ]
