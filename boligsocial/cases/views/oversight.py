"""For the head of social services and administrators: the access-log search and the export of
everything about one person (the right of access). Statistics (counts only) for everyone who
sees departments."""

import json
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from boligsocial.audit.models import AccessLogEntry
from boligsocial.audit.services import log_reads
from boligsocial.cases import access, forms, services
from boligsocial.cases.filters import AccessLogFilter
from boligsocial.cases.models import Case, CaseKind, Category, Outcome, Status, Track
from boligsocial.cases.routes import route_label
from boligsocial.cases.statistics import for_viewer as statistics_for_viewer
from boligsocial.cases.views.common import posted as _posted
from boligsocial.cases.views.common import route_of
from boligsocial.core import permissions
from boligsocial.core.disclosure import Figure
from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.partials import render_page
from boligsocial.core.reports import Report, pdf_response
from boligsocial.organisations import access as housing

LOG_COLUMNS = (
    SortColumn("at", _("Time"), ("at", "id")),
    SortColumn("user", _("User"), ("user__username", "at", "id")),
    SortColumn("case", _("Case"), ("object_repr", "at", "id")),
    SortColumn("route", _("Route"), ("route", "at", "id")),
)


def _log_organisations(user):
    organisations = list(access.access_log_organisations(user))
    if not organisations:
        raise PermissionDenied
    return organisations


def access_log(request):
    organisations = _log_organisations(request.user)
    case_ids = (
        Case.objects.filter(organisation__in=organisations)
        .annotate(key=Cast("pk", CharField()))
        .values("key")
    )
    entries = AccessLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id__in=case_ids
    ).select_related("user")
    listing = build_listing(
        request,
        entries,
        filterset_class=AccessLogFilter,
        columns=LOG_COLUMNS,
        default_sort="-at",
        per_page=50,
    )
    entries = list(listing.page.object_list)
    for entry in entries:
        entry.route_label = route_label(entry.route)
    listing.page.object_list = entries
    return render_page(
        request,
        "cases/access_log.html",
        "results",
        {"form": listing.filterset.form, "listing": listing},
    )


def _export_json(export) -> dict:
    """The person export as plain data: the matching party rows and every case they are in."""

    def person(p):
        return {
            "role": p.get_role_display(),
            "name": p.name,
            "lease": str(p.lease) if p.lease_id else "",
            "phone": p.phone,
            "email": p.email,
        }

    return {
        "search": export.query,
        "made_at": timezone.localtime().isoformat(timespec="seconds"),
        "matches": [
            {"case": p.case.reference if hasattr(p, "case") else p.case_id, **person(p)}
            for p in export.parties
        ],
        "cases": [
            {
                "reference": c.reference,
                "organisation": str(c.organisation),
                "department": c.department.name,
                "address": c.address,
                "type": c.get_kind_display(),
                "track": c.get_track_display(),
                "category": c.get_category_display(),
                "status": c.get_status_display(),
                "outcome": c.get_outcome_display(),
                "received": c.received_at.isoformat(timespec="minutes"),
                "closed": c.closed_at.isoformat(timespec="minutes") if c.closed_at else None,
                "description": c.description,
                "parties": [person(p) for p in c.parties.all()],
                "timeline": [
                    {
                        "time": e.occurred_at.isoformat(timespec="minutes"),
                        "type": e.get_kind_display(),
                        "text": e.text,
                    }
                    for e in c.events.all()
                ],
                "letters": [
                    {"type": letter.get_kind_display(), "text": letter.rendered_body}
                    for letter in c.letters.all()
                ],
                "attachments": [a.original_name for a in c.attachments.all()],
                "deadlines": [
                    {"type": d.get_kind_display(), "due": d.due.isoformat()}
                    for d in c.deadlines.all()
                ],
            }
            for c in export.cases
        ],
    }


def _export_sheets(data: dict) -> list[Sheet]:
    """The person export as workbook sheets (Danish headers), from the same data as the JSON."""
    person = [_("Role"), _("Name"), _("Lease"), _("Phone"), _("E-mail")]
    cases = data["cases"]

    def party(p):
        return [p["role"], p["name"], p["lease"], p["phone"], p["email"]]

    return [
        Sheet(
            _("Matches"), [_("Case"), *person], [[m["case"], *party(m)] for m in data["matches"]]
        ),
        Sheet(
            _("Cases"),
            [
                _("Case"), _("Housing organisation"), _("Department"), _("Address"), _("Type"),
                _("Track"), _("Category"), _("Status"), _("Outcome"), _("Received"), _("Closed"),
                _("Description"),
            ],
            [
                [
                    c["reference"], c["organisation"], c["department"], c["address"], c["type"],
                    c["track"], c["category"], c["status"], c["outcome"], c["received_at"],
                    c["closed_at"], c["description"],
                ]
                for c in cases
            ],
        ),
        Sheet(
            _("Parties"),
            [_("Case"), *person],
            [[c["reference"], *party(p)] for c in cases for p in c["parties"]],
        ),
        Sheet(
            _("Timeline"),
            [_("Case"), _("Time"), _("Type"), _("Note")],
            [
                [c["reference"], e["occurred_at"], e["type"], e["text"]]
                for c in cases
                for e in c["timeline"]
            ],
        ),
        Sheet(
            _("Letters"),
            [_("Case"), _("Type"), _("Text")],
            [[c["reference"], x["type"], x["text"]] for c in cases for x in c["letters"]],
        ),
        Sheet(
            _("Deadlines"),
            [_("Case"), _("Type"), _("Due")],
            [[c["reference"], d["type"], d["due_on"]] for c in cases for d in c["deadlines"]],
        ),
    ]  # fmt: skip


