"""1. Organisation and departments (master data)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.formatting import format_integer
from boligsocial.reports.sections import cell, table, text

KEY = "master_data"
TITLE = gettext_lazy("Organisation and departments")


def build(scope) -> dict | None:
    departments = scope.departments
    if not departments:
        return None
    leases = sum(d.lease_count for d in departments)
    rows = [
        [
            cell(d.number, d.number),
            cell(d.name),
            cell(f"{d.address}, {d.postal_code} {d.city}"),
            cell(d.municipality.name),
            cell(format_integer(d.lease_count), d.lease_count),
            cell(d.year_built, d.year_built),
        ]
        for d in departments
    ]
    org = scope.organisation
    return {
        "blocks": [
            text(
                _(
                    "%(name)s (CVR %(cvr)s, LBF no. %(lbf)s): %(n)s departments with "
                    "%(leases)s leases in the report."
                )
                % {
                    "name": org.name,
                    "cvr": org.cvr,
                    "lbf": org.lbf_number,
                    "n": format_integer(len(departments)),
                    "leases": format_integer(leases),
                }
            ),
            table(
                "departments",
                _("Departments"),
                [
                    _("No."),
                    _("Department"),
                    _("Address"),
                    _("Municipality"),
                    _("Leases"),
                    _("Built"),
                ],
                rows,
                [True, False, False, False, True, True],
            ),
        ]
    }
