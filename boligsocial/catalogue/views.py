"""The catalogue's pages: the list (search, filters, sort, Excel), an intervention, a local one."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.catalogue import access, evidence, selectors, services
from boligsocial.catalogue.filters import InterventionFilter
from boligsocial.catalogue.forms import LocalInterventionForm
from boligsocial.catalogue.outcomes import MIN_TREATED
from boligsocial.core.contributions import intervention_panels
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.permissions import can

COLUMNS = (
    SortColumn("number", gettext_lazy("No."), ("number", "name")),
    SortColumn("name", gettext_lazy("Intervention"), ("name",)),
    SortColumn("area", gettext_lazy("Areas of work"), ("main_area__position", "name")),
    SortColumn("evidence", gettext_lazy("Evidence"), ("evidence", "name")),
)
EXPORT_HEADER = (
    gettext_lazy("No."),
    gettext_lazy("Intervention"),
    gettext_lazy("Areas of work"),
    gettext_lazy("Age band"),
    gettext_lazy("Target group"),
    gettext_lazy("Evidence"),
    gettext_lazy("Evidence sources"),
    gettext_lazy("Cost and staffing"),
    gettext_lazy("Source of the cost"),
    gettext_lazy("Local to"),
    gettext_lazy("Description"),
)


def crumbs():
    return [(_("Intervention catalogue"), reverse("catalogue:index"))]


def _listing(request):
    return build_listing(
        request,
        selectors.for_list(access.visible_interventions(request.user)),
        filterset_class=InterventionFilter,
        search_filter="search",
        columns=COLUMNS,
        default_sort="number",
    )


def index(request):
    listing = _listing(request)
    return render(
        request,
        "catalogue/index.html",
        {
            "listing": listing,
            "meaning": evidence.MEANING,
            "between": evidence.BETWEEN,
            "may_add": can(request.user, access.ADD_LOCAL, None),
            "local": selectors.for_list(
                access.visible_interventions(request.user).filter(organisation__isnull=False)
            ).order_by("organisation__name", "name")[:50],
            "export_query": request.GET.urlencode(),
        },
    )


def neutral(text: str) -> str:
    """A text cell that a spreadsheet would read as a formula is prefixed with an apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def export(request):
    from openpyxl import Workbook

    listing = _listing(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Interventions"))
    sheet.append([str(h) for h in EXPORT_HEADER])
    for item in listing.page.paginator.object_list:
        sheet.append(
            [
                item.number,
                neutral(item.name),
                neutral(", ".join(a.name for a in item.areas.all())),
                neutral(item.age_band),
                neutral(item.target_group),
                item.shown_evidence or _("Not rated"),
                neutral(item.evidence_sources),
                neutral(item.cost) or _("unknown"),
                neutral(item.cost_source),
                neutral(item.organisation.name) if item.organisation else "",
                neutral(item.description),
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="indsatskatalog-{stamp}.xlsx"'
    return response


def intervention(request, pk: int):
    item = get_object_or_404(selectors.for_list(access.visible_interventions(request.user)), pk=pk)
    departments, outcomes = selectors.outcome_rows(item)
    return render(
        request,
        "catalogue/intervention.html",
        {
            "item": item,
            "crumbs": crumbs(),
            "meaning": evidence.MEANING,
            "between": evidence.BETWEEN,
            "uncertain_text": evidence.UNCERTAIN,
            "cfbu_text": evidence.CFBU_UNCHECKED,
            "indicators": item.indicators.order_by("position", "code"),
            "outcome_departments": departments,
            "outcomes": outcomes,
            "min_treated": MIN_TREATED,
            # the economics' stored effect measurements (reports, through core.contributions)
            "panels": intervention_panels(user=request.user, intervention=item),
        },
    )


def create_local(request):
    if not can(request.user, access.ADD_LOCAL, None):
        raise PermissionDenied
    organisations = access.local_organisations(request.user)
    form = LocalInterventionForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = services.add_local_intervention(by=request.user, **data)
        messages.success(request, _("The local intervention has been added to the catalogue."))
        return redirect("catalogue:intervention", item.pk)
    return render(
        request,
        "catalogue/create_local.html",
        {"form": form, "crumbs": crumbs()},
    )
