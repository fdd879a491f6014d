"""The legal track of a house-rule case: each step on the day it happened, the decision of the
complaints board (which opens the 4-week window to the housing court) and the court's judgment.
A blocked step is shown with its reason and a disabled button before anything is pressed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from boligsocial.cases import access, legal_forms, services
from boligsocial.cases.models import Forum, LegalStep, LetterKind
from boligsocial.cases.views.common import add_service_errors, get_case
from boligsocial.cases.views.common import posted as _posted

STEP_HELP = {
    LegalStep.REQUEST: gettext_lazy(
        "A request (henstilling) asks the household to stop the behaviour. It is often the "
        "first written step."
    ),
    LegalStep.WARNING: gettext_lazy(
        "A written warning (advarsel) says that further breaches can lead to the case being "
        "brought before the tenants' complaints board."
    ),
    LegalStep.COMPLAINTS_BOARD: gettext_lazy(
        "The tenants' complaints board (beboerklagenævnet) treats a house-rule case only if the "
        "tenant has already been warned, unless the case concerns violence, threats or behaviour "
        "dangerous to people or property."
    ),
    LegalStep.HOUSING_COURT: gettext_lazy(
        "The board's decision can be brought before the housing court (boligretten) within 4 "
        "weeks. Serious cases can go straight to the housing court."
    ),
}
STALE = gettext_lazy(
    "Someone else changed the case while you were working. Nothing was saved; check the case "
    "and try again."
)
LETTER_FOR_STEP = {LegalStep.REQUEST: LetterKind.REQUEST, LegalStep.WARNING: LetterKind.WARNING}
DECISION_HELP = {
    Forum.COMPLAINTS_BOARD: gettext_lazy(
        "Register what the tenants' complaints board decided and when. Unless the board gave a "
        "warning, which cannot be appealed, the decision can be brought before the housing court "
        "within 4 weeks: the deadline is added to the case."
    ),
    Forum.HOUSING_COURT: gettext_lazy("Register the housing court's judgment and its date."),
}


@require_http_methods(["GET", "POST"])
def legal_step(request, pk: int, step: str):
    case = get_case(request, pk, action=access.EDIT_CASE)
    if step not in LegalStep.values:
        raise Http404
    label = LegalStep(step).label
    form = legal_forms.LegalStepForm(_posted(request), initial={"version": case.version})
    refused = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.take_legal_step(
                case,
                step,
                request.user,
                on=data["on"],
                text=data["note"],
                expected_version=data.get("version") or None,
            )
        except services.StaleCase:
            refused = [str(STALE)]
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                refused = error.messages
        else:
            messages.success(request, _("Recorded: %(step)s.") % {"step": label})
            if step in LETTER_FOR_STEP:
                return redirect("cases:letter_create", pk=case.pk, kind=LETTER_FOR_STEP[step])
            return redirect("cases:detail", pk=case.pk)
    elif request.method == "GET":
        problem = services.legal_step_problem(case, step)
        refused = [problem] if problem else []
    return render(
        request,
        "cases/legal_step.html",
        {
            "case": case,
            "form": form,
            "step": step,
            "step_label": label,
            "step_help": STEP_HELP[LegalStep(step)],
            "refused": refused,
            "blocked": bool(services.legal_step_problem(case, step)),
            "button": _("Record: %(step)s") % {"step": label},
        },
    )


def _decision(request, pk: int, forum: str):
    case = get_case(request, pk, action=access.EDIT_CASE)
    label = (
        _("Decision of the complaints board")
        if forum == Forum.COMPLAINTS_BOARD
        else _("Judgment of the housing court")
    )
    form = legal_forms.DecisionForm(_posted(request), initial={"version": case.version})
    refused = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = (
            services.record_board_decision
            if forum == Forum.COMPLAINTS_BOARD
            else services.record_court_outcome
        )
        try:
            record(
                case,
                data["decided_on"],
                request.user,
                outcome=data["outcome"],
                text=data["note"],
                expected_version=data.get("version") or None,
            )
        except services.StaleCase:
            refused = [str(STALE)]
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                refused = error.messages
        else:
            messages.success(request, _("Recorded: %(step)s.") % {"step": label})
            return redirect("cases:detail", pk=case.pk)
    problem = services.decision_problem(case, forum)
    if request.method == "GET" and problem:
        refused = [problem]
    return render(
        request,
        "cases/legal_step.html",
        {
            "case": case,
            "form": form,
            "step": forum,
            "step_label": label,
            "step_help": DECISION_HELP[forum],
            "refused": refused,
            "blocked": bool(problem),
            "button": _("Register the decision"),
        },
    )


@require_http_methods(["GET", "POST"])
def board_decision(request, pk: int):
    return _decision(request, pk, Forum.COMPLAINTS_BOARD)


@require_http_methods(["GET", "POST"])
def court_outcome(request, pk: int):
    return _decision(request, pk, Forum.HOUSING_COURT)


def track_rows(case) -> list[dict]:
    """The legal track for the case page: each step with its date and outcome when done, the
    link to take it, and why it is blocked (shown with a disabled button) when it is."""
    rows = []
    for step in services.legal_track(case):
        if step.key == services.BOARD_DECISION:
            url = reverse("cases:board_decision", args=[case.pk])
            action = _("Register the decision")
        elif step.key == services.COURT_OUTCOME:
            url = reverse("cases:court_outcome", args=[case.pk])
            action = _("Register the judgment")
        else:
            url = reverse("cases:legal_step", args=[case.pk, step.key])
            action = _("Record: %(step)s") % {"step": step.label}
        rows.append({"step": step, "url": url, "action": action})
    return rows
