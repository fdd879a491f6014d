"""The budget rules (plans/budget.py): the 75 % edge, each funder's years against its pledge,
øre, years, spending."""

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.plans.budget import (
    Line,
    Pledge,
    by_activity,
    check,
    kr,
    lbf_maximum,
    share_percent,
)

YEARS = [2024, 2025, 2026, 2027]


def two(lbf: str, local: str):
    """A plan with LBF and one local funder, each paying its pledge in 2024."""
    pledges = [Pledge("lbf", "Landsbyggefonden", D(lbf), True), Pledge("k", "Kommunen", D(local))]
    lines = [Line("lbf", 2024, D(lbf)), Line("k", 2024, D(local))]
    return check(pledges=pledges, lines=lines, years=YEARS)


@pytest.mark.parametrize(
    "lbf,local,ok,share",
    [
        ("74.99", "25.01", True, D("74.99")),
        ("75.00", "25.00", True, D("75.00")),
        ("75.01", "24.99", False, D("75.01")),
        ("750000.00", "250000.00", True, D("75.00")),
        ("750000.01", "250000.00", False, D("75.00")),  # one øre over: displayed 75,00 %
        ("0.75", "0.25", True, D("75.00")),
        ("0.76", "0.25", False, D("75.25")),
        ("0", "100", True, D("0.00")),
        ("100", "0", False, D("100.00")),
    ],
)
def test_lbf_share_at_most_75_percent(lbf, local, ok, share):
    result = two(lbf, local)
    assert [p.code for p in result.problems] == ([] if ok else ["lbf_share"])
    assert result.lbf_share == share
    assert result.total == D(lbf) + D(local)


def test_lbf_share_message_is_danish_and_says_how_much_to_lower():
    result = two("75.01", "24.99")
    assert result.problems[0].message == (
        "Landsbyggefonden finansierer 75,01 kr. af planens samlede budget på 100,00 kr. "
        "(75,01 %). Landsbyggefonden må højst finansiere 75 % – her højst 75,00 kr. – og mindst "
        "25 % skal være lokal medfinansiering fra kommunen, boligorganisationerne eller andre. "
        "Sænk Landsbyggefondens beløb med 0,01 kr., eller øg den lokale medfinansiering."
    )
    assert result.problems[0].funder == "lbf"


@pytest.mark.parametrize(
    "total,maximum",
    [
        ("100.00", "75.00"),
        ("0.01", "0.00"),
        ("0.03", "0.02"),
        ("0.04", "0.03"),
        ("1000000.01", "750000.00"),
        ("1000000.02", "750000.01"),
        ("333.33", "249.99"),
    ],
)
def test_lbf_maximum_rounds_down_to_ore(total, maximum):
    assert lbf_maximum(D(total)) == D(maximum)


@pytest.mark.parametrize(
    "part,total,share",
    [("1", "3", D("33.33")), ("2", "3", D("66.67")), ("1", "8", D("12.50")), ("0", "5", D("0.00"))],
)
def test_share_is_rounded_half_even_to_two_decimals(part, total, share):
    assert share_percent(D(part), D(total)) == share


def test_share_without_total_is_none():
    assert share_percent(D(0), D(0)) is None


def test_each_funder_years_add_up_to_its_pledge():
    pledges = [Pledge("lbf", "Landsbyggefonden", D("300"), True), Pledge("k", "Kommunen", D("200"))]
    lines = [
        Line("lbf", 2024, D("150")),
        Line("lbf", 2025, D("150")),
        Line("k", 2024, D("50")),
        Line("k", 2025, D("50")),
    ]
    result = check(pledges=pledges, lines=lines, years=YEARS)
    assert [(p.code, p.funder) for p in result.problems] == [("funder_total", "k")]
    assert result.problems[0].message == (
        "Årsbeløbene fra Kommunen giver 100,00 kr., men bevillingen er 200,00 kr.: der mangler "
        "100,00 kr."
    )
    over = check(pledges=pledges, lines=[*lines, Line("k", 2026, D("150.50"))], years=YEARS)
    assert over.problems[0].message.endswith("det er 50,50 kr. for meget.")
    assert result.rows[1].by_year == {2024: D(50), 2025: D(50), 2026: D(0), 2027: D(0)}
    assert result.year_totals == {2024: D(200), 2025: D(200), 2026: D(0), 2027: D(0)}


def test_amount_with_fraction_of_an_ore_is_refused():
    pledges = [Pledge("k", "Kommunen", D("10.005"))]
    result = check(pledges=pledges, lines=[Line("k", 2024, D("10.005"), "Løn")], years=YEARS)
    assert [p.code for p in result.problems] == ["ore", "ore"]
    assert result.problems[1].message == (
        "Kommunen 2024 (Løn): beløbet 10,005 kr. har mere end to decimaler. Angiv beløb i "
        "kroner og hele øre."
    )


def test_negative_amount_and_year_outside_the_plan():
    pledges = [Pledge("k", "Kommunen", D("-5"))]
    result = check(pledges=pledges, lines=[Line("k", 2030, D("-5"))], years=YEARS)
    codes = [p.code for p in result.problems]
    assert codes == ["negative", "negative", "year"]
    assert result.problems[2].message == (
        "Kommunen 2030: året 2030 ligger uden for planens periode 2024–2027."
    )


def test_empty_budget_is_a_problem():
    result = check(pledges=[Pledge("lbf", "LBF", D(0), True)], lines=[], years=YEARS)
    assert [p.message for p in result.problems] == ["Budgettet er tomt: der er endnu ingen beløb."]
    assert result.lbf_share is None


