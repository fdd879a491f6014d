"""The site app collects each app's nav.py, dashboard.py and demo.py by discovery, with a checked
interface: a malformed module stops the start with a message that names what is missing."""

import types

import pytest
from django.core.exceptions import ImproperlyConfigured

from boligsocial.site import dashboard, demo, navigation
from boligsocial.site.discovery import check_module


def _module(**names) -> types.ModuleType:
    module = types.ModuleType("boligsocial.example.nav")
    for name, value in names.items():
        setattr(module, name, value)
    return module


def _items(user, scope):
    return []


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (
            {},
            "boligsocial.example.nav must define ORDER (int), NAMESPACE (str), items (a function).",
        ),
        (
            {"ORDER": "10", "NAMESPACE": "x", "items": _items},
            "boligsocial.example.nav must define ORDER (int).",
        ),
        (
            {"ORDER": True, "NAMESPACE": "x", "items": _items},
            "boligsocial.example.nav must define ORDER (int).",
        ),
        (
            {"ORDER": 10, "NAMESPACE": None, "items": _items},
            "boligsocial.example.nav must define NAMESPACE (str).",
        ),
        (
            {"ORDER": 10, "NAMESPACE": "x", "items": ["not", "callable"]},
            "boligsocial.example.nav must define items (a function).",
        ),
    ],
)
def test_a_malformed_nav_module_is_refused(names, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        check_module(_module(**names), navigation.REQUIRED)
    assert str(refused.value) == message


def test_a_dashboard_module_needs_its_key_template_and_data():
    module = _module(ORDER=1, KEY="x", data=_items)
    with pytest.raises(ImproperlyConfigured) as refused:
        check_module(module, dashboard.REQUIRED)
    assert str(refused.value) == "boligsocial.example.nav must define TEMPLATE (str)."


def test_a_well_formed_module_is_returned_as_it_is():
    module = _module(ORDER=5, NAMESPACE="x", items=_items)
    assert check_module(module, navigation.REQUIRED) is module


def test_the_apps_nav_modules_in_order():
    assert [m.__name__ for m in navigation.nav_modules()] == [
        "boligsocial.organisations.nav",
        "boligsocial.screening.nav",
        "boligsocial.cases.nav",
        "boligsocial.analyses.nav",
        "boligsocial.visits.nav",
        "boligsocial.surveys.nav",
        "boligsocial.walks.nav",
        "boligsocial.catalogue.nav",
        "boligsocial.plans.nav",
        "boligsocial.coordination.nav",
        "boligsocial.reports.nav",
        "boligsocial.imports.nav",
        "boligsocial.accounts.nav",
    ]


def test_the_apps_dashboard_modules_in_order():
    assert [(m.__name__, m.KEY) for m in dashboard.dashboard_modules()] == [
        ("boligsocial.cases.dashboard", "case_counts"),
        ("boligsocial.screening.dashboard", "traffic_lights"),
        ("boligsocial.analyses.dashboard", "analysis_coverage"),
        ("boligsocial.visits.dashboard", "visit_campaigns"),
        ("boligsocial.surveys.dashboard", "survey_responses"),
        ("boligsocial.walks.dashboard", "walk_findings"),
        ("boligsocial.plans.dashboard", "plans"),
        ("boligsocial.organisations.dashboard", "housing"),
        ("boligsocial.reports.dashboard", "styringsdialog_follow_up"),
        ("boligsocial.accounts.dashboard", "people_review"),
    ]


def test_core_and_site_contribute_no_demo_module():
    names = {m.__name__ for m in demo.demo_modules()}
    assert {"boligsocial.core.demo", "boligsocial.site.demo"} & names == set()
    assert "boligsocial.cases.demo" in names


def test_a_malformed_app_module_stops_the_discovery(monkeypatch):
    from boligsocial.cases import dashboard as cases_dashboard

    monkeypatch.delattr(cases_dashboard, "TEMPLATE")
    with pytest.raises(ImproperlyConfigured) as refused:
        dashboard.dashboard_modules()
    assert str(refused.value) == "boligsocial.cases.dashboard must define TEMPLATE (str)."
