"""The legal track of a house-rule case, letters, mediation, crisis response and sharing
(attachments: services/attachments.py)."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import diff
from boligsocial.cases import workdays
from boligsocial.cases.models import (
    Case,
    CaseShare,
    Category,
    CrisisTask,
    CrisisTaskKind,
    Deadline,
    DeadlineKind,
    EventKind,
    LegalStep,
    Letter,
    LetterKind,
    LetterTemplate,
    PartyRole,
    PresenceDay,
    ShareReason,
    settings_for,
)
from boligsocial.cases.services._common import (
    audit,
    bump,
    danish,
    event,
    local_date,
    not_in_future,
    now,
    refresh_next_due,
    require_not_anonymised,
    require_open,
)
from boligsocial.cases.services.cases import add_years, working_day_on_or_after
from boligsocial.core.formatting import format_long_date

# --- legal track -----------------------------------------------------------------------------

#: henstilling → advarsel → beboerklagenævn → boligret (domain.md § 5.1)
LEGAL_ORDER = [
    LegalStep.REQUEST,
    LegalStep.WARNING,
    LegalStep.COMPLAINTS_BOARD,
    LegalStep.HOUSING_COURT,
]
#: The 3-year window in which a repeat breach counts (domain.md § 5.1).
REPEAT_WINDOW_YEARS = 3
#: Board decisions can be brought before the housing court within 4 weeks (domain.md § 5.1).
HOUSING_COURT_WINDOW = timedelta(weeks=4)


def warning_exempt(case: Case) -> bool:
    """Violence or threats, or behaviour dangerous to people or property: the complaints board
    takes the case without a prior warning."""
    return case.category == Category.VIOLENCE_THREATS or case.dangerous_conduct


def has_prior_warning(case: Case) -> bool:
    return case.legal_step in (
        LegalStep.WARNING,
        LegalStep.COMPLAINTS_BOARD,
        LegalStep.HOUSING_COURT,
    )


def legal_step_problem(case: Case, step: str) -> str | None:
    """Why `step` cannot be taken now (Danish when Danish is active), or None."""
    if step not in LegalStep.values:
        return _("Choose a legal step.")
    if case.anonymised_at is not None:
        return _("The case has been anonymised and can no longer be changed.")
    if not case.is_open:
        return _("The case is closed. Reopen it first.")
    needs_warning = not (has_prior_warning(case) or warning_exempt(case))
    if step == LegalStep.COMPLAINTS_BOARD and needs_warning:
        return _(
            "The tenants' complaints board only takes a house-rule case when the tenant has "
            "already been given a written warning (advarsel). Give a warning first. No "
            "warning is needed for violence or threats of violence, or for behaviour that is "
            "dangerous to other people or to the property (e.g. weapons or dangerous "
            "materials); if that is the case, change the category or mark the case as "
            "dangerous to people or property."
        )
    return None


@transaction.atomic
def take_legal_step(
    case: Case,
    step: str,
    user,
    *,
    at: datetime | None = None,
    text: str = "",
    expected_version: int | None = None,
) -> Case:
    """Record a step of the legal track. `legal_step` keeps the furthest step reached. A warning
    adds the follow-up deadline (organisation setting) and the 3-year repeat window."""
    problem = legal_step_problem(case, step)
    if problem:
        raise ValidationError(problem, code="legal_step")
    at = at or now()
    not_in_future(at)
    furthest = case.legal_step
    if not furthest or LEGAL_ORDER.index(step) > LEGAL_ORDER.index(furthest):
        furthest = step
    bump(case, actor=user, expected_version=expected_version, legal_step=furthest)
    label = danish(lambda: str(LegalStep(step).label))
    event(case, EventKind.LEGAL_STEP, user, f"{label}\n{text}".strip(), at=at)
    day = local_date(at)
    if step == LegalStep.WARNING:
        setting = settings_for(case.organisation_id)
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.WARNING_FOLLOW_UP, met_at__isnull=True
        ).update(met_at=at)
        Deadline.objects.create(
            case=case,
            kind=DeadlineKind.WARNING_FOLLOW_UP,
            due=workdays.add_working_days(day, setting.warning_follow_up_working_days),
        )
        Deadline.objects.filter(case=case, kind=DeadlineKind.REPEAT_WINDOW).delete()
        Deadline.objects.create(
            case=case,
            kind=DeadlineKind.REPEAT_WINDOW,
            due=working_day_on_or_after(add_years(day, REPEAT_WINDOW_YEARS)),
        )
    elif step in (LegalStep.COMPLAINTS_BOARD, LegalStep.HOUSING_COURT):
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.WARNING_FOLLOW_UP, met_at__isnull=True
        ).update(met_at=at)
    refresh_next_due(case)
    return case


@transaction.atomic
def record_board_decision(case: Case, decided_on: date, user, *, text: str = "") -> Deadline:
    """The complaints board decided: the 4-week window to bring it before the housing court."""
    require_not_anonymised(case)
    if case.legal_step not in (LegalStep.COMPLAINTS_BOARD, LegalStep.HOUSING_COURT):
        raise ValidationError(_("The case has not been brought before the complaints board."))
    if decided_on > local_date(now()):
        raise ValidationError(_("The date cannot be in the future."))
    event(case, EventKind.LEGAL_STEP, user, danish(lambda: _("Decision of the complaints board")))
    Deadline.objects.filter(
        case=case, kind=DeadlineKind.HOUSING_COURT_WINDOW, met_at__isnull=True
    ).delete()
    row = Deadline.objects.create(
        case=case,
        kind=DeadlineKind.HOUSING_COURT_WINDOW,
        due=working_day_on_or_after(decided_on + HOUSING_COURT_WINDOW),
        note=text[:300],
    )
    bump(case, actor=user)
    refresh_next_due(case)
    return row


# --- letters ---------------------------------------------------------------------------------

#: The placeholders a letter template may use; anything else is refused when saving a template.
LETTER_PLACEHOLDERS = (
    "reference",
    "date",
    "organisation",
    "department",
    "address",
    "respondents",
    "category",
)
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def default_letter(kind: str) -> tuple[str, str]:
    """(subject, body) of the built-in template, in Danish."""
    if kind == LetterKind.REQUEST:
        return danish(
            lambda: (
                _("Request concerning the house rules"),
                _(
                    "Dear {{ respondents }}\n\n"
                    "We have received a complaint concerning {{ address }} in {{ department }} "
                    "about: {{ category }}.\n\n"
                    "We ask you to respect the house rules, so that everybody can live well "
                    "together. Please contact us if you have any questions.\n\n"
                    "Case reference: {{ reference }}\n\n"
                    "Kind regards\n{{ organisation }}\n{{ date }}"
                ),
            )
        )
    return danish(
        lambda: (
            _("Warning concerning breach of the house rules"),
            _(
                "Dear {{ respondents }}\n\n"
                "We have received complaints concerning {{ address }} in {{ department }} "
                "about: {{ category }}.\n\n"
                "This letter is a written warning. If the breaches continue, the case may be "
                "brought before the tenants' complaints board, which can impose sanctions up to "
                "and including termination of the tenancy.\n\n"
                "Case reference: {{ reference }}\n\n"
                "Kind regards\n{{ organisation }}\n{{ date }}"
            ),
        )
    )


def validate_letter_template(body: str) -> None:
    unknown = sorted(set(_PLACEHOLDER.findall(body)) - set(LETTER_PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s. Allowed: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(LETTER_PLACEHOLDERS)}
        )


def letter_template(case_or_org, kind: str) -> tuple[str, str]:
    """(subject, body): the organisation's template, else the shared default row, else built-in."""
    org_id = getattr(case_or_org, "organisation_id", getattr(case_or_org, "pk", case_or_org))
    rows = {
        t.organisation_id: t
        for t in LetterTemplate.objects.filter(kind=kind, organisation_id__in=[org_id])
    }
    row = rows.get(org_id) or LetterTemplate.objects.filter(kind=kind, organisation=None).first()
    return (row.subject, row.body) if row else default_letter(kind)


