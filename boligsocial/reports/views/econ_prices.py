"""The economics pages (decision 0038): the price table and the effect measurements."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.permissions import can
from boligsocial.organisations.models import Organisation
from boligsocial.reports import access
from boligsocial.reports import economics_forms as forms
from boligsocial.reports import economics_services as services
from boligsocial.reports.effect_panel import measurement_rows
from boligsocial.reports.models import (
    EffectMeasurement,
    PriceKind,
    UnitPrice,
)
from boligsocial.reports.services import ReportError
from boligsocial.reports.views.economics import (
    _case_forms_querysets,
    _confirm,
    _crumbs,
    _form_page,
    _org_field,
    _owner,
)

# --- the price table ---------------------------------------------------------------------------

PRICE_COLUMNS = (
    SortColumn("name", gettext_lazy("Name"), ("name", "pk")),
    SortColumn("value", gettext_lazy("Value (kr.)"), ("value", "pk")),
    SortColumn("kind", gettext_lazy("Kind"), ("kind", "name")),
    SortColumn("year", gettext_lazy("Price year"), ("price_year", "name")),
)


def _price_rows(prices):
    return [
        [
            p.name,
            p.value,
            p.get_unit_display(),
            p.get_payer_display() if p.payer else _("Not split in the source"),
            p.get_kind_display(),
            p.price_year,
            p.source,
            p.source_url,
            _("Local (%(org)s)") % {"org": p.organisation} if p.is_local else _("Domain research"),
        ]
        for p in prices
    ]


PRICE_HEADER = (
    gettext_lazy("Name"),
    gettext_lazy("Value (kr.)"),
    gettext_lazy("Unit"),
    gettext_lazy("Payer"),
    gettext_lazy("Kind"),
    gettext_lazy("Price year"),
    gettext_lazy("Source"),
    gettext_lazy("Link"),
    gettext_lazy("Origin"),
)


def prices(request):
    if not can(request.user, access.PRICE_VIEW, None):
        raise Http404
    listing = build_listing(
        request,
        access.visible_prices(request.user),
        search_fields=("name", "source", "note"),
        columns=PRICE_COLUMNS,
        default_sort="name",
    )
    if request.GET.get("format"):
        rows = _price_rows(listing.page.paginator.object_list)
        sheet = Sheet(title=_("Unit prices"), header=[str(h) for h in PRICE_HEADER], rows=rows)
        return table_response([sheet], "enhedspriser", chosen_format(request))
    editable = {p.pk for p in listing.page.object_list if can(request.user, access.PRICE_EDIT, p)}
    return render(
        request,
        "reports/economics/prices.html",
        {
            "listing": listing,
            "editable": editable,
            "may_add": can(request.user, access.PRICE_EDIT, None),
            "export_query": listing.base_params,
            "sees_cases": access.economics_org_ids(request.user) != frozenset(),
            "crumbs": _crumbs(),
        },
    )


def _price_orgs(request):
    ids = access.price_org_ids(request.user)
    qs = Organisation.objects.order_by("name")
    return qs if ids is None else qs.filter(pk__in=ids)


def price_create(request):
    if not access.sees_prices(request.user):
        raise Http404
    if not can(request.user, access.PRICE_EDIT, None):
        raise PermissionDenied
    orgs = _price_orgs(request)
    form = forms.PriceForm(
        request.POST or None,
        organisations=orgs if orgs.count() != 1 else None,
        initial={"kind": PriceKind.BUDGET, "unit": "person_year"},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation", None) or orgs.first()
        try:
            services.save_price(by=request.user, organisation=organisation, **data)
        except ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The price has been added to the price table."))
            return redirect("reports:econ_prices")
    return _form_page(
        request,
        form,
        title=_("New unit price"),
        lead=_("Your own price is marked as local and always shows its source."),
        back=reverse("reports:econ_prices"),
        crumbs=_crumbs((_("Price table"), reverse("reports:econ_prices"))),
    )


def _get_price(request, pk: int) -> UnitPrice:
    price = get_object_or_404(access.visible_prices(request.user), pk=pk)
    if not can(request.user, access.PRICE_EDIT, price):
        raise PermissionDenied
    return price


def price_edit(request, pk: int):
    price = _get_price(request, pk)
    fields = (*services.PRICE_FIELDS, "note")
    form = forms.PriceForm(
        request.POST or None, organisations=None, initial={f: getattr(price, f) for f in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_price(by=request.user, price=price, **form.cleaned_data)
        except ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:econ_prices")
    return _form_page(
        request,
        form,
        title=_("Edit the unit price"),
        back=reverse("reports:econ_prices"),
        crumbs=_crumbs((_("Price table"), reverse("reports:econ_prices"))),
    )


def price_delete(request, pk: int):
    price = _get_price(request, pk)
    if request.method == "POST":
        try:
            services.delete_price(by=request.user, price=price)
        except ReportError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("The price has been deleted."))
        return redirect("reports:econ_prices")
    return _confirm(
        request,
        title=_("Delete the unit price"),
        consequence=_("%(price)s is deleted from the price table.") % {"price": price},
        back=reverse("reports:econ_prices"),
        crumbs=_crumbs((_("Price table"), reverse("reports:econ_prices"))),
    )


# --- effect measurements -----------------------------------------------------------------------


def measurements(request):
    if access.economics_org_ids(request.user) == frozenset():
        raise Http404
    items = list(
        access.visible_economics(request.user, EffectMeasurement)
        .select_related("intervention", "plan")
        .order_by("-computed_at", "pk")[:200]
    )
    return render(
        request,
        "reports/economics/measurements.html",
        {
            "items": items,
            "may_create": can(request.user, access.ECON_EDIT, None),
            "crumbs": _crumbs(),
        },
    )


def measurement_create(request):
    if not can(request.user, access.ECON_EDIT, None):
        raise Http404  # no organisation's economics: nothing to create
    form = forms.MeasurementForm(
        request.POST or None, organisations=_org_field(request), **_case_forms_querysets(request)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.measure_effect(
                by=request.user,
                organisation=_owner(request, form),
                intervention=data["intervention"],
                plan=data["plan"],
            )
        except ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The effect has been measured."))
            return redirect("reports:econ_measurement", item.pk)
    return _form_page(
        request,
        form,
        title=_("New effect measurement"),
        lead=_(
            "The target indicators before and after in the departments that had the intervention "
            "or plan, against their twin departments that did not."
        ),
        back=reverse("reports:econ_measurements"),
        crumbs=_crumbs((_("Effect measurements"), reverse("reports:econ_measurements"))),
        button=_("Measure"),
    )


def _get_measurement(request, pk: int, action=access.ECON_VIEW) -> EffectMeasurement:
    item = get_object_or_404(
        access.visible_economics(request.user, EffectMeasurement).select_related(
            "intervention", "plan"
        ),
        pk=pk,
    )
    if action != access.ECON_VIEW and not can(request.user, action, item):
        raise PermissionDenied
    return item


def measurement_detail(request, pk: int):
    item = _get_measurement(request, pk)
    may_edit = can(request.user, access.ECON_EDIT, item)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        services.measure_effect(by=request.user, measurement=item)
        messages.success(request, _("The effect has been measured again."))
        return redirect("reports:econ_measurement", item.pk)
    rows = measurement_rows(item)
    if request.GET.get("format"):
        sheet = Sheet(
            title=_("Effect measurement"),
            header=[
                _("Target indicator"),
                _("Effect (difference in differences)"),
                _("95 % confidence interval, low"),
                _("95 % confidence interval, high"),
                _("Departments"),
                _("Twins"),
                _("First year"),
                _("Last year"),
            ],
            rows=[
                [
                    r["name"],
                    r["effect_n"] if r["effect_n"] is not None else _("Too few data"),
                    r["ci_low_n"],
                    r["ci_high_n"],
                    r["treated"],
                    r["controls"],
                    r["first_year"],
                    r["last_year"],
                ]
                for r in rows
            ],
        )
        return table_response([sheet], f"effektmaaling-{item.pk}", chosen_format(request))
    return render(
        request,
        "reports/economics/measurement.html",
        {
            "item": item,
            "rows": rows,
            "result": item.result or {},
            "may_edit": may_edit,
            "crumbs": _crumbs((_("Effect measurements"), reverse("reports:econ_measurements"))),
        },
    )


def measurement_delete(request, pk: int):
    item = _get_measurement(request, pk, access.ECON_EDIT)
    if request.method == "POST":
        services.delete_measurement(by=request.user, measurement=item)
        messages.success(request, _("The effect measurement has been deleted."))
        return redirect("reports:econ_measurements")
    return _confirm(
        request,
        title=_("Delete the effect measurement"),
        consequence=_("%(item)s is deleted.") % {"item": item},
        back=reverse("reports:econ_measurement", args=[item.pk]),
        crumbs=_crumbs((_("Effect measurements"), reverse("reports:econ_measurements"))),
    )
