"""The business case (budgetøkonomisk, SØM's structure; issue 18 part 4): a pure rule, no Django.

Input (the command-line contract, `manage.py business_case`): ``horizon_years`` H (1–10),
``discount_rate`` (0–1, a decimal string), ``costs`` [{year, payer, amount}], ``outcomes``
[{name, persons, success_rate, deadweight, attribution, consequences [{year, payer,
amount_per_person}]}]. Amounts are kroner as decimal strings; years count from 0 to H − 1;
payers are kommune, region, stat, boligorganisation, andre.

* Effect persons of an outcome = persons × success_rate × (1 − deadweight) × attribution (exact).
* A payer's gain in year t = Σ effect persons × that payer's amount_per_person in year t;
  net = gains − costs; year t is discounted by (1 + r)^t (year 0 not discounted).
* npv per payer, public = kommune + region + stat, total = all payers (the housing organisation's
  gains are its own party: in total, never in public).
* payback_year: the first t whose cumulative discounted net total is ≥ 0, else None.
* Exact decimals throughout (no floats); only the written amounts are rounded, half up to øre.
* Entries in years ≥ H are ignored and listed in ``warnings``.
* Malformed input raises `InputError` with a Danish message naming the field.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

PAYERS = ("kommune", "region", "stat", "boligorganisation", "andre")
PUBLIC = ("kommune", "region", "stat")
ORE = Decimal("0.01")
PRECISION = 60


class InputError(ValueError):
    """Malformed input; the message is Danish and names the field."""


def _decimal(value, field: str, *, low=None, high=None) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f'{field}: skal være et tal skrevet som tekst, fx "0.035".')
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InputError(f'{field}: "{value}" er ikke et tal.') from None
    if not number.is_finite():
        raise InputError(f"{field}: skal være et endeligt tal.")
    if low is not None and number < low:
        raise InputError(f"{field}: må ikke være under {low}.")
    if high is not None and number > high:
        raise InputError(f"{field}: må ikke være over {high}.")
    return number


def _int(value, field: str, *, low=None, high=None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{field}: skal være et heltal.")
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError(f"{field}: skal ligge mellem {low} og {high}.")
    return value


def _payer(value, field: str) -> str:
    if value not in PAYERS:
        raise InputError(f'{field}: ukendt betaler "{value}" (brug {", ".join(PAYERS)}).')
    return value


def _list(data, key: str, field: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{field}: skal være en liste.")
    return value


def _object(value, field: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"{field}: skal være et objekt.")
    return value


def _round(value: Decimal) -> str:
    return str(value.quantize(ORE, rounding=ROUND_HALF_UP))


def compute(data) -> dict:
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return _compute(data)


def _compute(data) -> dict:
    data = _object(data, "input")
    if "horizon_years" not in data:
        raise InputError("horizon_years: mangler.")
    horizon = _int(data["horizon_years"], "horizon_years", low=1, high=10)
    if "discount_rate" not in data:
        raise InputError("discount_rate: mangler.")
    rate = _decimal(data["discount_rate"], "discount_rate", low=0, high=1)
    warnings: list[str] = []
    costs = {p: [Decimal(0)] * horizon for p in PAYERS}
    gains = {p: [Decimal(0)] * horizon for p in PAYERS}
    for i, raw in enumerate(_list(data, "costs", "costs")):
        field = f"costs[{i}]"
        entry = _object(raw, field)
        year = _int(entry.get("year"), f"{field}.year", low=0, high=10_000)
        payer = _payer(entry.get("payer"), f"{field}.payer")
        amount = _decimal(entry.get("amount"), f"{field}.amount")
        if year >= horizon:
            warnings.append(f"{field}: år {year} ligger efter horisonten og er udeladt.")
            continue
        costs[payer][year] += amount
    for i, raw in enumerate(_list(data, "outcomes", "outcomes")):
        field = f"outcomes[{i}]"
        outcome = _object(raw, field)
        persons = _decimal(outcome.get("persons"), f"{field}.persons", low=0)
        success = _decimal(outcome.get("success_rate"), f"{field}.success_rate", low=0, high=1)
        deadweight = _decimal(outcome.get("deadweight"), f"{field}.deadweight", low=0, high=1)
        attribution = _decimal(outcome.get("attribution"), f"{field}.attribution", low=0, high=1)
        effect = persons * success * (1 - deadweight) * attribution
        for j, c_raw in enumerate(_list(outcome, "consequences", f"{field}.consequences")):
            c_field = f"{field}.consequences[{j}]"
            consequence = _object(c_raw, c_field)
            year = _int(consequence.get("year"), f"{c_field}.year", low=0, high=10_000)
            payer = _payer(consequence.get("payer"), f"{c_field}.payer")
            amount = _decimal(consequence.get("amount_per_person"), f"{c_field}.amount_per_person")
            if year >= horizon:
                warnings.append(f"{c_field}: år {year} ligger efter horisonten og er udeladt.")
                continue
            gains[payer][year] += effect * amount
    factors = [(1 + rate) ** t for t in range(horizon)]
    years = []
    cumulative = Decimal(0)
    payback = None
    for t in range(horizon):
        cost = sum(costs[p][t] for p in PAYERS)
        gain = sum(gains[p][t] for p in PAYERS)
        net = gain - cost
        discounted = net / factors[t]
        cumulative += discounted
        if payback is None and cumulative >= 0:
            payback = t
        years.append(
            {
                "year": t,
                "costs": _round(cost),
                "gains": _round(gain),
                "net": _round(net),
                "discounted_net": _round(discounted),
            }
        )
    npv = {p: sum((gains[p][t] - costs[p][t]) / factors[t] for t in range(horizon)) for p in PAYERS}
    result_npv = {p: _round(v) for p, v in npv.items()}
    result_npv["public"] = _round(sum(npv[p] for p in PUBLIC))
    result_npv["total"] = _round(sum(npv.values()))
    return {"years": years, "npv": result_npv, "payback_year": payback, "warnings": warnings}
