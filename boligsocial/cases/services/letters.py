"""Letters (issue 13, items 1 and 2): a DRAFT filled from the organisation's template and
addressed to one party, edited by the caseworker, then ISSUED once: the PDF is rendered,
stored on the letter and noted on the timeline, and never changes afterwards.

What a letter may say about people is decided here, not in the template: the placeholders name
only the recipient (and the case's own details), so a letter to the household complained about
never names or addresses the complainant unless the caseworker writes it in."""

import hashlib
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import diff
from boligsocial.cases.letter_texts import DEFAULT_LETTERS, UNFILLED
from boligsocial.cases.models import (
    LETTER_DEFAULT_ROLE,
    Case,
    Category,
    EventKind,
    Letter,
    LetterKind,
    LetterStatus,
    LetterTemplate,
    Party,
    PartyRole,
    settings_for,
)
from boligsocial.cases.services._common import (
    audit,
    bump,
    danish,
    event,
    lease_address,
    local_date,
    now,
    require_not_anonymised,
)
from boligsocial.core.formatting import format_long_date

#: The placeholders a letter template may use; anything else is refused when saving a template.
#: `recipient`/`respondents` are the recipient's name and `address` the recipient's street
#: address (`respondents` is the name templates saved before issue 13 used).
LETTER_PLACEHOLDERS = (
    "recipient",
    "respondents",
    "address",
    "reference",
    "date",
    "organisation",
    "unit",
    "caseworker",
    "department",
    "category",
)
PLACEHOLDER_PATTERN = r"\{\{\s*([a-z_]+)\s*\}\}"

# --- templates -------------------------------------------------------------------------------


def default_letter(kind: str) -> tuple[str, str]:
    """(subject, body) of the built-in template, in Danish (letter_texts.py)."""
    return DEFAULT_LETTERS[LetterKind(kind).value]


def validate_letter_template(body: str) -> None:
    unknown = sorted(set(re.findall(PLACEHOLDER_PATTERN, body)) - set(LETTER_PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s. Allowed: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(LETTER_PLACEHOLDERS)}
        )


def letter_template(case_or_org, kind: str) -> tuple[str, str]:
    """(subject, body): the organisation's template, else the shared default row, else built-in."""
    org_id = getattr(case_or_org, "organisation_id", getattr(case_or_org, "pk", case_or_org))
    row = (
        LetterTemplate.objects.filter(kind=kind, organisation_id=org_id).first()
        or LetterTemplate.objects.filter(kind=kind, organisation=None).first()
    )
    return (row.subject, row.body) if row else default_letter(kind)


@transaction.atomic
def save_letter_template(organisation, kind: str, subject: str, body: str, user) -> LetterTemplate:
    if kind not in LetterKind.values:
        raise ValidationError(_("Choose the type of letter."))
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write both a subject and a text."))
    validate_letter_template(subject)
    validate_letter_template(body)
    existing = LetterTemplate.objects.filter(organisation=organisation, kind=kind).first()
    before = {"subject": existing.subject, "body": existing.body} if existing else {}
    row, created = LetterTemplate.objects.update_or_create(
        organisation=organisation, kind=kind, defaults={"subject": subject.strip(), "body": body}
    )
    action = ChangeAction.CREATE if created else ChangeAction.UPDATE
    audit(user, row, action, diff(before, {"subject": row.subject, "body": row.body}))
    return row


@transaction.atomic
def reset_letter_template(organisation, kind: str, user) -> None:
    """Drop the organisation's own text: its letters use the default again."""
    row = LetterTemplate.objects.filter(organisation=organisation, kind=kind).first()
    if row is None:
        return
    audit(user, row, ChangeAction.DELETE, {"subject": (row.subject, None)})
    row.delete()


@transaction.atomic
def save_letter_sender(organisation, user, *, unit: str, contact: str):
    """The unit and contact lines printed under the organisation's name in its letters."""
    setting = settings_for(organisation)
    before = {"letter_unit": setting.letter_unit, "letter_contact": setting.letter_contact}
    setting.letter_unit = " ".join(unit.split())[:200]
    setting.letter_contact = " ".join(contact.split())[:300]
    created = setting.pk is None
    setting.save()
    after = {"letter_unit": setting.letter_unit, "letter_contact": setting.letter_contact}
    audit(
        user, setting, ChangeAction.CREATE if created else ChangeAction.UPDATE, diff(before, after)
    )
    return setting


# --- addressing ------------------------------------------------------------------------------


def _postal_line(case: Case) -> str:
    department = case.department
    return f"{department.postal_code} {department.city}".strip()


def party_street_address(party: Party | None, case: Case) -> str:
    """The street address a letter to `party` goes to: the party's lease, else the address
    written on the party; a household complained about without either lives at the address
    the case is about. Never another party's address."""
    if party is not None and party.lease_id:
        return lease_address(party.lease)
    if party is not None and party.address:
        return party.address
    if party is None or party.role == PartyRole.RESPONDENT:
        if case.lease_id:
            return lease_address(case.lease)
        return case.address
    return ""


