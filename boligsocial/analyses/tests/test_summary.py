from decimal import Decimal

import pytest

from boligsocial.analyses.summary import ThemeHistory, summary_text, theme_changes

D = Decimal


@pytest.mark.parametrize(
    ("scores", "change", "since"),
    [
        ({2026: D("50")}, "new", None),
        ({2025: D("40"), 2026: D("45")}, "worse", 2026),  # exactly 5 points
        ({2025: D("40"), 2026: D("44.9")}, "same", None),
        ({2025: D("45"), 2026: D("40")}, "better", None),
        ({2023: D("10"), 2024: D("20"), 2025: D("30"), 2026: D("40")}, "worse", 2024),
        ({2023: D("30"), 2024: D("20"), 2025: D("30"), 2026: D("40")}, "worse", 2025),
        ({2024: D("20"), 2025: None, 2026: D("40")}, "new", None),
        ({2025: D("20")}, "none", None),
        ({2022: D("10"), 2024: D("20"), 2026: D("30")}, "worse", 2024),  # a skipped year is ok
    ],
)
def test_theme_changes(scores, change, since):
    [result] = theme_changes(2026, [ThemeHistory("t", "Tema", scores)])
    assert (result.change, result.since) == (change, since)


def test_summary_names_worsened_themes_since_when_and_the_light():
    changes = theme_changes(
        2026,
        [
            ThemeHistory("a", "Børn og unge", {2024: D("20"), 2025: D("30"), 2026: D("62.5")}),
            ThemeHistory("b", "Husorden", {2025: D("50"), 2026: D("25")}),
            ThemeHistory("c", "Samarbejde", {2025: D("25"), 2026: D("25")}),
        ],
    )
    assert summary_text(
        department="Alfaparken",
        year=2026,
        score=D("37.5"),
        band_label="grøn",
        changes=changes,
        red_indicators=["Andel uden for arbejde"],
        yellow_indicators=["Andel dømte", "Indkomst"],
    ) == [
        "Sårbarhedsanalysen for Alfaparken 2026 giver en samlet score på 37,5 (grøn).",
        "Forværret siden sidst: Børn og unge (30 → 62,5, forværret siden 2025).",
        "Forbedret: Husorden.",
        "Trafiklyset for 2026 viser rødt for Andel uden for arbejde og gult for Andel dømte og "
        "Indkomst.",
    ]


def test_summary_of_a_first_analysis():
    changes = theme_changes(2026, [ThemeHistory("a", "A", {2026: D("10")})])
    assert summary_text(
        department="X", year=2026, score=None, band_label="", changes=changes,
        red_indicators=[], yellow_indicators=[],
    ) == [
        "Sårbarhedsanalysen for X 2026 har endnu ingen score.",
        "Det er afdelingens første analyse; der er intet at sammenligne med.",
        "Trafiklyset for 2026 viser ingen røde eller gule indikatorer.",
    ]  # fmt: skip


def test_summary_without_worse_themes():
    changes = theme_changes(2026, [ThemeHistory("a", "A", {2025: D("10"), 2026: D("12")})])
    text = summary_text(
        department="X", year=2026, score=D("12"), band_label="grøn", changes=changes,
        red_indicators=[], yellow_indicators=["B"],
    )  # fmt: skip
    assert text[1:] == [
        "Ingen temaer er forværret siden sidste analyse.",
        "Trafiklyset for 2026 viser gult for B.",
    ]
