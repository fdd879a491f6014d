"""Resident democracy: no data of ours; key figures with their source, and the section's text."""

from django.utils.translation import gettext_lazy

from boligsocial.reports.sections._narrative import key_figures

KEY = "democracy"
TITLE = gettext_lazy("Resident democracy")
NARRATIVE_ONLY = True


def build(scope) -> dict | None:
    return key_figures(scope, KEY)
