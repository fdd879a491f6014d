"""The legal track of a house-rule case (domain.md § 5.1; issue 13, item 3).

henstilling → advarsel → beboerklagenævn → its decision (which opens the 4-week window to bring
it before the housing court, unless the board gave a warning, which cannot be appealed) →
boligret → its outcome. Serious cases can go straight to the housing court.

Each step takes the day it happened: back-dating is allowed, the future is not, and neither is
a day before the case was received or before the step it follows. Each step advances the case's
status (a case before the board or the court is "forwarded"; once decided it is back "in
progress" with the organisation). `step_problem` says why a step is blocked, so the page can
show the reason before the user presses anything; the services refuse with the same text."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import diff
from boligsocial.cases import workdays
from boligsocial.cases.models import (
    Case,
    Category,
    Deadline,
    DeadlineKind,
    DecisionOutcome,
    EventKind,
    Forum,
    LegalProceeding,
    LegalStep,
    Status,
    settings_for,
)
from boligsocial.cases.services._common import (
    audit,
    bump,
    danish,
    event,
    local_date,
    lock_case,
    not_in_future,
    now,
    refresh_next_due,
)
from boligsocial.cases.services.cases import add_years, working_day_on_or_after
from boligsocial.core.formatting import format_date

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
#: The status each step moves an open case to (never backwards: see _advanced_status).
STEP_STATUS = {
    LegalStep.REQUEST: Status.IN_PROGRESS,
    LegalStep.WARNING: Status.IN_PROGRESS,
    LegalStep.COMPLAINTS_BOARD: Status.FORWARDED,
    LegalStep.HOUSING_COURT: Status.FORWARDED,
}
_STATUS_RANK = {
    Status.RECEIVED: 0,
    Status.REOPENED: 1,
    Status.CONTACTED: 1,
    Status.IN_PROGRESS: 2,
    Status.FORWARDED: 3,
}
#: The forum a step brings the case before.
STEP_FORUM = {
    LegalStep.COMPLAINTS_BOARD: Forum.COMPLAINTS_BOARD,
    LegalStep.HOUSING_COURT: Forum.HOUSING_COURT,
}
#: The one outcome of the board that cannot be brought before the housing court.
NOT_APPEALABLE = DecisionOutcome.WARNING


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


def proceeding(case: Case, forum: str) -> LegalProceeding | None:
    """The case's proceeding before `forum`. A case whose legal step says it was brought there
    before proceedings were recorded gets an unsaved one (brought_on unknown)."""
    row = LegalProceeding.objects.filter(case=case, forum=forum).first()
    if row is None and case.legal_step in LEGAL_ORDER:
        reached = LEGAL_ORDER.index(case.legal_step)
        if (forum == Forum.HOUSING_COURT and case.legal_step == LegalStep.HOUSING_COURT) or (
            forum == Forum.COMPLAINTS_BOARD and reached == 2
        ):
            row = LegalProceeding(case=case, forum=forum)
    return row


def _case_problem(case: Case) -> str | None:
    if case.anonymised_at is not None:
        return _("The case has been anonymised and can no longer be changed.")
    if not case.is_open:
        return _("The case is closed. Reopen it first.")
    return None


def legal_step_problem(case: Case, step: str) -> str | None:
    """Why `step` cannot be taken now (Danish when Danish is active), or None."""
    if step not in LegalStep.values:
        return _("Choose a legal step.")
    problem = _case_problem(case)
    if problem:
        return problem
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
    if step in STEP_FORUM and proceeding(case, STEP_FORUM[step]) is not None:
        return {
            LegalStep.COMPLAINTS_BOARD: _(
                "The case has already been brought before the tenants' complaints board."
            ),
            LegalStep.HOUSING_COURT: _(
                "The case has already been brought before the housing court."
            ),
        }[step]
    if step == LegalStep.HOUSING_COURT:
        board = proceeding(case, Forum.COMPLAINTS_BOARD)
        if board is not None and not board.is_decided:
            return _(
                "The tenants' complaints board has not decided the case yet. Register the "
                "board's decision first."
            )
        if board is not None and board.outcome == NOT_APPEALABLE:
            return _(
                "The complaints board gave a warning (advarsel). A warning from the board "
                "cannot be brought before the housing court."
            )
    return None


def decision_problem(case: Case, forum: str) -> str | None:
    """Why the decision of `forum` cannot be registered now, or None."""
    problem = _case_problem(case)
    if problem:
        return problem
    row = proceeding(case, forum)
    if row is None:
        return {
            Forum.COMPLAINTS_BOARD: _(
                "The case has not been brought before the complaints board. Record that step first."
            ),
            Forum.HOUSING_COURT: _(
                "The case has not been brought before the housing court. Record that step first."
            ),
        }[forum]
    if row.is_decided:
        return _("The decision has already been registered: %(outcome)s, %(date)s.") % {
            "outcome": row.get_outcome_display(),
            "date": format_date(row.decided_on),
        }
    return None


def moment_of(day: date) -> datetime:
    """The time a step dated `day` is put on the timeline: noon that day, or now if earlier."""
    at = datetime.combine(day, time(12), tzinfo=workdays.COPENHAGEN)
    return min(at, now())


def _check_day(day: date, *, earliest: date | None, earliest_reason: str, field="on") -> None:
    if day > local_date(now()):
        raise ValidationError({field: _("The date cannot be in the future.")}, code="future")
    if earliest is not None and day < earliest:
        raise ValidationError(
            {
                field: _("The date cannot be before %(date)s (%(reason)s).")
                % {"date": format_date(earliest), "reason": earliest_reason}
            },
            code="too_early",
        )


def _advanced_status(case: Case, target: str) -> str:
    """`target` if it is further along than the case's status, else the status unchanged."""
    if case.status == Status.CLOSED:
        return case.status
    if _STATUS_RANK.get(target, 0) > _STATUS_RANK.get(case.status, 0):
        return target
    return case.status


