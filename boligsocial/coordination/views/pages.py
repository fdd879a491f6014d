"""The coordination's read pages: the municipality's picture, overlaps, gaps, contacts, the
map with its table alternative and GeoJSON, the efforts, the exports."""

import django_filters
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from boligsocial.audit.services import log_read, log_reads
from boligsocial.coordination import access, geo, selectors
from boligsocial.coordination import picture as picture_cache
from boligsocial.coordination.models import Effort, OwnerKind, Source, TargetGroup
from boligsocial.coordination.views.common import get_effort, get_municipality, picture
from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet
from boligsocial.core.listing import Listing, SortColumn, build_listing
from boligsocial.core.permissions import can
from boligsocial.core.reports import Report, pdf_response

OVERLAPS_PER_PAGE = 50


def _crumbs(municipality=None) -> list:
    crumbs = [(_("Coordination"), reverse("coordination:index"))]
    if municipality is not None:
        crumbs.append(
            (municipality.name, reverse("coordination:municipality", args=[municipality.code]))
        )
    return crumbs


def _tabs(municipality, current: str) -> list[dict]:
    labels = (
        ("municipality", _("Overview")),
        ("efforts", _("Efforts")),
        ("overlaps", _("Overlaps")),
        ("gaps", _("Gaps")),
        ("map", _("Map")),
        ("contacts", _("Contacts")),
    )
    return [
        {
            "label": label,
            "url": reverse(f"coordination:{key}", args=[municipality.code]),
            "current": key == current,
        }
        for key, label in labels
    ]


def _context(request, pic, current: str) -> dict:
    m = pic.municipality
    return {
        "municipality": m,
        "pic": pic,
        "tabs": _tabs(m, current),
        "crumbs": _crumbs(),
        "may_create": can(request.user, access.CREATE_EFFORT, m),
        "query": request.GET.urlencode(),
    }


def index(request):
    municipalities = list(access.visible_municipalities(request.user).order_by("name"))
    return render(
        request,
        "coordination/index.html",
        {
            "municipalities": municipalities,
            "may_manage_groups": can(request.user, access.MANAGE_TARGET_GROUPS, None),
        },
    )


def municipality(request, code: int):
    """The overview. Its matrix, timeline and counts are the same for everyone who may see the
    municipality: rendered once per picture and language and kept in the shared cache."""
    m = get_municipality(request, code)
    pic = picture(request, m)
    context = _context(request, pic, "municipality")
    name = pic.key(f"overview:{get_language()}")
    html = picture_cache.shared().get(name)
    if html is None:
        bundle = pic.bundle
        html = render_to_string(
            "coordination/_overview.html",
            {
                "municipality": m,
                "matrix": selectors.matrix(bundle.efforts, bundle.places),
                "timeline": selectors.timeline(bundle.efforts, pic.start, pic.end),
                "open_count": bundle.open_count,
                "overlap_count": len(bundle.found),
                "gap_count": len(bundle.gaps),
            },
        )
        picture_cache.shared().set(name, html, picture_cache.TIMEOUT)
    context["overview"] = mark_safe(html)  # noqa: S308 - our own template's output
    return render(request, "coordination/municipality.html", context)


OVERLAP_STATES = (
    ("open", gettext_lazy("Open and open again")),
    ("decided", gettext_lazy("Decided")),
    ("all", gettext_lazy("All")),
)


def overlaps(request, code: int):
    m = get_municipality(request, code)
    pic = picture(request, m)
    context = _context(request, pic, "overlaps")
    bundle = pic.bundle
    state = request.GET.get("status", "all")
    wanted = {"open": ("open", "reopened"), "decided": ("coordinated", "duplicate")}.get(state)
    if wanted is None:
        state, found = "all", bundle.found
    else:
        found = [o for o, s in zip(bundle.found, bundle.states(), strict=True) if s in wanted]
    page = Paginator(found, OVERLAPS_PER_PAGE).get_page(request.GET.get("side"))
    page.object_list = bundle.rows(page.object_list)
    for row in page.object_list:
        row.may_decide = can(request.user, access.DECIDE_OVERLAP, (row.a, row.b))
    params = {k: v for k, v in request.GET.items() if k != "side"}
    context.update(
        {
            "rows": page.object_list,
            "listing": Listing(page=page, query="", sort="", base_params=params, page_param="side"),
            "state": state,
            "states": OVERLAP_STATES,
            "total": len(bundle.found),
        }
    )
    return render(request, "coordination/overlaps.html", context)


def gaps(request, code: int):
    m = get_municipality(request, code)
    pic = picture(request, m)
    context = _context(request, pic, "gaps")
    context["rows"] = pic.bundle.gaps
    return render(request, "coordination/gaps.html", context)


