"""The economics pages (decision 0038): the price table, business cases (page, PDF and Excel
from one context), effect measurements and outcome contracts. Thin: fetch through
`access.visible_*` (404 outside scope), ask `can`, call one service or selector."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from boligsocial.catalogue.access import visible_interventions
from boligsocial.core import reports as core_reports
from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.permissions import can
from boligsocial.organisations.models import Organisation
from boligsocial.plans.access import visible_plans
from boligsocial.reports import access, economics
from boligsocial.reports import economics_forms as forms
from boligsocial.reports import economics_services as services
from boligsocial.reports.models import (
    BusinessCase,
    CaseConsequence,
    CaseCost,
    CaseOutcome,
    EffectMeasurement,
    Payer,
    PriceKind,
)
from boligsocial.reports.services import ReportError

PAYER_LABELS = dict(Payer.choices)
LEVEL_LABELS = {
    "low": gettext_lazy("Low"),
    "expected": gettext_lazy("Expected"),
    "high": gettext_lazy("High"),
}
STYLES = ("reports/economics.css",)


def _crumbs(*extra):
    return [(_("Economics and effect"), reverse("reports:econ_index")), *extra]


def _form_page(request, form, *, title, back, crumbs, lead="", button=None):
    return render(
        request,
        "reports/economics/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "crumbs": crumbs,
            "lead": lead,
            "button": button or _("Save"),
        },
    )


def _confirm(request, *, title, consequence, back, crumbs):
    return render(
        request,
        "reports/economics/confirm.html",
        {"title": title, "consequence": consequence, "back": back, "crumbs": crumbs},
    )


def _organisations(request):
    """The organisations the user works for (None for an administrator: the form asks)."""
    ids = access.economics_org_ids(request.user)
    if ids is None:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def _owner(request, form):
    """The organisation chosen in the form, or the user's only one."""
    if "organisation" in form.cleaned_data:
        return form.cleaned_data["organisation"]
    return _organisations(request).first()


def _org_field(request):
    """The organisation queryset for a form, or None when the user has only one."""
    orgs = _organisations(request)
    return orgs if orgs.count() != 1 else None


# --- the landing page and the business cases ---------------------------------------------------

CASE_COLUMNS = (
    SortColumn("title", gettext_lazy("Business case"), ("title", "pk")),
    SortColumn("updated", gettext_lazy("Updated"), ("updated_at", "pk")),
)


def index(request):
    if not access.sees_prices(request.user):
        raise Http404
    listing = build_listing(
        request,
        access.visible_economics(request.user, BusinessCase).select_related("intervention", "plan"),
        search_fields=("title", "intervention__name", "plan__name"),
        columns=CASE_COLUMNS,
        default_sort="-updated",
    )
    return render(
        request,
        "reports/economics/index.html",
        {
            "listing": listing,
            "may_create": can(request.user, access.ECON_EDIT, None),
            "sees_cases": access.economics_org_ids(request.user) != frozenset(),
        },
    )


def _case_forms_querysets(request):
    return {
        "interventions": visible_interventions(request.user).order_by("name"),
        "plans": visible_plans(request.user).order_by("name"),
    }


