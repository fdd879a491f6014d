"""The kinds are found by discovery with a checked interface (`imports.registry`)."""

import dataclasses
import types

import pytest
from django.core.exceptions import ImproperlyConfigured

from boligsocial.imports import registry
from boligsocial.organisations import import_kinds as housing
from boligsocial.screening import import_kinds as screening


@pytest.fixture
def fresh_registry(monkeypatch):
    monkeypatch.setattr(registry, "BY_SLUG", {})
    monkeypatch.setattr(registry, "BY_CODE", {})


def test_the_kinds_of_the_apps_are_found_in_page_order(fresh_registry):
    assert [(k.code, k.slug) for k in registry.kinds()] == [
        ("departments", "afdelinger"),
        ("leases", "lejemaal"),
        ("values", "vaerdier"),
        ("published_lists", "lister"),
        ("plan_budget_lines", "budgetlinjer"),  # the plans' kinds (decision 0044)
        ("plan_sessions", "aktivitetslog"),
        ("planned_analyses", "planlagte-analyser"),  # the analyses' plan for the year (0043)
        ("visit_results", "besoegsresultater"),  # results of visits on paper (0042)
        ("report_key_figures", "noegletal"),  # the styringsdialog's key figures (0039)
    ]
    assert registry.by_code("values") is screening.VALUES
    assert registry.by_slug("afdelinger") is housing.DEPARTMENTS
    assert registry.by_slug("beboere") is None
    assert registry.label_of("leases") == "Lejemål"
    assert registry.label_of("ukendt") == "ukendt"


def test_a_module_without_a_tuple_of_kinds_is_refused(fresh_registry, monkeypatch):
    broken = types.ModuleType("boligsocial.broken.import_kinds")
    broken.KINDS = [housing.DEPARTMENTS]  # a list, not a tuple
    monkeypatch.setattr(registry, "kind_modules", lambda: [broken])
    with pytest.raises(ImproperlyConfigured, match="must define KINDS: tuple"):
        registry.kinds()


def test_a_slug_or_code_declared_twice_is_refused(fresh_registry, monkeypatch):
    twin = types.ModuleType("boligsocial.twin.import_kinds")
    twin.KINDS = (dataclasses.replace(housing.LEASES, code="other"),)
    monkeypatch.setattr(registry, "kind_modules", lambda: [housing, twin])
    with pytest.raises(ImproperlyConfigured, match="'other'/'lejemaal' is declared twice"):
        registry.kinds()


PLAN_KINDS = ["budgetlinjer", "aktivitetslog"]
HOUSING = ["afdelinger", "lejemaal", "vaerdier", "lister"]
HEAD = [*HOUSING, *PLAN_KINDS, "planlagte-analyser", "besoegsresultater", "noegletal"]


@pytest.mark.parametrize(
    ("persona", "kinds"),
    [
        ("admin", HEAD),
        ("head_a", HEAD),
        # management runs the visits (the caretakers' organisation) but not the social plans
        ("management_a", [*HOUSING, "besoegsresultater"]),
        ("board_a", []),  # the elected board does not import (issue 12)
        # a plan's social workers import its budget and logs, and draft the report's figures
        ("staff_a", [*PLAN_KINDS, "noegletal"]),
        ("dept_board_a1", []),
        ("caretaker_a", []),
        ("municipal", PLAN_KINDS),  # the municipal partner its own parts
        ("nobody", []),
    ],
)
def test_who_may_import_which_kinds(personas, persona, kinds):
    assert [k.slug for k in registry.kinds_for(personas[persona])] == kinds
