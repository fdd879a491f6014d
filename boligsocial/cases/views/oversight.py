"""For the head of social services and administrators: the access-log search and the export of
everything about one person (the right of access). Statistics (counts only) for everyone who
sees departments."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from boligsocial.audit.models import AccessLogEntry
from boligsocial.audit.services import log_reads
from boligsocial.cases import access, forms, services
from boligsocial.cases.filters import AccessLogFilter
from boligsocial.cases.models import Case, CaseKind, Category, Outcome, Status, Track
from boligsocial.cases.statistics import for_viewer as statistics_for_viewer
from boligsocial.cases.views.common import posted as _posted
from boligsocial.cases.views.common import route_of
from boligsocial.core import permissions
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.partials import render_page
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        export = services.person_export(
            access.visible_cases(user).filter(organisation__in=organisations),
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
        )
        log_reads(user=user, objs=export.cases, route=route_of(request), purpose="indsigt")
        body = json.dumps(_export_json(export), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="indsigt-{stamp}.json"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "cases/person_export.html", {"form": form})


def statistics(request):
    """Counts only (services.statistics returns no personal data), for the departments the user
    sees; small numbers suppressed unless the user is staff of the organisations
    (cases/statistics.py)."""
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
    return render(
        request,
        "cases/statistics.html",
        {
            "form": form,
            "year": year,
            "stats": stats,
            "tables": tables,
            "exact": published.exact,
            "min_count": published.min_count,
        },
    )
