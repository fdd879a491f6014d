"""Letters on a case and the organisation's letter templates.

A letter starts as a draft filled from the organisation's template for one recipient (default:
the household complained about), the caseworker edits it, and issuing renders the PDF once; the
stored PDF is what every later download returns (never re-rendered). Letter PDFs and pages are
`Cache-Control: no-store`: they hold personal data."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from boligsocial.audit.services import log_read
from boligsocial.cases import access, forms, legal_forms, services
from boligsocial.cases.models import LetterKind, LetterTemplate, settings_for
from boligsocial.cases.views.common import add_service_errors, get_case, route_of
from boligsocial.cases.views.common import posted as _posted
from boligsocial.core import permissions
from boligsocial.core.pdf import DANISH_LETTERS
from boligsocial.organisations import access as housing


def _letter(request, pk: int, letter_pk: int, *, log: bool = True):
    case = get_case(request, pk, action=access.EDIT_CASE, log=log)
    letter = get_object_or_404(case.letters.select_related("recipient"), pk=letter_pk)
    letter.case = case
    return case, letter


@never_cache
@require_http_methods(["GET", "POST"])
def letter_create(request, pk: int, kind: str):
    """Choose the recipient and see the draft the template gives; saving makes the draft."""
    case = get_case(request, pk, action=access.EDIT_CASE, log=True)
    if kind not in LetterKind.values:
        raise Http404
    parties = services.recipient_choices(case)
    default = services.default_recipient(case, kind)
    form = legal_forms.LetterCreateForm(
        _posted(request), parties=parties, initial={"recipient": default}
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.create_letter_draft(
                case=case,
                kind=kind,
                user=request.user,
                recipient=form.cleaned_data["recipient"],
                choose_default="recipient" not in request.POST,
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("The draft has been saved. Check it and issue it."))
            url = reverse("cases:letter_edit", args=[case.pk, letter.pk])
            return redirect(f"{url}#letter-{letter.pk}")
    chosen = request.GET.get("recipient")
    recipient = parties.filter(pk=chosen).first() if chosen and chosen.isdigit() else None
    if recipient is not None:
        form = legal_forms.LetterCreateForm(None, parties=parties, initial={"recipient": recipient})
    preview = services.build_letter_draft(
        case=case,
        kind=kind,
        user=request.user,
        recipient=recipient or default,
        choose_default=chosen != "",
    )
    return render(
        request,
        "cases/letter_form.html",
        {
            "case": case,
            "kind": kind,
            "kind_label": LetterKind(kind).label,
            "preview": preview,
            "sender": services.sender_block(case, request.user),
            "letter_date": timezone.localdate(),
            "form": form,
            "problems": problems,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def letter_edit(request, pk: int, letter_pk: int):
    """The draft: address block, subject and text are editable; issuing is a separate button,
    disabled with the reason while the letter cannot be issued. An issued letter is shown
    read-only with its PDF."""
    case, letter = _letter(request, pk, letter_pk)
    fields = {name: getattr(letter, name) for name in services.EDITABLE_LETTER_FIELDS}
    form = legal_forms.LetterDraftForm(
        _posted(request) if not letter.is_issued else None, initial=fields
    )
    if request.method == "POST" and not letter.is_issued and form.is_valid():
        try:
            services.update_letter_draft(letter=letter, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("cases:letter_edit", pk=case.pk, letter_pk=letter.pk)
    return render(
        request,
        "cases/letter_edit.html",
        {
            "case": case,
            "letter": letter,
            "form": form,
            "issue_problem": services.issue_problem(letter),
            "sender": letter.sender or services.sender_block(case, request.user),
        },
    )


@require_POST
def letter_issue(request, pk: int, letter_pk: int):
    case, letter = _letter(request, pk, letter_pk, log=False)
    try:
        services.issue_letter(letter=letter, user=request.user, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("cases:letter_edit", pk=case.pk, letter_pk=letter.pk)
    messages.success(request, _("The letter has been issued. The PDF is stored on the case."))
    return redirect(f"{reverse('cases:detail', args=[case.pk])}#letter-{letter.pk}")


@never_cache
@require_http_methods(["GET", "POST"])
def letter_discard(request, pk: int, letter_pk: int):
    """Confirm, then delete the draft (an issued letter is never deleted here)."""
    case, letter = _letter(request, pk, letter_pk)
    problem = None if not letter.is_issued else _("An issued letter cannot be deleted.")
    if request.method == "POST" and problem is None:
        services.discard_letter_draft(letter=letter, user=request.user)
        messages.success(request, _("The draft has been deleted."))
        return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/letter_discard.html", {"case": case, "letter": letter, "problem": problem}
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(filename.translate(DANISH_LETTERS)) or "brev"
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def letter_pdf(request, pk: int, letter_pk: int):
    """An issued letter: exactly the stored PDF. A draft: a preview marked as a draft, made
    now and stored nowhere. (Letters issued before issue 13 have no stored PDF and are made
    from their stored text.)"""
    case = get_case(request, pk)
    letter = get_object_or_404(case.letters, pk=letter_pk)
    letter.case = case
    log_read(user=request.user, obj=case, route=route_of(request))
    filename = f"{letter.get_kind_display()} {case.reference}"
    if letter.pdf is not None:
        return _pdf(bytes(letter.pdf), filename)
    return _pdf(services.render_letter_pdf(letter, request, draft=not letter.is_issued), filename)


# --- the organisation's templates ------------------------------------------------------------

PLACEHOLDER_HELP = {
    "recipient": gettext_lazy("The recipient's name (the party the letter is addressed to)"),
    "respondents": gettext_lazy("The recipient's name (the name used by older templates)"),
    "address": gettext_lazy("The recipient's street address"),
    "reference": gettext_lazy("The case reference, e.g. BS-2026-0042"),
    "date": gettext_lazy("Today's date"),
    "organisation": gettext_lazy("The housing organisation's name"),
    "unit": gettext_lazy("The sending unit (see the sender details)"),
    "caseworker": gettext_lazy("The caseworker's name"),
    "department": gettext_lazy("The department's name"),
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


def _managed_organisation(request, organisation_pk: int):
    organisation = get_object_or_404(
        housing.visible_organisations(request.user), pk=organisation_pk
    )
    if not permissions.can(request.user, access.MANAGE_CASE_SETTINGS, organisation):
        raise PermissionDenied
    return organisation


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
            "sender": settings_for(org),
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
    organisation = _managed_organisation(request, organisation_pk)
    if kind not in LetterKind.values:
        raise Http404
    subject, body = services.letter_template(organisation, kind)
    own = LetterTemplate.objects.filter(organisation=organisation, kind=kind).exists()
    form = forms.LetterTemplateForm(_posted(request), initial={"subject": subject, "body": body})
    if request.method == "POST" and request.POST.get("reset") and own:
        services.reset_letter_template(organisation, kind, request.user)
        messages.success(request, _("The letter uses the default text again."))
        return redirect("cases:letter_templates")
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
            "own": own,
            "kind_label": LetterKind(kind).label,
            "placeholders": {
                name: PLACEHOLDER_HELP.get(name, "") for name in services.LETTER_PLACEHOLDERS
            },
        },
    )


@require_http_methods(["GET", "POST"])
def letter_sender_edit(request, organisation_pk: int):
    organisation = _managed_organisation(request, organisation_pk)
    setting = settings_for(organisation)
    form = legal_forms.LetterSenderForm(
        _posted(request), initial={"unit": setting.letter_unit, "contact": setting.letter_contact}
    )
    if request.method == "POST" and form.is_valid():
        services.save_letter_sender(organisation, request.user, **form.cleaned_data)
        messages.success(request, _("The sender details have been saved."))
        return redirect("cases:letter_templates")
    return render(
        request,
        "cases/letter_sender_form.html",
        {"organisation": organisation, "form": form},
    )