def address_block(party: Party | None, case: Case) -> str:
    street = party_street_address(party, case)
    return f"{street}\n{_postal_line(case)}" if street else ""


def default_recipient(case: Case, kind: str) -> Party | None:
    role = LETTER_DEFAULT_ROLE[LetterKind(kind)]
    return case.parties.filter(role=role).order_by("id").first()


def recipient_choices(case: Case):
    return case.parties.select_related("lease").order_by("role", "name", "id")


def _caseworker(case: Case, user):
    worker = case.assignee or user
    if worker is None or not getattr(worker, "pk", None):
        return None
    return worker


def sender_block(case: Case, user) -> str:
    """Organisation, unit, caseworker (name, e-mail) and the unit's contact line."""
    setting = settings_for(case.organisation_id)
    worker = _caseworker(case, user)
    lines = [str(case.organisation.name), setting.letter_unit]
    if worker is not None:
        name = worker.get_full_name() or worker.get_username()
        lines.append(danish(lambda: _("Caseworker: %(name)s") % {"name": name}))
        if worker.email:
            lines.append(worker.email)
    lines.append(setting.letter_contact)
    return "\n".join(line for line in lines if line)


def letter_context(
    case: Case, recipient: Party | None = None, *, on: date | None = None, user=None
):
    """The values of the placeholders for a letter to `recipient` (default: the household
    complained about when there is no party row)."""
    worker = _caseworker(case, user)

    def build():
        name = recipient.name if recipient is not None else _("the resident")
        return {
            "recipient": name,
            "respondents": name,
            "address": party_street_address(recipient, case) or _("the address"),
            "reference": case.reference,
            "date": format_long_date(on or local_date(now())),
            "organisation": str(case.organisation.name),
            "unit": settings_for(case.organisation_id).letter_unit or str(case.organisation.name),
            "caseworker": (worker.get_full_name() or worker.get_username()) if worker else "",
            "department": str(case.department.name),
            "category": str(Category(case.category).label).lower(),
        }

    return danish(build)


def render_template_text(text: str, context: dict[str, str]) -> str:
    """Replace known {{ placeholders }} with plain text; nothing in the template is executed."""
    return re.sub(PLACEHOLDER_PATTERN, lambda m: context.get(m.group(1), m.group(0)), text)


# --- drafts ----------------------------------------------------------------------------------


def _require_draft(letter: Letter) -> None:
    if letter.status != LetterStatus.DRAFT:
        raise ValidationError(
            _("The letter has been issued and can no longer be changed."), code="issued"
        )


def build_letter_draft(
    *,
    case: Case,
    kind: str,
    user=None,
    recipient: Party | None = None,
    choose_default: bool = True,
):
    """The unsaved draft: the template filled for `recipient` (with none given and
    `choose_default`, the default party of the letter kind: LETTER_DEFAULT_ROLE)."""
    if kind not in LetterKind.values:
        raise ValidationError(_("Choose the type of letter."))
    if recipient is not None and recipient.case_id != case.pk:
        raise ValidationError({"recipient": _("Choose a party of this case.")})
    if recipient is None and choose_default:
        recipient = default_recipient(case, kind)
    subject, body = letter_template(case, kind)
    ctx = letter_context(case, recipient, user=user)
    name = recipient.name if recipient is not None else ctx["recipient"]
    return Letter(
        case=case,
        kind=kind,
        recipient=recipient,
        recipient_name=name[:200],
        recipient_address=address_block(recipient, case),
        subject=render_template_text(subject, ctx)[:200],
        rendered_body=render_template_text(body, ctx),
        created_by=user,
    )


@transaction.atomic
def create_letter_draft(
    *, case: Case, kind: str, user, recipient: Party | None = None, choose_default: bool = True
) -> Letter:
    require_not_anonymised(case)
    letter = build_letter_draft(
        case=case, kind=kind, user=user, recipient=recipient, choose_default=choose_default
    )
    letter.save()
    audit(
        user,
        letter,
        ChangeAction.CREATE,
        {"kind": (None, kind), "status": (None, LetterStatus.DRAFT), "subject": (None, "")},
    )
    label = danish(lambda: str(LetterKind(kind).label))
    event(
        case,
        EventKind.LETTER,
        user,
        danish(lambda: _("Letter drafted: %(kind)s") % {"kind": label}),
    )
    bump(case, actor=user)
    return letter


def render_letter(case: Case, kind: str, user=None, *, save: bool = True) -> Letter:
    """The draft of a `kind` letter to its default recipient (saved unless save=False)."""
    if not save:
        return build_letter_draft(case=case, kind=kind, user=user)
    return create_letter_draft(case=case, kind=kind, user=user)


EDITABLE_LETTER_FIELDS = ("recipient_name", "recipient_address", "subject", "rendered_body")


