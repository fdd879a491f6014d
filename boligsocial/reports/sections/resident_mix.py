"""5. Resident mix: the screening's indicators with their 10-year trend, and the § 61a criteria
of the departments' housing areas with the distance to each threshold."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.formatting import format_number
from boligsocial.organisations.models import Area
from boligsocial.reports.sections import cell, table, text
from boligsocial.reports.sections._indicators import department_charts, department_table
from boligsocial.screening.models import StatutoryStatus
from boligsocial.screening.views.pages import CRITERION_LABELS, LIST_LABELS

KEY = "resident_mix"
TITLE = gettext_lazy("Resident mix")
CODES = (
    "residents",
    "outside_work_education",
    "convicted_ratio_national",
    "basic_education",
    "income_pct_region",
    "nonwestern",
)
DEPARTMENT_CHART_CODES = (*CODES[1:], "children", "single_parents")


def _num(value, decimals: int):
    if value in (None, ""):
        return cell("–")
    value = Decimal(str(value))
    return cell(format_number(value, decimals), value)


def _criteria_blocks(scope) -> list[dict]:
    areas = list(
        Area.objects.filter(departments__in=scope.department_ids).distinct().order_by("name")
    )
    statuses = {
        s.area_id: s
        for s in StatutoryStatus.objects.filter(area__in=areas, year__lte=scope.year).order_by(
            "area_id", "year"
        )
    }  # the latest year up to the report's per area
    blocks = []
    for area in areas:
        status = statuses.get(area.pk)
        if status is None:
            continue
        lists = [str(LIST_LABELS.get(x, x)) for x in status.lists]
        rows = []
        for c in (status.details or {}).get("criteria") or []:
            name = c.get("name", "")
            decimals = 0 if name == "beboere" else (2 if "kriminalitet" in name else 1)
            rows.append(
                [
                    cell(CRITERION_LABELS.get(name, name)),
                    _num(c.get("value"), decimals),
                    _num(c.get("threshold"), decimals),
                    cell(_("Yes") if c.get("met") else _("No")),
                    _num(c.get("distance_pp"), decimals),
                ]
            )
        blocks.append(
            text(
                _("%(area)s, %(year)s: %(lists)s.")
                % {
                    "area": area.name,
                    "year": status.year,
                    "lists": ", ".join(lists) if lists else _("on no statutory list"),
                }
            )
        )
        if rows:
            blocks.append(
                table(
                    f"criteria-{area.pk}",
                    _("§ 61a criteria, %(area)s") % {"area": area.name},
                    [_("Criterion"), _("Value"), _("Threshold"), _("Met"), _("Distance")],
                    rows,
                    [False, True, True, False, True],
                )
            )
    return blocks


def build(scope) -> dict | None:
    blocks = []
    table_block = department_table(scope, "resident-mix", _("Indicators"), CODES)
    if table_block:
        blocks.append(table_block)
    if scope.department is not None:
        blocks += department_charts(scope, DEPARTMENT_CHART_CODES)
    criteria = _criteria_blocks(scope)
    if criteria:
        blocks.append(text(_("The § 61a criteria of the housing areas (almenboligloven).")))
        blocks += criteria
    return {"blocks": blocks} if blocks else None
