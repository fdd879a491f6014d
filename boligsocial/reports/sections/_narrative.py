"""The sections the system has no data for (accounts, maintenance, resident democracy,
efficiency): key figures entered with their source and year, and the section's free text
(added by the builder to every section). Never a computed or guessed number (domain.md § 3)."""

from django.utils.translation import gettext as _

from boligsocial.core.formatting import format_number
from boligsocial.reports.sections import cell, table


def key_figures(scope, key: str) -> dict | None:
    report = scope.report
    if report is None:
        return None
    figures = scope.cache.get("key_figures")
    if figures is None:
        figures = list(report.key_figures.all()) if report.pk else []
        scope.cache["key_figures"] = figures
    mine = [f for f in figures if f.section == key]
    if not mine:
        return None
    rows = [
        [
            cell(f.label),
            cell(format_number(f.value, 2 if f.value % 1 else 0), f.value),
            cell(f.unit),
            cell(f.year, f.year),
            cell(f.source),
        ]
        for f in mine
    ]
    return {
        "blocks": [
            table(
                f"{key}-figures",
                _("Key figures"),
                [_("Key figure"), _("Value"), _("Unit"), _("Year"), _("Source")],
                rows,
                [False, True, False, True, False],
            )
        ]
    }