def test_spending_shows_what_is_left_and_warns_when_over():
    pledges = [Pledge("lbf", "LBF", D("75"), True), Pledge("k", "Kommunen", D("25"))]
    lines = [Line("lbf", 2024, D("75")), Line("k", 2024, D("25"))]
    spending = [Line("lbf", 2024, D("70.50")), Line("k", 2024, D("30"))]
    result = check(pledges=pledges, lines=lines, years=YEARS, spending=spending)
    assert result.ok
    assert [(r.spent, r.left) for r in result.rows] == [(D("70.50"), D("4.50")), (D(30), D(-5))]
    assert result.warnings == [
        "Forbruget fra Kommunen er 30,00 kr. og overstiger budgettet på 25,00 kr. med 5,00 kr."
    ]


def test_kr_formats_danish_money():
    assert kr(D("1234567.5")) == "1.234.567,50 kr."


ore = st.integers(min_value=0, max_value=10**11).map(lambda n: D(n) / 100)


@given(lbf=ore, local=ore)
def test_share_rule_is_the_exact_fraction(lbf, local):
    result = two(str(lbf), str(local))
    total = lbf + local
    broken = "lbf_share" in [p.code for p in result.problems]
    if total == 0:
        assert [p.code for p in result.problems] == ["empty"]
    else:
        assert broken == (Fraction(lbf) / Fraction(total) > Fraction(3, 4))
        assert (lbf <= result.lbf_max) == (not broken)


@given(amounts=st.lists(ore, min_size=1, max_size=8), extra=ore)
def test_funder_total_holds_exactly_when_the_years_add_up(amounts, extra):
    pledged = sum(amounts, D(0)) + extra
    lines = [Line("k", 2024 + n % 4, a) for n, a in enumerate(amounts)]
    result = check(pledges=[Pledge("k", "Kommunen", pledged)], lines=lines, years=YEARS)
    assert ("funder_total" in [p.code for p in result.problems]) == (extra != 0)
    assert result.rows[0].budgeted == sum(amounts, D(0))


def _pledges():
    return [Pledge("lbf", "Landsbyggefonden", D(0), True), Pledge("k", "Kommunen", D(0))]


@pytest.mark.parametrize(
    "lines,expected",
    [
        # no lines: every activity, with zeros; no row for "no activity"
        ([], [("1", D(0), {"lbf": D(0), "k": D(0)}), ("2", D(0), {"lbf": D(0), "k": D(0)})]),
        (
            [
                Line("lbf", 2024, D("750.00"), activity="1"),
                Line("k", 2024, D("250.00"), activity="1"),
                Line("lbf", 2025, D("0.01"), activity="1"),
                Line("k", 2026, D("99.99"), label="Sekretariat"),
            ],
            [
                ("1", D("1000.01"), {"lbf": D("750.01"), "k": D("250.00")}),
                ("2", D(0), {"lbf": D(0), "k": D(0)}),
                ("", D("99.99"), {"lbf": D(0), "k": D("99.99")}),
            ],
        ),
        # an activity only a line names comes after the listed ones, before "no activity"
        (
            [Line("k", 2024, D("1.00")), Line("k", 2024, D("2.00"), activity="9")],
            [
                ("1", D(0), {"lbf": D(0), "k": D(0)}),
                ("2", D(0), {"lbf": D(0), "k": D(0)}),
                ("9", D("2.00"), {"lbf": D(0), "k": D("2.00")}),
                ("", D("1.00"), {"lbf": D(0), "k": D("1.00")}),
            ],
        ),
    ],
)
def test_budget_by_activity_sums_each_activitys_lines_by_funder(lines, expected):
    rows = by_activity(pledges=_pledges(), lines=lines, years=YEARS, activities=["1", "2"])
    assert [(r.activity, r.total, {f.key: f.total for f in r.funders}) for r in rows] == expected


def test_budget_by_activity_by_year_and_funder():
    lines = [
        Line("lbf", 2024, D("750.00"), activity="1"),
        Line("lbf", 2024, D("75.50"), activity="1", label="Materialer"),
        Line("k", 2027, D("250.00"), activity="1"),
        Line("k", 2029, D("1.00"), activity="1"),  # outside the period: its own column
    ]
    (row,) = by_activity(pledges=_pledges(), lines=lines, years=YEARS, activities=["1"])
    assert row.by_year == {
        2024: D("825.50"),
        2025: D(0),
        2026: D(0),
        2027: D("250.00"),
        2029: D("1.00"),
    }
    assert [(f.name, list(f.by_year.values())) for f in row.funders] == [
        ("Landsbyggefonden", [D("825.50"), D(0), D(0), D(0), D(0)]),
        ("Kommunen", [D(0), D(0), D(0), D("250.00"), D("1.00")]),
    ]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["lbf", "k"]),
            st.sampled_from(YEARS),
            st.decimals(min_value=0, max_value=10**9, places=2),
            st.sampled_from(["", "1", "2", "3"]),
        ),
        max_size=30,
    )
)
def test_budget_by_activity_adds_up_to_the_budget_exactly(raw):
    lines = [Line(f, y, a, activity=act) for f, y, a, act in raw]
    rows = by_activity(pledges=_pledges(), lines=lines, years=YEARS, activities=["1", "2"])
    whole = check(pledges=_pledges(), lines=lines, years=YEARS)
    assert sum((r.total for r in rows), D(0)) == whole.total
    for r in rows:
        assert sum((f.total for f in r.funders), D(0)) == r.total == sum(r.by_year.values())
    for y in YEARS:
        assert sum((r.by_year[y] for r in rows), D(0)) == whole.year_totals[y]
