"""Mediation (only that it happened, never the content) and crisis response (checklist, presence
days, meetings)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from boligsocial.cases import access, forms, services
from boligsocial.cases.models import CrisisTaskKind
from boligsocial.cases.views.common import add_service_errors, get_case
from boligsocial.cases.views.common import posted as _posted


@require_http_methods(["GET", "POST"])
def mediation(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE, log=True)
    initial = {
        "offered_at": case.mediation_offered_at,
        "held_at": case.mediation_held_at,
        "mediator": case.mediator,
        "agreement": {True: "yes", False: "no"}.get(case.mediation_agreement, ""),
    }
    form = forms.MediationForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if data["offered_at"] and data["offered_at"] != case.mediation_offered_at:
                    services.offer_mediation(case, request.user, at=data["offered_at"])
                if data["held_at"]:
                    services.record_mediation(
                        case,
                        request.user,
                        held_at=data["held_at"],
                        mediator=data["mediator"],
                        agreement=data["agreement"],
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The mediation has been recorded."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/mediation.html", {"case": case, "form": form})


@require_http_methods(["GET", "POST"])
def crisis(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE, log=True)
    if case.kind != "crisis":
        raise Http404
    presence_form = forms.PresenceDayForm(_posted(request), prefix="presence")
    if request.method == "POST" and presence_form.is_valid():
        try:
            data = presence_form.cleaned_data
            services.add_presence_day(
                case, data["date"], data["hours"], request.user, note=data["note"]
            )
        except ValidationError as error:
            add_service_errors(presence_form, error)
        else:
            messages.success(request, _("The presence day has been recorded."))
            return redirect("cases:crisis", pk=case.pk)
    meeting_form = forms.EventForm(None, kinds=("meeting",), prefix="meeting")
    return _crisis_page(request, case, presence_form, meeting_form)


def _crisis_page(request, case, presence_form, meeting_form):
    """The crisis page with its two forms as given (bound after a refused post: the errors name
    their fields and nothing typed is lost)."""
    done = {t.kind: t for t in case.crisis_tasks.select_related("done_by")}
    tasks = [
        {"kind": kind, "label": label, "task": done.get(kind)}
        for kind, label in CrisisTaskKind.choices
    ]
    return render(
        request,
        "cases/crisis.html",
        {
            "case": case,
            "tasks": tasks,
            "presence_days": case.presence_days.all(),
            "meetings": case.events.filter(kind="meeting").select_related("created_by"),
            "presence_form": presence_form,
            "meeting_form": meeting_form,
            "task_form": forms.CrisisTaskForm(),
        },
    )


@require_POST
def crisis_task(request, pk: int, kind: str):
    case = get_case(request, pk, action=access.EDIT_CASE)
    if case.kind != "crisis" or kind not in CrisisTaskKind.values:
        raise Http404
    form = forms.CrisisTaskForm(request.POST)
    if form.is_valid():
        try:
            services.complete_crisis_task(case, kind, request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Done: %(task)s.") % {"task": CrisisTaskKind(kind).label})
    return redirect("cases:crisis", pk=case.pk)


@require_POST
def crisis_meeting(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE, log=True)
    if case.kind != "crisis":
        raise Http404
    form = forms.EventForm(request.POST, kinds=("meeting",), prefix="meeting")
    if form.is_valid():
        try:
            data = form.cleaned_data
            services.record_event(
                case,
                data["kind"],
                request.user,
                text=data["text"],
                at=data["occurred_at"],
                minutes=data["minutes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been recorded."))
            return redirect("cases:crisis", pk=case.pk)
    presence_form = forms.PresenceDayForm(None, prefix="presence")
    return _crisis_page(request, case, presence_form, form)
