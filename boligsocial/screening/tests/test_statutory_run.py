"""Omdannelse follows from the parallelsamfund run, also for years given only as published
lists (issue 13, item 13): pure-rule tables at the run's edges. No DB."""

from decimal import Decimal

import pytest

from boligsocial.screening.statutory import (
    FOREBYGGELSE,
    LISTS,
    OMDANNELSE,
    PARALLELSAMFUND,
    UDSAT,
    CriterionValues,
)
from boligsocial.screening.statutory_area import (
    Observation,
    RunOutlook,
    RunWarning,
    evaluate_area,
    published_with_run,
    run_outlook,
)

UD, PS, OM, FB = UDSAT, PARALLELSAMFUND, OMDANNELSE, FOREBYGGELSE
PARALLEL = CriterionValues(
    residents=1200,
    pct_outside_work_education=Decimal(50),
    pct_convicted=Decimal(1),
    national_pct_convicted=Decimal(1),
    pct_basic_education=Decimal(40),
    income_pct_of_region=Decimal(40),
    pct_nonwestern=Decimal(60),
)


def pub(year, *lists):
    return Observation(year, published=frozenset(lists))


def val(year):
    return Observation(year, values=PARALLEL)


def P(year):  # a published parallelsamfund year as the yearly list gives it
    return pub(year, UD, PS)


def sources(**overrides):
    base = dict.fromkeys(LISTS, "published")
    return tuple((name, overrides.get(name, base[name])) for name in LISTS)


def last(observations):
    return evaluate_area(observations)[-1]


@pytest.mark.parametrize(
    ("observations", "lists", "run", "derived"),
    [
        # 4 published parallelsamfund years: not yet
        ([P(y) for y in range(2019, 2023)], {UD, PS}, 4, False),
        # the 5th published year makes it an omdannelsesområde
        ([P(y) for y in range(2019, 2024)], {UD, PS, OM}, 5, True),
        ([P(y) for y in range(2019, 2025)], {UD, PS, OM}, 6, True),
        # a gap (2021 missing) breaks the run
        ([P(y) for y in (2018, 2019, 2020, 2022, 2023)], {UD, PS}, 2, False),
        # a published year on no list breaks it too
        ([P(2018), P(2019), pub(2020), P(2021), P(2022)], {UD, PS}, 2, False),
        ([P(2018), P(2019), pub(2020, UD), P(2021), P(2022)], {UD, PS}, 2, False),
        # mixes: computed years count, a published 5th year is derived
        ([val(2019), val(2020), P(2021), val(2022), P(2023)], {UD, PS, OM}, 5, True),
        ([P(2019), P(2020), P(2021), P(2022), val(2023)], {UD, PS, OM}, 5, False),
        ([val(2019), val(2020), val(2021), P(2022)], {UD, PS}, 4, False),
        # the old ghetto list (before 2018) counts: 2014-2017 + 2018 published
        ([pub(y, PS) for y in range(2014, 2018)] + [P(2018)], {UD, PS, OM}, 5, True),
        # no omdannelse list before 2018, however long the ghetto run
        ([pub(y, PS) for y in range(2012, 2018)], {PS}, 6, False),
        # a published parallelsamfund year stated without udsat keeps its lists as given
        ([pub(y, PS) for y in range(2018, 2023)], {PS, OM}, 5, True),
    ],
    ids=[
        "4-published",
        "5-published",
        "6-published",
        "gap",
        "published-none-breaks",
        "published-udsat-breaks",
        "mixed-published-5th",
        "mixed-computed-5th",
        "mixed-4",
        "ghetto-years-count",
        "before-2018-never",
        "ps-without-udsat",
    ],
)
def test_omdannelse_follows_the_run(observations, lists, run, derived):
    result = last(observations)
    assert result.lists == frozenset(lists)
    assert result.parallelsamfund_years == run
    assert result.warnings == ()
    if result.source == "published":
        assert result.list_sources == sources(omdannelse="derived" if derived else "published")
    else:
        assert result.list_sources == tuple((name, "values") for name in LISTS)


def test_derived_omdannelse_counts_on_and_every_published_year_says_so():
    results = evaluate_area([P(y) for y in range(2018, 2025)])
    assert [OM in r.lists for r in results] == [False] * 4 + [True] * 3
    assert [dict(r.list_sources)[OM] for r in results] == ["published"] * 4 + ["derived"] * 3
    assert [r.parallelsamfund_years for r in results] == [1, 2, 3, 4, 5, 6, 7]
    assert all(r.source == "published" and r.criteria == () for r in results)


