"""The trafiklys pages: index, organisation scorecard, department and the reports (HTML and
PDF from the same template body). Areas, municipalities and the statutory lists: `areas.py`.

Thin views over `selectors` and `access`: every object is fetched through the access module
(404 outside scope). A report is built once as a context in Python (`department_report` /
`organisation_report`) and rendered twice: as a page and as a PDF."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.charts import sparkline
from boligsocial.core.contributions import recommendations_for
from boligsocial.core.listing import MAX_QUERY_LENGTH, Listing, SortColumn
from boligsocial.core.partials import render_page
from boligsocial.core.reports import Report, page_response, pdf_response
from boligsocial.organisations import access
from boligsocial.organisations.models import Department
from boligsocial.screening import access as screening_access
from boligsocial.screening import arrows, charts, import_kinds, rowcache, selectors
from boligsocial.screening.models import Light
from boligsocial.screening.views.blocks import (
    column_groups,
    hidden_small,
    indicator_blocks,
    light_summary,
    without_small,
)
from boligsocial.screening.views.briefings import analysis_view

SCORECARD_PER_PAGE = 50
REPORT_STYLES = ("css/screening.css",)
LIST_LABELS = {
    "udsat": gettext_lazy("Vulnerable area"),
    "parallelsamfund": gettext_lazy("Parallel society"),
    "omdannelse": gettext_lazy("Transformation area"),
    "forebyggelse": gettext_lazy("Prevention area"),
}
CRITERION_LABELS = {
    "beboere": gettext_lazy("At least 1,000 residents"),
    "beskaeftigelse": gettext_lazy("Outside work and education over 40 %"),
    "kriminalitet": gettext_lazy("Convicted at least 3 × the national average"),
    "uddannelse": gettext_lazy("Only basic schooling over 60 %"),
    # xgettext:no-python-format
    "indkomst": gettext_lazy("Income under 55 % of the region"),
    "ikke_vestlige": gettext_lazy("Non-Western share over 50 %"),
    "forebyggelse_beskaeftigelse": gettext_lazy("Outside work and education over 30 %"),
    "forebyggelse_kriminalitet": gettext_lazy("Convicted at least 2 × the national average"),
    # xgettext:no-python-format
    "forebyggelse_indkomst": gettext_lazy("Income under 65 % of the region"),
    "forebyggelse_ikke_vestlige": gettext_lazy("Non-Western share over 30 %"),
}


def year_options(years: list[int], year: int | None) -> list[dict]:
    return [{"value": y, "selected": y == year} for y in years]


def clean_query(request) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]


# --- index -------------------------------------------------------------------------------------


def index(request):
    user = request.user
    organisations = list(selectors.organisations_for_index(user))
    years = selectors.years_with_lights(access.visible_departments(user))
    chosen = request.GET.get("organisation")
    if chosen:
        match = next((o for o in organisations if str(o.pk) == chosen), None)
        if match is not None:
            url = reverse("screening:scorecard", args=[match.pk])
            year = selectors.pick_year(request.GET.get("aar"), years)
            return HttpResponseRedirect(f"{url}?aar={year}" if year else url)
    return render(
        request,
        "screening/index.html",
        {
            "organisations": organisations,
            "years": year_options(years, years[0] if years else None),
            "municipalities": access.visible_municipalities(user)
            .filter(code__in=access.visible_departments(user).values("municipality_id"))
            .order_by("name"),
            "error": bool(chosen),
            "may_import": import_kinds.VALUES.may_import(user),
        },
    )


# --- scorecard ---------------------------------------------------------------------------------


def _sort_columns(params: dict, indicators, sort: str) -> dict[str, SortColumn]:
    key, descending = sort.lstrip("-"), sort.startswith("-")
    columns = [
        SortColumn("number", _("No."), ()),
        SortColumn("name", _("Department"), ()),
        SortColumn("municipality", _("Municipality"), ()),
        SortColumn("colour", _("Light"), ()),
        SortColumn("score", _("Score"), ()),
        *(SortColumn(i.code, i.name, ()) for i in indicators),
    ]
    for column in columns:
        current = column.key == key
        next_sort = f"-{column.key}" if current and not descending else column.key
        column.url = "?" + urlencode({**params, "sort": next_sort})
        column.direction = ("descending" if descending else "ascending") if current else ""
    return {c.key: c for c in columns}


def scorecard(request, pk: int):
    user = request.user
    organisation = get_object_or_404(access.visible_organisations(user), pk=pk)
    departments = access.visible_departments(user).filter(organisation=organisation)
    years = selectors.years_with_lights(departments)
    year = selectors.pick_year(request.GET.get("aar"), years)
    indicators = selectors.light_indicators()

    municipalities = list(
        departments.order_by("municipality__name")
        .values_list("municipality_id", "municipality__name")
        .distinct()
    )
    query = clean_query(request)
    municipality = request.GET.get("kommune", "")
    colour = request.GET.get("farve", "")
    filtered = departments
    if query:
        condition = {"name__icontains": query}
        filtered = filtered.filter(**condition) | filtered.filter(address__icontains=query)
        if query.isdigit():
            filtered = filtered | departments.filter(number=int(query))
    if municipality.isdigit() and int(municipality) in {m[0] for m in municipalities}:
        filtered = filtered.filter(municipality_id=int(municipality))
    else:
        municipality = ""
    if colour not in selectors.COLOURS:
        colour = ""

    sort = request.GET.get("sort", "colour")
    by_indicator = sort.lstrip("-") in {i.code for i in indicators}
    rows = (
        selectors.scorecard_rows(filtered, indicators, year, decode=False, cells_text=by_indicator)
        if year
        else []
    )
    counts = selectors.colour_counts(rows)
    if colour:
        rows = [r for r in rows if r.colour == colour]
    valid_sorts = {
        "number",
        "name",
        "municipality",
        "colour",
        "score",
        *(i.code for i in indicators),
    }
    if sort.lstrip("-") not in valid_sorts:
        sort = "colour"
    exact = screening_access.sees_exact_figures(user, organisation.pk)
    by_code = {i.code: i for i in indicators}
    sort_indicator = by_code.get(sort.lstrip("-"))
    hidden = (
        None
        if exact or sort_indicator is None
        else lambda row, v: hidden_small(sort_indicator, v, row.department.lease_count)
    )
    rows = selectors.sort_rows(rows, sort.lstrip("-"), sort.startswith("-"), hidden)

    params = {
        k: v
        for k, v in (("aar", year), ("q", query), ("kommune", municipality), ("farve", colour))
        if v
    }
    columns = _sort_columns(params, indicators, sort)
    page = Paginator(rows, SCORECARD_PER_PAGE).get_page(request.GET.get("page"))

    def build(missing):
        selectors.build_cells(missing, indicators, year)
        selectors.attach_history(missing, indicators, year)
        _prepare_cells(missing, indicators, year, exact=exact)

    rendered_rows = (
        rowcache.rendered_rows(
            list(page.object_list),
            year=year,
            first=year - selectors.HISTORY_YEARS + 1,
            context=(rowcache.indicators_key(indicators), exact),
            build=build,
        )
        if year
        else []
    )
    listing = Listing(
        page=page, query=query, sort=sort, columns=columns, base_params={**params, "sort": sort}
    )
    return render_page(
        request,
        "screening/scorecard.html",
        "scorecard",
        {
            "organisation": organisation,
            "crumbs": [(_("Traffic light"), reverse("screening:index"))],
            "year": year,
            "years": year_options(years, year),
            "indicators": indicators,
            "header_columns": [columns[i.code] for i in indicators],
            "table_columns": _table_columns(columns, indicators),
            "listing": listing,
            "rendered_rows": rendered_rows,
            "exact": exact,
            "counts": counts,
            "colour": colour,
            "colour_options": _colour_options(colour),
            "municipality": municipality,
            "municipalities": municipalities,
            "total": sum(counts.values()),
        },
    )


def _table_columns(columns: dict, indicators) -> list[SortColumn]:
    """The scorecard's header in order: number, name, light, score, the indicators, the
    municipality (`numeric` right-aligns)."""
    order = ["number", "name", "colour", "score", *(i.code for i in indicators), "municipality"]
    codes = {i.code for i in indicators}
    for key in order:
        columns[key].numeric = key in ("number", "score")
        columns[key].danish = key in codes  # an indicator's name is Danish data (lang="da")
    return [columns[key] for key in order]


def _colour_options(selected: str) -> list[dict]:
    labels = {
        "red": _("Red"),
        "yellow": _("Yellow"),
        "green": _("Green"),
        "none": _("No light"),
    }
    return [{"value": c, "label": labels[c], "selected": c == selected} for c in selectors.COLOURS]


def _arrow_labels() -> dict:
    return {
        ("up", "worse"): _("Higher than last year: worse"),
        ("up", "better"): _("Higher than last year: better"),
        ("down", "worse"): _("Lower than last year: worse"),
        ("down", "better"): _("Lower than last year: better"),
        ("flat", "unchanged"): _("Unchanged since last year"),
    }


def _prepare_cells(rows, indicators, year: int, *, exact: bool = True) -> None:
    """Everything a scorecard cell shows, as plain dicts: the template renders 50 x 13 cells
    without an include per cell (includes cost ~0.3 ms each). The arrow beside a value shows
    the value's direction (`arrows.arrow`); for a viewer who does not see exact figures, a
    count or a rate of a small count is replaced by its mark (`access.small_figure`)."""
    by_code = {i.code: i for i in indicators}
    colour_labels = {
        "red": _("Red"),
        "yellow": _("Yellow"),
        "green": _("Green"),
        "none": _("No light"),
    }
    arrow_labels = _arrow_labels()
    first = year - selectors.HISTORY_YEARS + 1
    span = {"first": first, "last": year}

    def label(a):
        return arrow_labels[(a.direction, a.tone)] if a else ""

    for row in rows:
        row.sparkline = sparkline(
            row.sparkline_values, label=_("Score %(first)s–%(last)s") % span, colour=row.colour
        )
        row.colour_label = colour_labels.get(row.colour, "")
        row.arrow = arrows.arrow(row.trend, higher_is_worse=True)  # a higher score is worse
        row.trend_label = label(row.arrow)
        row.display_cells = []
        for cell in row.cells:
            indicator = by_code[cell.code]
            small = (
                None
                if exact or cell.value is None
                else screening_access.small_figure(
                    indicator.unit, cell.value, row.department.lease_count
                )
            )
            a = arrows.arrow(cell.trend, higher_is_worse=indicator.polarity != "higher_better")
            row.display_cells.append(
                {
                    "colour": cell.colour,
                    "label": colour_labels.get(cell.colour, ""),
                    "display": cell.display,
                    "suppressed": cell.suppressed,
                    "small": small,
                    "arrow": None if small else a,
                    "trend_label": label(a),
                    "spark": ""
                    if small
                    else sparkline(
                        row.cell_history.get(cell.code, []),
                        label=_("%(name)s %(first)s–%(last)s") % {"name": indicator.name, **span},
                        colour=cell.colour,
                        width=48,
                        height=14,
                    ),
                }
            )


# --- department and report ---------------------------------------------------------------------


def department_report(user, department: Department, year: int | None, years: list[int]) -> dict:
    """Everything the department page and its report show, computed once."""
    context = {
        "department": department,
        "organisation": department.organisation,
        "year": year,
        "years": year_options(years, year),
    }
    if year is None:
        return context
    light = (
        Light.objects.filter(department=department, year=year).select_related("weight_set").first()
    )
    history = selectors.department_history(department, year)
    light_indicators = selectors.light_indicators()
    exact = screening_access.sees_exact_figures(user, department.organisation_id)
    leases = department.lease_count
    twins = selectors.twins(user, department, year, light_indicators)
    for twin in twins:
        twin_exact = screening_access.sees_exact_figures(user, twin.department.organisation_id)
        twin.cells = [
            without_small(c, i, twin.department.lease_count, twin_exact)
            for c, i in zip(twin.cells, light_indicators, strict=True)
        ]
    own_cells = [
        without_small(
            selectors.cell_from(
                i.code, (light.indicators if light else {}).get(i.code), i.decimals
            ),
            i,
            leases,
            exact,
        )
        for i in light_indicators
    ]
    context.update(
        {
            "light": light_summary(light),
            "exact": exact,
            "blocks": indicator_blocks(
                light, history, year, f"d{department.pk}", exact=exact, lease_count=leases
            ),
            "colour_history": [
                {"year": y, "colour": history["lights"][y]["colour"] or "none"}
                for y in history["years"]
                if y in history["lights"]
            ],
            "twins": twins,
            "twin_indicators": light_indicators,
            "own_cells": own_cells,
            "twin_groups": column_groups(list(light_indicators), own_cells, twins),
        }
    )
    return context


def _department_and_years(request, pk: int):
    department = get_object_or_404(
        access.visible_departments(request.user).select_related("organisation", "municipality"),
        pk=pk,
    )
    years = selectors.years_with_lights(Department.objects.filter(pk=department.pk))
    year = selectors.pick_year(request.GET.get("aar"), years)
    return department, years, year


def department(request, pk: int):
    department, years, year = _department_and_years(request, pk)
    context = department_report(request.user, department, year, years)
    # Interventions the higher apps recommend (the catalogue), through core's hook.
    context["recommendations"] = recommendations_for(
        user=request.user, department=department, year=year
    )
    context["crumbs"] = [
        (_("Traffic light"), reverse("screening:index")),
        (
            department.organisation.name,
            reverse("screening:scorecard", args=[department.organisation_id])
            + (f"?aar={year}" if year else ""),
        ),
    ]
    return render(request, "screening/department.html", context)


def _department_report(request, pk: int) -> Report:
    """The department report, built once for its page and its PDF."""
    department, years, year = _department_and_years(request, pk)
    return Report(
        title=_("Traffic light report %(year)s – %(name)s")
        % {"year": year or "", "name": department.name},
        template="screening/report/_department_body.html",
        head_template="screening/report/_department_head.html",
        context=department_report(request.user, department, year, years),
        filename=f"trafiklys-{department.organisation.name}-{department.number}-{year or ''}",
        stylesheets=REPORT_STYLES,
        pdf_url=reverse("screening:department_report_pdf", args=[department.pk])
        + f"?aar={year or ''}",
        crumbs=[
            (_("Traffic light"), reverse("screening:index")),
            (department.name, reverse("screening:department", args=[department.pk])),
        ],
        current=_("Report"),
    )


def department_report_page(request, pk: int):
    return page_response(request, _department_report(request, pk))


def department_report_pdf(request, pk: int):
    return pdf_response(request, _department_report(request, pk))


def organisation_report(user, organisation, year: int | None, years: list[int]) -> dict:
    departments = access.visible_departments(user).filter(organisation=organisation)
    indicators = selectors.light_indicators()
    context = {
        "organisation": organisation,
        "year": year,
        "years": year_options(years, year),
        "indicators": indicators,
    }
    if year is None:
        return context
    rows = selectors.sort_rows(
        selectors.scorecard_rows(departments, indicators, year), "score", True
    )
    selectors.build_cells(rows, indicators)
    names = {i.code: i.name for i in indicators}
    exact = screening_access.sees_exact_figures(user, organisation.pk)
    for row in rows:
        row.red_names = [names[c.code] for c in row.cells if c.colour == "red"]
        row.cells = [
            without_small(c, i, row.department.lease_count, exact)
            for c, i in zip(row.cells, indicators, strict=True)
        ]
    distribution = selectors.colour_distribution(departments, year)
    context.update(
        {
            "rows": rows,
            "counts": selectors.colour_counts(rows),
            "distribution_chart": charts.colour_distribution_chart(
                distribution,
                title=_("Departments per light, %(first)s–%(last)s")
                % {"first": min(distribution, default=year), "last": year},
                key=f"o{organisation.pk}",
            ),
            "red_lights": [
                {**r, "briefing": analysis_view(r["briefed"])}
                for r in selectors.red_analyses(departments, year)
            ],
        }
    )
    return context


def _organisation_and_years(request, pk: int):
    organisation = get_object_or_404(access.visible_organisations(request.user), pk=pk)
    departments = access.visible_departments(request.user).filter(organisation=organisation)
    years = selectors.years_with_lights(departments)
    return organisation, years, selectors.pick_year(request.GET.get("aar"), years)


def _organisation_report(request, pk: int) -> Report:
    """The organisation report, built once for its page and its PDF."""
    organisation, years, year = _organisation_and_years(request, pk)
    return Report(
        title=_("Traffic light report %(year)s – %(name)s")
        % {"year": year or "", "name": organisation.name},
        template="screening/report/_organisation_body.html",
        head_template="screening/report/_organisation_head.html",
        actions_template="screening/_year_form.html",
        context=organisation_report(request.user, organisation, year, years),
        filename=f"trafiklys-{organisation.name}-{year or ''}",
        stylesheets=REPORT_STYLES,
        pdf_url=(
            reverse("screening:organisation_report_pdf", args=[organisation.pk]) + f"?aar={year}"
            if year
            else ""
        ),
        crumbs=[
            (_("Traffic light"), reverse("screening:index")),
            (organisation.name, reverse("screening:scorecard", args=[organisation.pk])),
        ],
        current=_("Report"),
    )


def organisation_report_page(request, pk: int):
    return page_response(request, _organisation_report(request, pk))


def organisation_report_pdf(request, pk: int):
    return pdf_response(request, _organisation_report(request, pk))


# --- area, municipality, statutory lists -------------------------------------------------------
