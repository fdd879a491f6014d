"""Skriftlig analyse på dansk, genereret af trafiklysets data / the written analysis.

Pure Python, no Django. Teksten bygges KUN af det, der gives med: mangler et tal (værdi,
udvikling, sammenligning), skrives der ingen sætning om det. Indikatorer uden farve
(diskretionerede eller manglende) tælles ikke med og nævnes ikke.

Afsnit (i rækkefølge, tomme afsnit udelades):

1. Overblik: hvor mange af indikatorerne (med farve) der er røde og gule og hvilke, resten
   grønne, eller en eksplicit sætning, når alle er grønne; evt. den samlede score og farve.
2. Ét afsnit pr. rød og derefter gul indikator: udvikling siden sidste år og siden hvornår den
   har haft farven; retningen over de seneste tre år; afstanden til boligorganisationens,
   kommunens og landets gennemsnit.
3. Grønne indikatorer, der er forværret siden sidste år.

Indikatornavne gives, som de skrives midt i en sætning ("andel uden for arbejde og
uddannelse"); første bogstav gøres stort i starten af en sætning. Farven knyttes til et navn
med "står på rødt" / "har stået på rødt siden 2023" (uden kongruens), så sætningen er korrekt
dansk, hvad enten navnet er fælleskøn ("andel ..."), intetkøn ("antal ...") eller flertal
("udsættelser ..."). Enheden ``"%"`` vises som
``43,1 %`` og forskelle som procentpoint; andre enheder skrives efter tallet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal

from boligsocial.core.formatting import format_number
from boligsocial.screening.trafficlight.legends import Colour
from boligsocial.screening.trafficlight.scoring import CompositeResult, Direction, Trend

PERCENT = "%"
_EXACT = Context(prec=1000)

_TREND_PHRASES: dict[str, str] = {
    "worse": "er forværret siden sidste år",
    "better": "er forbedret siden sidste år",
    "unchanged": "er uændret siden sidste år",
}
_DIRECTION_SENTENCES: dict[str, str] = {
    "worsening": "Set over de seneste tre år går udviklingen i den forkerte retning.",
    "improving": "Set over de seneste tre år går udviklingen i den rigtige retning.",
    "stable": "Set over de seneste tre år er niveauet stabilt.",
}
_COMPARATORS: tuple[tuple[str, str], ...] = (
    ("organisation", "boligorganisationens gennemsnit"),
    ("municipality", "kommunens gennemsnit"),
    ("national", "landsgennemsnittet"),
)


@dataclass(frozen=True)
class IndicatorResult:
    """Én indikators resultat for afdelingen/området i analyseåret.

    ``colour_since`` er første år i den igangværende række med samme farve
    (``scoring.since_when``); antal år i farven er ``year - colour_since + 1``.
    ``decimals`` er antal decimaler ved visning af værdien og forskellene.
    """

    code: str
    name: str
    unit: str
    value: Decimal | None
    colour: Colour | None
    trend: Trend | None = None
    direction: Direction | None = None
    colour_since: int | None = None
    decimals: int = 1


@dataclass(frozen=True)
class Comparison:
    """Sammenligningsværdier for én indikator; hver kan mangle."""

    organisation: Decimal | None = None
    municipality: Decimal | None = None
    national: Decimal | None = None


def join_danish(items: Sequence[str]) -> str:
    """``a``, ``a og b``, ``a, b og c`` (uden komma før "og")."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def value_text(indicator: IndicatorResult) -> str | None:
    """The value as the analysis writes it ("43,1 %", "6,0 pr. 1.000 lejemål"), None if none."""
    if indicator.value is None:
        return None
    number = format_number(indicator.value, indicator.decimals)
    if indicator.unit == PERCENT:
        return f"{number} %"
    return f"{number} {indicator.unit}" if indicator.unit else number


