"""Mediation, crisis response and sharing (the legal track is in legal_track.py, letters in
letters.py, attachments in attachments.py)."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.cases.models import (
    Case,
    CaseShare,
    CrisisTask,
    CrisisTaskKind,
    Deadline,
    DeadlineKind,
    EventKind,
    PresenceDay,
    ShareReason,
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
