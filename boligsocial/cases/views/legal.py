"""The legal track of a house-rule case and its letters (henstilling, advarsel) as PDF, and the
organisation's editable letter templates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from boligsocial.audit.services import log_read
from boligsocial.cases import access, forms, services
from boligsocial.cases.models import LegalStep, LetterKind, LetterTemplate
from boligsocial.cases.views.common import add_service_errors, get_case, route_of
from boligsocial.cases.views.common import posted as _posted
from boligsocial.core import permissions
from boligsocial.core.reports import Report, pdf_response
from boligsocial.organisations import access as housing

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
LETTER_FOR_STEP = {LegalStep.REQUEST: LetterKind.REQUEST, LegalStep.WARNING: LetterKind.WARNING}


@require_http_methods(["GET", "POST"])
def legal_step(request, pk: int, step: str):
    case = get_case(request, pk, action=access.EDIT_CASE)
    if step not in LegalStep.values:
        raise Http404
    label = LegalStep(step).label
    form = forms.ReasonForm(_posted(request))
    refused = []
    if request.method == "POST" and form.is_valid():
        try:
            services.take_legal_step(case, step, request.user, text=form.cleaned_data["note"])
        except ValidationError as error:
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
        },
    )


@require_http_methods(["GET", "POST"])
def letter_create(request, pk: int, kind: str):
    """Preview the letter rendered from the organisation's template; saving stores it (the PDF
    is made from the saved text on demand)."""
    case = get_case(request, pk, action=access.EDIT_CASE, log=True)
    if kind not in LetterKind.values:
        raise Http404
    problems = []
    if request.method == "POST":
        try:
            letter = services.render_letter(case, kind, request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("The letter has been saved. Open the PDF to print it."))
            return redirect(f"{reverse('cases:detail', args=[case.pk])}#letter-{letter.pk}")
    preview = services.render_letter(case, kind, request.user, save=False)
    return render(
        request,
        "cases/letter_form.html",
        {
            "case": case,
            "kind": kind,
            "kind_label": LetterKind(kind).label,
            "preview": preview,
            "problems": problems,
        },
    )


def letter_pdf(request, pk: int, letter_pk: int):
    case = get_case(request, pk)
    letter = get_object_or_404(case.letters, pk=letter_pk)
    log_read(user=request.user, obj=case, route=route_of(request))
    report = Report(
        title=letter.subject or letter.get_kind_display(),
        template="cases/letter_body.html",
        context={"case": case, "letter": letter, "organisation": case.organisation},
        filename=f"{letter.get_kind_display()} {case.reference}",
        brand=case.organisation.name,
    )
    return pdf_response(request, report)


PLACEHOLDER_HELP = {
    "reference": gettext_lazy("The case reference, e.g. BS-2026-0042"),
    "date": gettext_lazy("Today's date"),
    "organisation": gettext_lazy("The housing organisation's name"),
    "department": gettext_lazy("The department's name"),
    "address": gettext_lazy("The case's address"),
    "respondents": gettext_lazy("The names of the household complained about"),
    "category": gettext_lazy("The case category, e.g. noise"),
}


def _settings_organisations(user):
    organisations = [
        org
        for org in housing.visible_organisations(user).order_by("name")
        if permissions.can(user, access.MANAGE_CASE_SETTINGS, org)
    ]
    if not organisations:
        raise PermissionDenied
    return organisations


def letter_templates(request):
    organisations = _settings_organisations(request.user)
    own = set(
        LetterTemplate.objects.filter(organisation__in=organisations).values_list(
            "organisation_id", "kind"
        )
    )
    rows = [
        {
            "organisation": org,
            "templates": [
                {
                    "kind": kind,
                    "label": label,
                    "subject": services.letter_template(org, kind)[0],
                    "own": (org.pk, kind) in own,
                }
                for kind, label in LetterKind.choices
            ],
        }
        for org in organisations
    ]
    return render(request, "cases/letter_templates.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def letter_template_edit(request, organisation_pk: int, kind: str):
    organisation = get_object_or_404(
        housing.visible_organisations(request.user), pk=organisation_pk
    )
    if not permissions.can(request.user, access.MANAGE_CASE_SETTINGS, organisation):
        raise PermissionDenied
    if kind not in LetterKind.values:
        raise Http404
    subject, body = services.letter_template(organisation, kind)
    form = forms.LetterTemplateForm(_posted(request), initial={"subject": subject, "body": body})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letter_template(
                organisation,
                kind,
                form.cleaned_data["subject"],
                form.cleaned_data["body"],
                request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The letter template has been saved."))
            return redirect("cases:letter_templates")
    return render(
        request,
        "cases/letter_template_form.html",
        {
            "organisation": organisation,
            "form": form,
            "kind_label": LetterKind(kind).label,
            "placeholders": {
                name: PLACEHOLDER_HELP.get(name, "") for name in services.LETTER_PLACEHOLDERS
            },
        },
    )