@transaction.atomic
def update_letter_draft(*, letter: Letter, user, **data) -> Letter:
    """Change the draft's address block, subject or text (only a draft)."""
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    require_not_anonymised(letter.case)
    _require_draft(letter)
    values = {k: str(data[k]) for k in EDITABLE_LETTER_FIELDS if k in data}
    values = {k: v.strip() if k != "rendered_body" else v for k, v in values.items()}
    errors = {}
    if "rendered_body" in values and not values["rendered_body"].strip():
        errors["rendered_body"] = _("Write the letter's text.")
    if "recipient_name" in values and not values["recipient_name"]:
        errors["recipient_name"] = _("Write who the letter is to.")
    if errors:
        raise ValidationError(errors)
    values["subject"] = values.get("subject", letter.subject)[:200]
    values["recipient_name"] = values.get("recipient_name", letter.recipient_name)[:200]
    before = {k: getattr(letter, k) for k in values}
    for k, v in values.items():
        setattr(letter, k, v)
    letter.save()
    changed = diff(before, values)
    if changed:
        audit(user, letter, ChangeAction.UPDATE, changed)
        bump(letter.case, actor=user)
    return letter


@transaction.atomic
def discard_letter_draft(*, letter: Letter, user) -> None:
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    require_not_anonymised(letter.case)
    _require_draft(letter)
    case = letter.case
    label = danish(lambda: str(LetterKind(letter.kind).label))
    audit(user, letter, ChangeAction.DELETE, {"status": (LetterStatus.DRAFT, None)})
    letter.delete()
    event(
        case,
        EventKind.LETTER,
        user,
        danish(lambda: _("Letter draft discarded: %(kind)s") % {"kind": label}),
    )
    bump(case, actor=user)


def issue_problem(letter: Letter) -> str | None:
    """Why the letter cannot be issued now, or None (shown before the button is pressed)."""
    if letter.status != LetterStatus.DRAFT:
        return _("The letter has been issued and can no longer be changed.")
    if letter.case.anonymised_at is not None:
        return _("The case has been anonymised and can no longer be changed.")
    if not letter.recipient_name.strip() or not letter.recipient_address.strip():
        return _("Write the recipient's name and address before the letter is issued.")
    if UNFILLED.search(letter.rendered_body) or UNFILLED.search(letter.subject):
        return _("Fill in the marked places ([udfyld: …]) in the text before issuing the letter.")
    return None


def letter_report(letter: Letter, *, draft: bool):
    """The letter as a core.reports.Report (the PDF of an issued letter is made from this once)."""
    from boligsocial.core.reports import Report

    case = letter.case
    return Report(
        title=letter.subject or letter.get_kind_display(),
        template="cases/letter_body.html",
        context={
            "case": case,
            "letter": letter,
            "draft": draft,
            "sender": letter.sender if letter.is_issued else sender_block(case, letter.created_by),
            "letter_date": letter.letter_date or local_date(letter.issued_at or now()),
        },
        filename=f"{danish(lambda: str(LetterKind(letter.kind).label))} {case.reference}",
        stylesheets=("css/letters.css",),
        brand=case.organisation.name,
    )


def render_letter_pdf(letter: Letter, request=None, *, draft: bool) -> bytes:
    """The letter as PDF, in Danish whatever the caseworker's language (the letter goes to a
    Danish household)."""
    from boligsocial.core.reports import render_pdf

    return danish(lambda: render_pdf(request, letter_report(letter, draft=draft)))


@transaction.atomic
def issue_letter(*, letter: Letter, user, request=None) -> Letter:
    """Issue the draft: date it, freeze the sender block, render the PDF once and store it,
    note it on the timeline. Two issues at once give one issued letter and one refusal."""
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    problem = issue_problem(letter)
    if problem:
        raise ValidationError(problem, code="issue")
    case = letter.case
    at = now()
    letter.letter_date = local_date(at)
    letter.sender = sender_block(case, user)
    letter.status = LetterStatus.ISSUED
    letter.issued_at, letter.issued_by = at, user
    content = render_letter_pdf(letter, request, draft=False)
    letter.pdf = content
    letter.pdf_sha256 = hashlib.sha256(content).hexdigest()
    Letter.objects.filter(pk=letter.pk, status=LetterStatus.DRAFT).update(
        letter_date=letter.letter_date,
        sender=letter.sender,
        status=letter.status,
        issued_at=at,
        issued_by=user,
        pdf=content,
        pdf_sha256=letter.pdf_sha256,
        updated_at=at,
    )
    audit(
        user,
        letter,
        ChangeAction.TRANSITION,
        {
            "status": (LetterStatus.DRAFT, LetterStatus.ISSUED),
            "pdf_sha256": (None, letter.pdf_sha256),
        },
    )
    label = danish(lambda: str(LetterKind(letter.kind).label))
    event(
        case,
        EventKind.LETTER,
        user,
        danish(
            lambda: (
                _("Letter issued: %(kind)s – %(subject)s")
                % {"kind": label, "subject": letter.subject}
            )
        ),
        at=at,
    )
    bump(case, actor=user)
    return letter