@require_http_methods(["GET", "POST"])
def person_export(request):
    user = request.user
    organisations = [
        org
        for org in housing.visible_organisations(user)
        if permissions.can(user, access.EXPORT_PERSON_DATA, org)
    ]
    if not organisations:
        raise PermissionDenied
    form = forms.PersonExportForm(_posted(request))
    nothing = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        export = services.person_export(
            access.visible_cases(user).filter(organisation__in=organisations),
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
        )
        if not export.parties:
            nothing = True  # said on the page: no file with nothing in it
        else:
            log_reads(user=user, objs=export.cases, route=route_of(request), purpose="indsigt")
            return _person_export_file(request, export, data.get("format") or "json")
    return render(request, "cases/person_export.html", {"form": form, "nothing": nothing})


def _person_export_file(request, export, fmt: str):
    data = _export_json(export)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "pdf":
        report = Report(
            title=_("Right of access: the cases' information about a person"),
            template="cases/person_export_body.html",
            context={"data": _readable(data), "made_at": timezone.localtime()},
            filename=f"indsigt-{stamp}",
        )
        response = pdf_response(request, report, inline=False)
    elif fmt == "xlsx":
        response = table_response(_export_sheets(_readable(data)), f"indsigt-{stamp}", "xlsx")
    else:
        body = json.dumps(data, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="indsigt-{stamp}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _readable(data: dict) -> dict:
    """The JSON's ISO times as datetimes/dates, for the PDF's and the workbook's Danish dates."""
    from datetime import date, datetime

    def when(text):
        return datetime.fromisoformat(text) if text else None

    cases = []
    for c in data["cases"]:
        cases.append(
            {
                **c,
                "received_at": when(c["received"]),
                "closed_at": when(c["closed"]),
                "timeline": [{**e, "occurred_at": when(e["time"])} for e in c["timeline"]],
                "deadlines": [
                    {**d, "due_on": date.fromisoformat(d["due"])} for d in c["deadlines"]
                ],
            }
        )
    return {**data, "cases": cases}


def _statistics(request):
    """The statistics as the page shows them (form, year, figures, tables, the published
    figures): page and export. Small numbers are suppressed unless the user is staff of the
    organisations (cases/statistics.py)."""
    user = request.user
    departments = access.case_count_departments(user)
    cases = Case.objects.filter(department__in=departments)
    years = sorted({d.year for d in cases.dates("received_at", "year")}, reverse=True)
    this_year = timezone.localdate().year
    if this_year not in years:
        years.insert(0, this_year)
    form = forms.StatisticsFilterForm(
        request.GET or None, years=years, departments=departments.order_by("name")
    )
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or years[0]
    for name in ("track", "category", "kind"):
        if data.get(name):
            cases = cases.filter(**{name: data[name]})
    if data.get("department"):
        cases = cases.filter(department=data["department"])
    published = statistics_for_viewer(user, services.statistics(cases, year))
    stats = published.figures
    labels = {
        "by_track": dict(Track.choices),
        "by_category": dict(Category.choices),
        "by_kind": dict(CaseKind.choices),
        "by_status": dict(Status.choices),
        "by_outcome": dict(Outcome.choices),
    }
    tables = [
        {
            "title": title,
            "rows": [(labels[key].get(k, k), n) for k, n in stats[key].items()],
        }
        for key, title in (
            ("by_track", _("By track")),
            ("by_category", _("By category")),
            ("by_kind", _("By type")),
            ("by_status", _("By status")),
            ("by_outcome", _("By outcome (closed cases)")),
        )
    ]
    return form, year, stats, tables, published


def statistics(request):
    """Counts only (services.statistics returns no personal data), for the departments the user
    sees."""
    form, year, stats, tables, published = _statistics(request)
    query = request.GET.copy()
    query.pop("format", None)
    url = reverse("cases:statistics_export")
    exports = [
        (label, f"{url}?{urlencode({**query.dict(), 'format': fmt})}")
        for fmt, label in (("xlsx", _("Excel")), ("csv", _("CSV")))
    ]
    return render(
        request,
        "cases/statistics.html",
        {
            "form": form,
            "year": year,
            "stats": stats,
            "tables": tables,
            "exports": exports,
            "exact": published.exact,
            "min_count": published.min_count,
        },
    )


def statistics_export(request):
    """The statistics' tables as Excel (a sheet each) or CSV (one table, the breakdown first):
    the same counts as the page, so whatever the page hides is hidden here too ("<5", "x")."""
    _form, year, _stats, tables, _published = _statistics(request)
    header = [_("Value"), _("Cases")]
    sheets = [
        Sheet(
            str(t["title"]),
            header,
            [[str(label), _exported(n)] for label, n in t["rows"]],
        )
        for t in tables
    ]
    return table_response(
        sheets, f"sagsstatistik-{year}", chosen_format(request), first_column=_("Breakdown")
    )


def _exported(count):
    """A count for the export: the number, or the mark that hides it ("<5", "x")."""
    if isinstance(count, Figure):
        return count.value if count.shown else count.mark
    return count
