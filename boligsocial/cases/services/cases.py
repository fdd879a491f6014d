"""Opening, editing, status, contact, events, deadlines, repeats, lists (parties:
services/parties.py)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import diff
from boligsocial.cases import followup, workdays
from boligsocial.cases.models import (
    MANUAL_EVENT_KINDS,
    OPEN_STATUSES,
    Case,
    CaseKind,
    Category,
    CrisisTask,
    CrisisTaskKind,
    Deadline,
    DeadlineKind,
    Event,
    EventKind,
    Outcome,
    Party,
    Priority,
    ReferenceCounter,
    Source,
    Status,
    Track,
    refresh_search_text,
    settings_for,
)
from boligsocial.cases.services._common import (
    StaleCase,
    audit,
    bump,
    danish,
    event,
    lease_address,
    local_date,
    lock_case,
    normalise_address,
    not_in_future,
    now,
    refresh_next_due,
    require_not_anonymised,
    require_open,
)
from boligsocial.cases.services.parties import (
    add_party,
    clean_party,
    party_dict,
    remove_party,
    update_party,
)
from boligsocial.cases.services.team import schedule_team_notice

#: Working days after an acute incident until the crisis follow-up is due (the organisation's
#: own practice, not a rule of law; a case worker may add or move deadlines).
CRISIS_FOLLOW_UP_WORKING_DAYS = 10

#: Fields `update_case` changes; everything else goes through its own service.
EDITABLE_FIELDS = (
    "department",
    "lease",
    "address",
    "kind",
    "track",
    "category",
    "description",
    "dangerous_conduct",
    "priority",
    "assignee",
    "incident_at",
)

#: Allowed status changes (closing goes through close_case, reopening through reopen_case).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.CONTACTED, Status.IN_PROGRESS, Status.FORWARDED}),
    Status.CONTACTED: frozenset({Status.IN_PROGRESS, Status.FORWARDED}),
    Status.IN_PROGRESS: frozenset({Status.FORWARDED}),
    Status.FORWARDED: frozenset({Status.IN_PROGRESS}),
    Status.REOPENED: frozenset({Status.CONTACTED, Status.IN_PROGRESS, Status.FORWARDED}),
    Status.CLOSED: frozenset(),
}


# --- references ------------------------------------------------------------------------------


def next_reference(year: int) -> str:
    """BS-<year>-<n>, n counting from 1 each year. Safe under concurrency: the counter row is
    incremented with one UPDATE, which holds its row lock until the surrounding transaction
    commits, so two transactions never read the same number."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                ReferenceCounter.objects.get_or_create(year=year)
                break
        except IntegrityError:  # another transaction created the row first
            continue
    with transaction.atomic():
        ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
        n = ReferenceCounter.objects.values_list("last", flat=True).get(year=year)
    return f"BS-{year}-{n:04d}"


# --- validation ------------------------------------------------------------------------------


def _check_choice(value, choices, message):
    if value not in choices.values:
        raise ValidationError(message, code="invalid_choice")


def _check_lease(department, lease) -> None:
    if lease is not None and lease.department_id != department.pk:
        raise ValidationError(
            {"lease": _("The lease does not belong to the chosen department.")}, code="lease"
        )


# --- opening ---------------------------------------------------------------------------------


