"""Corrections of a case's timeline (GDPR art. 16, the right to rectification): a case worker's
own entries (call, visit, letter, meeting, note) can be corrected or deleted by the social unit.
The case's own history (status changes, legal steps, mediation, crisis, sharing) cannot: it
records what the system did. Parties: `update_party` / `remove_party` (services/cases.py);
attachments: `delete_attachment` (services/attachments.py).

Each correction is in the change log (old → new, the text masked as personal data) and leaves a
short note on the timeline that says what was corrected, never the old content. A closed case is
reopened first."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import diff
from boligsocial.cases.models import MANUAL_EVENT_KINDS, Event, EventKind
from boligsocial.cases.services._common import (
    audit,
    bump,
    danish,
    event,
    lock_case,
    not_in_future,
    require_not_anonymised,
    require_open,
)
from boligsocial.core.formatting import format_datetime


def _correctable(entry: Event):
    case = lock_case(entry.case)
    require_not_anonymised(case)
    require_open(case)
    if entry.kind not in MANUAL_EVENT_KINDS:
        raise ValidationError(
            _("Only entries written by a case worker can be corrected, not the case's history."),
            code="history",
        )
    return case


def _entry_label(entry: Event) -> str:
    return danish(
        lambda: f"{EventKind(entry.kind).label.lower()} {format_datetime(entry.occurred_at)}"
    )


def _fields(entry: Event) -> dict:
    return {"text": entry.text, "occurred_at": entry.occurred_at, "minutes": entry.minutes}


@transaction.atomic
def correct_event(
    *, entry: Event, user, text: str, occurred_at: datetime, minutes: int | None = None
) -> Event:
    """Correct the text, time or minutes of a case worker's timeline entry."""
    case = _correctable(entry)
    not_in_future(occurred_at)
    if minutes is not None and not 0 <= int(minutes) <= 24 * 60:
        raise ValidationError({"minutes": _("Time spent must be between 0 and 1440 minutes.")})
    text = (text or "").strip()
    if entry.kind == EventKind.NOTE and not text:
        raise ValidationError({"text": _("Write the note.")})
    before = _fields(entry)
    entry.text, entry.occurred_at, entry.minutes = text, occurred_at, minutes
    after = _fields(entry)
    # Compared as values: the same instant in another time zone is no change.
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    if not changed:
        return entry
    entry.save(update_fields=["text", "occurred_at", "minutes"])
    audit(user, entry, ChangeAction.UPDATE, changed)
    event(
        case,
        EventKind.NOTE,
        user,
        danish(lambda: _("Corrected on the timeline: %(entry)s") % {"entry": _entry_label(entry)}),
    )
    bump(case, actor=user)
    return entry


@transaction.atomic
def delete_event(*, entry: Event, user) -> None:
    """Delete a case worker's timeline entry (a note on the timeline says that one was)."""
    case = _correctable(entry)
    label = _entry_label(entry)
    audit(user, entry, ChangeAction.DELETE, diff({**_fields(entry), "kind": entry.kind}, {}))
    entry.delete()
    event(
        case,
        EventKind.NOTE,
        user,
        danish(lambda: _("Deleted from the timeline: %(entry)s") % {"entry": label}),
    )
    bump(case, actor=user)
