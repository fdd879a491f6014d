"""Writing vulnerability analyses: one function per use case (decision 0025). Each validates,
runs in a transaction and records the change log; a refused input raises `AnalysisError` with a
Danish message and changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from boligsocial.analyses.models import (
    ActionStatus,
    Analysis,
    AnalysisStatus,
    CoverageSettings,
    FollowUpAction,
    Participant,
    ParticipantRole,
)
from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.guides import scoring
from boligsocial.guides import services as guides
from boligsocial.guides.answers import AnswerError
from boligsocial.guides.models import Guide, GuideVersion
from boligsocial.organisations.models import Department, Membership
from boligsocial.organisations.roles import Role
from boligsocial.screening.feeds import replace_values

GUIDE_KEY = "saarbarhedsanalyse"
INDICATOR_CODE = "vulnerability_score"
SOURCE = "Boligsocial: sårbarhedsanalyser"
MAX_NOTE = 10_000
OPEN_STATUSES = (AnalysisStatus.PLANNED, AnalysisStatus.IN_PROGRESS)


class AnalysisError(ValueError):
    """A refused change (Danish message); nothing was changed."""


def interval_months(organisation_id: int) -> int:
    row = CoverageSettings.objects.filter(organisation_id=organisation_id).first()
    return row.interval_months if row else 12


@transaction.atomic
def set_interval(*, organisation, months: int, actor) -> CoverageSettings:
    """How often each department of `organisation` is due an analysis (1–60 months)."""
    if not 1 <= months <= 60:
        raise AnalysisError("Intervallet skal være fra 1 til 60 måneder.")
    row, _created = CoverageSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    before = row.interval_months if not _created else None
    if _created or row.interval_months != months:
        row.interval_months = months
        row.save(update_fields=["interval_months"])
        record_change(
            actor=actor,
            obj=row,
            action=ChangeAction.UPDATE,
            changes={"interval_months": (before if before is not None else 12, months)},
            organisation_id=organisation.pk,
        )
    return row


def default_guide_version() -> GuideVersion:
    guide = Guide.objects.filter(key=GUIDE_KEY).first()
    version = guide and guides.current_version(guide)
    if version is None:
        raise AnalysisError("Der er ingen udgivet interviewguide til sårbarhedsanalysen.")
    return version


def _check_interviewers(department: Department, interviewers) -> list:
    users = list(interviewers)
    allowed = set(
        Membership.objects.filter(
            organisation_id=department.organisation_id,
            role__in=(Role.SOCIAL_STAFF, Role.SOCIAL_HEAD),
            user__in=users,
        ).values_list("user_id", flat=True)
    )
    wrong = [u for u in users if u.pk not in allowed]
    if wrong:
        raise AnalysisError(
            f"{wrong[0].get_full_name() or wrong[0].username} er ikke med i organisationens "
            "boligsociale enhed og kan ikke interviewe."
        )
    return users


def _check_participants(participants) -> list[tuple[str, str]]:
    rows = []
    for role, name in participants:
        if role not in ParticipantRole.values:
            raise AnalysisError(f"Ukendt rolle »{role}«.")
        name = (name or "").strip()
        if len(name) > 100:
            raise AnalysisError("Et navn må højst have 100 tegn.")
        if any(ch.isdigit() for ch in name):
            raise AnalysisError("Skriv kun navn og rolle – ingen CPR-numre eller andre numre.")
        rows.append((role, name))
    return rows


def _check_year(year: int, planned_date: date) -> None:
    if not 1990 <= year <= 2100:
        raise AnalysisError("Året skal være fra 1990 til 2100.")
    if planned_date.year != year:
        raise AnalysisError(f"Datoen skal ligge i {year}.")


@transaction.atomic
def plan_analysis(
    *,
    department: Department,
    year: int,
    planned_date: date,
    actor,
    interviewers=(),
    participants=(),
    guide_version: GuideVersion | None = None,
) -> Analysis:
    _check_year(year, planned_date)
    Department.objects.select_for_update().filter(pk=department.pk).first()
    if (
        Analysis.objects.filter(department=department, year=year)
        .exclude(status=AnalysisStatus.CANCELLED)
        .exists()
    ):
        raise AnalysisError(f"Afdelingen har allerede en sårbarhedsanalyse for {year}.")
    users = _check_interviewers(department, interviewers)
    people = _check_participants(participants)
    analysis = Analysis.objects.create(
        department=department,
        organisation_id=department.organisation_id,
        year=year,
        planned_date=planned_date,
        guide_version=guide_version or default_guide_version(),
    )
    analysis.interviewers.set(users)
    Participant.objects.bulk_create(
        Participant(analysis=analysis, role=r, name=n) for r, n in people
    )
    record_change(
        actor=actor,
        obj=analysis,
        action=ChangeAction.CREATE,
        changes={"year": (None, year), "planned_date": (None, planned_date.isoformat())},
    )
    return analysis


def _locked(analysis: Analysis) -> Analysis:
    return Analysis.objects.select_for_update().get(pk=analysis.pk)


@transaction.atomic
def update_plan(
    *, analysis: Analysis, actor, planned_date: date, interviewers=(), participants=()
) -> Analysis:
    analysis = _locked(analysis)
    if analysis.status not in OPEN_STATUSES:
        raise AnalysisError("En afsluttet eller aflyst analyse kan ikke planlægges om.")
    _check_year(analysis.year, planned_date)
    users = _check_interviewers(analysis.department, interviewers)
    people = _check_participants(participants)
    before = analysis.planned_date
    analysis.planned_date = planned_date
    analysis.save(update_fields=["planned_date", "updated_at"])
    analysis.interviewers.set(users)
    analysis.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(analysis=analysis, role=r, name=n) for r, n in people
    )
    record_change(
        actor=actor,
        obj=analysis,
        action=ChangeAction.UPDATE,
        changes={"planned_date": (before.isoformat(), planned_date.isoformat())},
        personal=(),
    )
    return analysis


def _started(analysis: Analysis, actor) -> Analysis:
    if analysis.status not in OPEN_STATUSES:
        raise AnalysisError("Analysen er afsluttet og kan ikke ændres.")
    if analysis.response_id is None:
        analysis.response = guides.start_response(version=analysis.guide_version)
    if analysis.status == AnalysisStatus.PLANNED:
        analysis.status = AnalysisStatus.IN_PROGRESS
        record_change(
            actor=actor,
            obj=analysis,
            action=ChangeAction.TRANSITION,
            changes={"status": (AnalysisStatus.PLANNED, AnalysisStatus.IN_PROGRESS)},
        )
    analysis.save(update_fields=["response", "status", "updated_at"])
    return analysis


def save_answer(*, analysis: Analysis, question_key: str, raw, actor) -> Analysis:
    """Autosave of one answer as typed; the first answer starts the interview."""
    return save_answers(analysis=analysis, answers={question_key: raw}, actor=actor)


@transaction.atomic
def save_answers(*, analysis: Analysis, answers: dict, actor) -> Analysis:
    """Answers (one as typed, or an interview entered after it was held; the demo), with one
    change-log entry; the first answer starts the interview."""
    analysis = _started(_locked(analysis), actor)
    try:
        guides.record_answers(response=analysis.response, answers=answers, actor=actor)
    except AnswerError as e:
        raise AnalysisError(str(e)) from None
    record_change(
        actor=actor,
        obj=analysis,
        action=ChangeAction.UPDATE,
        changes={f"answer {key}": ("", raw) for key, raw in answers.items()},
        personal=tuple(f"answer {key}" for key in answers),
    )
    return analysis


@transaction.atomic
def save_note(*, analysis: Analysis, theme_key: str, text: str, actor) -> Analysis:
    analysis = _started(_locked(analysis), actor)
    if not analysis.guide_version.themes.filter(key=theme_key).exists():
        raise AnalysisError("Temaet findes ikke i guiden.")
    text = (text or "").strip()
    if len(text) > MAX_NOTE:
        raise AnalysisError(f"Noten er for lang (højst {MAX_NOTE} tegn).")
    notes = dict(analysis.notes)
    if text:
        notes[theme_key] = text
    else:
        notes.pop(theme_key, None)
    analysis.notes = notes
    analysis.save(update_fields=["notes", "updated_at"])
    record_change(
        actor=actor,
        obj=analysis,
        action=ChangeAction.UPDATE,
        changes={f"note {theme_key}": ("", text)},
        personal=(f"note {theme_key}",),
    )
    return analysis


def scores_of(analysis: Analysis) -> scoring.GuideScore:
    answers = analysis.response.values() if analysis.response_id else {}
    return scoring.score_guide(analysis.guide_version.spec(), answers)


@transaction.atomic
def complete_analysis(*, analysis: Analysis, actor, held_on: date, feed: bool = True) -> Analysis:
    """Score the answers with the guide version used, store the result, and feed the year's
    scores to the screening (which re-screens the department). `feed=False` leaves the feed
    to the caller (a batch that feeds each year once, e.g. the demo data)."""
    analysis = _locked(analysis)
    if analysis.status not in OPEN_STATUSES:
        raise AnalysisError("Analysen er allerede afsluttet.")
    if held_on.year != analysis.year:
        raise AnalysisError(f"Datoen for interviewet skal ligge i {analysis.year}.")
    if held_on > timezone.localdate():
        raise AnalysisError("Interviewet kan ikke afsluttes med en dato i fremtiden.")
    analysis = _started(analysis, actor)
    spec = analysis.guide_version.spec()
    answers = analysis.response.values()
    required = [
        q.key
        for q in spec.questions()
        if q.required
        and q.key not in answers
        and scoring.is_shown(q, answers, {x.key: x for x in spec.questions()})
    ]
    if required:
        raise AnalysisError(f"{len(required)} påkrævede spørgsmål mangler svar.")
    result = scoring.score_guide(spec, answers)
    _store_result(analysis, result)
    analysis.status = AnalysisStatus.DONE
    analysis.held_on = held_on
    analysis.completed_at = timezone.now()
    analysis.save()
    record_change(
        actor=actor,
        obj=analysis,
        action=ChangeAction.TRANSITION,
        changes={
            "status": (AnalysisStatus.IN_PROGRESS, AnalysisStatus.DONE),
            "score": (None, str(result.score)),
        },
    )
    if feed:
        feed_screening(year=analysis.year, actor=actor)
    return analysis


def _store_result(analysis: Analysis, result: scoring.GuideScore) -> None:
    analysis.score = result.score
    analysis.band = result.band or ""
    analysis.missing = result.missing
    analysis.theme_scores = {
        t.key: {
            "score": None if t.score is None else str(t.score),
            "scored": t.scored,
            "missing": t.missing,
        }
        for t in result.themes
    }


def feed_screening(*, year: int, actor=None):
    """The year's overall scores of held analyses -> indicator `vulnerability_score`."""
    values = {
        department_id: Decimal(score)
        for department_id, score in Analysis.objects.filter(
            year=year, status=AnalysisStatus.DONE, score__isnull=False
        ).values_list("department_id", "score")
    }
    return replace_values(
        indicator_code=INDICATOR_CODE, year=year, values=values, source=SOURCE, actor=actor
    )