@transaction.atomic
def open_case(
    *,
    department,
    kind: str,
    track: str,
    category: str,
    user=None,
    description: str = "",
    lease=None,
    address: str = "",
    priority: str = Priority.NORMAL,
    assignee=None,
    received_at: datetime | None = None,
    source: str = Source.STAFF,
    dangerous_conduct: bool = False,
    incident_at: datetime | None = None,
    parties: list[dict] = (),
) -> Case:
    """Open a case in status "received" with its first-contact deadline (N working days after
    receipt, the organisation's setting, default 2). A crisis case gets its checklist and a
    follow-up deadline. The caller has checked access (CREATE_CASE / QUICK_REPORT)."""
    _check_choice(kind, CaseKind, _("Choose the type of case."))
    _check_choice(track, Track, _("Choose a track."))
    _check_choice(category, Category, _("Choose a category."))
    _check_choice(priority, Priority, _("Choose a priority."))
    _check_choice(source, Source, _("Unknown source."))
    _check_lease(department, lease)
    received_at = received_at or now()
    not_in_future(received_at)
    cleaned_parties = [clean_party(p) for p in parties]
    address = lease_address(lease) if lease is not None else " ".join(address.split())
    setting = settings_for(department.organisation_id)
    due = workdays.add_working_days(received_at, setting.first_contact_working_days)
    case = Case.objects.create(
        reference=next_reference(local_date(received_at).year),
        organisation_id=department.organisation_id,
        department=department,
        lease=lease,
        address=address[:200],
        address_key=normalise_address(address)[:200],
        kind=kind,
        track=track,
        category=category,
        description=description.strip(),
        dangerous_conduct=bool(dangerous_conduct),
        priority=priority,
        assignee=assignee,
        received_at=received_at,
        first_contact_due=due,
        next_due=due,
        source=source,
        created_by=user,
        incident_at=incident_at,
    )
    audit(
        user,
        case,
        ChangeAction.CREATE,
        {
            name: (None, getattr(case, name))
            for name in ("reference", "department", "kind", "track", "category", "address")
        },
    )
    Deadline.objects.create(case=case, kind=DeadlineKind.FIRST_CONTACT, due=due)
    for p in cleaned_parties:
        party = Party.objects.create(case=case, **p)
        audit(user, party, ChangeAction.CREATE, diff({}, party_dict(party)))
    event(case, EventKind.STATUS_CHANGE, user, danish(lambda: _("Case received")), at=received_at)
    if kind == CaseKind.CRISIS:
        CrisisTask.objects.bulk_create(CrisisTask(case=case, kind=k) for k in CrisisTaskKind)
        Deadline.objects.create(
            case=case,
            kind=DeadlineKind.CRISIS_FOLLOW_UP,
            due=workdays.add_working_days(received_at, CRISIS_FOLLOW_UP_WORKING_DAYS),
        )
    schedule_team_notice(case)
    return case


# --- editing ---------------------------------------------------------------------------------


def _differs(case: Case, name: str, value) -> bool:
    field = Case._meta.get_field(name)
    current = getattr(case, field.attname)
    if field.is_relation:
        value = getattr(value, "pk", value)
    return current != value