@pytest.mark.parametrize(
    ("observations", "lists", "run", "warnings"),
    [
        # stated omdannelse after 5 years: kept, no warning, published
        ([P(y) for y in range(2019, 2023)] + [pub(2023, UD, PS, OM)], {UD, PS, OM}, 5, ()),
        # stated omdannelse in the 4th year: kept (never silently changed), warned
        (
            [P(y) for y in range(2019, 2022)] + [pub(2022, UD, PS, OM)],
            {UD, PS, OM},
            4,
            (RunWarning("omdannelse_without_run", OM, 4),),
        ),
        # after a gap: run 1
        (
            [P(2018), P(2019), pub(2021, UD, PS, OM)],
            {UD, PS, OM},
            1,
            (RunWarning("omdannelse_without_run", OM, 1),),
        ),
        # omdannelse alone still counts as a parallelsamfund year
        ([pub(2020, OM)], {OM}, 1, (RunWarning("omdannelse_without_run", OM, 1),)),
    ],
    ids=["stated-5th", "stated-4th", "stated-after-gap", "stated-alone"],
)
def test_published_omdannelse_is_kept_and_a_contradiction_is_a_warning(
    observations, lists, run, warnings
):
    result = last(observations)
    assert result.lists == frozenset(lists)
    assert result.parallelsamfund_years == run
    assert result.warnings == warnings
    assert result.list_sources == sources()


def test_warning_message_is_danish_and_names_the_run():
    assert RunWarning("omdannelse_without_run", OM, 4).message == (
        "Offentliggjort som omdannelsesområde, men kun 4 år i træk på parallelsamfundslisten "
        "(omdannelse kræver 5)"
    )


@pytest.mark.parametrize(
    ("year", "published", "before", "lists", "derived", "warned"),
    [
        (2022, {UD, PS}, 3, {UD, PS}, False, False),
        (2022, {UD, PS}, 4, {UD, PS, OM}, True, False),
        (2022, {UD}, 4, {UD}, False, False),
        (2022, set(), 9, set(), False, False),
        (2022, {FB}, 4, {FB}, False, False),
        (2017, {PS}, 4, {PS}, False, False),
        (2018, {PS}, 4, {PS, OM}, True, False),
        (2022, {UD, PS, OM}, 3, {UD, PS, OM}, False, True),
        (2022, {UD, PS, OM}, 4, {UD, PS, OM}, False, False),
        (2022, {UD, OM}, 0, {UD, OM}, False, True),
    ],
)
def test_published_with_run_table(year, published, before, lists, derived, warned):
    got_lists, got_sources, got_warnings = published_with_run(year, frozenset(published), before)
    assert got_lists == frozenset(lists)
    assert got_sources == sources(omdannelse="derived" if derived else "published")
    assert bool(got_warnings) is warned


@pytest.mark.parametrize(
    ("year", "run", "outlook"),
    [
        (2023, 0, None),
        (2023, 1, RunOutlook(2024, 2, False, 2027)),
        (2023, 3, RunOutlook(2024, 4, False, 2025)),
        (2023, 4, RunOutlook(2024, 5, True, 2024)),
        (2023, 5, RunOutlook(2024, 6, True, 2023)),
        (2016, 3, RunOutlook(2017, 4, False, 2018)),
        (2016, 4, RunOutlook(2017, 5, False, 2018)),
        (2017, 4, RunOutlook(2018, 5, True, 2018)),
    ],
)
def test_run_outlook_table(year, run, outlook):
    assert run_outlook(year, run) == outlook


@pytest.mark.parametrize(
    ("outlook", "message"),
    [
        (RunOutlook(2024, 5, True, 2024), "5. år på parallelsamfundslisten → omdannelsesområde"),
        (RunOutlook(2024, 7, True, 2022), "7. år på parallelsamfundslisten → omdannelsesområde"),
        (
            RunOutlook(2024, 3, False, 2026),
            "3. år på parallelsamfundslisten → omdannelsesområde fra 2026, hvis det står på "
            "listen hvert år",
        ),
    ],
)
def test_run_outlook_message(outlook, message):
    assert outlook.message == message


def test_published_only_area_gets_the_outlook_of_next_years_publication():
    result = last([P(y) for y in range(2020, 2024)])
    assert result.forecast is None
    assert result.outlook == RunOutlook(2024, 5, True, 2024)
    assert result.outlook.message == "5. år på parallelsamfundslisten → omdannelsesområde"


@pytest.mark.parametrize(
    "observations",
    [
        [P(2022), pub(2023, UD)],  # not parallelsamfund in the last year
        [P(2022), val(2023)],  # computed year: the forecast speaks
        [val(2021), val(2022), P(2023)],  # the values give a forecast for the published year
    ],
    ids=["left-the-list", "computed", "values-forecast"],
)
def test_no_outlook_without_a_published_parallel_year_or_with_a_forecast(observations):
    assert last(observations).outlook is None


def test_values_forecast_counts_a_derived_published_run():
    result = last([P(2018), P(2019), P(2020), val(2021), val(2022)])
    assert result.lists == frozenset({UD, PS, OM})
    assert result.forecast.lists == frozenset({UD, PS, OM})
    assert result.forecast.entering == frozenset()