@transaction.atomic
def cancel_analysis(*, analysis: Analysis, actor) -> Analysis:
    analysis = _locked(analysis)
    if analysis.status not in OPEN_STATUSES:
        raise AnalysisError("Kun en planlagt eller igangværende analyse kan aflyses.")
    before = analysis.status
    analysis.status = AnalysisStatus.CANCELLED
    analysis.save(update_fields=["status", "updated_at"])
    record_change(
        actor=actor,
        obj=analysis,
        action=ChangeAction.TRANSITION,
        changes={"status": (before, AnalysisStatus.CANCELLED)},
    )
    return analysis


def plan_dates(start: date, end: date, count: int) -> list[date]:
    """`count` weekdays spread evenly from `start` to `end` (a weekend day moves to Monday,
    or back to Friday when Monday is past `end`)."""
    if count <= 0:
        return []
    span = max((end - start).days, 0)
    out = []
    for i in range(count):
        day = start + timedelta(days=span * i // max(count - 1, 1)) if count > 1 else start
        if day.weekday() >= 5:
            monday = day + timedelta(days=7 - day.weekday())
            day = monday if monday <= end else day - timedelta(days=day.weekday() - 4)
        out.append(day)
    return out


@transaction.atomic
def generate_yearly_plan(*, organisation, year: int, actor, today: date | None = None) -> int:
    """Plan an analysis for every department of the organisation that has none in `year`,
    spread over the working days from today (or 15 January) to 30 November. Returns how many
    were planned; running it again plans nothing new."""
    today = today or timezone.localdate()
    start = max(date(year, 1, 15), today if today.year == year else date(year, 1, 15))
    end = date(year, 11, 30)
    if start > end:
        raise AnalysisError(f"Der er ikke tid nok tilbage af {year} til at lægge en plan.")
    taken = Analysis.objects.filter(organisation=organisation, year=year).exclude(
        status=AnalysisStatus.CANCELLED
    )
    departments = list(
        Department.objects.filter(organisation=organisation)
        .exclude(pk__in=taken.values("department_id"))
        .order_by("number")
    )
    version = default_guide_version()
    rows = [
        Analysis(
            department=d,
            organisation=organisation,
            year=year,
            planned_date=day,
            guide_version=version,
        )
        for d, day in zip(departments, plan_dates(start, end, len(departments)), strict=True)
    ]
    Analysis.objects.bulk_create(rows)
    if rows:
        record_change(
            actor=actor,
            obj=organisation,
            action=ChangeAction.CREATE,
            changes={f"vulnerability analyses {year}": (None, len(rows))},
        )
    return len(rows)


@transaction.atomic
def add_action(
    *, analysis: Analysis, actor, title: str, owner=None, due_date: date | None = None,
    theme_key: str = "",
) -> FollowUpAction:  # fmt: skip
    title = (title or "").strip()
    if not title:
        raise AnalysisError("Skriv, hvad der skal gøres.")
    if len(title) > 300:
        raise AnalysisError("Handlingen må højst have 300 tegn.")
    if (
        owner is not None
        and not Membership.objects.filter(
            user=owner, organisation_id=analysis.organisation_id
        ).exists()
    ):
        raise AnalysisError("Den ansvarlige skal høre til boligorganisationen.")
    action = FollowUpAction.objects.create(
        analysis=analysis, title=title, owner=owner, due_date=due_date, theme_key=theme_key
    )
    record_change(
        actor=actor, obj=action, action=ChangeAction.CREATE, changes={"title": (None, title)}
    )
    return action


@transaction.atomic
def set_action_status(*, action: FollowUpAction, status: str, actor) -> FollowUpAction:
    if status not in ActionStatus.values:
        raise AnalysisError("Vælg en gyldig status.")
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    before = action.status
    if before != status:
        action.status = status
        action.save(update_fields=["status"])
        record_change(
            actor=actor,
            obj=action,
            action=ChangeAction.TRANSITION,
            changes={"status": (before, status)},
        )
    return action


@transaction.atomic
def start_visit_campaign_for_action(*, action: FollowUpAction, actor) -> FollowUpAction:
    """The action is followed up by a service-visit campaign in its department (the visits app,
    above this one, creates the campaign on its own page): the action is marked in progress
    and the step is in the change log."""
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if action.status in (ActionStatus.DONE, ActionStatus.CANCELLED):
        raise AnalysisError("Handlingen er afsluttet.")
    before = action.status
    action.status = ActionStatus.IN_PROGRESS
    action.save(update_fields=["status"])
    record_change(
        actor=actor,
        obj=action,
        action=ChangeAction.UPDATE,
        changes={"status": (before, action.status), "visit campaign": (None, "planlægges")},
        organisation_id=action.analysis.organisation_id,
    )
    return action


@transaction.atomic
def open_case_for_action(*, action: FollowUpAction, actor):
    """Open a Beredskab case (cases' own service) for the action's department and link it."""
    from boligsocial.cases.services import open_case

    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if action.case_id is not None:
        raise AnalysisError("Handlingen har allerede en sag.")
    case = open_case(
        department=action.analysis.department,
        kind="other",
        track="trivsel",
        category="other",
        user=actor,
        description=f"Opfølgning på sårbarhedsanalysen {action.analysis.year}: {action.title}",
        assignee=action.owner,
        source="staff",
    )
    action.case = case
    if action.status == ActionStatus.OPEN:
        action.status = ActionStatus.IN_PROGRESS
    action.save(update_fields=["case", "status"])
    record_change(
        actor=actor, obj=action, action=ChangeAction.UPDATE, changes={"case": (None, case.pk)}
    )
    return case
