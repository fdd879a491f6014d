"""The pages that show people: the list (one row per role) with its Excel export, one person,
and the yearly review of board members."""

import io
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.accounts import access, forms, selectors
from boligsocial.accounts.views.common import (
    display_name,
    get_person,
    people_crumbs,
    require_people_admin,
)
from boligsocial.audit.services import log_reads
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.partials import render_page
from boligsocial.core.permissions import can

COLUMNS = (
    SortColumn("name", gettext_lazy("Name"), ("user__first_name", "user__last_name", "id")),
    SortColumn("email", gettext_lazy("E-mail"), ("user__email", "id")),
    SortColumn("role", gettext_lazy("Role"), ("role_order", "user__first_name", "id")),
    SortColumn("place", gettext_lazy("Where"), ("place", "department__number", "id")),
    SortColumn("appointed", gettext_lazy("Appointed"), ("appointed_on", "id")),
)
SEARCH = ("user__first_name", "user__last_name", "user__email", "user__username")
FILTERS = ("organisation", "role", "status")
EXPORT_MAX_ROWS = 10000
EXPORT_HEADER = (
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Username"),
    gettext_lazy("Role"),
    gettext_lazy("Organisation or municipality"),
    gettext_lazy("Department"),
    gettext_lazy("Appointed"),
    gettext_lazy("Last confirmed"),
    gettext_lazy("Invited by"),
    gettext_lazy("Status"),
)


def _filtered(request):
    form = forms.PeopleFilterForm(request.GET, actor=request.user)
    filters = form.filters()
    params = {k: v for k in FILTERS if (v := request.GET.get(k)) and filters}
    return form, selectors.memberships(request.user, **filters), params


def _keep_filters(listing, params: dict) -> None:
    """Sort and page links keep the filters."""
    if params:
        extra = "&" + urlencode(params)
        for column in listing.columns.values():
            column.url += extra
        listing.base_params.update(params)


def people(request):
    require_people_admin(request)
    form, rows, params = _filtered(request)
    listing = build_listing(
        request, rows, search_fields=SEARCH, columns=COLUMNS, default_sort="name"
    )
    _keep_filters(listing, params)
    export_params = {**params, **({"q": listing.query} if listing.query else {})}
    for m in listing.page.object_list:
        m.status = selectors.status_of(m.user)
        m.status_label = selectors.STATUS_LABELS[m.status]
    return render_page(
        request,
        "accounts/people.html",
        "results",
        {
            "form": form,
            "listing": listing,
            "can_invite": can(request.user, access.INVITE, None),
            "show_organisation_filter": form.fields["organisation"].queryset.count() > 1,
            "export_query": urlencode(export_params),
        },
    )


def export(request):
    """The list as it is filtered and searched, as an Excel workbook (one read logged per
    person)."""
    from openpyxl import Workbook

    require_people_admin(request)
    _form, rows, _params = _filtered(request)
    listing = build_listing(
        request, rows, search_fields=SEARCH, columns=COLUMNS, default_sort="name"
    )
    queryset = listing.page.paginator.object_list[:EXPORT_MAX_ROWS]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("People"))
    sheet.append([str(h) for h in EXPORT_HEADER])
    data = selectors.export_rows(queryset)
    for row in data:
        sheet.append(row)
    log_reads(
        user=request.user,
        objs={m.user_id: m.user for m in queryset}.values(),
        route="accounts:export",
    )
    out = io.BytesIO()
    workbook.save(out)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="personer-{stamp}.xlsx"'
    return response


def person(request, pk: int):
    person = get_person(request, pk)
    rows = selectors.person_memberships(request.user, person)
    for m in rows:
        m.may_change = can(request.user, access.CHANGE_ROLE, m)
        m.may_end = can(request.user, access.END_MEMBERSHIP, m)
    return render(
        request,
        "accounts/person.html",
        {
            "person": person,
            "name": display_name(person),
            "crumbs": people_crumbs(),
            "memberships": rows,
            "status": selectors.status_of(person),
            "status_label": selectors.STATUS_LABELS[selectors.status_of(person)],
            "is_self": person.pk == request.user.pk,
            "may_deactivate": can(request.user, access.DEACTIVATE, person),
            "may_resend": can(request.user, access.RESEND_INVITATION, person),
        },
    )


def review(request):
    require_people_admin(request)
    form = forms.PeopleFilterForm(request.GET, actor=request.user)
    organisation_id = form.filters().get("organisation_id")
    rows = selectors.review_due(request.user, organisation_id=organisation_id)
    listing = build_listing(
        request,
        rows,
        columns=(
            SortColumn("since", gettext_lazy("Counted from"), ("review_from", "id")),
            SortColumn("name", gettext_lazy("Name"), ("user__first_name", "user__last_name", "id")),
            SortColumn("place", gettext_lazy("Where"), ("place", "department__number", "id")),
        ),
        default_sort="since",
    )
    _keep_filters(listing, {"organisation": organisation_id} if organisation_id else {})
    return render_page(
        request,
        "accounts/review.html",
        "results",
        {
            "form": form,
            "listing": listing,
            "crumbs": people_crumbs(),
            "show_organisation_filter": form.fields["organisation"].queryset.count() > 1,
        },
    )