def contacts(request, code: int):
    m = get_municipality(request, code)
    pic = picture(request, m)
    context = _context(request, pic, "contacts")
    rows = selectors.contacts(pic.efforts, pic.places)
    group = request.GET.get("maalgruppe", "")
    if group.isdigit():
        rows = [r for r in rows if r["group"].pk == int(group)]
    context.update({"rows": rows, "groups": TargetGroup.objects.all(), "group": group})
    log_reads(
        user=request.user,
        objs={r["effort"].pk: r["effort"] for r in rows}.values(),
        route=request.path,
        purpose="contacts",
    )
    return render(request, "coordination/contacts.html", context)


def _tile_url() -> str:
    return getattr(settings, "COORDINATION_TILE_URL", "") or ""


def _tile_origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return ""
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in url else parts.netloc
    return f"{parts.scheme}://{host}"


def map_page(request, code: int):
    m = get_municipality(request, code)
    pic = picture(request, m)
    context = _context(request, pic, "map")
    data = map_data(request, m, pic)
    context.update(
        {
            "table": data["table"],
            "extra_tables": data["extra_tables"],
            "geojson_url": reverse("coordination:map_data", args=[m.code])
            + (f"?{request.GET.urlencode()}" if request.GET else ""),
            "outline_url": settings.STATIC_URL + "vendor/denmark/denmark.geojson",
            "tile_url": _tile_url(),
            "tile_attribution": getattr(settings, "COORDINATION_TILE_ATTRIBUTION", ""),
        }
    )
    response = render(request, "coordination/map.html", context)
    origin = _tile_origin(_tile_url())
    if origin:  # django-csp's per-response update (what its csp_update decorator sets)
        response._csp_update = {"img-src": [origin]}
    return response


def map_data(request, m, pic) -> dict:
    """The map's layers (departments/areas with their light, efforts, gaps and the layers other
    apps register) and the same as rows for the table alternative."""
    places = picture_cache.places_geojson(m, pic.stamp)
    points, centres, lights_of = {}, {}, {}
    for f in places["features"]:
        props = f["properties"]
        if props["kind"] == "department":
            points[props["id"]] = f["geometry"]["coordinates"]
            lights_of[props["id"]] = props["light"]
        elif props["kind"] == "area":
            centres[props["id"]] = props["centre"]
    bundle = pic.bundle
    effort_features = []
    efforts_at: dict[int, int] = {}
    for e in bundle.efforts:
        for department in selectors.departments_of(e, bundle.places):
            efforts_at[department] = efforts_at.get(department, 0) + 1
        kind, pk = selectors.place_of(e)
        at = geo.place_point(kind, pk, points, centres)
        if at is None:
            continue
        effort_features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": at},
                "properties": {
                    "kind": "effort",
                    "name": e.name,
                    "text": f"{e.owner_label} · {e.place_label} · "
                    + ", ".join(g.name for g in e.groups),
                },
            }
        )
    gap_features = []
    gap_departments = set()
    for g in bundle.gaps:
        if g.kind == "department":
            gap_departments.add(g.place.pk)
        at = geo.place_point(g.kind, g.place.pk, points, centres)
        if at is None:
            continue
        gap_features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": at},
                "properties": {"kind": "gap", "name": str(g.place), "text": "; ".join(g.reasons)},
            }
        )
    from boligsocial.core import contributions

    extra = contributions.map_layers(user=request.user, municipality_code=m.code)
    layers = [
        {"key": "places", "label": _("Departments and areas"), **places},
        {
            "key": "efforts",
            "label": _("Efforts"),
            "type": "FeatureCollection",
            "features": effort_features,
        },
        {"key": "gaps", "label": _("Gaps"), "type": "FeatureCollection", "features": gap_features},
        *(
            {
                "key": layer.key,
                "label": layer.label,
                "type": "FeatureCollection",
                "features": list(layer.features),
            }
            for layer in extra
        ),
    ]
    lights = {"red": _("Red"), "yellow": _("Yellow"), "green": _("Green"), "": _("No light")}
    table = [
        {
            "kind": _("Department"),
            "name": str(d),
            "organisation": d.organisation_name,
            "light": lights.get(lights_of.get(d.pk, ""), ""),
            "has_point": d.pk in points,
            "efforts": efforts_at.get(d.pk, 0),
            "gap": d.pk in gap_departments,
        }
        for d in sorted(bundle.places.departments.values(), key=str)
    ]
    extra_tables = [
        {
            "key": layer.key,
            "label": layer.label,
            "rows": [
                {"name": f["properties"].get("name", ""), "text": f["properties"].get("text", "")}
                for f in layer.features
            ],
        }
        for layer in extra
    ]
    return {"layers": layers, "table": table, "extra_tables": extra_tables}


def map_geojson(request, code: int):
    m = get_municipality(request, code)
    pic = picture(request, m)
    return HttpResponse(
        geo.encode({"layers": map_data(request, m, pic)["layers"]}), content_type="application/json"
    )


