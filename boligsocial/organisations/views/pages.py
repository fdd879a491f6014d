"""The housing pages: municipality, organisation, department, area. Thin views over
`selectors` and `access`; every object is fetched through the access module (404 outside
scope)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core import permissions
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.partials import render_page
from boligsocial.organisations import access, selectors

DEPARTMENT_COLUMNS = (
    SortColumn("number", _("No."), ("organisation__name", "number")),
    SortColumn("name", _("Name"), ("name", "id")),
    SortColumn("address", _("Address"), ("address", "id")),
    SortColumn("leases", _("Leases"), ("lease_count", "id")),
    SortColumn("built", _("Built"), ("year_built", "id")),
)
DEPARTMENT_SEARCH = ("name", "address", "city", "postal_code")
MANAGE_PEOPLE = "manage_people"  # registered by the accounts app, if installed
LEASE_COLUMNS = (
    SortColumn("address", _("Address"), ("address", "unit")),
    SortColumn("m2", _("Size (m²)"), ("area_m2", "address", "unit")),
    SortColumn("rooms", _("Rooms"), ("rooms", "address", "unit")),
)


def municipality_list(request):
    listing = build_listing(
        request,
        selectors.municipalities_with_counts(request.user),
        search_fields=("name", "region__name"),
        columns=(
            SortColumn("code", _("Code"), ("code",)),
            SortColumn("name", _("Municipality"), ("name",)),
            SortColumn("region", _("Region"), ("region__name", "name")),
        ),
        default_sort="name",
        per_page=100,
    )
    return render_page(
        request,
        "organisations/municipality_list.html",
        "results",
        {"listing": listing},
    )


def municipality_detail(request, code: int):
    municipality = get_object_or_404(access.visible_municipalities(request.user), code=code)
    user = request.user
    departments = selectors.departments_for_listing(user).filter(municipality=municipality)
    organisations = selectors.organisations_with_counts(user, departments).order_by("name")
    listing = build_listing(
        request,
        departments,
        search_fields=DEPARTMENT_SEARCH,
        columns=DEPARTMENT_COLUMNS,
        default_sort="number",
    )
    areas = selectors.areas_with_departments(user).filter(municipality=municipality)
    return render_page(
        request,
        "organisations/municipality_detail.html",
        "departments",
        {
            "municipality": municipality,
            "crumbs": [(_("Municipalities"), reverse("organisations:municipality_list"))],
            "organisations": organisations,
            "listing": listing,
            "areas": areas,
        },
    )


def organisation_list(request):
    listing = build_listing(
        request,
        selectors.organisations_with_counts(request.user),
        search_fields=("name", "cvr"),
        columns=(
            SortColumn("name", _("Name"), ("name",)),
            SortColumn("cvr", _("CVR number"), ("cvr",)),
            SortColumn("departments", _("Departments"), ("department_total", "name")),
        ),
        default_sort="name",
    )
    return render_page(
        request,
        "organisations/organisation_list.html",
        "results",
        {"listing": listing},
    )


def organisation_detail(request, pk: int):
    user = request.user
    organisation = get_object_or_404(access.visible_organisations(user), pk=pk)
    listing = build_listing(
        request,
        selectors.departments_for_listing(user).filter(organisation=organisation),
        search_fields=DEPARTMENT_SEARCH,
        columns=DEPARTMENT_COLUMNS,
        default_sort="number",
    )
    areas = selectors.areas_with_departments(user).filter(departments__organisation=organisation)
    return render_page(
        request,
        "organisations/organisation_detail.html",
        "departments",
        {
            "organisation": organisation,
            "crumbs": [(_("Housing organisations"), reverse("organisations:organisation_list"))],
            "listing": listing,
            "areas": areas.distinct(),
            "can_manage": permissions.can(user, access.MANAGE, organisation),
            "can_manage_people": permissions.can(user, MANAGE_PEOPLE, organisation)
            if MANAGE_PEOPLE in permissions.registered_actions()
            else False,
        },
    )


def department_detail(request, pk: int):
    user = request.user
    department = get_object_or_404(
        selectors.departments_for_listing(user).prefetch_related("areas"), pk=pk
    )
    can_view_leases = permissions.can(user, access.VIEW_LEASES, department)
    can_manage = permissions.can(user, access.MANAGE, department)
    context = {
        "department": department,
        "crumbs": [
            (
                department.organisation.name,
                reverse("organisations:organisation", args=[department.organisation_id]),
            )
        ],
        "areas": department.areas.all(),
        "can_view_leases": can_view_leases,
        "can_manage": can_manage,
        "lease_rows": department.leases.count(),
    }
    if can_view_leases:
        context["listing"] = build_listing(
            request,
            access.visible_leases(user).filter(department=department),
            search_fields=("address", "unit"),
            columns=LEASE_COLUMNS,
            default_sort="address",
            per_page=50,
        )
    else:
        context["lease_summary"] = selectors.lease_summary(department)
    if can_manage:
        context["changes"] = selectors.history_of(department)
    return render_page(request, "organisations/department_detail.html", "leases", context)


def area_list(request):
    listing = build_listing(
        request,
        selectors.areas_with_departments(request.user),
        search_fields=("name", "municipality__name"),
        columns=(
            SortColumn("name", _("Name"), ("name",)),
            SortColumn("municipality", _("Municipality"), ("municipality__name", "name")),
            SortColumn("departments", _("Departments"), ("department_total", "name")),
        ),
        default_sort="name",
    )
    return render_page(
        request,
        "organisations/area_list.html",
        "results",
        {"listing": listing},
    )


def area_detail(request, pk: int):
    area = get_object_or_404(selectors.areas_with_departments(request.user), pk=pk)
    hidden = area.department_total - len(area.visible_departments)
    return render(
        request,
        "organisations/area_detail.html",
        {
            "area": area,
            "crumbs": [(_("Housing areas"), reverse("organisations:area_list"))],
            "departments": area.visible_departments,
            "hidden_count": hidden,
            "lease_total": sum(d.lease_count for d in area.visible_departments),
        },
    )
