"""Reads of the screening shared by the indicator sections: the values of the last 10 years of
the report's departments (1 query, cached on the scope), and the cells of a department table
(value, small figures hidden as the boards and the municipality see them, a sparkline)."""

import base64
import re
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.charts import sparkline
from boligsocial.core.formatting import format_number
from boligsocial.reports.sections import cell, table
from boligsocial.screening import access as screening_access
from boligsocial.screening import charts as screening_charts
from boligsocial.screening.models import Indicator, IndicatorValue
from boligsocial.screening.selectors import HISTORY_YEARS

#: Column headings short enough for an A4 page (the indicator's full name is in the section text).
SHORT = {
    "residents": gettext_lazy("Residents"),
    "outside_work_education": gettext_lazy("Outside work and education, %"),
    "convicted_ratio_national": gettext_lazy("Convicted, × national average"),
    "basic_education": gettext_lazy("Only basic schooling, %"),
    "income_pct_region": gettext_lazy("Income, % of the region"),
    "nonwestern": gettext_lazy("Non-Western, %"),
    "move_out_rate": gettext_lazy("Move-out rate, %"),
    "vacant_leases": gettext_lazy("Vacant leases, %"),
}


_TITLE = re.compile(r"<title>.*?</title>", re.S)


def data_uri(svg: str) -> str:
    """The SVG as a data: URL for the PDF: WeasyPrint draws an <img> of it at a fraction of the
    cost of an inline <svg>, whose every element it styles like HTML (200 sparklines: 60 % of an
    organisation PDF's time)."""
    if not svg:
        return ""
    # Beside the value in its cell the line is decoration (alt=""): its title and its page
    # attributes are left out, a fifth of the nodes WeasyPrint draws (decision 0049).
    svg = _TITLE.sub("", svg).replace(' class="sparkline" role="img" focusable="false"', "", 1)
    if "xmlns=" not in svg:
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def indicators(scope, codes) -> list[Indicator]:
    by_code = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    return [by_code[c] for c in codes if c in by_code]


def history(scope) -> dict:
    """{department id: {indicator code: {year: value}}} over the 10 years up to the year."""
    cached = scope.cache.get("history")
    if cached is not None:
        return cached
    first = scope.year - HISTORY_YEARS + 1
    result: dict = defaultdict(lambda: defaultdict(dict))
    for dept_id, code, year, value in (
        IndicatorValue.objects.filter(
            department_id__in=scope.department_ids, year__gte=first, year__lte=scope.year
        )
        .order_by()
        .values_list("department_id", "indicator__code", "year", "value")
    ):
        result[dept_id][code][year] = value
    scope.cache["history"] = result
    return result


def _hidden(indicator, value, leases) -> bool:
    return screening_access.small_figure(indicator.unit, value, leases) is not None


def value_cell(indicator, value, leases) -> dict:
    """The value as boards and the municipality may see it (decision 0024)."""
    if value is None:
        return cell("–")
    if _hidden(indicator, value, leases):
        mark = screening_access.small_figure(indicator.unit, value, leases).mark
        return cell(mark, small=True)
    return cell(format_number(Decimal(value), indicator.decimals), value)


def department_table(scope, key: str, title, codes) -> dict | None:
    """Departments × indicators in the year, each with its 10-year line."""
    inds = indicators(scope, codes)
    values = history(scope)
    if not any(values.get(d.pk) for d in scope.departments):
        return None
    span = range(scope.year - HISTORY_YEARS + 1, scope.year + 1)
    header = [_("Department"), *(str(SHORT.get(i.code, i.name)) for i in inds)]
    numeric = [False, *(True for _i in inds)]
    rows = []
    for d in scope.departments:
        own = values.get(d.pk, {})
        row = [cell(f"{d.number} {d.name}")]
        for i in inds:
            series = {
                y: v for y, v in own.get(i.code, {}).items() if not _hidden(i, v, d.lease_count)
            }
            c = value_cell(i, own.get(i.code, {}).get(scope.year), d.lease_count)
            spark = sparkline(
                [(y, series.get(y)) for y in span],
                label=_("%(name)s %(first)s–%(last)s")
                % {"name": i.name, "first": span[0], "last": span[-1]},
                width=48,
                height=14,
            )
            row.append({**c, "svg": spark, "svg_uri": data_uri(spark)})
        rows.append(row)
    return table(key, title, header, rows, numeric)


def department_charts(scope, codes) -> list[dict]:
    """A department report's 10-year chart per indicator."""
    from boligsocial.reports.sections import chart

    department = scope.department
    own = history(scope).get(department.pk, {})
    span = list(range(scope.year - HISTORY_YEARS + 1, scope.year + 1))
    blocks = []
    for i in indicators(scope, codes):
        series = {
            y: v
            for y, v in own.get(i.code, {}).items()
            if not _hidden(i, v, department.lease_count)
        }
        if not series:
            continue
        data = screening_charts.indicator_chart(
            title=_("%(name)s, %(first)s–%(last)s")
            % {"name": i.name, "first": span[0], "last": span[-1]},
            points=[screening_charts.Point(y, series.get(y)) for y in span],
            bands=[],
            current_year=scope.year,
            decimals=i.decimals,
            unit=i.unit,
            key=f"r{department.pk}-{i.code}",
        )
        blocks.append(chart(data))
    return blocks
