"""Writing surveys, invitations and answers (one function per use case; decision 0032).

The household's own answers (`save_progress`, `submit`) are written without any audit entry
that names the household: the change log would otherwise tie a lease to a moment and so to an
answer. Staff writes (creating, opening and closing a survey, invitations, reminders, a paper or
visit answer) are recorded with `record_change` on the survey, never with the answers' values.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.guides import scoring
from boligsocial.guides.answers import AnswerError, clean_answer
from boligsocial.guides.models import GuideVersion
from boligsocial.guides.spec import Guide
from boligsocial.organisations.models import Department, Lease
from boligsocial.surveys import senders, tokens
from boligsocial.surveys.models import (
    MIN_K,
    Channel,
    Invitation,
    ReminderRound,
    Survey,
    SurveyAnswer,
    SurveyStatus,
)

LANGUAGES = {"ar": "العربية", "so": "Soomaali", "tr": "Türkçe"}
RTL = frozenset({"ar", "fa", "ur", "he"})


class SurveyError(ValueError):
    """A change refused; the message is Danish. Nothing was changed."""


@dataclass(frozen=True)
class IssuedInvitation:
    """An invitation with its token and code: exists only in the response that created it."""

    invitation: Invitation
    token: str
    code: str


def building_of(lease: Lease) -> str:
    """The building (opgang) of a lease: its street address without floor and door."""
    return lease.address.strip()


def _check_settings(*, organisation, departments, opens_on, closes_on, min_count, guide, keys):
    if min_count is None or int(min_count) < MIN_K:
        raise SurveyError(f"Mindste antal svar pr. gruppe (k) skal være mindst {MIN_K}.")
    if closes_on < opens_on:
        raise SurveyError("Slutdatoen skal ligge efter startdatoen.")
    if not departments:
        raise SurveyError("Vælg mindst én afdeling.")
    if any(d.organisation_id != organisation.id for d in departments):
        raise SurveyError("Alle afdelinger skal høre til boligorganisationen.")
    scored = {q.key for q in guide.questions() if q.scored}
    unknown = [k for k in keys if k not in scored]
    if unknown:
        raise SurveyError(f"»{unknown[0]}« er ikke et spørgsmål med point i guiden.")


@transaction.atomic
def create_survey(
    *,
    organisation,
    name: str,
    guide_version: GuideVersion,
    departments: Iterable[Department],
    opens_on: date,
    closes_on: date,
    actor,
    min_count: int = 5,
    languages: Iterable[str] = (),
    index_keys: Iterable[str] = (),
    previous: Survey | None = None,
    is_demo: bool = False,
) -> Survey:
    departments = list(departments)
    keys = list(index_keys)
    guide = guide_version.spec()
    if not name.strip():
        raise SurveyError("Undersøgelsen skal have et navn.")
    _check_settings(
        organisation=organisation, departments=departments, opens_on=opens_on,
        closes_on=closes_on, min_count=min_count, guide=guide, keys=keys,
    )  # fmt: skip
    unknown = [code for code in languages if code not in LANGUAGES]
    if unknown:
        raise SurveyError(f"Sproget »{unknown[0]}« kendes ikke.")
    if previous is not None and previous.organisation_id != organisation.id:
        raise SurveyError("Den forrige undersøgelse skal være boligorganisationens egen.")
    survey = Survey.objects.create(
        organisation=organisation, name=name.strip(), guide_version=guide_version,
        opens_on=opens_on, closes_on=closes_on, min_count=int(min_count),
        languages=list(dict.fromkeys(languages)), index_keys=keys, previous=previous,
        year=opens_on.year, created_by=actor, is_demo=is_demo,
    )  # fmt: skip
    survey.departments.set(departments)
    record_change(
        actor=actor,
        obj=survey,
        action=ChangeAction.CREATE,
        changes={"name": (None, survey.name), "departments": (None, len(departments))},
    )
    return survey


@transaction.atomic
def open_survey(*, survey: Survey, actor) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError("Kun en kladde kan åbnes.")
    survey.status = SurveyStatus.OPEN
    survey.save(update_fields=["status"])
    GuideVersion.objects.filter(pk=survey.guide_version_id, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )
    record_change(
        actor=actor,
        obj=survey,
        action=ChangeAction.TRANSITION,
        changes={"status": ("draft", "open")},
    )
    return survey


@transaction.atomic
def close_survey(*, survey: Survey, actor, feed: bool = True) -> Survey:
    """Close the survey: no more answers or changes; unfinished answers are dropped, the edit
    keys too, and the answers are rewritten in random order with new ids, so neither the rows'
    physical order nor their transaction ids tell in which order households answered."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError("Kun en åben undersøgelse kan lukkes.")
    SurveyAnswer.objects.filter(survey=survey, submitted=False).delete()
    rows = list(
        SurveyAnswer.objects.filter(survey=survey).values(
            "department_id", "building", "channel", "language", "values"
        )
    )
    SurveyAnswer.objects.filter(survey=survey).delete()
    random.SystemRandom().shuffle(rows)
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(survey=survey, submitted=True, edit_key=None, **row) for row in rows
    )
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.answers_version = F("answers_version") + 1
    survey.save(update_fields=["status", "closed_at", "answers_version"])
    survey.refresh_from_db()
    record_change(
        actor=actor,
        obj=survey,
        action=ChangeAction.TRANSITION,
        changes={"status": ("open", "closed"), "answers": (None, len(rows))},
    )
    if feed:
        feed_screening(survey=survey, actor=actor)
    return survey


