"""6. Social-housing efforts: the comprehensive plans running in the year for the report's
departments (or organisation), their goals against their targets, and their activities."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.disclosure import figure
from boligsocial.core.formatting import format_integer, format_number
from boligsocial.plans import selectors as plan_selectors
from boligsocial.plans.models import Plan
from boligsocial.reports.sections import cell, count_cell, heading, table, text

KEY = "efforts"
TITLE = gettext_lazy("Social-housing efforts")


def _value(value, decimals=1):
    if value is None:
        return cell("–")
    return cell(format_number(value, decimals), value)


def build(scope) -> dict | None:
    where = Q(departments__in=scope.department_ids)
    if scope.department is None:
        where |= Q(organisations=scope.organisation)
    plans = list(
        Plan.objects.filter(where, first_year__lte=scope.year, last_year__gte=scope.year)
        .distinct()
        .select_related("municipality", "period")
        .order_by("first_year", "name")
    )
    if not plans:
        return None
    blocks = []
    for plan in plans:
        blocks.append(heading(f"{plan.name} ({plan.first_year}–{plan.last_year})"))
        blocks.append(
            text(
                _("Status: %(status)s. Municipality: %(municipality)s.")
                % {"status": plan.get_status_display(), "municipality": plan.municipality.name}
            )
        )
        goal_rows = []
        for row in plan_selectors.goal_rows(plan):
            this = next((y for y in row.years if y["year"] == scope.year), None) or {}
            goal = row.goal
            measure = (
                f"{goal.indicator.name} ({goal.department.name})"
                if goal.indicator_id
                else goal.own_measure
            )
            goal_rows.append(
                [
                    cell(goal.title),
                    cell(measure),
                    _value(row.baseline),
                    cell(row.baseline_year or "–", row.baseline_year),
                    _value(this.get("target")),
                    _value(this.get("actual")),
                ]
            )
        if goal_rows:
            blocks.append(
                table(
                    f"goals-{plan.pk}",
                    _("Goals %(year)s: target and actual") % {"year": scope.year},
                    [
                        _("Goal"),
                        _("Measure"),
                        _("Baseline"),
                        _("Baseline year"),
                        _("Target"),
                        _("Actual"),
                    ],
                    goal_rows,
                    [False, False, True, True, True, True],
                )
            )
        activity_rows = [
            [
                cell(a.name),
                cell(a.sub_agreement.area.name),
                cell(a.intervention.name if a.intervention_id else _("Local activity")),
                cell(format_integer(a.session_count), a.session_count),
                count_cell(figure(a.participant_total or 0)),
            ]
            for a in plan_selectors.activities(plan)
        ]
        if activity_rows:
            blocks.append(
                table(
                    f"activities-{plan.pk}",
                    _("Activities"),
                    [
                        _("Activity"),
                        _("Sub-agreement"),
                        _("Catalogue intervention"),
                        _("Sessions"),
                        _("Participations"),
                    ],
                    activity_rows,
                    [False, False, False, True, True],
                )
            )
    return {"blocks": blocks}
