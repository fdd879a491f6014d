"""The economics' pure rules on constructed data with known answers: the effect measurement
(the catalogue's difference in differences against each department's own twins, its 95 %
interval, "too few data"), the success rate from a measured effect, what an outcome contract
makes due to whom, and the API's strict input schema."""

from datetime import date
from decimal import Decimal as D
from fractions import Fraction

import pytest

from boligsocial.catalogue.outcomes import difference_in_differences
from boligsocial.reports import contracts, economics_schema, effects


def series(before, after, start=2021):
    return {y: D(before if y < start else after) for y in range(2018, 2024)}


def test_twins_compare_each_department_with_its_own_and_the_interval_is_known():
    # Treated 1, 2, 3 fall by 5, 6 and 7 points from 2021; their twins (11–13, 14–16, 17–19)
    # fall by 2, 2 and 1. Differences −3, −4, −6: effect −13/3; s² = 7/3;
    # CI = −4.3333 ± 4.303 × √(7/9) = −4.3333 ± 3.7949.
    treated = {1: (2021, series(40, 35)), 2: (2021, series(40, 34)), 3: (2021, series(40, 33))}
    controls = {
        **{d: series(40, 38) for d in (11, 12, 13)},
        **{d: series(40, 38) for d in (14, 15, 16)},
        **{d: series(40, 39) for d in (17, 18, 19)},
        99: series(40, 0),  # nobody's twin: never used
    }
    pairs = {1: {11, 12, 13}, 2: {14, 15, 16}, 3: {17, 18, 19, 1}}
    outcome = difference_in_differences(treated, controls, pairs)
    assert outcome.effect == D("-4.3333")
    assert outcome.differences == (Fraction(-3), Fraction(-4), Fraction(-6))
    assert (outcome.treated, outcome.controls) == (3, 9)
    assert effects.confidence_interval(outcome.differences) == (D("-8.1282"), D("-0.5384"))


def test_without_pairs_the_catalogue_panel_is_unchanged():
    treated = {d: (2021, series(40, 35)) for d in (1, 2, 3)}
    controls = {d: series(40, 38) for d in (11, 12, 13)}
    assert difference_in_differences(treated, controls).effect == D("-3.0000")


def test_too_few_departments_with_twins_give_no_number():
    treated = {d: (2021, series(40, 35)) for d in (1, 2, 3)}
    controls = {d: series(40, 38) for d in (11, 12, 13)}
    outcome = difference_in_differences(treated, controls, {1: {11}, 2: {12}})  # 3 has none
    assert (outcome.effect, outcome.treated, outcome.controls) == (None, 2, 2)
    assert effects.confidence_interval(()) is None
    assert effects.confidence_interval((Fraction(1),)) is None


def test_identical_differences_have_a_zero_width_interval_and_t_is_tabled():
    assert effects.confidence_interval([Fraction(2)] * 4) == (D("2.0000"), D("2.0000"))
    assert effects.t_quantile(2) == D("4.303")
    assert effects.t_quantile(35) == D("2.042")  # the lower tabled df: wider, never narrower
    assert effects.t_quantile(500) == D("1.980")


@pytest.mark.parametrize(
    ("effect", "unit", "higher_worse", "rate"),
    [
        (D("-5.0"), "percent", True, D("0.05")),  # 5 pp fewer outside work: 5 %
        (D("3.0"), "percent", False, D("0.03")),
        (D("2.0"), "percent", True, D(0)),  # worse: no success
        (D("-5.0"), "per_1000", True, None),  # not a share
        (None, "percent", True, None),
    ],
)
def test_success_rate_from_a_measured_effect(effect, unit, higher_worse, rate):
    assert effects.success_rate(effect, unit, higher_worse) == rate


def test_outcome_contract_due_to_whom_with_cap_and_cumulative_shares():
    events = [contracts.Event(date(2025, 3, 1), 4), contracts.Event(date(2026, 3, 1), 30)]
    steps = [
        contracts.Step(1, date(2025, 12, 31), "kommune", "fond", D("0.5")),
        contracts.Step(2, date(2026, 12, 31), "kommune", "fond", D("1")),
        contracts.Step(3, date(2027, 12, 31), "fond", "investor", D("1")),
    ]
    s = contracts.settle(
        price=D(100000), cap=D(3000000), events=events, steps=steps, today=date(2027, 1, 1)
    )
    # 2025: 4 × 100.000 × 0,5 = 200.000; 2026: min(3,4 mio., cap 3 mio.) − 200.000 = 2,8 mio.
    assert [r.amount for r in s.steps] == [D("200000.00"), D("2800000.00"), D("3000000.00")]
    assert [r.is_due for r in s.steps] == [True, True, False]
    assert s.due_to == {"fond": D("3000000.00")}
    assert (s.outcomes, s.earned, s.uncapped, s.cap_reached) == (
        34,
        D("3000000.00"),
        D("3400000.00"),
        True,
    )


def test_nothing_is_due_before_an_outcome_is_verified():
    s = contracts.settle(
        price=D(1),
        cap=D(10),
        events=[contracts.Event(date(2026, 6, 1), 3)],
        steps=[contracts.Step(1, date(2026, 1, 1), "a", "b", D(1))],
        today=date(2026, 12, 1),
    )
    assert s.steps[0].amount == D("0.00") and s.due_to == {"b": D("0.00")} and s.earned == D(3)


GOOD = {
    "horizon_years": 2,
    "discount_rate": "0.035",
    "costs": [{"year": 0, "payer": "kommune", "amount": "-1.5"}],
    "outcomes": [
        {
            "persons": 3,
            "success_rate": "1.0",
            "deadweight": "0",
            "attribution": "1",
            "consequences": [{"year": 1, "payer": "stat", "amount_per_person": "10"}],
        }
    ],
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"discount_rate": 0.035}, "discount_rate"),
        ({"discount_rate": "1e-3"}, "discount_rate"),
        ({"discount_rate": "1.5"}, "discount_rate"),
        ({"horizon_years": True}, "horizon_years"),
        ({"horizon_years": 11}, "horizon_years"),
        ({"costs": [{"year": 0, "payer": "firma", "amount": "1"}]}, "costs[0].payer"),
        ({"costs": [{"year": 0, "payer": "stat", "amount": 1}]}, "costs[0].amount"),
        ({"costs": [{"year": 0, "payer": "stat"}]}, "costs[0].amount"),
        ({"outcomes": [{**GOOD["outcomes"][0], "persons": "3"}]}, "outcomes[0].persons"),
    ],
)
def test_the_api_schema_refuses_what_it_does_not_describe(change, field):
    economics_schema.validate(GOOD)
    with pytest.raises(economics_schema.SchemaError) as error:
        economics_schema.validate({**GOOD, **change})
    assert str(error.value).startswith(f"{field}:")