# --- invitations --------------------------------------------------------------------------


def _new_pair() -> tuple[str, str]:
    token = tokens.new_token()
    return token, tokens.code_for(token)


@transaction.atomic
def create_invitations(*, survey: Survey, department: Department, actor) -> list[IssuedInvitation]:
    """One invitation per lease of the department that has none yet. The tokens and codes are
    returned once (for the letters) and never stored."""
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyError("Undersøgelsen er lukket.")
    if not survey.departments.filter(pk=department.pk).exists():
        raise SurveyError("Afdelingen er ikke med i undersøgelsen.")
    have = set(
        Invitation.objects.filter(survey=survey, department=department).values_list(
            "lease_id", flat=True
        )
    )
    leases = [
        lease for lease in department.leases.order_by("address", "unit") if lease.pk not in have
    ]
    issued = []
    for lease in leases:
        for _attempt in range(5):
            token, code = _new_pair()
            try:
                with transaction.atomic():
                    invitation = Invitation.objects.create(
                        survey=survey, lease=lease, department=department,
                        building=building_of(lease), token_hash=tokens.token_hash(token),
                        code_hash=tokens.code_hash(code),
                    )  # fmt: skip
            except IntegrityError:  # a code collision (1 in 10^14): draw again
                continue
            issued.append(IssuedInvitation(invitation, token, code))
            break
        else:  # pragma: no cover - five collisions in a row
            raise SurveyError("Koderne kunne ikke dannes. Prøv igen.")
    if issued:
        record_change(
            actor=actor,
            obj=survey,
            action=ChangeAction.CREATE,
            changes={f"invitations {department.number}": (len(have), len(have) + len(issued))},
        )
    return issued