def save_letter_template(organisation, kind: str, subject: str, body: str, user) -> LetterTemplate:
    if kind not in LetterKind.values:
        raise ValidationError(_("Choose the type of letter."))
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write both a subject and a text."))
    validate_letter_template(body)
    existing = LetterTemplate.objects.filter(organisation=organisation, kind=kind).first()
    before = {"subject": existing.subject, "body": existing.body} if existing else {}
    row, created = LetterTemplate.objects.update_or_create(
        organisation=organisation, kind=kind, defaults={"subject": subject.strip(), "body": body}
    )
    action = ChangeAction.CREATE if created else ChangeAction.UPDATE
    audit(user, row, action, diff(before, {"subject": row.subject, "body": row.body}))
    return row


def letter_context(case: Case, on: date | None = None) -> dict[str, str]:
    respondents = list(
        case.parties.filter(role=PartyRole.RESPONDENT).values_list("name", flat=True)
    )

    def build():
        return {
            "reference": case.reference,
            "date": format_long_date(on or local_date(now())),
            "organisation": str(case.organisation),
            "department": str(case.department.name),
            "address": case.address or _("the address"),
            "respondents": ", ".join(respondents) or _("resident"),
            "category": str(Category(case.category).label).lower(),
        }

    return danish(build)


def render_template_text(text: str, context: dict[str, str]) -> str:
    """Replace known {{ placeholders }} with plain text; nothing in the template is executed."""
    return _PLACEHOLDER.sub(lambda m: context.get(m.group(1), m.group(0)), text)


