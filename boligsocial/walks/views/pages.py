"""The read pages: the walk list (and its export), a walk, its findings (and their export),
the follow-up, the closing report (page and PDF) and a finding's photo."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.audit.services import log_read
from boligsocial.core import permissions
from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.reports import Report, page_response, pdf_response
from boligsocial.walks import access, selectors, thumbnails
from boligsocial.walks.filters import WalkFilter
from boligsocial.walks.views.common import get_finding, get_walk, log_names, route_of

COLUMNS = (
    SortColumn("date", gettext_lazy("Date"), ("walk_date", "pk")),
    SortColumn("title", gettext_lazy("Walk"), ("title", "pk")),
    SortColumn("status", gettext_lazy("Status"), ("status", "walk_date")),
    SortColumn("open", gettext_lazy("Open findings"), ("open_count", "walk_date")),
)
EXPORT_MAX_ROWS = 10_000


def _listing(request):
    return build_listing(
        request,
        selectors.overview(access.visible_walks(request.user), timezone.localdate()),
        filterset_class=WalkFilter,
        search_filter="search",
        columns=COLUMNS,
        default_sort="-date",
    )


def index(request):
    listing = _listing(request)
    exports = [
        (label, f"{reverse('walks:index_export')}?{listing.url_for_page(1)[1:]}&format={fmt}")
        for label, fmt in (("Excel", "xlsx"), ("CSV", "csv"))
    ]
    return render(
        request,
        "walks/index.html",
        {
            "listing": listing,
            "may_plan": permissions.can(request.user, access.MANAGE, None),
            "exports": exports,
        },
    )


def index_export(request):
    walks = list(_listing(request).page.paginator.object_list[:EXPORT_MAX_ROWS])
    header = [
        _("Date"),
        _("Walk"),
        _("Housing organisation"),
        _("Departments"),
        _("Municipality"),
        _("Status"),
        _("Findings"),
        _("Open findings"),
        _("Past due"),
        _("Follow-up meeting"),
    ]
    rows = [
        [
            w.walk_date,
            w.title,
            w.organisation.name,
            ", ".join(f"{d.number} {d.name}" for d in w.departments.all()),
            w.municipality.name,
            w.get_status_display(),
            w.finding_count,
            w.open_count,
            w.overdue_count,
            w.follow_up_date,
        ]
        for w in walks
    ]
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    return table_response(
        [Sheet(_("Safety walks"), header, rows)],
        f"tryghedsvandringer-{stamp}",
        chosen_format(request),
    )


def _walk_context(request, walk, **extra):
    data = selectors.summary(walk)
    log_names(request, walk, data.named)
    return {
        "walk": data.walk,
        "s": data,
        "may_manage": permissions.can(request.user, access.MANAGE, walk),
        "today": timezone.localdate(),
        **extra,
    }


def detail(request, pk: int):
    walk = get_walk(request, pk)
    return render(request, "walks/detail.html", _walk_context(request, walk))


def findings(request, pk: int):
    walk = get_walk(request, pk)
    rows = list(selectors.findings_of(walk))
    return render(
        request,
        "walks/findings.html",
        {
            "walk": walk,
            "findings": rows,
            "today": timezone.localdate(),
            "may_manage": permissions.can(request.user, access.MANAGE, walk),
            "exports": [
                ("Excel", reverse("walks:findings_export", args=[walk.pk]) + "?format=xlsx"),
                ("CSV", reverse("walks:findings_export", args=[walk.pk]) + "?format=csv"),
            ],
        },
    )


def findings_export(request, pk: int):
    walk = get_walk(request, pk)
    header = [
        _("No."),
        _("Category"),
        _("Place"),
        _("Latitude"),
        _("Longitude"),
        _("Description"),
        _("Severity"),
        _("Responsible organisation"),
        _("Responsible person or unit"),
        _("Due date"),
        _("Status"),
        _("Note"),
        _("Resolved on"),
    ]
    rows = [
        [
            f.number,
            f.get_category_display(),
            " – ".join(x for x in (f.point.name if f.point else "", f.place_note) if x),
            f.latitude,
            f.longitude,
            f.description,
            f.get_severity_display(),
            f.get_owner_kind_display(),
            f.owner_name,
            f.due_date,
            f.get_status_display(),
            f.status_note,
            f.resolved_on,
        ]
        for f in selectors.findings_of(walk)
    ]
    return table_response(
        [Sheet(_("Findings"), header, rows)],
        f"tryghedsvandring-{walk.pk}-fund",
        chosen_format(request),
    )


def follow_up(request, pk: int):
    walk = get_walk(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "walks/follow_up.html",
        _walk_context(request, walk, f=selectors.follow_up(walk, today)),
    )


def _photos(request, walk, data) -> list[dict]:
    """The findings' photos as thumbnails, in the order of the report (problems by category,
    then the good places); reading them is logged once for the report."""
    findings = [f for g in data.problems for f in g.findings] + list(data.good_places)
    photos = []
    for finding in findings:
        thumb = thumbnails.data_uri(finding)
        if thumb:
            photos.append({"finding": finding, **thumb})
    if photos:
        log_read(user=request.user, obj=walk, route=route_of(request), purpose="foto")
    return photos


def _report(request, walk) -> Report:
    data = selectors.summary(walk)
    log_names(request, walk, data.named)
    return Report(
        title=_("Safety walk: %(title)s") % {"title": walk.title},
        template="walks/report/_body.html",
        context={"s": data, "walk": data.walk, "photos": _photos(request, walk, data)},
        filename=f"tryghedsvandring-{walk.pk}",
        stylesheets=("walks/report.css",),
        pdf_url=reverse("walks:report_pdf", args=[walk.pk]),
        crumbs=[
            (_("Safety walks"), reverse("walks:index")),
            (walk.title, reverse("walks:detail", args=[walk.pk])),
        ],
        current=_("Closing report"),
    )


def report(request, pk: int):
    return page_response(request, _report(request, get_walk(request, pk)))


def report_pdf(request, pk: int):
    return pdf_response(request, _report(request, get_walk(request, pk)))


def photo(request, pk: int):
    finding = get_finding(request, pk)
    if not finding.photo:
        raise Http404
    try:
        handle = finding.photo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_read(user=request.user, obj=finding, route=route_of(request), purpose="foto")
    response = FileResponse(handle, content_type=finding.photo_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="fund-{finding.pk}"'
    return response
