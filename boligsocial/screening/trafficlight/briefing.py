"""Analysen som briefing / the analysis as a briefing a board member can repeat at the meeting.

Pure Python, no Django. Tre-fire sætninger før detaljerne (``analysis.analyse``), bygget KUN af
det, der gives med:

1. ``overall_sentence``: det samlede trafiklys, scoren og ændringen siden året før.
2. ``priorities_sentence``: de (højst) tre indikatorer, der betyder mest, valgt af
   ``rank_indicators``: røde før gule (grønne tages ikke med), dernæst udviklingen siden sidste år
   (forværret før uændret/ukendt før forbedret), dernæst vægten i den samlede score (tungest
   først), dernæst treårsretningen (forkert retning først), dernæst hvor længe indikatoren har
   haft farven (længst først) og til sidst indikatorernes rækkefølge.
3. ``statutory_sentence``: boligområdets lovbestemte status (``StatutoryPosition``): listerne,
   antal opfyldte kriterier for udsatte boligområder, kriteriet nærmest sin tærskel og afstanden,
   og prognosen (eller udsigten for næste års liste for et område kendt fra offentliggjorte
   lister).
4. ``recommendation_sentence``: anbefalingen (temaerne fra de røde indikatorer og den
   foreskrevne opfølgning). Sætningen er et selvstændigt stykke af ``Briefing``
   (``Briefing.with_recommendation``), så en senere anbefaling (fx indsatser fra kataloget) kan
   erstatte den uden at røre resten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from boligsocial.core.formatting import format_number
from boligsocial.screening.trafficlight.analysis import (
    IndicatorResult,
    join_danish,
    value_text,
)
from boligsocial.screening.trafficlight.legends import Colour

TOP_INDICATORS = 3
SEVERITY: dict[Colour, int] = {Colour.RED: 2, Colour.YELLOW: 1, Colour.GREEN: 0}
TREND_RANK: dict[str | None, int] = {"worse": 2, "unchanged": 1, None: 1, "better": 0}
DIRECTION_RANK: dict[str | None, int] = {"worsening": 2, "stable": 1, None: 1, "improving": 0}
_TREND_WORDS: dict[str | None, str] = {
    "worse": " og forværret",
    "better": ", men forbedret",
    "unchanged": " og uændret",
    None: "",
}

LIST_NAMES: dict[str, str] = {
    "udsat": "udsat boligområde",
    "parallelsamfund": "parallelsamfund",
    "omdannelse": "omdannelsesområde",
    "forebyggelse": "forebyggelsesområde",
}
LIST_ORDER: tuple[str, ...] = tuple(LIST_NAMES)
CRITERION_NAMES: dict[str, str] = {
    "beskaeftigelse": "andelen uden for arbejde og uddannelse",
    "kriminalitet": "andelen dømte",
    "uddannelse": "andelen med kun grundskole",
    "indkomst": "indkomsten",
    "ikke_vestlige": "andelen af ikkevestlige indvandrere og efterkommere",
    "forebyggelse_beskaeftigelse": "andelen uden for arbejde og uddannelse (§ 61 b)",
    "forebyggelse_kriminalitet": "andelen dømte (§ 61 b)",
    "forebyggelse_indkomst": "indkomsten (§ 61 b)",
    "forebyggelse_ikke_vestlige": "andelen af ikkevestlige (§ 61 b)",
}
UDSAT_CRITERIA: tuple[str, ...] = ("beskaeftigelse", "kriminalitet", "uddannelse", "indkomst")
SECTION_61A: frozenset[str] = frozenset({*UDSAT_CRITERIA, "ikke_vestlige"})
SECTION_61A_LISTS: frozenset[str] = frozenset({"udsat", "parallelsamfund", "omdannelse"})


def priority_key(indicator: IndicatorResult, weight: Decimal, position: int) -> tuple:
    """Sorteringsnøglen (mindst først) for ``rank_indicators``; se modulets docstring."""
    assert indicator.colour is not None
    since = indicator.colour_since if indicator.colour_since is not None else 10**6
    return (
        -SEVERITY[indicator.colour],
        -TREND_RANK[indicator.trend],
        -weight,
        -DIRECTION_RANK[indicator.direction],
        since,
        position,
    )


def rank_indicators(
    indicators: Sequence[IndicatorResult],
    weights: Mapping[str, Decimal],
    *,
    limit: int = TOP_INDICATORS,
) -> list[IndicatorResult]:
    """De røde og gule indikatorer, der betyder mest, vigtigst først (højst ``limit``).

    ``weights`` er vægten pr. indikatorkode (mangler en, regnes den som 0)."""
    candidates = [
        (priority_key(i, weights.get(i.code, Decimal(0)), position), i)
        for position, i in enumerate(indicators)
        if i.colour in (Colour.RED, Colour.YELLOW)
    ]
    candidates.sort(key=lambda pair: pair[0])
    return [indicator for _key, indicator in candidates[:limit]]


def overall_sentence(
    name: str,
    year: int,
    colour: Colour,
    score: Decimal | None,
    previous: Colour | None,
) -> str:
    """Fx "Alfaparken står i 2024 samlet på rødt (score 94,4 af 100), som i 2023."."""
    text = f"{name} står i {year} samlet på {colour.label_neuter}"
    if score is not None:
        text += f" (score {format_number(score, 1)} af 100)"
    if previous is None:
        return f"{text}."
    if previous is colour:
        return f"{text}, som i {year - 1}."
    change = "en forværring" if SEVERITY[colour] > SEVERITY[previous] else "en forbedring"
    return f"{text}, {change} fra {previous.label_neuter} i {year - 1}."


def _item(indicator: IndicatorResult) -> str:
    assert indicator.colour is not None
    value = value_text(indicator)
    state = f"{indicator.colour.label_neuter}{_TREND_WORDS[indicator.trend]}"
    return f"{indicator.name} ({value}, {state})" if value else f"{indicator.name} ({state})"


def priorities_sentence(
    top: Sequence[IndicatorResult], indicators: Sequence[IndicatorResult]
) -> str | None:
    """Fx "Vigtigst af de 8 røde og gule indikatorer er a (43,1 %, rødt og forværret), …"."""
    if not top:
        return None
    flagged = [i for i in indicators if i.colour in (Colour.RED, Colour.YELLOW)]
    reds = sum(1 for i in flagged if i.colour is Colour.RED)
    kinds = "røde" if reds == len(flagged) else "gule" if reds == 0 else "røde og gule"
    items = join_danish([_item(i) for i in top])
    if len(flagged) == 1:
        return f"Den eneste {'røde' if reds else 'gule'} indikator er {items}."
    if len(top) == len(flagged):
        return f"De {len(flagged)} {kinds} indikatorer er {items}."
    return f"Vigtigst af de {len(flagged)} {kinds} indikatorer er {items}."


@dataclass(frozen=True)
class Criterion:
    """Ét lovkriterium for området: navn (``statutory.CRITERIA``), opfyldt, afstand i
    procentpoint (positiv = på listesiden; None for ``beboere``)."""

    name: str
    met: bool
    distance_pp: Decimal | None


@dataclass(frozen=True)
class StatutoryPosition:
    """Boligområdets lovbestemte status i et år (``StatutoryStatus``), som briefingen bruger.

    ``forecast_lists`` er None uden prognose; ``outlook`` er udsigten for næste års liste
    for et område kendt fra offentliggjorte lister ("" uden)."""

    area: str
    year: int
    lists: tuple[str, ...]
    parallelsamfund_years: int
    criteria: tuple[Criterion, ...] = ()
    forecast_year: int | None = None
    forecast_lists: tuple[str, ...] | None = None
    outlook: str = ""


def nearest_criterion(position: StatutoryPosition) -> Criterion | None:
    """Kriteriet nærmest sin tærskel (mindste |afstand|; ved lighed det første). På en § 61 a-
    liste tæller kun § 61 a-kriterierne; ellers alle med en afstand."""
    relevant = [c for c in position.criteria if c.distance_pp is not None]
    if set(position.lists) & SECTION_61A_LISTS:
        relevant = [c for c in relevant if c.name in SECTION_61A]
    best: Criterion | None = None
    for criterion in relevant:
        assert criterion.distance_pp is not None
        if best is None or abs(criterion.distance_pp) < abs(best.distance_pp):  # type: ignore[arg-type]
            best = criterion
    return best


def _lists_text(lists: Sequence[str]) -> str:
    return join_danish([LIST_NAMES[name] for name in LIST_ORDER if name in lists])


def statutory_sentence(position: StatutoryPosition | None) -> str | None:
    """Fx "Fællesområdet er i 2024 udsat boligområde, parallelsamfund og omdannelsesområde
    (7. år på parallelsamfundslisten) og opfylder 3 af 4 kriterier for udsatte boligområder.
    Nærmest en tærskel er andelen dømte, der er opfyldt med 0,30 procentpoint, og prognosen for
    2025 er udsat boligområde, parallelsamfund og omdannelsesområde." (to sætninger)."""
    if position is None:
        return None
    if position.lists:
        text = f"{position.area} er i {position.year} {_lists_text(position.lists)}"
    else:
        text = f"{position.area} er i {position.year} ikke på de lovbestemte lister"
    if position.parallelsamfund_years:
        text += f" ({position.parallelsamfund_years}. år på parallelsamfundslisten)"
    met = {c.name for c in position.criteria if c.met}
    if position.criteria:
        count = sum(1 for name in UDSAT_CRITERIA if name in met)
        text += f" og opfylder {count} af 4 kriterier for udsatte boligområder"
    parts = []
    nearest = nearest_criterion(position)
    if nearest is not None:
        assert nearest.distance_pp is not None
        decimals = 2 if "kriminalitet" in nearest.name else 1
        distance = format_number(abs(nearest.distance_pp), decimals)
        how = (
            f"der er opfyldt med {distance} procentpoint"
            if nearest.met
            else f"der mangler {distance} procentpoint for at være opfyldt"
        )
        parts.append(f"nærmest en tærskel er {CRITERION_NAMES[nearest.name]}, {how}")
    if position.forecast_lists is not None and position.forecast_year is not None:
        lists = _lists_text(position.forecast_lists) or "på ingen liste"
        parts.append(f"prognosen for {position.forecast_year} er {lists}")
    elif position.outlook:
        parts.append(f"næste års liste: {position.outlook}")
    if not parts:
        return f"{text}."
    second = ", og ".join(parts)
    return f"{text}. {second[:1].upper()}{second[1:]}."


