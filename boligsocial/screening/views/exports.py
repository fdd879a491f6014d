"""The scorecard as Excel or CSV (issue 13, item 11): one row per department the user sees in
the organisation, the light, the score and every indicator's value as numbers (a suppressed
value is an empty cell, as on the page; for a viewer who does not see the organisation's exact
figures a small count is empty too, as on the page: screening/access.py, decision 0024), through
the one neutralising writer (core/exports.py). Aggregates of departments, no personal data: not
access-logged."""

from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet
from boligsocial.organisations import access
from boligsocial.screening import access as screening_access
from boligsocial.screening import selectors


def _colour_labels() -> dict:
    return {"red": _("Red"), "yellow": _("Yellow"), "green": _("Green"), "none": _("No light")}


def scorecard_export(request, pk: int):
    user = request.user
    organisation = get_object_or_404(access.visible_organisations(user), pk=pk)
    departments = access.visible_departments(user).filter(organisation=organisation)
    years = selectors.years_with_lights(departments)
    year = selectors.pick_year(request.GET.get("aar"), years)
    indicators = selectors.light_indicators()
    rows = selectors.scorecard_rows(departments, indicators, year) if year else []
    exact = screening_access.sees_exact_figures(user, organisation.pk)

    def value(row, indicator):
        found = row.value_of(indicator.code)
        if exact or found is None:
            return found
        small = screening_access.small_figure(indicator.unit, found, row.department.lease_count)
        return None if small is not None else found

    labels = _colour_labels()
    header = [_("Dept. no."), _("Department"), _("Municipality"), _("Traffic light"), _("Score")]
    header += [i.name for i in indicators]
    lines = [
        [
            r.department.number,
            r.department.name,
            r.department.municipality.name,
            labels.get(r.colour, r.colour),
            r.score,
            *(value(r, i) for i in indicators),
        ]
        for r in rows
    ]
    title = _("Traffic light %(year)s") % {"year": year} if year else _("Traffic light")
    name = f"trafiklys-{slugify(organisation.name)}-{year or ''}".rstrip("-")
    return table_response([Sheet(title, header, lines)], name, chosen_format(request))
