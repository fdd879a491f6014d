"""Corrections (GDPR art. 16): a party, a case worker's timeline entry or an attachment is
corrected or deleted by the social unit; each deletion is confirmed on its own page first. A
closed case offers none of this: it is reopened first."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from boligsocial.cases import access, forms, services
from boligsocial.cases.models import MANUAL_EVENT_KINDS, Status
from boligsocial.cases.views.common import add_service_errors, get_case
from boligsocial.cases.views.common import posted as _posted
from boligsocial.core.formatting import format_datetime
from boligsocial.organisations import access as housing


def _open_case(request, pk: int):
    """(case, None) for an open case the user may change; (case, redirect) for a closed one."""
    case = get_case(request, pk, action=access.EDIT_CASE, log=True)
    if case.status == Status.CLOSED:
        messages.info(request, _("The case is closed. Reopen it first."))
        return case, redirect("cases:detail", pk=case.pk)
    return case, None


def _form_page(request, case, form, *, title: str, submit: str, do, success: str):
    if request.method == "POST" and form.is_valid():
        try:
            do(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/action_form.html",
        {"case": case, "form": form, "title": title, "submit": submit},
    )


def _confirm_page(request, case, *, title: str, rows: list, submit: str, do, success: str):
    error = None
    if request.method == "POST":
        try:
            do()
        except ValidationError as refused:
            error = refused.messages
        else:
            messages.success(request, success)
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/confirm_delete.html",
        {"case": case, "title": title, "rows": rows, "submit": submit, "refused": error},
    )


@require_http_methods(["GET", "POST"])
def party_edit(request, pk: int, party_pk: int):
    case, closed = _open_case(request, pk)
    if closed:
        return closed
    party = get_object_or_404(case.parties.select_related("lease"), pk=party_pk)
    leases = housing.visible_leases(request.user).filter(department=case.department)
    form = forms.PartyForm(
        _posted(request),
        leases=leases.order_by("address", "unit"),
        initial={f: getattr(party, f) for f in ("role", "name", "lease", "phone", "email")},
    )
    return _form_page(
        request,
        case,
        form,
        title=_("Correct a party"),
        submit=_("Save"),
        do=lambda d: services.update_party(party, request.user, **d),
        success=_("The party has been corrected."),
    )


@require_http_methods(["GET", "POST"])
def party_delete(request, pk: int, party_pk: int):
    case, closed = _open_case(request, pk)
    if closed:
        return closed
    party = get_object_or_404(case.parties.select_related("lease"), pk=party_pk)
    return _confirm_page(
        request,
        case,
        title=_("Delete the party?"),
        rows=[
            (_("Name"), party.name),
            (_("Role"), party.get_role_display()),
            (_("Lease"), str(party.lease) if party.lease_id else "–"),
        ],
        submit=_("Delete the party"),
        do=lambda: services.remove_party(party, request.user),
        success=_("The party has been deleted."),
    )


def _entry(case, event_pk: int):
    return get_object_or_404(case.events.filter(kind__in=MANUAL_EVENT_KINDS), pk=event_pk)


@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int, event_pk: int):
    case, closed = _open_case(request, pk)
    if closed:
        return closed
    entry = _entry(case, event_pk)
    form = forms.EventForm(
        _posted(request),
        kinds=(entry.kind,),
        initial={
            "kind": entry.kind,
            "occurred_at": entry.occurred_at,
            "minutes": entry.minutes,
            "text": entry.text,
        },
    )
    return _form_page(
        request,
        case,
        form,
        title=_("Correct a timeline entry"),
        submit=_("Save"),
        do=lambda d: services.correct_event(
            entry=entry,
            user=request.user,
            text=d["text"],
            occurred_at=d["occurred_at"],
            minutes=d["minutes"],
        ),
        success=_("The timeline entry has been corrected."),
    )


@require_http_methods(["GET", "POST"])
def event_delete(request, pk: int, event_pk: int):
    case, closed = _open_case(request, pk)
    if closed:
        return closed
    entry = _entry(case, event_pk)
    return _confirm_page(
        request,
        case,
        title=_("Delete the timeline entry?"),
        rows=[
            (_("What"), entry.get_kind_display()),
            (_("When"), format_datetime(entry.occurred_at)),
            (_("Note"), entry.text or "–"),
        ],
        submit=_("Delete the entry"),
        do=lambda: services.delete_event(entry=entry, user=request.user),
        success=_("The timeline entry has been deleted."),
    )


@require_http_methods(["GET", "POST"])
def attachment_delete(request, pk: int, attachment_pk: int):
    case, closed = _open_case(request, pk)
    if closed:
        return closed
    attachment = get_object_or_404(case.attachments, pk=attachment_pk)
    return _confirm_page(
        request,
        case,
        title=_("Delete the attachment?"),
        rows=[(_("File"), attachment.original_name)],
        submit=_("Delete the attachment"),
        do=lambda: services.delete_attachment(attachment, request.user),
        success=_("The attachment has been deleted."),
    )
