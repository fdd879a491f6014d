"""The difference in differences (catalogue/outcomes.py) on constructed data with known answers."""

from decimal import Decimal as D

from boligsocial.catalogue.outcomes import (
    MIN_CONTROLS,
    MIN_TREATED,
    difference_in_differences,
    verdict,
)


def series(before, after, first=2018, start=2021):
    return {y: D(before if y < start else after) for y in range(first, first + 6)}


def test_known_answer_three_treated_three_controls():
    # Treated fall by 5 points after the start (2021), controls by 2: the effect is -3.
    treated = {d: (2021, series(40, 35)) for d in (1, 2, 3)}
    controls = {d: series(40, 38) for d in (11, 12, 13)}
    outcome = difference_in_differences(treated, controls)
    assert outcome.effect == D("-3.0000")
    assert (outcome.treated, outcome.controls) == (3, 3)
    assert (outcome.first_year, outcome.last_year) == (2018, 2023)
    assert verdict(outcome.effect, higher_is_worse=True) == "better"
    assert verdict(outcome.effect, higher_is_worse=False) == "worse"


def test_staggered_starts_compare_each_department_with_its_own_windows():
    # Department 1 starts 2020, 2 and 3 in 2022; controls rise linearly by 1 a year.
    controls = {10 + n: {y: D(y - 2000) for y in range(2018, 2024)} for n in range(3)}
    treated = {
        1: (2020, {y: D(y - 2000) + (D(4) if y >= 2020 else 0) for y in range(2018, 2024)}),
        2: (2022, {y: D(y - 2000) + (D(1) if y >= 2022 else 0) for y in range(2018, 2024)}),
        3: (2022, {y: D(y - 2000) + (D(1) if y >= 2022 else 0) for y in range(2018, 2024)}),
    }
    assert difference_in_differences(treated, controls).effect == D("2.0000")


def test_exact_fractions_rounded_half_even():
    treated = {
        1: (2021, {2020: D(0), 2021: D(1)}),
        2: (2021, {2020: D(0), 2021: D(0)}),
        3: (2021, {2020: D(0), 2021: D(0)}),
    }
    controls = {d: {2020: D(0), 2021: D(0)} for d in (4, 5, 6)}
    assert difference_in_differences(treated, controls).effect == D("0.3333")


def test_too_few_treated_or_controls_gives_no_estimate_but_the_counts():
    treated = {d: (2021, series(40, 35)) for d in range(1, MIN_TREATED)}
    controls = {d: series(40, 38) for d in (11, 12, 13)}
    few = difference_in_differences(treated, controls)
    assert (few.effect, few.enough, few.treated, few.controls) == (None, False, 2, 3)
    treated = {d: (2021, series(40, 35)) for d in (1, 2, 3)}
    controls = {d: series(40, 38) for d in range(11, 11 + MIN_CONTROLS - 1)}
    few = difference_in_differences(treated, controls)
    assert (few.effect, few.treated, few.controls) == (None, 3, 2)
    assert verdict(None, True) == ""


def test_departments_without_before_or_after_years_do_not_count():
    treated = {
        1: (2018, series(40, 35)),  # no year before 2018
        2: (2030, series(40, 35)),  # no year after
        3: (2021, series(40, 35)),
    }
    controls = {d: series(40, 38) for d in (11, 12, 13)}
    outcome = difference_in_differences(treated, controls)
    assert (outcome.treated, outcome.effect) == (1, None)


def test_a_control_lacking_a_window_is_left_out_and_treated_are_never_controls():
    treated = {d: (2021, series(40, 35)) for d in (1, 2, 3)}
    controls = {
        11: series(40, 38),
        12: series(40, 38),
        13: series(40, 38),
        14: {2022: D(99)},
        1: series(0, 100),
    }
    outcome = difference_in_differences(treated, controls)
    assert (outcome.effect, outcome.controls) == (D("-3.0000"), 3)
    assert verdict(D(0), True) == "unchanged"
