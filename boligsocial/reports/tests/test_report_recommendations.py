"""The report's recommendations come from the catalogue's bulk call: the same rows as the
department-by-department hook, and no more queries for more red departments (issue 18, the
bench's 78 queries at 28 departments and 102 at 60 before)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boligsocial.core.contributions import recommendations_for
from boligsocial.reports import builder, services
from boligsocial.reports.sections import recommendations
from boligsocial.screening.models import Light

TODAY = date(2025, 10, 1)


def _queries(call) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return len(queries), result


def _make_red(department, like: Light) -> None:
    """Give `department` the red light of `like` in its year (a copy of its cells)."""
    updated = Light.objects.filter(department=department, year=like.year).update(
        colour="red", indicators=like.indicators
    )
    if not updated:
        Light.objects.create(
            department=department,
            year=like.year,
            colour="red",
            indicators=like.indicators,
            weight_set_id=like.weight_set_id,
        )


def _expected_rows(departments, year) -> list[list[str]]:
    """The rows as the one-department hook gives them, department by department."""
    return [
        [f"{d.number} {d.name}", r.title, r.evidence or "–", r.reason]
        for d in departments
        for r in recommendations_for(user=None, department=d, year=year)
    ]


@pytest.fixture
def org_report(rw, personas):
    return services.create_report(by=personas["head_a"], organisation=rw.org_a, year=rw.year)


def test_more_red_departments_add_no_queries_and_keep_each_departments_rows(rw, org_report):
    from boligsocial.organisations.tests.factories import DepartmentFactory

    light_a1 = Light.objects.get(department=rw.dept_a1, year=rw.year)
    scope = builder.scope_for(org_report, TODAY)
    one_red, section = _queries(lambda: recommendations.build(scope))
    rows = [[c["t"] for c in row] for row in section["blocks"][0]["rows"]]
    assert rows == _expected_rows([rw.dept_a1], rw.year)
    assert len(rows) == 5

    _make_red(rw.dept_a2, light_a1)
    for number in (7, 8, 9):
        _make_red(DepartmentFactory(organisation=rw.org_a, number=number), light_a1)
    scope = builder.scope_for(org_report, TODAY)
    red = Light.objects.filter(department__in=scope.departments, year=rw.year, colour="red")
    assert red.count() == len(scope.departments) == 5
    five_red, section = _queries(lambda: recommendations.build(scope))
    rows = [[c["t"] for c in row] for row in section["blocks"][0]["rows"]]
    assert rows == _expected_rows(scope.departments, rw.year)
    assert len(rows) == 25
    assert five_red == one_red


def test_the_whole_context_takes_the_same_queries_with_more_red_departments(rw, org_report):
    light_a1 = Light.objects.get(department=rw.dept_a1, year=rw.year)
    builder.build(org_report, TODAY)  # warm-up (the indicator legend, content types)
    one_red, context = _queries(lambda: builder.build(org_report, TODAY))
    table = builder.tables(context)["recommendations"]
    assert {row[0]["t"] for row in table["rows"]} == {f"1 {rw.dept_a1.name}"}
    _make_red(rw.dept_a2, light_a1)
    two_red, context = _queries(lambda: builder.build(org_report, TODAY))
    table = builder.tables(context)["recommendations"]
    assert [row[0]["t"] for row in table["rows"]] == [f"1 {rw.dept_a1.name}"] * 5 + [
        f"2 {rw.dept_a2.name}"
    ] * 5
    assert two_red == one_red
