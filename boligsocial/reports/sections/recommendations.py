"""Recommendations: the catalogue's interventions for the department (for the red departments,
in an organisation report), through core.contributions' hook in its bulk form: the same
queries however many departments are red."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.contributions import recommendations_for_departments
from boligsocial.reports.sections import cell, table
from boligsocial.screening.models import Light

KEY = "recommendations"
TITLE = gettext_lazy("Recommendations")


def build(scope) -> dict | None:
    if scope.department is not None:
        departments = [scope.department]
    else:
        red = set(
            Light.objects.filter(
                department_id__in=scope.department_ids, year=scope.year, colour="red"
            ).values_list("department_id", flat=True)
        )
        departments = [d for d in scope.departments if d.pk in red]
    found = recommendations_for_departments(user=None, departments=departments, year=scope.year)
    rows = []
    for d in departments:
        for r in found[d.pk]:
            rows.append(
                [
                    cell(f"{d.number} {d.name}"),
                    cell(r.title),
                    cell(r.evidence or "–"),
                    cell(r.reason),
                ]
            )
    if not rows:
        return None
    return {
        "blocks": [
            table(
                "recommendations",
                TITLE,
                [_("Department"), _("Intervention"), _("Evidence"), _("Why")],
                rows,
            )
        ]
    }