def recommendation_sentence(themes: Sequence[str], follow_up: str) -> str:
    """Fx "Det anbefales at arbejde med Beskæftigelse samt Uddannelse og livschancer; den
    foreskrevne opfølgning er handlingsplan og opfølgning hvert kvartal." (temaernes navne kan
    selv rumme "og", så det sidste knyttes med "samt")."""
    if themes:
        listed = themes[0] if len(themes) == 1 else f"{', '.join(themes[:-1])} samt {themes[-1]}"
        text = f"Det anbefales at arbejde med {listed}"
    else:
        text = "Ingen indikator er rød: fortsæt den nuværende indsats og følg udviklingen"
    if follow_up.strip():
        follow = follow_up.strip().rstrip(".")
        text += f"; den foreskrevne opfølgning er {follow[:1].lower()}{follow[1:]}"
    return f"{text}."


@dataclass(frozen=True)
class Briefing:
    """Briefingens sætninger, hver et selvstændigt stykke (None: intet at sige)."""

    overall: str
    priorities: str | None
    statutory: str | None
    recommendation: str | None
    top: tuple[str, ...]  # koderne på de indikatorer, der betyder mest, vigtigst først

    @property
    def lead(self) -> list[str]:
        """Sætningerne før anbefalingen."""
        return [s for s in (self.overall, self.priorities, self.statutory) if s]

    @property
    def sentences(self) -> list[str]:
        return [*self.lead, *([self.recommendation] if self.recommendation else [])]

    def with_recommendation(self, sentence: str | None) -> Briefing:
        """Samme briefing med en anden anbefaling (krogen for en senere anbefaling)."""
        return replace(self, recommendation=sentence)


def brief(
    name: str,
    year: int,
    colour: Colour,
    score: Decimal | None,
    previous: Colour | None,
    indicators: Sequence[IndicatorResult],
    weights: Mapping[str, Decimal],
    position: StatutoryPosition | None,
    recommendation: str | None,
) -> Briefing:
    """Briefingen for én afdeling/ét område i ``year``."""
    coloured = [i for i in indicators if i.colour is not None]
    top = rank_indicators(coloured, weights)
    return Briefing(
        overall=overall_sentence(name, year, colour, score, previous),
        priorities=priorities_sentence(top, coloured),
        statutory=statutory_sentence(position),
        recommendation=recommendation,
        top=tuple(i.code for i in top),
    )