@transaction.atomic
def reissue_invitation(*, invitation: Invitation, actor) -> IssuedInvitation:
    """A new letter for a household that lost its own: a new token and code; the old link and
    code stop working. Refused once the household has answered: its answer is found only with
    the old code, so a new code would let it answer a second time."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("survey", "department", "lease")
        .get(pk=invitation.pk)
    )
    if invitation.survey.status == SurveyStatus.CLOSED:
        raise SurveyError("Undersøgelsen er lukket.")
    if invitation.answered:
        raise SurveyError(
            "Husstanden har allerede svaret, så der kan ikke laves et nyt brev: svaret kan kun "
            "findes med det gamle brevs kode, og et nyt brev ville give husstanden et svar mere."
        )
    token, code = _new_pair()
    invitation.token_hash = tokens.token_hash(token)
    invitation.code_hash = tokens.code_hash(code)
    invitation.save(update_fields=["token_hash", "code_hash"])
    record_change(
        actor=actor, obj=invitation.survey, action=ChangeAction.UPDATE,
        changes={"letter reissued": (None, f"{invitation.department.number}, #{invitation.pk}")},
    )  # fmt: skip
    return IssuedInvitation(invitation, token, code)


EDITABLE_WHEN_OPEN = ("closes_on",)


@transaction.atomic
def update_survey(
    *,
    survey: Survey,
    actor,
    name: str | None = None,
    opens_on: date | None = None,
    closes_on: date | None = None,
    min_count: int | None = None,
    languages: Iterable[str] | None = None,
    departments: Iterable[Department] | None = None,
    today: date | None = None,
) -> Survey:
    """Change a survey's settings: a draft's name, period, k, languages and departments; an
    open survey's closing date only (its households have their letters, its answers are
    counted with its k); a closed survey nothing. Validated as at creation; audited."""
    today = today or timezone.localdate()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyError("En lukket undersøgelse kan ikke ændres.")
    new = {
        "name": survey.name if name is None else name.strip(),
        "opens_on": opens_on or survey.opens_on,
        "closes_on": closes_on or survey.closes_on,
        "min_count": survey.min_count if min_count is None else int(min_count),
        "languages": survey.languages if languages is None else list(dict.fromkeys(languages)),
    }
    old_departments = list(survey.departments.order_by("number"))
    chosen = old_departments if departments is None else list(departments)
    if survey.status == SurveyStatus.OPEN:
        fixed = [
            field for field in ("name", "opens_on", "min_count", "languages")
            if new[field] != getattr(survey, field)
        ]  # fmt: skip
        if fixed or {d.pk for d in chosen} != {d.pk for d in old_departments}:
            raise SurveyError(
                "Undersøgelsen er åben: kun slutdatoen kan ændres. Navn, periodens start, k, "
                "sprog og afdelinger ligger fast, når husstandene har fået deres breve."
            )
        if new["closes_on"] < today and new["closes_on"] != survey.closes_on:
            raise SurveyError("Slutdatoen kan ikke ligge før i dag.")
    if not new["name"]:
        raise SurveyError("Undersøgelsen skal have et navn.")
    _check_settings(
        organisation=survey.organisation, departments=chosen, opens_on=new["opens_on"],
        closes_on=new["closes_on"], min_count=new["min_count"],
        guide=survey.guide_version.spec(), keys=survey.index_keys,
    )  # fmt: skip
    unknown = [code for code in new["languages"] if code not in LANGUAGES]
    if unknown:
        raise SurveyError(f"Sproget »{unknown[0]}« kendes ikke.")
    removed = {d.pk for d in old_departments} - {d.pk for d in chosen}
    lettered = (
        Invitation.objects.filter(survey=survey, department_id__in=removed)
        .values_list("department__number", flat=True)
        .first()
    )
    if lettered is not None:
        raise SurveyError(
            f"Afdeling {lettered} har allerede fået breve og kan ikke tages ud af undersøgelsen."
        )
    changes = {
        field: (getattr(survey, field), value)
        for field, value in new.items()
        if getattr(survey, field) != value
    }
    if "languages" in changes:  # text, not lists: the change-log page reads scalars
        changes["languages"] = tuple(", ".join(v) or "–" for v in changes["languages"])
    if {d.pk for d in chosen} != {d.pk for d in old_departments}:
        changes["departments"] = (
            ", ".join(str(d.number) for d in old_departments),
            ", ".join(str(d.number) for d in sorted(chosen, key=lambda d: d.number)),
        )
    if not changes:
        return survey
    for field, value in new.items():
        setattr(survey, field, value)
    survey.year = survey.opens_on.year
    survey.save()
    if departments is not None:
        survey.departments.set(chosen)
    record_change(actor=actor, obj=survey, action=ChangeAction.UPDATE, changes=changes)
    return survey


def find_invitation(*, token: str = "", code: str = "", today: date | None = None):
    """The invitation of an open survey, within its period, for this token or typed code, with
    the household's code; (None, "") for anything else (wrong, expired, closed: the caller
    answers all of them the same)."""
    today = today or timezone.localdate()
    if token:
        if len(token) > 64:
            return None, ""
        code = tokens.code_for(token)
        lookup = {"token_hash": tokens.token_hash(token)}
    else:
        code = tokens.normal_code(code)
        if not code:
            return None, ""
        lookup = {"code_hash": tokens.code_hash(code)}
    invitation = (
        Invitation.objects.select_related("survey__guide_version__guide", "department")
        .filter(
            survey__status=SurveyStatus.OPEN,
            survey__opens_on__lte=today,
            survey__closes_on__gte=today,
            **lookup,
        )
        .first()
    )
    if invitation is None or not secrets.compare_digest(
        invitation.code_hash, tokens.code_hash(code)
    ):
        return None, ""
    return invitation, code


# --- answers ------------------------------------------------------------------------------


def clean_values(guide: Guide, raw: Mapping) -> dict:
    """The answers as stored (guides.answers.clean_answer per question; unknown keys ignored);
    raises AnswerError (Danish, naming the question) for a value a question does not take."""
    values = {}
    for question in guide.questions():
        if question.key not in raw:
            continue
        try:
            value = clean_answer(question, raw[question.key])
        except AnswerError as error:
            raise AnswerError(f"{question.text}: {error}") from None
        if value is not None:
            values[question.key] = value
    by_key = {q.key: q for q in guide.questions()}
    return {k: v for k, v in values.items() if scoring.is_shown(by_key[k], values, by_key)}


def own_answer(*, code: str) -> SurveyAnswer | None:
    return SurveyAnswer.objects.filter(edit_key=tokens.edit_key(code)).first()


@transaction.atomic
def save_progress(
    *, invitation: Invitation, code: str, raw: Mapping, language: str, submit: bool = False
) -> SurveyAnswer:
    """The household's answers so far (merged into what it saved before); `submit` hands them
    in. A submitted answer can be changed until the survey closes (it stays one answer)."""
    survey = invitation.survey
    guide = survey.guide_version.spec()
    key = tokens.edit_key(code)
    answer = SurveyAnswer.objects.select_for_update().filter(edit_key=key).first()
    merged = {**(answer.values if answer else {}), **raw}
    values = clean_values(guide, merged)
    bump = submit or (answer is not None and answer.submitted)
    if answer is None:
        answer = SurveyAnswer(
            survey=survey, department_id=invitation.department_id,
            building=invitation.building, channel=Channel.WEB, edit_key=key,
        )  # fmt: skip
    answer.values = values
    answer.language = language
    answer.submitted = answer.submitted or submit
    answer.save()
    if submit and not invitation.answered:
        Invitation.objects.filter(pk=invitation.pk).update(answered=True)
        invitation.answered = True
    if bump:
        Survey.objects.filter(pk=survey.pk).update(answers_version=F("answers_version") + 1)
    return answer


@transaction.atomic
def record_staff_answer(
    *, invitation: Invitation, raw: Mapping, channel: str, actor
) -> SurveyAnswer:
    """An answer a household gave on paper or during a visit, entered by staff (marked so)."""
    if channel not in (Channel.PAPER, Channel.VISIT):
        raise SurveyError("Vælg, om svaret er givet på papir eller ved et besøg.")
    locked = Invitation.objects.select_for_update().select_related("survey").get(pk=invitation.pk)
    if locked.survey.status != SurveyStatus.OPEN:
        raise SurveyError("Undersøgelsen er ikke åben.")
    if locked.answered:
        raise SurveyError("Husstanden har allerede svaret.")
    values = clean_values(locked.survey.guide_version.spec(), raw)
    if not values:
        raise SurveyError("Udfyld mindst ét svar.")
    answer = SurveyAnswer.objects.create(
        survey=locked.survey, department_id=locked.department_id, building=locked.building,
        channel=channel, values=values, submitted=True,
    )  # fmt: skip
    Invitation.objects.filter(pk=locked.pk).update(answered=True)
    Survey.objects.filter(pk=locked.survey_id).update(answers_version=F("answers_version") + 1)
    count = SurveyAnswer.objects.filter(survey=locked.survey, channel=channel).count()
    record_change(
        actor=actor, obj=locked.survey, action=ChangeAction.UPDATE,
        changes={f"{channel} answers": (count - 1, count)},
    )  # fmt: skip
    return answer


@transaction.atomic
def send_reminders(*, survey: Survey, actor, sender=None) -> ReminderRound:
    """Remind every invited household that has not answered (through the configured sender:
    e-mail or SMS where the organisation has the address, else a letter to print)."""
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError("Kun en åben undersøgelse kan sende påmindelser.")
    pending = list(Invitation.objects.filter(survey=survey, answered=False).select_related("lease"))
    if not pending:
        raise SurveyError("Alle inviterede husstande har svaret.")
    sender = sender or senders.get_sender()
    for invitation in pending:
        sender.remind(survey=survey, invitation=invitation)
    Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(reminders=F("reminders") + 1)
    reminder = ReminderRound.objects.create(
        survey=survey, count=len(pending), channel=sender.name, sent_by=actor
    )
    record_change(
        actor=actor, obj=survey, action=ChangeAction.UPDATE,
        changes={"reminders": (None, len(pending))},
    )  # fmt: skip
    return reminder


def feed_screening(*, survey: Survey, actor=None):
    """Feed the departments' shown index of a closed survey to `safety_survey_score` (a
    suppressed department feeds nothing)."""
    from boligsocial.screening import feeds
    from boligsocial.surveys import selectors

    results = selectors.results(survey, texts=False).by_key()
    values = {}
    for department_id in survey.departments.values_list("id", flat=True):
        group = results.get(("dept", department_id))
        if group is not None and group.shown and group.index is not None:
            values[department_id] = group.index
    return feeds.replace_values(
        indicator_code="safety_survey_score",
        year=survey.year,
        values=values,
        source=f"Beboerundersøgelse: {survey.name}"[:200],
        actor=actor,
    )
