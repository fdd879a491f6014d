"""Et boligområdes år for år / one area, year by year (almenboligloven § 61 a, stk. 4).

Ren Python uden Django. Kriterierne, listerne for ét år og prognosen er i ``statutory.py``;
her tælles parallelsamfundsrækken over beregnede og offentliggjorte år:

* Omdannelse følger af rækken (``OMDANNELSE_YEARS`` år i træk, det aktuelle år medregnet), også
  for et år, der kun er givet som offentliggjort liste: står et offentliggjort år (fra 2018) på
  parallelsamfundslisten som 5. år i træk uden selv at nævne ``omdannelse``, *afledes*
  omdannelse (``list_sources``: ``derived``). Et offentliggjort år, der nævner ``omdannelse``,
  beholder det; modsiger det rækken (færre end 5 år), gives en advarsel (``warnings``), og
  listerne ændres ikke.
* Et offentliggjort parallelsamfundsår uden prognose (ingen værdier at fremskrive) får en
  udsigt for næste års offentliggørelse (``RunOutlook``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from boligsocial.screening.statutory import (
    FIRST_RULE_YEAR,
    LISTS,
    OMDANNELSE,
    OMDANNELSE_YEARS,
    PARALLELSAMFUND,
    CriterionResult,
    CriterionValues,
    Forecast,
    classify,
    forecast_next_year,
    rules_for_year,
)

Source = Literal["values", "published"]
FlagSource = Literal["values", "published", "derived"]


@dataclass(frozen=True)
class Observation:
    """Ét år for ét område: ENTEN kriterieværdier ELLER en offentliggjort liste-mængde.

    Den gamle ghettoliste (før 2018) angives som ``{"parallelsamfund"}``; et tomt sæt betyder
    "på ingen liste".
    """

    year: int
    values: CriterionValues | None = None
    published: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise TypeError("year skal være et heltal")
        if (self.values is None) == (self.published is None):
            raise ValueError("Angiv enten values eller published, ikke begge/ingen")
        if self.published is not None:
            published = frozenset(self.published)
            unknown = sorted(published - set(LISTS))
            if unknown:
                raise ValueError(f"Ukendt liste: {', '.join(unknown)}")
            object.__setattr__(self, "published", published)
        else:
            rules_for_year(self.year)  # fejler for år før 2018


@dataclass(frozen=True)
class RunWarning:
    """Et offentliggjort år, hvis angivne lister modsiger parallelsamfundsrækken.

    ``code`` er ``"omdannelse_without_run"``: året nævner ``omdannelse``, men er kun
    ``parallelsamfund_years`` år i træk på parallelsamfundslisten (loven kræver 5).
    """

    code: str
    list_name: str
    parallelsamfund_years: int

    @property
    def message(self) -> str:
        return (
            f"Offentliggjort som omdannelsesområde, men kun {self.parallelsamfund_years} år i "
            f"træk på parallelsamfundslisten (omdannelse kræver {OMDANNELSE_YEARS})"
        )


@dataclass(frozen=True)
class RunOutlook:
    """Hvad næste års offentliggørelse gør af et område, der kun kendes fra offentliggjorte
    lister (ingen værdier at fremskrive): står det igen på parallelsamfundslisten i ``year``, er
    det dets ``parallelsamfund_year``. år i træk; ``omdannelse`` siger, om det dermed er et
    omdannelsesområde, ``omdannelse_from`` det første år, det bliver det ved fortsat listning."""

    year: int
    parallelsamfund_year: int
    omdannelse: bool
    omdannelse_from: int

    @property
    def message(self) -> str:
        head = f"{self.parallelsamfund_year}. år på parallelsamfundslisten → omdannelsesområde"
        if self.omdannelse:
            return head
        return f"{head} fra {self.omdannelse_from}, hvis det står på listen hvert år"


@dataclass(frozen=True)
class AreaYearResult:
    """Resultat for ét område og ét år. ``parallelsamfund_years`` er antallet af sammenhængende
    parallelsamfundsår, der slutter med dette år (0 hvis ikke parallelsamfund).

    ``list_sources`` siger for hver liste i ``LISTS`` (også dem, området ikke er på), om flaget
    er beregnet af værdier (``values``), offentliggjort (``published``) eller afledt af rækken
    (``derived``). ``outlook`` gives for offentliggjorte parallelsamfundsår uden ``forecast``.
    """

    year: int
    source: Source
    lists: frozenset[str]
    criteria: tuple[CriterionResult, ...]
    parallelsamfund_years: int
    forecast: Forecast | None
    list_sources: tuple[tuple[str, FlagSource], ...] = ()
    warnings: tuple[RunWarning, ...] = ()
    outlook: RunOutlook | None = None

    @property
    def criteria_met(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.criteria if c.met)


def published_with_run(
    year: int, published: frozenset[str], parallel_years_before: int
) -> tuple[frozenset[str], tuple[tuple[str, FlagSource], ...], tuple[RunWarning, ...]]:
    """Et offentliggjort års lister med det, rækken afleder, flagenes kilde og advarslerne.

    Er året (fra 2018) parallelsamfund (``parallelsamfund`` eller ``omdannelse`` angivet) og
    dets række ``parallel_years_before + 1`` mindst ``OMDANNELSE_YEARS``, tilføjes
    ``omdannelse`` som afledt. Et angivet ``omdannelse`` beholdes; er rækken kortere, gives
    en advarsel. Intet angivet flag fjernes eller ændres.
    """
    in_parallel = PARALLELSAMFUND in published or OMDANNELSE in published
    run = parallel_years_before + 1  # this year's run, read only when it is a parallel year
    lists = published
    derived: set[str] = set()
    if (
        in_parallel
        and OMDANNELSE not in published
        and year >= FIRST_RULE_YEAR
        and run >= OMDANNELSE_YEARS
    ):
        lists = published | {OMDANNELSE}
        derived.add(OMDANNELSE)
    warnings: tuple[RunWarning, ...] = ()
    if OMDANNELSE in published and run < OMDANNELSE_YEARS:
        warnings = (RunWarning("omdannelse_without_run", OMDANNELSE, run),)
    sources = tuple((name, "derived" if name in derived else "published") for name in LISTS)
    return lists, sources, warnings  # type: ignore[return-value]


def run_outlook(year: int, parallelsamfund_years: int) -> RunOutlook | None:
    """Næste års udsigt for et område med ``parallelsamfund_years`` år i træk til og med
    ``year`` (None, hvis det ikke er parallelsamfund i ``year``)."""
    if parallelsamfund_years < 1:
        return None
    target = year + 1
    next_run = parallelsamfund_years + 1
    first = max(target + OMDANNELSE_YEARS - next_run, FIRST_RULE_YEAR)
    return RunOutlook(target, next_run, target >= first, first)


def evaluate_area(observations: Iterable[Observation]) -> tuple[AreaYearResult, ...]:
    """Beregn alle år for ét område (sorteret efter år).

    Parallelsamfundsrækken tæller både beregnede og offentliggjorte år (et offentliggjort
    ``omdannelse`` tæller også som parallelsamfund); et manglende år bryder rækken. Et
    offentliggjort år får omdannelse afledt af rækken (``published_with_run``) og, når der
    ingen prognose er, en udsigt for næste års liste (``run_outlook``).
    """
    ordered = sorted(observations, key=lambda o: o.year)
    years = [o.year for o in ordered]
    if len(set(years)) != len(years):
        raise ValueError("Samme år optræder flere gange for området")
    run: dict[int, int] = {}
    history: dict[int, CriterionValues] = {}
    results: list[AreaYearResult] = []
    for obs in ordered:
        before = run.get(obs.year - 1, 0)
        source: Source
        warnings: tuple[RunWarning, ...] = ()
        if obs.values is not None:
            classification = classify(obs.values, obs.year, before)
            lists, criteria, source = classification.lists, classification.criteria, "values"
            sources: tuple[tuple[str, FlagSource], ...] = tuple((n, "values") for n in LISTS)
            history[obs.year] = obs.values
        else:
            assert obs.published is not None
            lists, sources, warnings = published_with_run(obs.year, obs.published, before)
            criteria, source = (), "published"
        in_parallel = PARALLELSAMFUND in lists or OMDANNELSE in lists
        run[obs.year] = before + 1 if in_parallel else 0
        forecast = forecast_next_year(history, obs.year, lists, run[obs.year])
        outlook = None
        if source == "published" and forecast is None:
            outlook = run_outlook(obs.year, run[obs.year])
        results.append(
            AreaYearResult(
                obs.year,
                source,
                lists,
                criteria,
                run[obs.year],
                forecast,
                sources,
                warnings,
                outlook,
            )
        )
    return tuple(results)
