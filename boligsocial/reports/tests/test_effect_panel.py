"""The stored effect measurements on the catalogue intervention's outcome panel (issue 18 part
6: the measurement "feeds the catalogue's outcome panel"): contributed by the reports through
core.contributions, shown to whoever sees the intervention's page, with the effect, its
interval, the departments and twins, the caveat and "for få data"; the link to the measurement
only for those who may open it; the same queries however many measurements."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boligsocial.catalogue.models import Intervention
from boligsocial.core.contributions import intervention_panels
from boligsocial.reports.effect_panel import TEMPLATE
from boligsocial.reports.models import EffectMeasurement
from conftest import FAST_HASHERS, build_personas, build_world, client_as

CAVEAT = "Dette er ikke bevis for, at indsatsen skabte ændringen."
TITLE = "Målt effekt mod tvillingeafdelinger"


@pytest.fixture(scope="module")
def _panel_world(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
    ):
        world = build_world()
        yield world, build_personas(world)
        transaction.set_rollback(True)


@pytest.fixture
def pw(_panel_world, db):
    return _panel_world[0]


@pytest.fixture
def pp(_panel_world, db):
    return _panel_world[1]


def _row(code, name, effect=None, low=None, high=None, treated=3, controls=5, higher_worse=True):
    return {
        "indicator": code,
        "name": name,
        "unit": "percent",
        "decimals": 1,
        "higher_is_worse": higher_worse,
        "effect": effect,
        "ci_low": low,
        "ci_high": high,
        "treated": treated,
        "controls": controls,
        "first_year": 2016 if effect else None,
        "last_year": 2025 if effect else None,
        "verdict": "better" if effect else "",
        "success_rate": None,
    }


def _measure(org, intervention, rows, *, departments=4, twins=6, day=1):
    return EffectMeasurement.objects.create(
        organisation=org,
        intervention=intervention,
        computed_at=datetime(2025, 10, day, 12, tzinfo=UTC),
        result={
            "departments": departments,
            "twins": twins,
            "min_treated": 3,
            "min_controls": 3,
            "rows": rows,
        },
    )


@pytest.fixture
def mentor():
    return Intervention.objects.get(number=10)


@pytest.fixture
def measured(pw, mentor):
    return _measure(
        pw.org_a,
        mentor,
        [
            _row(
                "outside_work_education", "Andel uden for arbejde", "-5.4557", "-31.8927", "20.9813"
            ),
            _row("income_pct_region", "Indkomst i procent af regionens", treated=2, controls=4),
        ],
    )


def _page(pp, persona, intervention):
    response = client_as(pp, persona).get(reverse("catalogue:intervention", args=[intervention.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "persona, sees_link",
    [
        ("admin", True),
        ("head_a", True),
        ("staff_a", True),
        ("board_a", False),
        ("dept_board_a1", False),
        ("caretaker_a", False),
        ("staff_b", False),
        ("municipal", False),
        ("nobody", False),
    ],
)
def test_the_intervention_page_shows_the_stored_measurement_to_whoever_sees_the_page(
    pp, mentor, measured, persona, sees_link
):
    html = _page(pp, persona, mentor)
    assert TITLE in html and CAVEAT in html
    assert "Boligselskabet Alfa" in html  # the organisation that measured
    assert "4 afdelinger havde den; sammenlignet med 6 tvillingeafdelinger" in html
    # the effect with its interval and counts, in the indicator's decimals
    assert "<strong>-5,5 procentpoint</strong> (bedre end tvillingerne)" in html
    assert "95 %-konfidensinterval: -31,9 til 21,0" in html
    assert "3 afdelinger med den, 5 tvillinger, 2016–2025." in html
    # too few data: no number, the counts and what is needed
    assert (
        'For få data</strong> <span class="small-text">(2 afdelinger med år før og efter og 4 '
        "tvillinger; der skal mindst 3 og 3 til)"
    ) in html
    link = reverse("reports:econ_measurement", args=[measured.pk])
    assert (f'href="{link}"' in html) is sees_link


def test_without_a_measurement_only_those_who_can_make_one_get_the_panel(pp, mentor):
    assert EffectMeasurement.objects.filter(intervention=mentor).count() == 0
    staff = _page(pp, "staff_b", mentor)
    assert TITLE in staff
    assert "Ingen boligorganisation har endnu målt indsatsens effekt" in staff
    assert reverse("reports:econ_measurement_create") in staff
    board = _page(pp, "dept_board_a1", mentor)
    assert TITLE not in board and reverse("reports:econ_measurement_create") not in board
    assert intervention_panels(user=pp["municipal"], intervention=mentor) == []


def test_the_panel_comes_from_the_reports_through_core_and_only_for_its_intervention(
    pw, pp, mentor, measured
):
    other = Intervention.objects.get(number=11)
    _measure(pw.org_b, other, [_row("x", "Andet", "1.0000", "0.5000", "1.5000")])
    [panel] = intervention_panels(user=pp["staff_a"], intervention=mentor)
    assert (panel.key, panel.template) == ("effect_measurements", TEMPLATE)
    assert [m["pk"] for m in panel.data["measurements"]] == [measured.pk]
    assert [r["effect_n"] for r in panel.data["measurements"][0]["rows"]] == [
        Decimal("-5.4557"),
        None,
    ]
    assert panel.data["create_url"] == reverse("reports:econ_measurement_create")


def test_more_measurements_take_no_more_queries(pw, pp, mentor, measured):
    def count():
        client = client_as(pp, "staff_a")
        client.get(reverse("catalogue:intervention", args=[mentor.pk]))  # warm-up
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("catalogue:intervention", args=[mentor.pk])).content
        return len(queries), html.decode()

    one, _html = count()
    for day in (2, 3, 4):
        _measure(pw.org_b if day % 2 else pw.org_a, mentor, measured.result["rows"], day=day)
    four, html = count()
    assert four == one
    assert html.count("Boligforeningen Beta") == 1 and html.count(CAVEAT) == 1
    assert html.count('<article class="effect-measurement">') == 4