def _listing(indicators: Sequence[IndicatorResult]) -> str:
    items = []
    for indicator in indicators:
        value = value_text(indicator)
        items.append(f"{indicator.name} ({value})" if value else indicator.name)
    return join_danish(items)


def _adjective(colour: Colour, count: int) -> str:
    return colour.label if count == 1 else colour.label_plural


def _overview(year: int, coloured: list[IndicatorResult], composite: CompositeResult | None) -> str:
    by_colour = {c: [i for i in coloured if i.colour is c] for c in Colour}
    reds, yellows, greens = by_colour[Colour.RED], by_colour[Colour.YELLOW], by_colour[Colour.GREEN]
    total = len(coloured)
    sentences: list[str] = []
    if total == 1:
        only = coloured[0]
        assert only.colour is not None
        sentences.append(
            f"I {year} er den eneste indikator {only.colour.label}: {_listing(coloured)}."
        )
    elif not reds and not yellows:
        sentences.append(f"I {year} er alle {total} indikatorer grønne.")
    else:
        if reds:
            sentences.append(
                f"I {year} er {len(reds)} af {total} indikatorer "
                f"{_adjective(Colour.RED, len(reds))}: {_listing(reds)}."
            )
            if yellows:
                sentences.append(
                    f"Desuden er {len(yellows)} {_adjective(Colour.YELLOW, len(yellows))}: "
                    f"{_listing(yellows)}."
                )
        else:
            sentences.append(
                f"I {year} er ingen af de {total} indikatorer røde, men {len(yellows)} er "
                f"{_adjective(Colour.YELLOW, len(yellows))}: {_listing(yellows)}."
            )
        if len(greens) == 1:
            sentences.append("Den resterende indikator er grøn.")
        elif greens:
            sentences.append(f"De resterende {len(greens)} er grønne.")
    if composite is not None and composite.score is not None and composite.colour is not None:
        score = composite.display_score
        assert score is not None
        sentences.append(
            f"Den samlede score er {format_number(score)} ud af 100, og det samlede trafiklys "
            f"er {composite.colour.label_neuter}."
        )
    return " ".join(sentences)


def _comparison_sentence(
    department_name: str, indicator: IndicatorResult, comparison: Comparison | None
) -> str | None:
    if comparison is None or indicator.value is None:
        return None
    unit = "procentpoint" if indicator.unit == PERCENT else indicator.unit
    parts: list[str] = []
    for attribute, label in _COMPARATORS:
        reference = getattr(comparison, attribute)
        if reference is None:
            continue
        difference = _EXACT.subtract(indicator.value, reference)
        shown = format_number(abs(difference), indicator.decimals)
        if format_number(Decimal(0), indicator.decimals) == shown:
            parts.append(f"på niveau med {label}")
            continue
        side = "over" if difference > 0 else "under"
        parts.append(f"{shown} {unit} {side} {label}" if unit else f"{shown} {side} {label}")
    if not parts:
        return None
    return f"{department_name} ligger {join_danish(parts)}."


def _indicator_paragraph(
    department_name: str, year: int, indicator: IndicatorResult, comparison: Comparison | None
) -> str | None:
    colour = indicator.colour
    assert colour is not None
    name = _capitalise(indicator.name)
    trend_phrase = _TREND_PHRASES[indicator.trend] if indicator.trend else None
    since_phrase = None
    if indicator.colour_since is not None and indicator.colour_since < year:
        since_phrase = f"har stået på {colour.label_neuter} siden {indicator.colour_since}"
    rest = [
        sentence
        for sentence in (
            _DIRECTION_SENTENCES[indicator.direction] if indicator.direction else None,
            _comparison_sentence(department_name, indicator, comparison),
        )
        if sentence
    ]
    if trend_phrase and since_phrase:
        joiner = ", men" if indicator.trend == "better" else " og"
        first = f"{name} {trend_phrase}{joiner} {since_phrase}."
    elif trend_phrase or since_phrase:
        first = f"{name} {trend_phrase or since_phrase}."
    elif rest:
        first = f"{name} står på {colour.label_neuter}."
    else:
        return None
    return " ".join([first, *rest])