EFFORT_COLUMNS = (
    SortColumn("name", gettext_lazy("Effort"), ("name", "pk")),
    SortColumn("start", gettext_lazy("From"), ("starts_on", "name", "pk")),
    SortColumn("owner", gettext_lazy("Owner"), ("owner_kind", "owner_name", "name", "pk")),
)


class EffortFilter(django_filters.FilterSet):
    owner_kind = django_filters.ChoiceFilter(
        choices=OwnerKind.choices,
        label=gettext_lazy("Owner"),
        empty_label=gettext_lazy("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    source = django_filters.ChoiceFilter(
        choices=Source.choices,
        label=gettext_lazy("Source"),
        empty_label=gettext_lazy("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    target_groups = django_filters.ModelChoiceFilter(
        queryset=TargetGroup.objects.all(),
        label=gettext_lazy("Target group"),
        empty_label=gettext_lazy("All"),
        # the groups' names are Danish data (the vocabulary), also on the English pages
        widget=forms.Select(attrs={"class": "form-select", "lang": "da"}),
    )

    class Meta:
        model = Effort
        fields = ["owner_kind", "source", "target_groups"]


def efforts(request, code: int):
    m = get_municipality(request, code)
    qs = selectors.efforts_of(access.visible_efforts(request.user), m)
    listing = build_listing(
        request,
        qs,
        filterset_class=EffortFilter,
        search_fields=("name", "owner_name", "owner_organisation__name"),
        columns=EFFORT_COLUMNS,
        default_sort="start",
    )
    pic = picture(request, m)
    context = _context(request, pic, "efforts")
    context["listing"] = listing
    return render(request, "coordination/efforts.html", context)


def effort(request, pk: int):
    e = get_effort(request, pk)
    log_read(user=request.user, obj=e, route=request.path, purpose="effort")
    return render(
        request,
        "coordination/effort.html",
        {
            "effort": e,
            "groups": e.groups,
            "crumbs": _crumbs(e.municipality),
            "may_edit": can(request.user, access.EDIT_EFFORT, e),
            "see_budget": can(request.user, access.SEE_BUDGET, e),
        },
    )


def target_groups(request):
    return render(
        request,
        "coordination/target_groups.html",
        {
            "groups": TargetGroup.objects.all(),
            "may_manage": can(request.user, access.MANAGE_TARGET_GROUPS, None),
            "crumbs": _crumbs(),
        },
    )


# --- exports ----------------------------------------------------------------------------------


def sheets(pic, rows, gap_rows) -> list[Sheet]:
    effort_sheet = Sheet(
        _("Efforts"),
        [_("Effort"), _("Owner"), _("Source"), _("Place"), _("Target groups"), _("From"), _("To")],
        [
            [
                e.name,
                e.owner_label,
                e.get_source_display(),
                e.place_label,
                ", ".join(g.name for g in e.groups),
                e.starts_on,
                e.ends_on,
            ]
            for e in pic.efforts
        ],
    )
    states = {
        "open": _("Not decided"),
        "reopened": _("Open again (an effort changed)"),
        "coordinated": _("Coordinated"),
        "duplicate": _("Real duplication"),
    }
    overlap_sheet = Sheet(
        _("Overlaps"),
        [_("Effort"), _("Owner"), _("Effort"), _("Owner"), _("Target groups"), _("Status")],
        [
            [
                r.a.name,
                r.a.owner_label,
                r.b.name,
                r.b.owner_label,
                "; ".join(r.groups),
                states[r.state],
            ]
            for r in rows
        ],
    )
    gap_sheet = Sheet(
        _("Gaps"),
        [_("Place"), _("Reasons"), _("Themes without an effort")],
        [[str(g.place), "; ".join(g.reasons), ", ".join(g.gap.missing_themes)] for g in gap_rows],
    )
    return [effort_sheet, overlap_sheet, gap_sheet]


def export(request, code: int):
    m = get_municipality(request, code)
    pic = picture(request, m)
    return table_response(
        sheets(pic, pic.bundle.overlaps, pic.bundle.gaps),
        f"koordinering-{m.code}",
        chosen_format(request),
        first_column=_("Table"),
    )


def report_pdf(request, code: int):
    m = get_municipality(request, code)
    pic = picture(request, m)
    report = Report(
        title=_("Coordination in %(municipality)s") % {"municipality": m.name},
        template="coordination/report_body.html",
        context={
            "municipality": m,
            "pic": pic,
            "matrix": selectors.matrix(pic.efforts, pic.places),
            "rows": pic.bundle.overlaps,
            "gaps": pic.bundle.gaps,
        },
        filename=f"koordinering-{m.code}.pdf",
    )
    return pdf_response(request, report)