@transaction.atomic
def update_case(case: Case, data: dict, user, expected_version: int) -> Case:
    """Change the editable fields in `data` (names from EDITABLE_FIELDS; model instances for
    foreign keys). If the case changed since `expected_version`, raise StaleCase with the
    current values and the fields where they differ from `data` — nothing is saved."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.version != expected_version:
        raise StaleCase(current, data, [f for f in data if _differs(current, f, data[f])])
    require_not_anonymised(current)
    require_open(current)
    department = data.get("department", current.department)
    if department.organisation_id != current.organisation_id:
        raise ValidationError(
            {"department": _("A case cannot be moved to another housing organisation.")}
        )
    lease = data.get("lease", current.lease)
    moved = "department" in data and "lease" not in data
    if moved and lease is not None and lease.department_id != department.pk:
        lease = None
        data = {**data, "lease": None}
    _check_lease(department, lease)
    for name, choices, message in (
        ("kind", CaseKind, _("Choose the type of case.")),
        ("track", Track, _("Choose a track.")),
        ("category", Category, _("Choose a category.")),
        ("priority", Priority, _("Choose a priority.")),
    ):
        if name in data:
            _check_choice(data[name], choices, message)
    changes = {f: v for f, v in data.items() if _differs(current, f, v)}
    if "lease" in changes and changes["lease"] is not None and "address" not in data:
        changes["address"] = lease_address(changes["lease"])
    if "address" in changes:
        changes["address"] = " ".join((changes["address"] or "").split())[:200]
        changes["address_key"] = normalise_address(changes["address"])[:200]
    if "description" in changes:
        changes["description"] = (changes["description"] or "").strip()
    if not changes:
        return current
    bump(current, actor=user, expected_version=expected_version, **changes)
    if "address" in changes:
        refresh_search_text([current.pk])
    text = danish(lambda: _("Changed: %(fields)s") % {"fields": _labels_da(changes)})
    event(current, EventKind.NOTE, user, text)
    return current


def _labels_da(changes: dict) -> str:
    return ", ".join(
        sorted(str(Case._meta.get_field(f).verbose_name) for f in changes if f != "address_key")
    )


# --- status ----------------------------------------------------------------------------------


def _status_label(value: str) -> str:
    return str(Status(value).label)


@transaction.atomic
def change_status(
    case: Case, status: str, user, *, text: str = "", expected_version: int | None = None
) -> Case:
    """Move an open case along TRANSITIONS; closing is close_case, reopening reopen_case."""
    lock_case(case)
    require_not_anonymised(case)
    if status == Status.CLOSED:
        raise ValidationError(_("Choose an outcome to close the case."), code="outcome")
    if status == Status.REOPENED:
        return reopen_case(case, user, text=text, expected_version=expected_version)
    require_open(case)
    if status not in TRANSITIONS.get(case.status, ()):
        raise ValidationError(
            _('A case cannot go from "%(from)s" to "%(to)s".')
            % {
                "from": _status_label(case.status),
                "to": _status_label(status) if status in Status.values else status,
            },
            code="transition",
        )
    if status == Status.CONTACTED:
        return record_contact(case, user, text=text, expected_version=expected_version)
    bump(case, actor=user, expected_version=expected_version, status=status)
    _status_event(case, user, status, text)
    return case


def _status_event(case, user, status, text="", at=None):
    label = danish(_status_label, status)
    body = danish(lambda: _("Status: %(status)s") % {"status": label})
    event(case, EventKind.STATUS_CHANGE, user, f"{body}\n{text}".strip(), at=at)


@transaction.atomic
def record_contact(
    case: Case,
    user,
    *,
    at: datetime | None = None,
    kind: str = EventKind.CALL,
    text: str = "",
    minutes: int | None = None,
    expected_version: int | None = None,
) -> Case:
    """The parties have been contacted: the first contact is recorded (once), its deadline met,
    and a received or reopened case becomes "contact established"."""
    lock_case(case)
    require_not_anonymised(case)
    require_open(case)
    at = at or now()
    not_in_future(at)
    if at < case.received_at:
        raise ValidationError(_("The contact cannot be before the case was received."))
    if kind not in MANUAL_EVENT_KINDS:
        raise ValidationError(_("Choose how contact was made."))
    changes = {}
    if case.first_contact_at is None:
        changes["first_contact_at"] = at
    if case.status in (Status.RECEIVED, Status.REOPENED):
        changes["status"] = Status.CONTACTED
    bump(case, actor=user, expected_version=expected_version, **changes)
    Deadline.objects.filter(case=case, kind=DeadlineKind.FIRST_CONTACT, met_at__isnull=True).update(
        met_at=at
    )
    event(
        case,
        kind,
        user,
        text or danish(lambda: _("Contact with the parties")),
        at=at,
        minutes=minutes,
    )
    if "status" in changes:
        _status_event(case, user, Status.CONTACTED, at=at)
    refresh_next_due(case)
    ensure_next_deadline(case, user, start=at)
    return case


@transaction.atomic
def close_case(
    case: Case,
    outcome: str,
    user,
    *,
    at: datetime | None = None,
    text: str = "",
    expected_version: int | None = None,
) -> Case:
    lock_case(case)
    require_not_anonymised(case)
    require_open(case)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome to close the case.")})
    at = at or now()
    not_in_future(at)
    if at < case.received_at:
        raise ValidationError(_("A case cannot be closed before it was received."))
    bump(
        case,
        actor=user,
        expected_version=expected_version,
        status=Status.CLOSED,
        outcome=outcome,
        closed_at=at,
        next_due=None,
    )
    label = danish(lambda: str(Outcome(outcome).label))
    body = danish(lambda: _("Closed: %(outcome)s") % {"outcome": label})
    event(case, EventKind.STATUS_CHANGE, user, f"{body}\n{text}".strip(), at=at)
    return case


@transaction.atomic
def reopen_case(case: Case, user, *, text: str = "", expected_version: int | None = None) -> Case:
    lock_case(case)
    require_not_anonymised(case)
    if case.status != Status.CLOSED:
        raise ValidationError(_("Only a closed case can be reopened."))
    bump(
        case,
        actor=user,
        expected_version=expected_version,
        status=Status.REOPENED,
        closed_at=None,
        outcome="",
    )
    _status_event(case, user, Status.REOPENED, text)
    refresh_next_due(case)
    ensure_next_deadline(case, user)
    return case


@transaction.atomic
def assign(case: Case, assignee, user, *, expected_version: int | None = None) -> Case:
    lock_case(case)
    require_not_anonymised(case)
    bump(case, actor=user, expected_version=expected_version, assignee=assignee)
    return case


# --- events and parties ----------------------------------------------------------------------


@transaction.atomic
def record_event(
    case: Case,
    kind: str,
    user,
    *,
    text: str = "",
    at: datetime | None = None,
    minutes: int | None = None,
) -> Event:
    """A call, visit, letter, meeting or note on the timeline (with time spent)."""
    lock_case(case)
    require_not_anonymised(case)
    require_open(case)
    if kind not in MANUAL_EVENT_KINDS:
        raise ValidationError({"kind": _("Choose the type of event.")})
    at = at or now()
    not_in_future(at)
    if minutes is not None and not 0 <= int(minutes) <= 24 * 60:
        raise ValidationError({"minutes": _("Time spent must be between 0 and 1440 minutes.")})
    if kind == EventKind.NOTE and not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    row = event(case, kind, user, text.strip(), at=at, minutes=minutes)
    bump(case, actor=user)
    return row


# --- deadlines -------------------------------------------------------------------------------


def working_day_on_or_after(d: date) -> date:
    return workdays.add_working_days(d, 0)


def add_deadline(
    case: Case, kind: str, due: date, user=None, *, note: str = "", replace: bool = False
) -> Deadline:
    """A deadline on a Danish working day (a date on a closed day moves to the next working
    day). `replace` first removes unmet deadlines of the same kind."""
    require_not_anonymised(case)
    if kind not in DeadlineKind.values:
        raise ValidationError({"kind": _("Choose the type of deadline.")})
    if replace:
        Deadline.objects.filter(case=case, kind=kind, met_at__isnull=True).delete()
    row = Deadline.objects.create(
        case=case, kind=kind, due=working_day_on_or_after(due), note=note[:300]
    )
    audit(user, row, ChangeAction.CREATE, {"kind": (None, kind), "due": (None, row.due)})
    refresh_next_due(case)
    return row


def meet_deadline(deadline: Deadline, user=None, *, at: datetime | None = None) -> Deadline:
    if deadline.met_at is None:
        deadline.met_at = at or now()
        deadline.save(update_fields=["met_at"])
        audit(user, deadline, ChangeAction.UPDATE, {"met_at": (None, deadline.met_at)})
        refresh_next_due(deadline.case)
        ensure_next_deadline(deadline.case, user, start=deadline.met_at)
    return deadline


def ensure_next_deadline(case: Case, user=None, *, start: date | datetime | None = None):
    """The rule "every open case has a next deadline" (cases/followup.py): an open case left
    without an unmet task deadline gets a follow-up deadline `CASE_FOLLOW_UP_WORKING_DAYS`
    working days after `start` (default now). Returns the new Deadline, or None when the case
    is closed or already has a next deadline."""
    if case.status not in OPEN_STATUSES or case.next_due is not None:
        return None
    due = followup.follow_up_due(start or now())
    return add_deadline(case, DeadlineKind.FOLLOW_UP, due, user)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


__all__ = [
    "CRISIS_FOLLOW_UP_WORKING_DAYS",
    "EDITABLE_FIELDS",
    "TRANSITIONS",
    "add_deadline",
    "add_party",
    "add_years",
    "assign",
    "change_status",
    "close_case",
    "ensure_next_deadline",
    "meet_deadline",
    "next_reference",
    "open_case",
    "record_contact",
    "record_event",
    "remove_party",
    "reopen_case",
    "update_case",
    "update_party",
    "working_day_on_or_after",
]
