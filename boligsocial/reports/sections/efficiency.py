"""Efficiency scores: no data of ours; key figures with their source, and the section's text."""

from django.utils.translation import gettext_lazy

from boligsocial.reports.sections._narrative import key_figures

KEY = "efficiency"
TITLE = gettext_lazy("Efficiency scores")
NARRATIVE_ONLY = True


def build(scope) -> dict | None:
    return key_figures(scope, KEY)
