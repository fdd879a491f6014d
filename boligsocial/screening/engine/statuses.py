"""The statutory lists of an area (almenboligloven § 61 a/§ 61 b) as stored
`StatutoryStatus` rows: the rules are in `screening/statutory.py`; this turns an area's stored
values (x 10,000) and the published lists into its observations per year, and the rule's
results into rows (`details`: see `status_details`)."""

from __future__ import annotations

from decimal import Decimal

from boligsocial.screening import statutory, statutory_area
from boligsocial.screening.engine.config import CONVICTED_CODE, RESIDENTS_CODE
from boligsocial.screening.engine.scaled import SCALE, to_decimal
from boligsocial.screening.models import Indicator, StatutoryStatus

_STATUTORY_FIELDS = {
    "residents": RESIDENTS_CODE,
    "pct_outside_work_education": "outside_work_education",
    "pct_convicted": CONVICTED_CODE,
    "pct_basic_education": "basic_education",
    "income_pct_of_region": "income_pct_region",
    "pct_nonwestern": "nonwestern",
}


def statutory_ids() -> dict[str, int]:
    """CriterionValues field -> indicator id, from Indicator.statutory_key."""
    keyed = dict(Indicator.objects.exclude(statutory_key="").values_list("statutory_key", "id"))
    return keyed


def observations(
    values: dict[int, dict[int, int]],
    published: dict[int, set[str]],
    national: dict[int, dict[int, int]],
    field_ids: dict[str, int],
) -> list[statutory_area.Observation]:
    """One observation per year: criterion values when all are known (and the year is 2018 or
    later), otherwise the published lists of that year, otherwise nothing (the year is missing)."""
    convicted_id = field_ids.get("pct_convicted")
    national_convicted = national.get(convicted_id, {}) if convicted_id else {}
    national_key = field_ids.get("national_pct_convicted")
    years = {y for by_year in values.values() for y in by_year} | set(published)
    result = []
    for year in sorted(years):
        obs = None
        if year >= statutory.FIRST_RULE_YEAR:
            obs = _values_observation(values, year, field_ids, national_convicted, national_key)
        if obs is None and year in published:
            obs = statutory_area.Observation(year, published=frozenset(published[year]))
        if obs is not None:
            result.append(obs)
    return result


def _values_observation(values, year, field_ids, national_convicted, national_key):
    raw: dict[str, int] = {}
    for name in _STATUTORY_FIELDS:
        ind = field_ids.get(name)
        value = None if ind is None else values.get(ind, {}).get(year)
        if value is None:
            return None
        raw[name] = value
    national = national_convicted.get(year)
    if national is None and national_key is not None:
        national = values.get(national_key, {}).get(year)
    if not national or raw["residents"] % SCALE:
        return None
    try:
        criterion_values = statutory.CriterionValues(
            residents=raw["residents"] // SCALE,
            pct_outside_work_education=to_decimal(raw["pct_outside_work_education"]),
            pct_convicted=to_decimal(raw["pct_convicted"]),
            national_pct_convicted=to_decimal(national),
            pct_basic_education=to_decimal(raw["pct_basic_education"]),
            income_pct_of_region=to_decimal(raw["income_pct_of_region"]),
            pct_nonwestern=to_decimal(raw["pct_nonwestern"]),
        )
    except (TypeError, ValueError):
        return None
    return statutory_area.Observation(year, values=criterion_values)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _criteria_json(criteria) -> list[dict]:
    return [
        {
            "name": c.name,
            "value": _num(c.value),
            "threshold": _num(c.threshold),
            "op": c.op,
            "met": c.met,
            "distance_pp": _num(c.distance_pp),
            "persons_to_flip": c.persons_to_flip,
        }
        for c in criteria
    ]


def status_details(result: statutory_area.AreaYearResult) -> dict:
    """details: {"source": "values"|"published", "parallelsamfund_years": n,
    "list_sources": {list: "values"|"published"|"derived"},
    "warnings": [{code, list, parallelsamfund_years, message}],
    "outlook": None | {year, parallelsamfund_year, omdannelse, omdannelse_from, message},
    "criteria": [{name, value, threshold, op, met, distance_pp, persons_to_flip}],
    "forecast": None | {year, based_on_years, lists, entering, leaving, deciding_criterion,
    values: {field: value}, criteria: [...]}} (decimals as strings)."""
    forecast = result.forecast
    details: dict = {
        "source": result.source,
        "parallelsamfund_years": result.parallelsamfund_years,
        "list_sources": dict(result.list_sources),
        "warnings": [
            {
                "code": w.code,
                "list": w.list_name,
                "parallelsamfund_years": w.parallelsamfund_years,
                "message": w.message,
            }
            for w in result.warnings
        ],
        "outlook": None,
        "criteria": _criteria_json(result.criteria),
        "forecast": None,
    }
    outlook = result.outlook
    if outlook is not None:
        details["outlook"] = {
            "year": outlook.year,
            "parallelsamfund_year": outlook.parallelsamfund_year,
            "omdannelse": outlook.omdannelse,
            "omdannelse_from": outlook.omdannelse_from,
            "message": outlook.message,
        }
    if forecast is not None:
        fv = forecast.values
        details["forecast"] = {
            "year": forecast.year,
            "based_on_years": list(forecast.based_on_years),
            "lists": _ordered(forecast.lists),
            "entering": _ordered(forecast.entering),
            "leaving": _ordered(forecast.leaving),
            "deciding_criterion": forecast.deciding_criterion,
            "values": {
                "residents": fv.residents,
                **{name: str(getattr(fv, name)) for name in statutory.PCT_FIELDS},
            },
            "criteria": _criteria_json(forecast.criteria),
        }
    return details


def _ordered(lists) -> list[str]:
    return [name for name in statutory.LISTS if name in lists]


def area_statuses(area_id, values, published, national, field_ids, years, now):
    """The `StatutoryStatus` rows (unsaved) of one area for the `years` asked for (None: all)."""
    obs = observations(values, published, national, field_ids)
    if not obs:
        return []
    out = []
    for result in statutory_area.evaluate_area(obs):
        if years is not None and result.year not in years:
            continue
        out.append(
            StatutoryStatus(
                area_id=area_id,
                year=result.year,
                lists=_ordered(result.lists),
                criteria_met=list(result.criteria_met),
                details=status_details(result),
                from_published=result.source == "published",
                computed_at=now,
            )
        )
    return out
