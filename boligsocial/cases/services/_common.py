"""Shared helpers of the case services (not part of the public API)."""

import re
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import diff, record_change
from boligsocial.cases import workdays
from boligsocial.cases.models import (
    OPEN_STATUSES,
    WINDOW_DEADLINE_KINDS,
    Case,
    Deadline,
    DeadlineKind,
    Event,
    Status,
)


class StaleCase(Exception):
    """The case changed since the user loaded it (`expected_version` is old). Nothing was saved.

    ``current``: the current values of the editable fields; ``submitted``: what the user sent;
    ``fields``: the names of the fields whose current value differs from what the user sent;
    ``version``: the current version (the form should carry it on the next attempt)."""

    def __init__(self, case: Case, submitted: dict, fields: list[str]):
        self.case = case
        self.version = case.version
        self.submitted = submitted
        self.fields = fields
        self.current = {f: _value(case, f) for f in submitted}
        super().__init__(f"{case.reference}: version {case.version}, differing fields {fields}")


def _value(case: Case, field: str):
    f = Case._meta.get_field(field)
    return getattr(case, f.attname)


def now():
    return timezone.now()


def local_date(value: date | datetime) -> date:
    return workdays.local_date(value)


def danish(func, *args, **kwargs):
    """Call `func` with Danish active: texts stored in the case (events, e-mails) are Danish."""
    with translation.override("da"):
        return func(*args, **kwargs)


_ADDRESS_FOLD = re.compile(r"[\s,.;:/-]+")


def normalise_address(address: str) -> str:
    """Lower-case, punctuation and runs of white space folded to one space: "Alfavej 1, st. tv."
    and "alfavej 1 st tv" are the same address."""
    return _ADDRESS_FOLD.sub(" ", (address or "").lower()).strip()


def lease_address(lease) -> str:
    return f"{lease.address}, {lease.unit}" if lease.unit else lease.address


def bump(case: Case, *, actor, expected_version: int | None = None, **changes) -> Case:
    """Write `changes` and increment `version` in one UPDATE; StaleCase if `expected_version`
    is given and no longer current. Updates `case` in place and returns it. Changed fields go
    to the change log as `actor`'s (personal values masked); a bump without changes only marks
    the case as changed (the sub-object's own service records what it wrote)."""
    qs = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    before = {name: getattr(case, name) for name in changes}
    stamp = now()
    if not qs.update(**changes, version=F("version") + 1, updated_at=stamp):
        current = Case.objects.get(pk=case.pk)
        raise StaleCase(current, {}, [])
    for name, value in changes.items():
        setattr(case, name, value)
    case.version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
    case.updated_at = stamp
    changed = diff(before, changes)
    if changed:
        action = ChangeAction.TRANSITION if "status" in changed else ChangeAction.UPDATE
        audit(actor, case, action, changed)
    return case


def lock_case(case: Case) -> Case:
    """Lock the case's row until the surrounding transaction ends and bring `case` up to date
    from it, so a state check that follows (open? which status?) sees what the last committed
    writer left. Two state changes of one case are then one after the other, never interleaved:
    two closes give one close and "the case is closed" for the second; a status change
    racing a close never leaves an open status with `closed_at` set.

    PostgreSQL: ``SELECT … FOR UPDATE`` (the second transaction waits for the first to commit).
    SQLite has no row locks: a write that changes nothing takes the database's write lock at the
    start of the transaction (the second writer waits up to the connection's timeout), then the
    row is read. Call it first in an ``atomic`` block, before any other read of the case.
    For every state-changing service of a case (close, status, contact, reopen, legal steps)."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_case() must run inside transaction.atomic")
    rows = Case.objects.filter(pk=case.pk)
    if connection.features.has_select_for_update:
        fresh = rows.select_for_update().get()
    else:
        rows.update(version=F("version"))
        fresh = rows.get()
    for field in Case._meta.concrete_fields:
        value = getattr(fresh, field.attname)
        if getattr(case, field.attname) != value:
            setattr(case, field.attname, value)
            if field.is_relation and field.is_cached(case):
                field.delete_cached_value(case)
    return case


def refresh_next_due(case: Case) -> None:
    """`next_due` = the earliest unmet task deadline of an open case (windows do not count).

    The generic follow-up (DeadlineKind.FOLLOW_UP, cases/followup.py) gives way to a specific
    task deadline: when the case has another unmet one, its unmet follow-ups are removed."""
    value = None
    if case.status in OPEN_STATUSES:
        _drop_superseded_follow_ups(case)
        value = (
            Deadline.objects.filter(case=case, met_at__isnull=True)
            .exclude(kind__in=WINDOW_DEADLINE_KINDS)
            .order_by("due")
            .values_list("due", flat=True)
            .first()
        )
    if value != case.next_due:
        Case.objects.filter(pk=case.pk).update(next_due=value)
        case.next_due = value


def _drop_superseded_follow_ups(case: Case) -> None:
    unmet = Deadline.objects.filter(case=case, met_at__isnull=True).exclude(
        kind__in=WINDOW_DEADLINE_KINDS
    )
    if not unmet.exclude(kind=DeadlineKind.FOLLOW_UP).exists():
        return
    for row in unmet.filter(kind=DeadlineKind.FOLLOW_UP):
        audit(None, row, ChangeAction.DELETE, {"kind": (row.kind, None), "due": (row.due, None)})
        row.delete()


def event(case: Case, kind: str, user, text: str = "", *, at=None, minutes=None) -> Event:
    created = Event.objects.create(
        case=case,
        kind=kind,
        occurred_at=at or now(),
        minutes=minutes,
        text=str(text),
        created_by=user,
    )
    audit(user, created, ChangeAction.CREATE, {"kind": (None, kind), "text": (None, created.text)})
    return created


# Fields whose values are personal data: the change log records that they changed, not what
# they held (cases hold complaints and suspected crime, databeskyttelsesloven § 8).
PERSONAL_FIELDS: dict[str, frozenset[str]] = {
    "Case": frozenset({"address", "address_key", "lease", "description", "mediator"}),
    "Party": frozenset({"name", "lease", "address", "phone", "email"}),
    "Event": frozenset({"text"}),
    "Attachment": frozenset({"original_name", "file"}),
    "Letter": frozenset(
        {"subject", "rendered_body", "recipient_name", "recipient_address", "sender", "pdf"}
    ),
    "LegalProceeding": frozenset({"note"}),
    "CrisisTask": frozenset({"note"}),
    "PresenceDay": frozenset({"note"}),
    "Deadline": frozenset({"note"}),
}


def audit(actor, obj, action: str, changes: dict | None = None) -> None:
    """One change-log entry for a case object, its personal fields masked."""
    organisation_id = getattr(obj, "organisation_id", None)
    if organisation_id is None and hasattr(obj, "case_id"):
        organisation_id = obj.case.organisation_id  # the case is cached where it was created
    record_change(
        actor=actor,
        obj=obj,
        action=action,
        changes=changes,
        personal=PERSONAL_FIELDS.get(type(obj).__name__, ()),
        organisation_id=organisation_id,
    )


def require_open(case: Case) -> None:
    if case.status == Status.CLOSED:
        raise ValidationError(_closed_message())


def require_not_anonymised(case: Case) -> None:
    if case.anonymised_at is not None:
        raise ValidationError(_("The case has been anonymised and can no longer be changed."))


def _closed_message():
    return _("The case is closed. Reopen it first.")


def not_in_future(at: datetime) -> None:
    if at > now() + timedelta(minutes=5):
        raise ValidationError(_("The time cannot be in the future."), code="future")