def _worsened_greens(indicators: Sequence[IndicatorResult]) -> str | None:
    worsened = [i for i in indicators if i.colour is Colour.GREEN and i.trend == "worse"]
    if not worsened:
        return None
    names = _capitalise(join_danish([i.name for i in worsened]))
    return f"{names} står stadig på grønt, men er forværret siden sidste år."


def _validate(department_name: str, year: int, indicators: Sequence[IndicatorResult]) -> None:
    if not isinstance(department_name, str) or not department_name.strip():
        raise ValueError("department_name skal være et ikke-tomt navn")
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError("year skal være et heltal")
    codes = [i.code for i in indicators]
    if len(set(codes)) != len(codes):
        raise ValueError("Samme indikator optræder flere gange")
    for indicator in indicators:
        if indicator.value is not None and not isinstance(indicator.value, Decimal):
            raise TypeError(f"{indicator.code}: value skal være en decimal.Decimal (ikke float)")
        if indicator.colour_since is not None and indicator.colour_since > year:
            raise ValueError(f"{indicator.code}: colour_since ligger efter {year}")


@dataclass(frozen=True)
class IndicatorParagraph:
    """The paragraph of one red or yellow indicator."""

    code: str
    name: str
    colour: Colour
    text: str


@dataclass(frozen=True)
class AnalysisSections:
    """The analysis in its parts: the overview, the red and yellow indicators' paragraphs (red
    first, in input order) and the sentence on green indicators that worsened."""

    overview: str
    paragraphs: tuple[IndicatorParagraph, ...]
    worsened_greens: str | None

    def flat(self) -> list[str]:
        texts = [self.overview, *(p.text for p in self.paragraphs)]
        return texts + ([self.worsened_greens] if self.worsened_greens else [])

    def groups(self) -> list[tuple[Colour, list[IndicatorParagraph]]]:
        """The paragraphs per colour (red, yellow), empty groups left out."""
        grouped = [
            (colour, [p for p in self.paragraphs if p.colour is colour])
            for colour in (Colour.RED, Colour.YELLOW)
        ]
        return [(colour, paragraphs) for colour, paragraphs in grouped if paragraphs]


def analysis_sections(
    department_name: str,
    year: int,
    indicators: Sequence[IndicatorResult],
    comparisons: Mapping[str, Comparison] | None = None,
    *,
    composite: CompositeResult | None = None,
) -> AnalysisSections | None:
    """The analysis in its parts (None if no indicator has a colour); ``analyse`` flattens it."""
    _validate(department_name, year, indicators)
    comparisons = comparisons or {}
    coloured = [i for i in indicators if i.colour is not None]
    if not coloured:
        return None
    paragraphs = []
    for colour in (Colour.RED, Colour.YELLOW):
        for indicator in coloured:
            if indicator.colour is colour:
                paragraph = _indicator_paragraph(
                    department_name, year, indicator, comparisons.get(indicator.code)
                )
                if paragraph:
                    paragraphs.append(
                        IndicatorParagraph(indicator.code, indicator.name, colour, paragraph)
                    )
    return AnalysisSections(
        _overview(year, coloured, composite), tuple(paragraphs), _worsened_greens(coloured)
    )


def analyse(
    department_name: str,
    year: int,
    indicators: Sequence[IndicatorResult],
    comparisons: Mapping[str, Comparison] | None = None,
    *,
    composite: CompositeResult | None = None,
) -> list[str]:
    """Analysen som en liste af afsnit (tom, hvis ingen indikator har en farve).

    ``comparisons`` er sammenligningsværdierne pr. indikatorkode; ``composite`` er den samlede
    score, der nævnes i overblikket, hvis den gives.
    """
    sections = analysis_sections(
        department_name, year, indicators, comparisons, composite=composite
    )
    return [] if sections is None else sections.flat()
