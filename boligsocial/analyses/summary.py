"""The generated Danish summary of an analysis (pure): which themes worsened, since when, and
what the traffic light shows for the same department and year.

* A theme has *worsened* when its score is at least ``WORSE_BY`` (5.0) points above the last
  held analysis's score for the same theme key (keys are stable across guide versions); it has
  *improved* when at least ``WORSE_BY`` below. Smaller changes are "unchanged": the interview is
  a judgement, not a measurement, and 5 points is a quarter of a scale step (our choice).
* *Since when*: the first year of the unbroken run of worsening years ending this year, each
  year's score compared with the year before it (a missing theme score breaks the run).
* Themes are named in the guide's order. The light's red and yellow indicators (other than the
  vulnerability score itself) are named by their Danish names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WORSE_BY = Decimal(5)


@dataclass(frozen=True)
class ThemeHistory:
    key: str
    title: str
    scores: dict[int, Decimal | None]  # year -> score of the held analysis that year


@dataclass(frozen=True)
class ThemeChange:
    key: str
    title: str
    score: Decimal | None
    previous: Decimal | None
    change: str  # "worse", "better", "same", "new" (no earlier score), "none" (no score)
    since: int | None


def _change(score, previous) -> str:
    if score is None:
        return "none"
    if previous is None:
        return "new"
    if score - previous >= WORSE_BY:
        return "worse"
    if previous - score >= WORSE_BY:
        return "better"
    return "same"


def theme_changes(year: int, themes: list[ThemeHistory]) -> list[ThemeChange]:
    out = []
    for theme in themes:
        score = theme.scores.get(year)
        earlier = sorted(y for y in theme.scores if y < year)
        previous = theme.scores.get(earlier[-1]) if earlier else None
        change = _change(score, previous)
        since = None
        if change == "worse":
            since = year
            years = [*earlier, year]
            for i in range(len(years) - 1, 0, -1):
                a, b = theme.scores.get(years[i - 1]), theme.scores.get(years[i])
                if a is None or b is None or _change(b, a) != "worse":
                    break
                since = years[i]
        out.append(ThemeChange(theme.key, theme.title, score, previous, change, since))
    return out


def _names(titles: list[str]) -> str:
    if len(titles) == 1:
        return titles[0]
    return ", ".join(titles[:-1]) + " og " + titles[-1]


def summary_text(
    *,
    department: str,
    year: int,
    score: Decimal | None,
    band_label: str,
    changes: list[ThemeChange],
    red_indicators: list[str],
    yellow_indicators: list[str],
) -> list[str]:
    """The summary as Danish paragraphs."""
    paragraphs = []
    if score is None:
        paragraphs.append(f"Sårbarhedsanalysen for {department} {year} har endnu ingen score.")
    else:
        paragraphs.append(
            f"Sårbarhedsanalysen for {department} {year} giver en samlet score på "
            f"{str(score).replace('.', ',')} ({band_label})."
        )
    worse = [c for c in changes if c.change == "worse"]
    better = [c for c in changes if c.change == "better"]
    if worse:
        parts = []
        for c in worse:
            since = f", forværret siden {c.since}" if c.since is not None and c.since < year else ""
            parts.append(
                f"{c.title} ({str(c.previous).replace('.', ',')} → "
                f"{str(c.score).replace('.', ',')}{since})"
            )
        paragraphs.append("Forværret siden sidst: " + "; ".join(parts) + ".")
    elif any(c.previous is not None for c in changes):
        paragraphs.append("Ingen temaer er forværret siden sidste analyse.")
    else:
        paragraphs.append("Det er afdelingens første analyse; der er intet at sammenligne med.")
    if better:
        paragraphs.append("Forbedret: " + _names([c.title for c in better]) + ".")
    if red_indicators or yellow_indicators:
        light = []
        if red_indicators:
            light.append("rødt for " + _names(red_indicators))
        if yellow_indicators:
            light.append("gult for " + _names(yellow_indicators))
        paragraphs.append(f"Trafiklyset for {year} viser " + " og ".join(light) + ".")
    else:
        paragraphs.append(f"Trafiklyset for {year} viser ingen røde eller gule indikatorer.")
    return paragraphs