def case_create(request):
    if not can(request.user, access.ECON_EDIT, None):
        raise Http404  # no organisation's economics: nothing to create
    form = forms.CaseForm(
        request.POST or None,
        organisations=_org_field(request),
        initial={
            "start_year": timezone.localdate().year,
            "horizon_years": 10,
            "discount_rate": Decimal("0.035"),
            "kind": PriceKind.BUDGET,
        },
        **_case_forms_querysets(request),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organisation"}
        try:
            case = services.save_case(by=request.user, organisation=_owner(request, form), **data)
        except ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The business case has been created."))
            return redirect("reports:econ_case", case.pk)
    return _form_page(
        request,
        form,
        title=_("New business case"),
        back=reverse("reports:econ_index"),
        crumbs=_crumbs(),
    )


def get_case(request, pk: int, action: str = access.ECON_VIEW) -> BusinessCase:
    qs = access.visible_economics(request.user, BusinessCase)
    try:
        case = economics.load_case(pk, qs)
    except BusinessCase.DoesNotExist:
        raise Http404 from None
    if action != access.ECON_VIEW and not can(request.user, action, case):
        raise PermissionDenied
    return case


def _case_crumbs(case):
    return _crumbs((str(case), reverse("reports:econ_case", args=[case.pk])))


def case_edit(request, pk: int):
    case = get_case(request, pk, access.ECON_EDIT)
    fields = ("title", "intervention", "plan", "description", "kind", "start_year")
    initial = {f: getattr(case, f) for f in fields}
    initial.update(horizon_years=case.horizon_years, discount_rate=case.discount_rate)
    form = forms.CaseForm(
        request.POST or None, initial=initial, organisations=None, **_case_forms_querysets(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_case(by=request.user, case=case, **form.cleaned_data)
        except ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:econ_case", case.pk)
    return _form_page(
        request,
        form,
        title=_("Edit the business case"),
        back=reverse("reports:econ_case", args=[case.pk]),
        crumbs=_case_crumbs(case),
    )


def case_delete(request, pk: int):
    case = get_case(request, pk, access.ECON_EDIT)
    if request.method == "POST":
        services.delete_case(by=request.user, case=case)
        messages.success(request, _("The business case has been deleted."))
        return redirect("reports:econ_index")
    return _confirm(
        request,
        title=_("Delete the business case"),
        consequence=_("%(case)s is deleted with its costs and outcomes. This cannot be undone.")
        % {"case": case},
        back=reverse("reports:econ_case", args=[case.pk]),
        crumbs=_case_crumbs(case),
    )


def _money(text: str) -> Decimal:
    return Decimal(text)


def _case_tables(case, result) -> list[dict]:
    """The case's tables as plain rows (the page, the PDF and the Excel file read the same)."""
    start = case.start_year
    years = [
        {
            "key": "public_years",
            "title": _("The public sector per year (municipality, region and state)"),
            "header": [_("Year"), _("Costs"), _("Gains"), _("Net"), _("Discounted net")],
            "rows": [
                [
                    start + y["year"],
                    *(_money(y[k]) for k in ("costs", "gains", "net", "discounted_net")),
                ]
                for y in result["public"]["years"]
            ],
        },
        {
            "key": "all_years",
            "title": _("All parties per year"),
            "header": [_("Year"), _("Costs"), _("Gains"), _("Net"), _("Discounted net")],
            "rows": [
                [
                    start + y["year"],
                    *(_money(y[k]) for k in ("costs", "gains", "net", "discounted_net")),
                ]
                for y in result["output"]["years"]
            ],
        },
    ]
    npv = result["output"]["npv"]
    parties = {
        "key": "npv",
        "title": _("Net present value per party"),
        "header": [_("Party"), _("Net present value (kr.)")],
        "rows": [
            [_("Municipality"), _money(npv["kommune"])],
            [_("Region"), _money(npv["region"])],
            [pgettext("payer", "State"), _money(npv["stat"])],
            [_("The public sector in total"), _money(npv["public"])],
            [
                _("Housing organisation (its own party, not in the public result)"),
                _money(npv["boligorganisation"]),
            ],
            [_("Others"), _money(npv["andre"])],
        ],
    }
    grid = result["sensitivity"]
    sensitivity = {
        "key": "sensitivity",
        "title": _("Sensitivity: the public sector's net present value"),
        "header": [
            _("Success rate \\ deadweight"),
            *(str(LEVEL_LABELS[c["deadweight"]]) for c in grid[0]["cells"]),
        ],
        "rows": [
            [str(LEVEL_LABELS[r["success"]]), *(_money(c["public"]) for c in r["cells"])]
            for r in grid
        ],
    }
    housing = {
        "key": "sensitivity_housing",
        "title": _("Sensitivity: the housing organisation's net present value"),
        "header": sensitivity["header"],
        "rows": [
            [str(LEVEL_LABELS[r["success"]]), *(_money(c["housing"]) for c in r["cells"])]
            for r in grid
        ],
    }
    return [*years, parties, sensitivity, housing]


def _case_context(request, case) -> dict:
    result = economics.case_result(case)
    tables = _case_tables(case, result)
    output = result["output"]
    return {
        "case": case,
        "result": result,
        "tables": {t["key"]: t for t in tables},
        "table_list": tables,
        "kind_label": economics.KIND_LABELS[case.kind],
        "payback": None
        if output["payback_year"] is None
        else case.start_year + output["payback_year"],
        "public_empty": result["public_empty"],
        "public_payback": None
        if result["public"]["payback_year"] is None or result["public_empty"]
        else case.start_year + result["public"]["payback_year"],
        "npv": {k: _money(v) for k, v in output["npv"].items()},
        "costs": list(case.costs.all()),
        "outcome_rows": [
            (o, e["effect"])
            for o, e in zip(case.outcomes.all(), result["effect_persons"], strict=True)
        ],
        "payer_labels": PAYER_LABELS,
        "may_edit": can(request.user, access.ECON_EDIT, case),
        "cost_form": forms.CostForm(),
        "last_year": case.start_year + case.horizon_years - 1,
        "discount_percent": (case.discount_rate * 100).normalize(),
    }


def _case_report(request, case, context) -> core_reports.Report:
    return core_reports.Report(
        title=str(case),
        template="reports/economics/case_body.html",
        head_template="reports/economics/case_head.html",
        context=context,
        filename=f"business-case-{case.pk}",
        stylesheets=STYLES,
        pdf_url=reverse("reports:econ_case_pdf", args=[case.pk]),
        crumbs=_crumbs(),
        current=str(case),
    )


def case_detail(request, pk: int):
    case = get_case(request, pk)
    if request.method == "POST":
        if not can(request.user, access.ECON_EDIT, case):
            raise PermissionDenied
        form = forms.CostForm(request.POST)
        if form.is_valid():
            try:
                services.add_cost(by=request.user, case=case, **form.cleaned_data)
            except ReportError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, _("The cost has been added."))
                return redirect("reports:econ_case", case.pk)
        case = get_case(request, pk)
        context = _case_context(request, case)
        context["cost_form"] = form
        return core_reports.page_response(request, _case_report(request, case, context))
    context = _case_context(request, case)
    return core_reports.page_response(request, _case_report(request, case, context))


def case_pdf(request, pk: int):
    case = get_case(request, pk)
    return core_reports.pdf_response(
        request, _case_report(request, case, _case_context(request, case))
    )


def case_excel(request, pk: int):
    case = get_case(request, pk)
    context = _case_context(request, case)
    sheets = [
        Sheet(title=t["title"][:31], header=t["header"], rows=t["rows"])
        for t in context["table_list"]
    ]
    return table_response(
        sheets, f"business-case-{case.pk}", chosen_format(request), first_column=_("Table")
    )


def _prices_for(request, case):
    return access.visible_prices(request.user).filter(kind=case.kind).order_by("name")


def outcome_create(request, pk: int):
    case = get_case(request, pk, access.ECON_EDIT)
    form = forms.OutcomeForm(
        request.POST or None,
        initial={
            "attribution": Decimal(1),
            "deadweight": Decimal(0),
            "deadweight_low": Decimal(0),
            "deadweight_high": Decimal(0),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.save_outcome(by=request.user, case=case, **form.cleaned_data)
        except ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The outcome has been added; now add its consequences."))
            return redirect("reports:econ_outcome", outcome.pk)
    return _form_page(
        request,
        form,
        title=_("New outcome"),
        lead=_("Effect persons = target group × success rate × (1 − deadweight) × attribution."),
        back=reverse("reports:econ_case", args=[case.pk]),
        crumbs=_case_crumbs(case),
    )


def _get_outcome(request, pk: int) -> CaseOutcome:
    outcome = get_object_or_404(
        CaseOutcome.objects.select_related("case").filter(
            case__in=access.visible_economics(request.user, BusinessCase)
        ),
        pk=pk,
    )
    if not can(request.user, access.ECON_EDIT, outcome.case):
        raise PermissionDenied
    return outcome


def _measured_rows(request, case) -> list[tuple[str, str]]:
    """(value, label) of the measured effects usable as a success rate (shares with an
    estimate) of the measurements the user sees, of the case's intervention or plan first."""
    qs = access.visible_economics(request.user, EffectMeasurement).select_related(
        "intervention", "plan"
    )
    choices = []
    for m in qs.order_by("-computed_at", "pk")[:50]:
        for row in (m.result or {}).get("rows", []):
            if row.get("success_rate") is None:
                continue
            label = _("%(subject)s: %(indicator)s, success rate %(rate)s") % {
                "subject": m.intervention or m.plan,
                "indicator": row["name"],
                "rate": row["success_rate"],
            }
            choices.append((f"{m.pk}:{row['indicator']}", label))
    return choices


def outcome_detail(request, pk: int):
    outcome = _get_outcome(request, pk)
    case = outcome.case
    fields = (
        "name",
        "persons",
        *(f for f in services.OUTCOME_FIELDS if f not in ("name", "persons")),
    )
    which = request.POST.get("form") if request.method == "POST" else None
    outcome_form = forms.OutcomeForm(
        request.POST if which == "outcome" else None,
        initial={f: getattr(outcome, f) for f in fields},
        prefix="outcome",
    )
    consequence_form = forms.ConsequenceForm(
        request.POST if which == "consequence" else None,
        prices=_prices_for(request, case),
        prefix="consequence",
        initial={"first_year": 0, "last_year": case.horizon_years - 1, "share": Decimal(1)},
    )
    rows = _measured_rows(request, case)
    rate_form = forms.MeasuredRateForm(
        request.POST if which == "rate" else None, rows=rows, prefix="rate"
    )
    if request.method == "POST":
        try:
            if which == "outcome" and outcome_form.is_valid():
                services.save_outcome(
                    by=request.user, case=case, outcome=outcome, **outcome_form.cleaned_data
                )
                messages.success(request, _("Saved."))
                return redirect("reports:econ_outcome", outcome.pk)
            if which == "consequence" and consequence_form.is_valid():
                services.add_consequence(
                    by=request.user, outcome=outcome, **consequence_form.cleaned_data
                )
                messages.success(request, _("The consequence has been added."))
                return redirect("reports:econ_outcome", outcome.pk)
            if which == "rate" and rate_form.is_valid():
                _take_rate(request, case, outcome, rate_form.cleaned_data["row"])
                messages.success(
                    request, _("The success rate has been taken from the measurement.")
                )
                return redirect("reports:econ_outcome", outcome.pk)
        except ReportError as e:
            {"outcome": outcome_form, "consequence": consequence_form, "rate": rate_form}.get(
                which, outcome_form
            ).add_error(None, e.message)
    consequences = list(outcome.consequences.select_related("price"))
    return render(
        request,
        "reports/economics/outcome.html",
        {
            "outcome": outcome,
            "case": case,
            "outcome_form": outcome_form,
            "consequence_form": consequence_form,
            "rate_form": rate_form if rows else None,
            "consequences": consequences,
            "payer_labels": PAYER_LABELS,
            "crumbs": _case_crumbs(case),
            "start_year": case.start_year,
        },
    )


def _take_rate(request, case, outcome, value: str) -> None:
    pk, _sep, code = value.partition(":")
    measurement = get_object_or_404(
        access.visible_economics(request.user, EffectMeasurement), pk=int(pk)
    )
    row = next((r for r in measurement.result.get("rows", []) if r["indicator"] == code), None)
    if row is None or row.get("success_rate") is None:
        raise ReportError(_("The measurement has no estimate for that indicator."))
    rate = Decimal(row["success_rate"])
    low = max(Decimal(0), min(rate, Decimal(row["ci_low"]) / 100 if row.get("ci_low") else rate))
    high = min(Decimal(1), max(rate, Decimal(row["ci_high"]) / 100 if row.get("ci_high") else rate))
    if row["higher_is_worse"] and row.get("ci_low") and row.get("ci_high"):
        # The improvement is the fall: the interval's upper end is the smallest improvement.
        low = max(Decimal(0), min(rate, -Decimal(row["ci_high"]) / 100))
        high = min(Decimal(1), max(rate, -Decimal(row["ci_low"]) / 100))
    services.save_outcome(
        by=request.user,
        case=case,
        outcome=outcome,
        success_rate=rate,
        success_low=low,
        success_high=high,
        success_source=_("Own effect measurement %(date)s: %(indicator)s")
        % {
            "date": timezone.localdate(measurement.computed_at).strftime("%d-%m-%Y"),
            "indicator": row["name"],
        },
    )


LINE_MODELS = {"cost": CaseCost, "outcome": CaseOutcome, "consequence": CaseConsequence}


def line_delete(request, pk: int, kind: str, line: int):
    case = get_case(request, pk, access.ECON_EDIT)
    model = LINE_MODELS.get(kind)
    if model is None:
        raise Http404
    if model is CaseConsequence:
        item = get_object_or_404(model.objects.select_related("price"), pk=line, outcome__case=case)
        back = reverse("reports:econ_outcome", args=[item.outcome_id])
    else:
        item = get_object_or_404(model, pk=line, case=case)
        back = reverse("reports:econ_case", args=[case.pk])
    if request.method == "POST":
        services.delete_line(by=request.user, case=case, line=item)
        messages.success(request, _("Removed."))
        return redirect(
            back if model is CaseConsequence else reverse("reports:econ_case", args=[case.pk])
        )
    return _confirm(
        request,
        title=_("Remove from the business case"),
        consequence=_("%(line)s is removed from %(case)s.") % {"line": item, "case": case},
        back=back,
        crumbs=_case_crumbs(case),
    )