def _status_note(case: Case, before: str, user, at) -> None:
    if case.status != before:
        label = danish(lambda: str(Status(case.status).label))
        event(
            case,
            EventKind.STATUS_CHANGE,
            user,
            danish(lambda: _("Status: %(status)s") % {"status": label}),
            at=at,
        )


def _court_window(case: Case) -> Deadline | None:
    return (
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.HOUSING_COURT_WINDOW, met_at__isnull=True
        )
        .order_by("-due")
        .first()
    )


@transaction.atomic
def take_legal_step(
    case: Case,
    step: str,
    user,
    *,
    at: datetime | None = None,
    on: date | None = None,
    text: str = "",
    expected_version: int | None = None,
) -> Case:
    """Record a step of the legal track on the day it happened (`on`, or the moment `at`;
    default now). `legal_step` keeps the furthest step reached. A warning adds the follow-up
    deadline (organisation setting) and the 3-year repeat window; the board or the court opens
    a proceeding; the court meets the 4-week window."""
    lock_case(case)
    problem = legal_step_problem(case, step)
    if problem:
        raise ValidationError(problem, code="legal_step")
    if on is not None:
        _check_day(
            on,
            earliest=local_date(case.received_at),
            earliest_reason=_("the day the case was received"),
        )
        at = moment_of(on)
    at = at or now()
    not_in_future(at)
    day = local_date(at)
    if step == LegalStep.HOUSING_COURT:
        board = proceeding(case, Forum.COMPLAINTS_BOARD)
        if board is not None and board.decided_on is not None:
            _check_day(day, earliest=board.decided_on, earliest_reason=_("the board's decision"))
        window = _court_window(case)
        if window is not None and day > window.due:
            raise ValidationError(
                {
                    "on": _(
                        "The deadline for bringing the board's decision before the housing "
                        "court was %(date)s. A later date cannot be recorded."
                    )
                    % {"date": format_date(window.due)}
                },
                code="too_late",
            )
    furthest = case.legal_step
    if not furthest or LEGAL_ORDER.index(step) > LEGAL_ORDER.index(furthest):
        furthest = step
    before = case.status
    status = _advanced_status(case, STEP_STATUS[LegalStep(step)])
    bump(case, actor=user, expected_version=expected_version, legal_step=furthest, status=status)
    label = danish(lambda: str(LegalStep(step).label))
    event(case, EventKind.LEGAL_STEP, user, f"{label}\n{text}".strip(), at=at)
    _status_note(case, before, user, at)
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
    elif step in STEP_FORUM:
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.WARNING_FOLLOW_UP, met_at__isnull=True
        ).update(met_at=at)
        row = LegalProceeding.objects.create(case=case, forum=STEP_FORUM[step], brought_on=day)
        audit(
            user, row, ChangeAction.CREATE, {"forum": (None, row.forum), "brought_on": (None, day)}
        )
        if step == LegalStep.HOUSING_COURT:
            Deadline.objects.filter(
                case=case, kind=DeadlineKind.HOUSING_COURT_WINDOW, met_at__isnull=True
            ).update(met_at=at)
    refresh_next_due(case)
    return case


