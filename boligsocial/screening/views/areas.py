"""The trafiklys pages of housing areas and municipalities, and the statutory lists (+ CSV).

Thin views over `selectors` and `access`: every object is fetched through the access module
(404 outside scope)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligsocial.core.downloads import table_response
from boligsocial.core.exports import Sheet
from boligsocial.core.formatting import format_number
from boligsocial.organisations import access
from boligsocial.screening import selectors
from boligsocial.screening.models import Light, StatutoryStatus
from boligsocial.screening.views.pages import (
    CRITERION_LABELS,
    LIST_LABELS,
    indicator_blocks,
    light_summary,
    year_options,
)


@dataclass
class CriterionRow:
    name: str
    label: str
    value: str
    threshold: str
    met: bool
    distance_pp: str
    persons: str


def _num(value, decimals: int = 1) -> str:
    if value is None or value == "":
        return ""
    return format_number(Decimal(str(value)), decimals)


def _criteria_rows(details: dict) -> list[CriterionRow]:
    rows = []
    for c in details.get("criteria") or []:
        name = c.get("name", "")
        is_residents = name == "beboere"
        decimals = 0 if is_residents else (2 if "kriminalitet" in name else 1)
        rows.append(
            CriterionRow(
                name=name,
                label=str(CRITERION_LABELS.get(name, name)),
                value=_num(c.get("value"), decimals),
                threshold=_num(c.get("threshold"), decimals),
                met=bool(c.get("met")),
                distance_pp=_num(c.get("distance_pp"), decimals),
                persons=""
                if c.get("persons_to_flip") is None
                else _num(c.get("persons_to_flip"), 0),
            )
        )
    return rows


def _forecast(details: dict) -> dict | None:
    forecast = details.get("forecast")
    if not forecast:
        return None
    deciding = forecast.get("deciding_criterion")
    return {
        "year": forecast.get("year"),
        "lists": [str(LIST_LABELS.get(x, x)) for x in forecast.get("lists") or []],
        "entering": [str(LIST_LABELS.get(x, x)) for x in forecast.get("entering") or []],
        "leaving": [str(LIST_LABELS.get(x, x)) for x in forecast.get("leaving") or []],
        "deciding": str(CRITERION_LABELS.get(deciding, deciding)) if deciding else "",
    }


def _run_notes(details: dict) -> dict:
    """What the parallelsamfund run says of a published year: the flags it derived, the
    published lists that contradict it, and next year's outlook (`statutory.evaluate_area`)."""
    run = details.get("parallelsamfund_years") or 0
    sources = details.get("list_sources") or {}
    derived = [str(LIST_LABELS.get(x, x)) for x, source in sources.items() if source == "derived"]
    warnings = [
        _(
            "Published as an omdannelsesområde, but only %(n)s years in a row on the "
            "parallel-society list (omdannelse requires 5)."
        )
        % {"n": w.get("parallelsamfund_years")}
        for w in details.get("warnings") or []
    ]
    outlook = details.get("outlook")
    outlook_text = ""
    if outlook:
        values = {"year": outlook.get("year"), "n": outlook.get("parallelsamfund_year")}
        if outlook.get("omdannelse"):
            outlook_text = _(
                "If it is on the parallel-society list in %(year)s: year %(n)s on the "
                "list → omdannelsesområde."
            )
        else:
            values["from"] = outlook.get("omdannelse_from")
            outlook_text = _(
                "If it is on the parallel-society list in %(year)s: year %(n)s on the "
                "list → omdannelsesområde from %(from)s if it stays on the list every year."
            )
        outlook_text %= values
    return {"derived": derived, "run": run, "warnings": warnings, "outlook": outlook_text}


def _status_view(status: StatutoryStatus) -> dict:
    details = status.details or {}
    return {
        "status": status,
        "lists": [str(LIST_LABELS.get(x, x)) for x in status.lists],
        "criteria": _criteria_rows(details),
        "criteria_met": [str(CRITERION_LABELS.get(x, x)) for x in status.criteria_met],
        "forecast": _forecast(details),
        **_run_notes(details),
    }


def area(request, pk: int):
    user = request.user
    area = get_object_or_404(access.visible_areas(user).select_related("municipality"), pk=pk)
    years = selectors.years_with_lights(area=area)
    status_years = list(
        StatutoryStatus.objects.filter(area=area).order_by("-year").values_list("year", flat=True)
    )
    all_years = sorted(set(years) | set(status_years), reverse=True)
    year = selectors.pick_year(request.GET.get("aar"), all_years)
    light = (
        Light.objects.filter(area=area, year=year).select_related("weight_set").first()
        if year
        else None
    )
    blocks = []
    if year:
        history = selectors.area_history(area, year)
        blocks = indicator_blocks(light, history, year, f"a{area.pk}")
    statuses = list(StatutoryStatus.objects.filter(area=area).order_by("-year"))
    current = next((s for s in statuses if s.year == year), None)
    return render(
        request,
        "screening/area.html",
        {
            "area": area,
            "crumbs": [(_("Traffic light"), reverse("screening:index"))],
            "year": year,
            "years": year_options(all_years, year),
            "light": light_summary(light),
            "blocks": blocks,
            "status": _status_view(current) if current else None,
            "status_history": [
                {
                    "year": s.year,
                    "lists": [str(LIST_LABELS.get(x, x)) for x in s.lists],
                    "from_published": s.from_published,
                }
                for s in statuses
            ],
            "departments": access.visible_departments(user)
            .filter(areas=area)
            .select_related("organisation")
            .order_by("organisation__name", "number"),
        },
    )