def render_letter(case: Case, kind: str, user=None, *, save: bool = True) -> Letter:
    """Render the request or warning letter from the organisation's template. Saved as a
    Letter (the PDF is generated from `rendered_body` on demand) and noted on the timeline."""
    if kind not in LetterKind.values:
        raise ValidationError(_("Choose the type of letter."))
    require_not_anonymised(case)
    subject, body = letter_template(case, kind)
    ctx = letter_context(case)
    letter = Letter(
        case=case,
        kind=kind,
        subject=render_template_text(subject, ctx)[:200],
        rendered_body=render_template_text(body, ctx),
        created_by=user,
    )
    if save:
        letter.save()
        audit(user, letter, ChangeAction.CREATE, {"kind": (None, kind), "subject": (None, "")})
        event(case, EventKind.LETTER, user, letter.subject)
        bump(case, actor=user)
    return letter


# --- mediation (never the content) -----------------------------------------------------------


@transaction.atomic
def offer_mediation(case: Case, user, *, at: datetime | None = None) -> Case:
    require_not_anonymised(case)
    require_open(case)
    at = at or now()
    not_in_future(at)
    bump(case, actor=user, mediation_offered_at=at)
    event(case, EventKind.MEDIATION, user, danish(lambda: _("Mediation offered")), at=at)
    return case


@transaction.atomic
def record_mediation(
    case: Case,
    user,
    *,
    held_at: datetime,
    mediator: str,
    agreement: bool | None,
) -> Case:
    """That mediation was held, by whom and whether agreement was reached. There is
    deliberately no text: what is said in mediation is confidential (domain.md § 5.2)."""
    require_not_anonymised(case)
    not_in_future(held_at)
    mediator = " ".join((mediator or "").split())
    if not mediator:
        raise ValidationError({"mediator": _("Write who mediated.")})
    if held_at < case.received_at:
        raise ValidationError({"held_at": _("Mediation cannot be before the case was received.")})
    changes = {"mediation_held_at": held_at, "mediator": mediator[:200]}
    changes["mediation_agreement"] = agreement
    if case.mediation_offered_at is None:
        changes["mediation_offered_at"] = held_at
    bump(case, actor=user, **changes)

    def text():
        result = {True: _("agreement"), False: _("no agreement"), None: _("not known")}[agreement]
        return _("Mediation held by %(mediator)s: %(result)s") % {
            "mediator": mediator,
            "result": result,
        }

    event(case, EventKind.MEDIATION, user, danish(text), at=held_at)
    return case


# --- crisis response -------------------------------------------------------------------------


