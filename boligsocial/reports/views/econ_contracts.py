"""The economics pages (decision 0038): outcome contracts, their parties, verified outcomes,
repayment schedule and what is due to whom (page and Excel)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet
from boligsocial.core.permissions import can
from boligsocial.plans.access import visible_plans
from boligsocial.reports import access, economics
from boligsocial.reports import economics_forms as forms
from boligsocial.reports import economics_services as services
from boligsocial.reports.models import (
    ContractParty,
    OutcomeContract,
    OutcomeEvent,
    Repayment,
)
from boligsocial.reports.services import ReportError
from boligsocial.reports.views.economics import (
    _confirm,
    _crumbs,
    _form_page,
    _org_field,
    _owner,
)

# --- outcome contracts -------------------------------------------------------------------------


def contracts(request):
    if access.economics_org_ids(request.user) == frozenset():
        raise Http404
    items = list(
        access.visible_economics(request.user, OutcomeContract).order_by("-start_date", "pk")[:200]
    )
    return render(
        request,
        "reports/economics/contracts.html",
        {
            "items": items,
            "may_create": can(request.user, access.ECON_EDIT, None),
            "crumbs": _crumbs(),
        },
    )


def _contract_crumbs(contract=None):
    crumbs = _crumbs((_("Outcome contracts"), reverse("reports:econ_contracts")))
    if contract is not None:
        crumbs.append((str(contract), reverse("reports:econ_contract", args=[contract.pk])))
    return crumbs


def contract_create(request):
    if not can(request.user, access.ECON_EDIT, None):
        raise Http404  # no organisation's economics: nothing to create
    form = forms.ContractForm(
        request.POST or None,
        organisations=_org_field(request),
        plans=visible_plans(request.user).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "organisation"}
        try:
            item = services.save_contract(
                by=request.user, organisation=_owner(request, form), **data
            )
        except ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The outcome contract has been created; add its parties."))
            return redirect("reports:econ_contract", item.pk)
    return _form_page(
        request,
        form,
        title=_("New outcome contract"),
        lead=_("Modelled and shown only: no payments are made through the system."),
        back=reverse("reports:econ_contracts"),
        crumbs=_contract_crumbs(),
    )


def _get_contract(request, pk: int, action=access.ECON_VIEW) -> OutcomeContract:
    item = get_object_or_404(access.visible_economics(request.user, OutcomeContract), pk=pk)
    if action != access.ECON_VIEW and not can(request.user, action, item):
        raise PermissionDenied
    return item


def contract_edit(request, pk: int):
    item = _get_contract(request, pk, access.ECON_EDIT)
    form = forms.ContractForm(
        request.POST or None,
        organisations=None,
        plans=visible_plans(request.user).order_by("name"),
        initial={f: getattr(item, f) for f in services.CONTRACT_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contract(by=request.user, contract=item, **form.cleaned_data)
        except ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:econ_contract", item.pk)
    return _form_page(
        request,
        form,
        title=_("Edit the outcome contract"),
        back=reverse("reports:econ_contract", args=[item.pk]),
        crumbs=_contract_crumbs(item),
    )


def contract_delete(request, pk: int):
    item = _get_contract(request, pk, access.ECON_EDIT)
    if request.method == "POST":
        services.delete_contract(by=request.user, contract=item)
        messages.success(request, _("The outcome contract has been deleted."))
        return redirect("reports:econ_contracts")
    return _confirm(
        request,
        title=_("Delete the outcome contract"),
        consequence=_("%(item)s is deleted with its parties, outcomes and schedule.")
        % {"item": item},
        back=reverse("reports:econ_contract", args=[item.pk]),
        crumbs=_contract_crumbs(item),
    )


def _contract_sheets(item, data) -> list[Sheet]:
    s = data["settlement"]
    return [
        Sheet(
            title=_("Outcomes"),
            header=[
                _("Cohort or period"),
                _("Outcomes reached"),
                _("Reached on"),
                _("Verified on"),
                _("Verified by"),
            ],
            rows=[
                [e.reference, e.outcomes, e.occurred_on, e.verified_on, e.verified_by]
                for e in data["events"]
            ],
        ),
        Sheet(
            title=_("Repayment schedule"),
            header=[
                _("Due"),
                _("From"),
                _("To"),
                _("Cumulative share"),
                _("Earned by then"),
                _("Amount"),
                _("Due now"),
            ],
            rows=[
                [
                    r["row"].due_date,
                    r["payer"].name,
                    r["payee"].name,
                    r["step"].share,
                    r["row"].earned,
                    r["row"].amount,
                    r["row"].is_due,
                ]
                for r in data["steps"]
            ],
        ),
        Sheet(
            title=_("Due to whom"),
            header=[_("Party"), _("Due by today (kr.)")],
            rows=[[p.name, v] for p, v in data["due_to"]]
            + [[_("Earned in total (capped)"), s.earned]],
        ),
    ]


def contract_detail(request, pk: int):
    item = _get_contract(request, pk)
    may_edit = can(request.user, access.ECON_EDIT, item)
    which = request.POST.get("form") if request.method == "POST" else None
    parties = ContractParty.objects.filter(contract=item)
    party_form = forms.PartyForm(request.POST if which == "party" else None, prefix="party")
    event_form = forms.EventForm(request.POST if which == "event" else None, prefix="event")
    repayment_form = forms.RepaymentForm(
        request.POST if which == "repayment" else None, parties=parties, prefix="repayment"
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        chosen = {"party": party_form, "event": event_form, "repayment": repayment_form}.get(which)
        if chosen is None:
            raise Http404
        if chosen.is_valid():
            try:
                if which == "party":
                    services.add_party(by=request.user, contract=item, **chosen.cleaned_data)
                elif which == "event":
                    services.record_event(by=request.user, contract=item, **chosen.cleaned_data)
                else:
                    services.add_repayment(by=request.user, contract=item, **chosen.cleaned_data)
            except ReportError as e:
                chosen.add_error(None, e.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("reports:econ_contract", item.pk)
    today = timezone.localdate()
    data = economics.contract_settlement(item, today)
    if request.GET.get("format"):
        return table_response(
            _contract_sheets(item, data),
            f"resultatkontrakt-{item.pk}",
            chosen_format(request),
            first_column=_("Table"),
        )
    return render(
        request,
        "reports/economics/contract.html",
        {
            "item": item,
            "data": data,
            "settlement": data["settlement"],
            "may_edit": may_edit,
            "party_form": party_form,
            "event_form": event_form,
            "repayment_form": repayment_form,
            "today": today,
            "crumbs": _contract_crumbs(),
        },
    )


CONTRACT_LINES = {"party": ContractParty, "event": OutcomeEvent, "repayment": Repayment}


def contract_line_delete(request, pk: int, kind: str, line: int):
    item = _get_contract(request, pk, access.ECON_EDIT)
    model = CONTRACT_LINES.get(kind)
    if model is None:
        raise Http404
    entry = get_object_or_404(model, pk=line, contract=item)
    back = reverse("reports:econ_contract", args=[item.pk])
    if request.method == "POST":
        try:
            services.delete_contract_line(by=request.user, contract=item, line=entry)
        except ReportError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Removed."))
        return redirect(back)
    return _confirm(
        request,
        title=_("Remove from the outcome contract"),
        consequence=_("%(line)s is removed from %(item)s.") % {"line": entry, "item": item},
        back=back,
        crumbs=_contract_crumbs(item),
    )