def municipality(request, code: int):
    user = request.user
    municipality = get_object_or_404(access.visible_municipalities(user), code=code)
    departments = access.visible_departments(user).filter(municipality=municipality)
    years = selectors.years_with_lights(departments)
    year = selectors.pick_year(request.GET.get("aar"), years)
    organisations = selectors.municipality_colour_counts(user, municipality, year) if year else []
    statuses = (
        [_status_view(s) for s in selectors.statuses(user, year, municipality.code)] if year else []
    )
    totals = {c: sum(o[c] for o in organisations) for c in (*selectors.COLOURS, "total")}
    return render(
        request,
        "screening/municipality.html",
        {
            "municipality": municipality,
            "crumbs": [(_("Traffic light"), reverse("screening:index"))],
            "year": year,
            "years": year_options(years, year),
            "organisations": organisations,
            "totals": totals,
            "statuses": statuses,
        },
    )


def _statutory_filter(request):
    user = request.user
    years = selectors.statutory_years(user)
    year = selectors.pick_year(request.GET.get("aar"), years)
    municipalities = list(
        access.visible_municipalities(user)
        .filter(code__in=access.visible_areas(user).values("municipality_id"))
        .order_by("name")
    )
    code = request.GET.get("kommune", "")
    chosen = int(code) if code.isdigit() and int(code) in {m.code for m in municipalities} else None
    rows = [_status_view(s) for s in selectors.statuses(user, year, chosen)] if year else []
    return years, year, municipalities, chosen, rows


def statutory_lists(request):
    years, year, municipalities, chosen, rows = _statutory_filter(request)
    by_list = {key: [r for r in rows if key in r["status"].lists] for key in LIST_LABELS}
    params = {k: v for k, v in (("aar", year), ("kommune", chosen)) if v}
    return render(
        request,
        "screening/statutory_lists.html",
        {
            "crumbs": [(_("Traffic light"), reverse("screening:index"))],
            "year": year,
            "years": year_options(years, year),
            "municipalities": [
                {"code": m.code, "name": m.name, "selected": m.code == chosen}
                for m in municipalities
            ],
            "rows": rows,
            "lists": [
                {"key": key, "label": LIST_LABELS[key], "rows": by_list[key]} for key in LIST_LABELS
            ],
            "csv_url": reverse("screening:statutory_lists_csv")
            + ("?" + urlencode(params) if params else ""),
            "xlsx_url": reverse("screening:statutory_lists_xlsx")
            + ("?" + urlencode(params) if params else ""),
        },
    )


CSV_CRITERIA = tuple(CRITERION_LABELS)


def _raw(criteria: list, name: str, key: str, decimals: int):
    """A criterion's figure as a number (rounded as the page shows it), or None."""
    for c in criteria:
        if c.get("name") == name and c.get(key) not in (None, ""):
            return round(Decimal(str(c[key])), decimals)
    return None


def _statutory_sheet(request) -> tuple[Sheet, str]:
    """The statutory-lists table with real numbers (Danish headers), and the file's name."""
    _years, year, _municipalities, chosen, rows = _statutory_filter(request)
    header = [_("Year"), _("Housing area"), _("Municipality"), _("Lists"), _("Criteria met")]
    for key in CSV_CRITERIA:
        header += [
            _("%(criterion)s: distance (pp)") % {"criterion": CRITERION_LABELS[key]},
            _("%(criterion)s: persons") % {"criterion": CRITERION_LABELS[key]},
        ]
    header += [_("Forecast year"), _("Forecast lists"), _("Deciding criterion")]
    lines = []
    for r in rows:
        status = r["status"]
        criteria = (status.details or {}).get("criteria") or []
        line = [
            status.year,
            status.area.name,
            status.area.municipality.name,
            ", ".join(r["lists"]),
            ", ".join(r["criteria_met"]),
        ]
        for key in CSV_CRITERIA:
            decimals = 0 if key == "beboere" else (2 if "kriminalitet" in key else 1)
            line += [
                _raw(criteria, key, "distance_pp", decimals),
                _raw(criteria, key, "persons_to_flip", 0),
            ]
        forecast = r["forecast"] or {}
        line += [
            forecast.get("year") or None,
            ", ".join(forecast.get("lists") or []),
            forecast.get("deciding") or "",
        ]
        lines.append(line)
    name = f"lovbestemte-lister-{year or ''}{'-' + str(chosen) if chosen else ''}"
    return Sheet(_("Statutory lists"), header, lines), name


def statutory_lists_csv(request):
    """The statutory-lists table as CSV for Excel: UTF-8 with BOM, semicolons, decimal comma;
    text cells that could start a formula neutralised (core/exports.py)."""
    sheet, name = _statutory_sheet(request)
    return table_response([sheet], name, "csv")


def statutory_lists_xlsx(request):
    """The same table as an Excel workbook with real number cells."""
    sheet, name = _statutory_sheet(request)
    return table_response([sheet], name, "xlsx")
