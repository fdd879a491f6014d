"""The economics' reads (decision 0038): a business case as the command's input JSON and its
computed result (the SAME `reports.business_case.compute` the command runs), the public parties
on their own, the sensitivity table, and the effect measurement of an intervention or a plan
against the twin departments (the catalogue's difference in differences)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch

from boligsocial.reports import business_case, effects
from boligsocial.reports.models import (
    BusinessCase,
    CaseConsequence,
    CaseOutcome,
    PriceKind,
)

LEVELS = ("low", "expected", "high")


def _plain(value: Decimal) -> str:
    """A decimal as the contract's string, without exponent or trailing zeros."""
    text = format(value.normalize(), "f")
    return text


def load_case(pk: int, queryset=None) -> BusinessCase:
    """The case with its costs and outcomes (each with its consequences and prices): 4 queries."""
    qs = queryset if queryset is not None else BusinessCase.objects.all()
    return (
        qs.select_related("organisation", "intervention", "plan")
        .prefetch_related(
            "costs",
            Prefetch(
                "outcomes",
                queryset=CaseOutcome.objects.prefetch_related(
                    Prefetch(
                        "consequences",
                        queryset=CaseConsequence.objects.select_related("price"),
                    )
                ),
            ),
        )
        .get(pk=pk)
    )


def _level(outcome: CaseOutcome, name: str, level: str) -> Decimal:
    if level == "low":
        return getattr(outcome, f"{name}_low")
    if level == "high":
        return getattr(outcome, f"{name}_high")
    return getattr(outcome, "success_rate" if name == "success" else name)


def case_input(
    case: BusinessCase, *, success: str = "expected", deadweight: str = "expected", payers=None
) -> dict:
    """The command-line contract's input for the case; `payers` keeps only those payers'
    entries (the public parties on their own)."""
    keep = (lambda p: True) if payers is None else (lambda p: p in payers)
    costs = [
        {"year": c.year, "payer": c.payer, "amount": _plain(c.amount)}
        for c in case.costs.all()
        if keep(c.payer)
    ]
    outcomes = []
    for o in case.outcomes.all():
        consequences = []
        for c in o.consequences.all():
            if not keep(c.payer):
                continue
            amount = _plain(c.price.value * c.share)
            consequences.extend(
                {"year": year, "payer": c.payer, "amount_per_person": amount}
                for year in range(c.first_year, c.last_year + 1)
            )
        outcomes.append(
            {
                "name": o.name,
                "persons": o.persons,
                "success_rate": _plain(_level(o, "success", success)),
                "deadweight": _plain(_level(o, "deadweight", deadweight)),
                "attribution": _plain(o.attribution),
                "consequences": consequences,
            }
        )
    return {
        "horizon_years": case.horizon_years,
        "discount_rate": _plain(case.discount_rate),
        "costs": costs,
        "outcomes": outcomes,
    }


def sensitivity(case: BusinessCase, data: dict | None = None) -> list[dict]:
    """Public and housing-organisation NPV with the success rate and the deadweight at their
    low, expected and high values (every outcome's own), one row per success level. The
    variants are the case's input with only the two rates changed (`data`: that input)."""
    data = case_input(case) if data is None else data
    outcomes = list(case.outcomes.all())
    rows = []
    for s_level in LEVELS:
        cells = []
        for d_level in LEVELS:
            variant = {
                **data,
                "outcomes": [
                    {
                        **entry,
                        "success_rate": _plain(_level(o, "success", s_level)),
                        "deadweight": _plain(_level(o, "deadweight", d_level)),
                    }
                    for o, entry in zip(outcomes, data["outcomes"], strict=True)
                ],
            }
            out = business_case.compute(variant)
            cells.append(
                {
                    "deadweight": d_level,
                    "public": out["npv"]["public"],
                    "housing": out["npv"]["boligorganisation"],
                }
            )
        rows.append({"success": s_level, "cells": cells})
    return rows


def case_result(case: BusinessCase) -> dict:
    """Everything the detail page, the PDF, the Excel file and the API show."""
    data = case_input(case)
    output = business_case.compute(data)
    public_input = case_input(case, payers=business_case.PUBLIC)
    public = business_case.compute(public_input)
    return {
        "public_empty": not public_input["costs"]
        and not any(o["consequences"] for o in public_input["outcomes"]),
        "input": data,
        "output": output,
        "public": public,
        "sensitivity": sensitivity(case, data),
        "kind": case.kind,
        "effect_persons": [
            {
                "name": o.name,
                "persons": o.persons,
                "effect": o.persons * o.success_rate * (1 - o.deadweight) * o.attribution,
            }
            for o in case.outcomes.all()
        ],
    }


def kind_mismatch(case: BusinessCase, price) -> bool:
    """Would this price add socio-economic figures to a budget-economic case (or back)?"""
    return price.kind != case.kind


KIND_LABELS = dict(PriceKind.choices)


# --- effect measurement ------------------------------------------------------------------------