@transaction.atomic
def complete_crisis_task(
    case: Case, kind: str, user, *, note: str = "", at: datetime | None = None
) -> CrisisTask:
    require_not_anonymised(case)
    if kind not in CrisisTaskKind.values:
        raise ValidationError(_("Choose a task from the checklist."))
    at = at or now()
    not_in_future(at)
    task, _created = CrisisTask.objects.get_or_create(case=case, kind=kind)
    if task.done_at is not None:
        raise ValidationError(_("The task has already been done."))
    task.done_at, task.done_by, task.note = at, user, note.strip()[:500]
    task.save()
    audit(user, task, ChangeAction.UPDATE, {"done_at": (None, at), "note": ("", task.note)})
    label = danish(lambda: str(CrisisTaskKind(kind).label))
    event(case, EventKind.CRISIS, user, f"{label}\n{task.note}".strip(), at=at)
    if kind == CrisisTaskKind.FOLLOW_UP_VISIT:
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.CRISIS_FOLLOW_UP, met_at__isnull=True
        ).update(met_at=at)
    bump(case, actor=user)
    refresh_next_due(case)
    return task


def undo_crisis_task(task: CrisisTask, user) -> CrisisTask:
    require_not_anonymised(task.case)
    audit(user, task, ChangeAction.UNDO, {"done_at": (task.done_at, None)})
    task.done_at = task.done_by = None
    task.save(update_fields=["done_at", "done_by"])
    bump(task.case, actor=user)
    return task


def add_presence_day(case: Case, day: date, hours, user, *, note: str = "") -> PresenceDay:
    require_not_anonymised(case)
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"hours": _("Enter the number of hours, e.g. 3.5.")}) from None
    if not Decimal(0) < hours <= Decimal(24):
        raise ValidationError({"hours": _("Hours must be more than 0 and at most 24.")})
    if day > local_date(now()):
        raise ValidationError({"date": _("The date cannot be in the future.")})
    row = PresenceDay.objects.create(case=case, date=day, hours=hours, note=note.strip()[:500])
    audit(user, row, ChangeAction.CREATE, {"date": (None, day), "hours": (None, hours)})
    bump(case, actor=user)
    return row


def end_crisis(case: Case, user, *, at: datetime | None = None) -> Case:
    require_not_anonymised(case)
    at = at or now()
    bump(case, actor=user, crisis_ended_at=at)
    event(case, EventKind.CRISIS, user, danish(lambda: _("Crisis response ended")), at=at)
    return case


# --- sharing ---------------------------------------------------------------------------------


@transaction.atomic
def share_case(case: Case, recipient, reason: str, explanation: str, user) -> CaseShare:
    """Show the case to one named municipal user (of the case's municipality), with the reason
    recorded. The caller has checked SHARE_CASE."""
    from boligsocial.cases import access

    require_not_anonymised(case)
    explanation = explanation.strip()
    errors = {}
    if reason not in ShareReason.values:
        errors["reason"] = _("Choose the basis for sharing: consent or legal basis.")
    if not explanation:
        errors["explanation"] = _(
            "Explain why the case is shared (what the consent or legal basis is)."
        )
    if recipient is None or not access.case_share_recipients(case).filter(pk=recipient.pk).exists():
        errors["user"] = _(
            "A case can only be shared with a municipal coordinator in the department's "
            "municipality."
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            share = CaseShare.objects.create(
                case=case,
                user=recipient,
                reason=reason,
                explanation=explanation,
                created_by=user,
            )
    except IntegrityError:
        raise ValidationError({"user": _("The case is already shared with this user.")}) from None
    audit(
        user,
        share,
        ChangeAction.CREATE,
        {"user": (None, recipient.pk), "reason": (None, reason)},
    )

    def text():
        return _("Shared with %(user)s (%(reason)s)") % {
            "user": recipient.get_full_name() or recipient.get_username(),
            "reason": ShareReason(reason).label,
        }

    event(case, EventKind.SHARE, user, danish(text))
    bump(case, actor=user)
    return share


@transaction.atomic
def revoke_share(share: CaseShare, user, *, explanation: str = "") -> CaseShare:
    if share.revoked_at is not None:
        raise ValidationError(_("The sharing has already been revoked."))
    share.revoked_at, share.revoked_by = now(), user
    share.save(update_fields=["revoked_at", "revoked_by"])
    audit(user, share, ChangeAction.UPDATE, {"revoked_at": (None, share.revoked_at)})
    recipient = share.user

    def text():
        return _("Sharing with %(user)s revoked") % {
            "user": recipient.get_full_name() or recipient.get_username()
        }

    event(share.case, EventKind.SHARE, user, f"{danish(text)}\n{explanation.strip()}".strip())
    bump(share.case, actor=user)
    return share
