"""Maintenance and renovation: no data of ours; key figures with source, and the text."""

from django.utils.translation import gettext_lazy

from boligsocial.reports.sections._narrative import key_figures

KEY = "maintenance"
TITLE = gettext_lazy("Maintenance and renovation")
NARRATIVE_ONLY = True


def build(scope) -> dict | None:
    return key_figures(scope, KEY)
