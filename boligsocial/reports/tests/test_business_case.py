"""The business case's contract (issue 18 part 4): discounting at r = 0 and r > 0, payback in
year 0, never and at the horizon, rounding half up at ½ øre, years past the horizon, every
malformed field, and the command's exit code 2 with no output file."""

import json

import pytest
from django.core.management import call_command

from boligsocial.reports.business_case import InputError, compute


def case(**overrides):
    data = {
        "horizon_years": 3,
        "discount_rate": "0",
        "costs": [{"year": 0, "payer": "kommune", "amount": "100000"}],
        "outcomes": [
            {
                "name": "Beskæftigelse",
                "persons": 10,
                "success_rate": "0.5",
                "deadweight": "0.2",
                "attribution": "1",
                "consequences": [
                    {"year": 1, "payer": "kommune", "amount_per_person": "20000"},
                    {"year": 2, "payer": "stat", "amount_per_person": "10000"},
                    {"year": 2, "payer": "boligorganisation", "amount_per_person": "1000"},
                ],
            }
        ],
    }
    data.update(overrides)
    return data


def test_undiscounted_years_npv_and_payback_at_the_horizon():
    # effect persons = 10 × 0.5 × 0.8 × 1 = 4
    out = compute(case())
    assert out["years"] == [
        {
            "year": 0,
            "costs": "100000.00",
            "gains": "0.00",
            "net": "-100000.00",
            "discounted_net": "-100000.00",
        },
        {
            "year": 1,
            "costs": "0.00",
            "gains": "80000.00",
            "net": "80000.00",
            "discounted_net": "80000.00",
        },
        {
            "year": 2,
            "costs": "0.00",
            "gains": "44000.00",
            "net": "44000.00",
            "discounted_net": "44000.00",
        },
    ]
    assert out["npv"] == {
        "kommune": "-20000.00",
        "region": "0.00",
        "stat": "40000.00",
        "boligorganisation": "4000.00",
        "andre": "0.00",
        "public": "20000.00",
        "total": "24000.00",
    }
    assert out["payback_year"] == 2 and out["warnings"] == []


def test_discounting_and_no_payback():
    out = compute(
        case(discount_rate="0.1", costs=[{"year": 0, "payer": "kommune", "amount": "200000"}])
    )
    # 80000 / 1.1 = 72727.2727…, 44000 / 1.21 = 36363.6363…
    assert [y["discounted_net"] for y in out["years"]] == ["-200000.00", "72727.27", "36363.64"]
    assert out["npv"]["total"] == "-90909.09"
    assert out["payback_year"] is None


def test_payback_in_year_zero_and_rounding_half_up():
    out = compute(
        case(
            costs=[],
            outcomes=[
                {
                    "name": "x",
                    "persons": 1,
                    "success_rate": "1",
                    "deadweight": "0",
                    "attribution": "1",
                    "consequences": [{"year": 0, "payer": "region", "amount_per_person": "0.005"}],
                }
            ],
        )
    )
    assert out["payback_year"] == 0
    assert out["years"][0]["gains"] == "0.01"  # ½ øre rounds up
    assert out["npv"]["region"] == "0.01"


def test_entries_after_the_horizon_are_left_out_with_a_warning():
    out = compute(case(horizon_years=1))
    assert [y["year"] for y in out["years"]] == [0]
    assert len(out["warnings"]) == 3
    assert out["npv"]["total"] == "-100000.00"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"horizon_years": 0}, "horizon_years"),
        ({"horizon_years": 11}, "horizon_years"),
        ({"horizon_years": "3"}, "horizon_years"),
        ({"discount_rate": 0.035}, "discount_rate"),
        ({"discount_rate": "1.5"}, "discount_rate"),
        ({"discount_rate": "abc"}, "discount_rate"),
        ({"costs": [{"year": 0, "payer": "firma", "amount": "1"}]}, "costs[0].payer"),
        ({"costs": [{"year": -1, "payer": "stat", "amount": "1"}]}, "costs[0].year"),
        ({"costs": [{"year": 0, "payer": "stat", "amount": "NaN"}]}, "costs[0].amount"),
        ({"costs": {}}, "costs"),
        (
            {
                "outcomes": [
                    {"persons": 1, "success_rate": "2", "deadweight": "0", "attribution": "1"}
                ]
            },
            "outcomes[0].success_rate",
        ),
        (
            {
                "outcomes": [
                    {"persons": 1, "success_rate": "0", "deadweight": "-0.1", "attribution": "1"}
                ]
            },
            "outcomes[0].deadweight",
        ),
        (
            {
                "outcomes": [
                    {"persons": -1, "success_rate": "0", "deadweight": "0", "attribution": "1"}
                ]
            },
            "outcomes[0].persons",
        ),
        (
            {
                "outcomes": [
                    {
                        "persons": 1,
                        "success_rate": "0",
                        "deadweight": "0",
                        "attribution": "1",
                        "consequences": [{"year": 0, "payer": "stat"}],
                    }
                ]
            },
            "outcomes[0].consequences[0].amount_per_person",
        ),
    ],
)
def test_malformed_fields_are_named(change, field):
    with pytest.raises(InputError) as error:
        compute(case(**change))
    assert str(error.value).startswith(f"{field}:")


def test_the_command_writes_the_output_or_exits_2(tmp_path):
    good, out = tmp_path / "in.json", tmp_path / "out.json"
    good.write_text(json.dumps(case()))
    call_command("business_case", input=str(good), output=str(out))
    assert json.loads(out.read_text())["npv"]["total"] == "24000.00"
    bad, none = tmp_path / "bad.json", tmp_path / "none.json"
    bad.write_text(json.dumps(case(horizon_years=0)))
    with pytest.raises(SystemExit) as exit_:
        call_command("business_case", input=str(bad), output=str(none))
    assert exit_.value.code == 2 and not none.exists()