def _indicators_and_treated(*, intervention=None, plan=None):
    from boligsocial.core.contributions import intervention_uses

    if intervention is not None:
        treated = {u.department_id: u.first_year for u in intervention_uses(intervention.pk)}
        indicators = list(intervention.indicators.order_by("position", "code"))
        return indicators, treated
    from boligsocial.plans.models import Goal
    from boligsocial.screening.models import Indicator

    treated = dict.fromkeys(plan.departments.values_list("pk", flat=True), plan.first_year)
    ids = set(
        Goal.objects.filter(sub_agreement__plan=plan, indicator__isnull=False).values_list(
            "indicator_id", flat=True
        )
    )
    if not ids:
        ids = set(
            plan.activities.filter(intervention__isnull=False).values_list(
                "intervention__indicators", flat=True
            )
        ) - {None}
    return list(Indicator.objects.filter(pk__in=ids).order_by("position", "code")), treated


def _twins(user, treated: dict[int, int], indicators) -> dict[int, set[int]]:
    """Each treated department's twins (screening.selectors.twins: the most similar departments
    the user sees, by size and composition in the year before it started) that did not have it."""
    from boligsocial.organisations.models import Department
    from boligsocial.screening import selectors as screening
    from boligsocial.screening.models import Light

    years: dict[int, list[int]] = {}
    for department_id, year in Light.objects.filter(department_id__in=treated).values_list(
        "department_id", "year"
    ):
        years.setdefault(department_id, []).append(year)
    pairs: dict[int, set[int]] = {}
    for department in Department.objects.filter(pk__in=treated):
        available = sorted(years.get(department.pk, []))
        if not available:
            continue
        before = [y for y in available if y < treated[department.pk]]
        year = before[-1] if before else available[0]
        pairs[department.pk] = {
            t.department.pk
            for t in screening.twins(user, department, year, [])
            if t.department.pk not in treated
        }
    return pairs


def measure(user, *, intervention=None, plan=None) -> dict:
    """The rows of an effect measurement: per target indicator the difference in differences
    between the departments that had it and their twins, its 95 % interval and the counts."""
    from boligsocial.catalogue.outcomes import (
        MIN_CONTROLS,
        MIN_TREATED,
        difference_in_differences,
        verdict,
    )
    from boligsocial.screening.models import IndicatorValue

    indicators, treated = _indicators_and_treated(intervention=intervention, plan=plan)
    pairs = _twins(user, treated, indicators) if treated and indicators else {}
    departments = set(treated) | set().union(*pairs.values()) if pairs else set(treated)
    series: dict[int, dict[int, dict]] = {}
    for indicator_id, department_id, year, value in IndicatorValue.objects.filter(
        indicator__in=indicators, department_id__in=departments
    ).values_list("indicator_id", "department_id", "year", "value"):
        series.setdefault(indicator_id, {}).setdefault(department_id, {})[year] = value
    rows = []
    for indicator in indicators:
        by_department = series.get(indicator.pk, {})
        outcome = difference_in_differences(
            {d: (first, by_department[d]) for d, first in treated.items() if d in by_department},
            {d: s for d, s in by_department.items() if d not in treated},
            pairs,
        )
        interval = effects.confidence_interval(outcome.differences) if outcome.enough else None
        higher_worse = indicator.polarity == "higher_worse"
        rate = effects.success_rate(outcome.effect, indicator.unit, higher_worse)
        rows.append(
            {
                "indicator": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "decimals": indicator.decimals,
                "higher_is_worse": higher_worse,
                "effect": str(outcome.effect) if outcome.effect is not None else None,
                "ci_low": str(interval[0]) if interval else None,
                "ci_high": str(interval[1]) if interval else None,
                "treated": outcome.treated,
                "controls": outcome.controls,
                "first_year": outcome.first_year,
                "last_year": outcome.last_year,
                "verdict": verdict(outcome.effect, higher_worse),
                "success_rate": str(rate) if rate is not None else None,
            }
        )
    return {
        "departments": len(treated),
        "twins": len(set().union(*pairs.values())) if pairs else 0,
        "min_treated": MIN_TREATED,
        "min_controls": MIN_CONTROLS,
        "rows": rows,
    }


# --- outcome contracts -------------------------------------------------------------------------


def contract_settlement(contract, today):
    """What the contract makes due to whom by `today` (reports.contracts.settle)."""
    from boligsocial.reports import contracts

    parties = {p.pk: p for p in contract.parties.all()}
    events = list(contract.events.all())
    steps = list(contract.repayments.all())
    settlement = contracts.settle(
        price=contract.price_per_outcome,
        cap=contract.cap,
        events=[contracts.Event(e.verified_on, e.outcomes) for e in events],
        steps=[
            contracts.Step(s.pk, s.due_date, str(s.payer_id), str(s.payee_id), s.share)
            for s in steps
        ],
        today=today,
    )
    by_step = {s.pk: s for s in steps}
    return {
        "settlement": settlement,
        "parties": parties,
        "events": events,
        "steps": [
            {
                "step": by_step[row.key],
                "row": row,
                "payer": parties[int(row.payer)],
                "payee": parties[int(row.payee)],
            }
            for row in settlement.steps
        ],
        "due_to": [
            (parties[int(k)], v)
            for k, v in sorted(settlement.due_to.items(), key=lambda kv: int(kv[0]))
        ],
        "remaining_cap": max(Decimal(0), contract.cap - settlement.earned),
    }
