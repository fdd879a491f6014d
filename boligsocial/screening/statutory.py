"""Lovbestemte lister efter almenboligloven §§ 61 a og 61 b / statutory area lists.

Ren Python uden Django: rene funktioner over frosne dataklasser.
Pure Python, no Django: pure functions over frozen dataclasses.

Regelversioner / rule versions (lister offentliggøres 1. december, § 61 a, stk. 5):

* Udsat boligområde (``RULES_2018``) - § 61 a, stk. 1, som indført ved L 38 (2018-19),
  gælder listerne fra 1. december 2018: mindst 1.000 beboere (stk. 3) og mindst 2 af 4
  kriterier: beskæftigelse > 40 %, dømte >= 3 x landsgennemsnittet, kun grundskole > 60 %,
  indkomst < 55 % af regionens.
* Parallelsamfund (``IKKE_VESTLIGE``) - § 61 a, stk. 2: udsat område med > 50 % indvandrere og
  efterkommere fra ikkevestlige lande. Hed "ghettoområde" indtil L 23 (2021-22).
* Omdannelsesområde (``OMDANNELSE_YEARS``) - § 61 a, stk. 4: parallelsamfund i hvert af de
  seneste 5 år, det aktuelle år medregnet (overgangsreglen for 2018-2020 og den gældende lov
  siger begge 5 år). Hed "hårdt ghettoområde" indtil 2021. År på den gamle ghettoliste (før
  2018) tæller som parallelsamfundsår; et manglende år bryder rækken. Rækken tælles over et
  områdes år i ``statutory_area.py`` (``evaluate_area``, ``Observation``), der også afleder
  omdannelse for offentliggjorte år.
* Forebyggelsesområde (``RULES_2021``) - § 61 b, indført ved L 23 (2021-22), første liste
  1. december 2021: mindst 1.000 beboere, > 30 % ikkevestlige og mindst 2 af: beskæftigelse
  > 30 %, dømte >= 2 x landsgennemsnittet, kun grundskole > 60 %, indkomst < 65 %. Et udsat
  område er aldrig også et forebyggelsesområde (listerne er disjunkte). For år før 2021: aldrig.

"Overstiger" er strengt større end (``>``), "mindst"/"udgør mindst" er ``>=``, "mindre end" er
strengt mindre end (``<``). Værdierne sammenlignes uafrundet og eksakt med ``decimal.Decimal``;
float afvises. Inputværdierne er kriterieværdierne som loven definerer dem (dvs. allerede
2-års-gennemsnit, hvor loven siger det).

Kriterienavne / criterion names (stabile, bruges i CSV og UI):

``beboere`` (>= 1.000 beboere), ``beskaeftigelse`` (> 40), ``kriminalitet`` (>= 3 x landsgns.),
``uddannelse`` (> 60, fælles for § 61 a og § 61 b), ``indkomst`` (< 55), ``ikke_vestlige`` (> 50),
``forebyggelse_beskaeftigelse`` (> 30), ``forebyggelse_kriminalitet`` (>= 2 x landsgns.),
``forebyggelse_indkomst`` (< 65), ``forebyggelse_ikke_vestlige`` (> 30).
``forebyggelse_*`` vurderes kun for år >= 2021.

Fortegn / sign convention for ``distance_pp`` (procentpoint): positiv = på listesiden af
tærsklen. For ``>``/``>=``: værdi - tærskel; for ``<``: tærskel - værdi. Kriteriet er opfyldt når
``distance_pp > 0`` (``>``, ``<``) eller ``distance_pp >= 0`` (``>=``). For ``kriminalitet`` er
tærsklen multiplikator x ``national_pct_convicted``. ``beboere`` har ingen procentpoint-afstand.

``persons_to_flip``: det mindste antal personer n, hvis status skal ændres, for at kriteriet
skifter, regnet med ``residents`` som grundlag (en tilnærmelse: lovens nævnere er aldersgrupper).
Med x = |distance_pp| / 100 x residents: n = ceil(x), hvis det er nok at nå tærsklen, ellers
floor(x) + 1. For ``beboere`` er x = |residents - 1000|. ``indkomst``-kriterierne har ingen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction
from typing import Literal

UDSAT = "udsat"
PARALLELSAMFUND = "parallelsamfund"
OMDANNELSE = "omdannelse"
FOREBYGGELSE = "forebyggelse"
LISTS: tuple[str, ...] = (UDSAT, PARALLELSAMFUND, OMDANNELSE, FOREBYGGELSE)

FIRST_RULE_YEAR = 2018  # første liste efter L 38 (2018-19)
FOREBYGGELSE_FIRST_YEAR = 2021  # første liste efter L 23 (2021-22)
MIN_RESIDENTS = 1000
MIN_SOCIAL_CRITERIA = 2
OMDANNELSE_YEARS = 5
FORECAST_WINDOW = 3
FORECAST_MIN_YEARS = 2
FORECAST_QUANTUM = Decimal("0.000001")  # prognoseværdier afrundes til 6 decimaler

# Kontekst der fejler i stedet for at afrunde: alle tærskelberegninger er eksakte.
_EXACT = Context(prec=1000, traps=[InvalidOperation, DivisionByZero, Overflow, Inexact])
_HUNDRED = Decimal(100)
_EPSILON = Decimal("1e-9")

Op = Literal[">", ">=", "<"]

PCT_FIELDS: tuple[str, ...] = (
    "pct_outside_work_education",
    "pct_convicted",
    "national_pct_convicted",
    "pct_basic_education",
    "income_pct_of_region",
    "pct_nonwestern",
)


@dataclass(frozen=True)
class CriterionValues:
    """Kriterieværdier for ét område i ét listeår / criterion values for one area and year.

    Procenter er 0-100 som ``Decimal``. ``income_pct_of_region`` er områdets gennemsnitlige
    bruttoindkomst i procent af regionens (>= 0, kan i princippet overstige 100).
    """

    residents: int
    pct_outside_work_education: Decimal
    pct_convicted: Decimal
    national_pct_convicted: Decimal
    pct_basic_education: Decimal
    income_pct_of_region: Decimal
    pct_nonwestern: Decimal

    def __post_init__(self) -> None:
        if isinstance(self.residents, bool) or not isinstance(self.residents, int):
            raise TypeError("residents skal være et heltal")
        if self.residents < 0:
            raise ValueError("residents må ikke være negativ")
        for name in PCT_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite():
                raise TypeError(f"{name} skal være en endelig decimal.Decimal (ikke float)")
            upper = None if name == "income_pct_of_region" else _HUNDRED
            if value < 0 or (upper is not None and value > upper):
                raise ValueError(f"{name} skal ligge mellem 0 og 100, fik {value}")
        if self.national_pct_convicted == 0:
            raise ValueError("national_pct_convicted skal være større end 0")


@dataclass(frozen=True)
class CriterionRule:
    """Et lovkriterium / one statutory criterion: ``field op threshold``.

    Er ``national_multiple`` sand, er tærsklen ``threshold x national_pct_convicted``.
    """

    name: str
    field: str
    op: Op
    threshold: Decimal
    citation: str
    national_multiple: bool = False
    counts_persons: bool = True

    def effective_threshold(self, values: CriterionValues) -> Decimal:
        if self.national_multiple:
            return _EXACT.multiply(self.threshold, values.national_pct_convicted)
        return self.threshold


def _rule(
    name: str, field: str, op: Op, threshold: str, citation: str, **kw: bool
) -> CriterionRule:
    return CriterionRule(name, field, op, Decimal(threshold), citation, **kw)


BEBOERE = _rule("beboere", "residents", ">=", "1000", "§ 61 a, stk. 3: mindst 1.000 beboere")
BESKAEFTIGELSE = _rule(
    "beskaeftigelse", "pct_outside_work_education", ">", "40", "§ 61 a, stk. 1, nr. 1"
)
KRIMINALITET = _rule(
    "kriminalitet", "pct_convicted", ">=", "3", "§ 61 a, stk. 1, nr. 2", national_multiple=True
)
UDDANNELSE = _rule(
    "uddannelse", "pct_basic_education", ">", "60", "§ 61 a, stk. 1, nr. 3; § 61 b, nr. 3"
)
INDKOMST = _rule(
    "indkomst", "income_pct_of_region", "<", "55", "§ 61 a, stk. 1, nr. 4", counts_persons=False
)
IKKE_VESTLIGE = _rule("ikke_vestlige", "pct_nonwestern", ">", "50", "§ 61 a, stk. 2")
FB_BESKAEFTIGELSE = _rule(
    "forebyggelse_beskaeftigelse", "pct_outside_work_education", ">", "30", "§ 61 b, nr. 1"
)
FB_KRIMINALITET = _rule(
    "forebyggelse_kriminalitet", "pct_convicted", ">=", "2", "§ 61 b, nr. 2", national_multiple=True
)
FB_INDKOMST = _rule(
    "forebyggelse_indkomst",
    "income_pct_of_region",
    "<",
    "65",
    "§ 61 b, nr. 4",
    counts_persons=False,
)
FB_IKKE_VESTLIGE = _rule("forebyggelse_ikke_vestlige", "pct_nonwestern", ">", "30", "§ 61 b")

RULES_2018: tuple[CriterionRule, ...] = (
    BEBOERE,
    BESKAEFTIGELSE,
    KRIMINALITET,
    UDDANNELSE,
    INDKOMST,
    IKKE_VESTLIGE,
)
RULES_2021: tuple[CriterionRule, ...] = (
    *RULES_2018,
    FB_BESKAEFTIGELSE,
    FB_KRIMINALITET,
    FB_INDKOMST,
    FB_IKKE_VESTLIGE,
)
CRITERIA: tuple[str, ...] = tuple(rule.name for rule in RULES_2021)
UDSAT_SOCIAL = frozenset({"beskaeftigelse", "kriminalitet", "uddannelse", "indkomst"})
FOREBYGGELSE_SOCIAL = frozenset(
    {
        "forebyggelse_beskaeftigelse",
        "forebyggelse_kriminalitet",
        "uddannelse",
        "forebyggelse_indkomst",
    }
)


def rules_for_year(year: int) -> tuple[CriterionRule, ...]:
    """Kriterierne der gælder for listen pr. 1. december ``year`` (fra 2018)."""
    if year < FIRST_RULE_YEAR:
        raise ValueError(
            f"Kriterieværdier kan kun vurderes for lister fra {FIRST_RULE_YEAR}; "
            f"angiv den offentliggjorte liste for {year}"
        )
    return RULES_2021 if year >= FOREBYGGELSE_FIRST_YEAR else RULES_2018


@dataclass(frozen=True)
class CriterionResult:
    """Resultat for ét kriterium. Se modulets docstring for fortegn og ``persons_to_flip``."""

    name: str
    value: Decimal
    threshold: Decimal
    op: Op
    met: bool
    distance_pp: Decimal | None
    persons_to_flip: int | None


@dataclass(frozen=True)
class Classification:
    """Listerne og kriterierne for ét område i ét år, beregnet ud fra værdier."""

    year: int
    lists: frozenset[str]
    criteria: tuple[CriterionResult, ...]

    @property
    def criteria_met(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.criteria if c.met)


@dataclass(frozen=True)
class Forecast:
    """Prognose for næste års liste ud fra lineær trend (mindste kvadraters hældning)."""

    year: int
    based_on_years: tuple[int, ...]
    values: CriterionValues
    lists: frozenset[str]
    criteria: tuple[CriterionResult, ...]
    entering: frozenset[str]
    leaving: frozenset[str]
    deciding_criterion: str | None


def _persons_to_flip(rule: CriterionRule, margin: Decimal, met: bool, residents: int) -> int | None:
    if not rule.counts_persons:
        return None
    if rule.field == "residents":
        x = abs(margin)
    else:
        if residents == 0:
            return None
        x = _EXACT.divide(_EXACT.multiply(abs(margin), Decimal(residents)), _HUNDRED)
    # Er det nok at nå tærsklen præcist? Ja hvis strengt kriterium opfyldt, eller ">=" ikke opfyldt.
    reaching_flips = met if rule.op != ">=" else not met
    if reaching_flips:
        return int(x.to_integral_value(rounding=ROUND_CEILING))
    return int(x.to_integral_value(rounding=ROUND_FLOOR)) + 1


def evaluate_criterion(rule: CriterionRule, values: CriterionValues) -> CriterionResult:
    """Vurder ét kriterium eksakt."""
    value = Decimal(getattr(values, rule.field))
    threshold = rule.effective_threshold(values)
    if rule.op == "<":
        margin = _EXACT.subtract(threshold, value)
    else:
        margin = _EXACT.subtract(value, threshold)
    met = margin >= 0 if rule.op == ">=" else margin > 0
    return CriterionResult(
        name=rule.name,
        value=value,
        threshold=threshold,
        op=rule.op,
        met=met,
        distance_pp=None if rule.field == "residents" else margin,
        persons_to_flip=_persons_to_flip(rule, margin, met, values.residents),
    )


def lists_from_criteria(
    met: Iterable[str], year: int, parallel_years_before: int
) -> frozenset[str]:
    """Listerne givet de opfyldte kriterier, året og antallet af sammenhængende
    parallelsamfundsår umiddelbart før ``year``."""
    met = frozenset(met)
    result: set[str] = set()
    large = BEBOERE.name in met
    if large and len(met & UDSAT_SOCIAL) >= MIN_SOCIAL_CRITERIA:
        result.add(UDSAT)
        if IKKE_VESTLIGE.name in met:
            result.add(PARALLELSAMFUND)
            if parallel_years_before >= OMDANNELSE_YEARS - 1:
                result.add(OMDANNELSE)
    elif (
        year >= FOREBYGGELSE_FIRST_YEAR
        and large
        and FB_IKKE_VESTLIGE.name in met
        and len(met & FOREBYGGELSE_SOCIAL) >= MIN_SOCIAL_CRITERIA
    ):
        result.add(FOREBYGGELSE)
    return frozenset(result)


def classify(values: CriterionValues, year: int, parallel_years_before: int = 0) -> Classification:
    """Beregn listerne for ét år ud fra værdier (år >= 2018)."""
    criteria = tuple(evaluate_criterion(rule, values) for rule in rules_for_year(year))
    met = (c.name for c in criteria if c.met)
    return Classification(year, lists_from_criteria(met, year, parallel_years_before), criteria)


def _flipped(values: CriterionValues, rule: CriterionRule, met: bool) -> CriterionValues | None:
    """Værdierne med netop dette kriteriums værdi flyttet lige over tærsklen (None: umuligt)."""
    threshold = rule.effective_threshold(values)
    if rule.field == "residents":
        return replace(values, residents=MIN_RESIDENTS - 1 if met else MIN_RESIDENTS)
    reaching_flips = met if rule.op != ">=" else not met
    if reaching_flips:
        new = threshold
    else:
        step = _EPSILON if (rule.op == "<") == met else -_EPSILON
        new = _EXACT.add(threshold, step)
    if new < 0 or (rule.field != "income_pct_of_region" and new > _HUNDRED):
        return None
    return replace(values, **{rule.field: new})


def _closeness(result: CriterionResult, residents: int) -> Fraction:
    if result.distance_pp is not None:
        return abs(Fraction(result.distance_pp))
    return Fraction(abs(residents - MIN_RESIDENTS) * 100, max(residents, 1))


def deciding_criterion(
    values: CriterionValues, year: int, parallel_years_before: int = 0
) -> str | None:
    """Det kriterium, hvis skift alene ændrer listeudfaldet, og som er tættest på sin tærskel.

    Et skift flytter kriteriets værdi lige over tærsklen; kriterier på samme værdi følger med.
    Nærhed måles i |procentpoint|; for ``beboere`` som |beboere - 1000| i procent af beboerne.
    Ved lighed vinder den første i ``CRITERIA``-rækkefølgen. None hvis intet skift ændrer noget.
    """
    base = classify(values, year, parallel_years_before)
    rules = {rule.name: rule for rule in rules_for_year(year)}
    best: tuple[Fraction, str] | None = None
    for result in base.criteria:
        flipped = _flipped(values, rules[result.name], result.met)
        if flipped is None:
            continue
        if classify(flipped, year, parallel_years_before).lists == base.lists:
            continue
        key = _closeness(result, values.residents)
        if best is None or key < best[0]:
            best = (key, result.name)
    return None if best is None else best[1]


def _trend(points: list[tuple[int, Decimal]], target: int) -> Fraction:
    """Mindste kvadraters lineære trend evalueret i ``target`` (eksakt brøk)."""
    n = len(points)
    ts = [Fraction(t) for t, _ in points]
    vs = [Fraction(v) for _, v in points]
    t_mean = sum(ts) / n
    v_mean = sum(vs) / n
    sxx = sum((t - t_mean) ** 2 for t in ts)
    sxy = sum((t - t_mean) * (v - v_mean) for t, v in zip(ts, vs, strict=True))
    return v_mean + sxy / sxx * (target - t_mean)


def _to_decimal(value: Fraction, low: Decimal, high: Decimal | None) -> Decimal:
    ctx = Context(prec=60, rounding=ROUND_HALF_EVEN)
    result = ctx.divide(Decimal(value.numerator), Decimal(value.denominator))
    result = result.quantize(FORECAST_QUANTUM, rounding=ROUND_HALF_EVEN, context=ctx)
    result = max(result, low)
    if high is not None:
        result = min(result, high)
    if result == 0:
        return Decimal(0)  # aldrig negativt nul
    result = result.normalize(ctx)
    if result.as_tuple().exponent > 0:  # type: ignore[operator]
        result = result.quantize(Decimal(1), context=ctx)  # 4E+1 -> 40
    return result


def forecast_next_year(
    history: Mapping[int, CriterionValues],
    year: int,
    current_lists: frozenset[str],
    parallelsamfund_years: int,
) -> Forecast | None:
    """Prognose for listen pr. 1. december ``year + 1``.

    Bruger år med værdier i ``[year - 2, year]`` (mindst 2). Hver værdi fremskrives med
    mindste kvadraters lineære trend, afrundes til 6 decimaler og begrænses til 0-100
    (beboere: heltal >= 0). Landsgennemsnittet for dømte videreføres fra seneste år.
    ``parallelsamfund_years`` er rækken af parallelsamfundsår til og med ``year``.
    """
    window = sorted(t for t in history if year - FORECAST_WINDOW < t <= year)
    if len(window) < FORECAST_MIN_YEARS:
        return None
    target = year + 1
    latest = history[window[-1]]
    predicted: dict[str, object] = {}
    for f in fields(CriterionValues):
        if f.name == "national_pct_convicted":
            predicted[f.name] = latest.national_pct_convicted
            continue
        points = [(t, Decimal(getattr(history[t], f.name))) for t in window]
        value = _trend(points, target)
        if f.name == "residents":
            predicted[f.name] = max(0, round(value))  # round(): bankers rounding
        else:
            high = None if f.name == "income_pct_of_region" else _HUNDRED
            predicted[f.name] = _to_decimal(value, Decimal(0), high)
    values = CriterionValues(**predicted)  # type: ignore[arg-type]
    result = classify(values, target, parallelsamfund_years)
    return Forecast(
        year=target,
        based_on_years=tuple(window),
        values=values,
        lists=result.lists,
        criteria=result.criteria,
        entering=result.lists - current_lists,
        leaving=current_lists - result.lists,
        deciding_criterion=deciding_criterion(values, target, parallelsamfund_years),
    )