def _record_decision(case, forum, decided_on, user, *, outcome, text, expected_version):
    lock_case(case)
    problem = decision_problem(case, forum)
    if problem:
        raise ValidationError(problem, code="decision")
    if outcome not in DecisionOutcome.values:
        raise ValidationError({"outcome": _("Choose the decision.")}, code="outcome")
    row = proceeding(case, forum)
    earliest = row.brought_on or local_date(case.received_at)
    reason = (
        _("the day the case was brought there")
        if row.brought_on
        else _("the day the case was received")
    )
    _check_day(decided_on, earliest=earliest, earliest_reason=reason, field="decided_on")
    before = {"decided_on": row.decided_on, "outcome": row.outcome}
    created = row.pk is None
    row.decided_on, row.outcome, row.note = decided_on, outcome, " ".join(text.split())[:500]
    row.save()
    audit(
        user,
        row,
        ChangeAction.CREATE if created else ChangeAction.UPDATE,
        diff(before, {"decided_on": decided_on, "outcome": outcome}),
    )
    at = moment_of(decided_on)
    status_before = case.status
    bump(
        case,
        actor=user,
        expected_version=expected_version,
        status=Status.IN_PROGRESS if case.status == Status.FORWARDED else case.status,
    )
    title = {
        Forum.COMPLAINTS_BOARD: _("Decision of the complaints board"),
        Forum.HOUSING_COURT: _("Judgment of the housing court"),
    }[forum]

    def body():
        return f"{title}: {DecisionOutcome(outcome).label}"

    event(case, EventKind.LEGAL_STEP, user, f"{danish(body)}\n{text}".strip(), at=at)
    _status_note(case, status_before, user, at)
    return row, at


@transaction.atomic
def record_board_decision(
    case: Case,
    decided_on: date,
    user,
    *,
    outcome: str = "",
    text: str = "",
    expected_version: int | None = None,
) -> Deadline | None:
    """The complaints board decided on `decided_on`: its outcome is registered and, unless it
    is a warning (which cannot be appealed), the 4-week window to bring it before the housing
    court opens (the returned deadline)."""
    _row, _at = _record_decision(
        case,
        Forum.COMPLAINTS_BOARD,
        decided_on,
        user,
        outcome=outcome,
        text=text,
        expected_version=expected_version,
    )
    window = None
    if outcome != NOT_APPEALABLE:
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.HOUSING_COURT_WINDOW, met_at__isnull=True
        ).delete()
        window = Deadline.objects.create(
            case=case,
            kind=DeadlineKind.HOUSING_COURT_WINDOW,
            due=working_day_on_or_after(decided_on + HOUSING_COURT_WINDOW),
        )
    refresh_next_due(case)
    return window


@transaction.atomic
def record_court_outcome(
    case: Case,
    decided_on: date,
    user,
    *,
    outcome: str,
    text: str = "",
    expected_version: int | None = None,
) -> LegalProceeding:
    """The housing court's judgment of `decided_on`."""
    row, _at = _record_decision(
        case,
        Forum.HOUSING_COURT,
        decided_on,
        user,
        outcome=outcome,
        text=text,
        expected_version=expected_version,
    )
    refresh_next_due(case)
    return row


# --- the track as the page and the API show it -----------------------------------------------


@dataclass(frozen=True)
class TrackStep:
    """One row of the legal track: what it is, whether and when it was done, and why it is
    blocked now (None when it can be taken)."""

    key: str  # a LegalStep value, or "board_decision" / "court_outcome"
    label: str
    done_on: date | None
    outcome: str  # the decision's label, for decisions
    problem: str | None


BOARD_DECISION = "board_decision"
COURT_OUTCOME = "court_outcome"


def legal_track(case: Case) -> list[TrackStep]:
    """The six steps in order with what is known of each (texts in the active language)."""
    events = {}
    for text, occurred in case.events.filter(kind=EventKind.LEGAL_STEP).values_list(
        "text", "occurred_at"
    ):
        events.setdefault(text.split("\n", 1)[0], local_date(occurred))
    board = proceeding(case, Forum.COMPLAINTS_BOARD)
    court = proceeding(case, Forum.HOUSING_COURT)

    def step_row(step):
        done = events.get(danish(lambda: str(LegalStep(step).label)))
        row = board if step == LegalStep.COMPLAINTS_BOARD else None
        row = court if step == LegalStep.HOUSING_COURT else row
        if row is not None:
            done = row.brought_on or done
        return TrackStep(
            key=step,
            label=str(LegalStep(step).label),
            done_on=done,
            outcome="",
            problem=legal_step_problem(case, step),
        )

    def decision_row(key, forum, row, label):
        return TrackStep(
            key=key,
            label=label,
            done_on=row.decided_on if row is not None else None,
            outcome=row.get_outcome_display() if row is not None and row.outcome else "",
            problem=decision_problem(case, forum),
        )

    return [
        step_row(LegalStep.REQUEST),
        step_row(LegalStep.WARNING),
        step_row(LegalStep.COMPLAINTS_BOARD),
        decision_row(
            BOARD_DECISION, Forum.COMPLAINTS_BOARD, board, _("Decision of the complaints board")
        ),
        step_row(LegalStep.HOUSING_COURT),
        decision_row(COURT_OUTCOME, Forum.HOUSING_COURT, court, _("Judgment of the housing court")),
    ]
