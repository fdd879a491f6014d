"""Beredskab cases: complaints, house-rule cases, mediation and crisis response.

Views and the API never write these models directly: they call `boligsocial.cases.services`,
which validates, keeps `version` (optimistic concurrency), deadlines and `next_due` right.
Mediation *content* is never stored (domain.md § 5.2): only that it was offered/held, by whom and
whether agreement was reached.

A package: `choices` (types, statuses, kinds), `case` (the case, its parties, settings, the
reference counter), `timeline` (events, attachments, deadlines), `legal` (letters, crisis
response, sharing, intake)."""

from boligsocial.cases.models.case import (
    SEARCH_TEXT_MAX_BYTES,
    USER,
    Case,
    CaseQuerySet,
    CaseSettings,
    Party,
    PartyQuerySet,
    ReferenceCounter,
    build_search_text,
    refresh_search_text,
    settings_for,
)
from boligsocial.cases.models.choices import (
    LETTER_DEFAULT_ROLE,
    MANUAL_EVENT_KINDS,
    OPEN_STATUSES,
    WINDOW_DEADLINE_KINDS,
    CaseKind,
    Category,
    CrisisTaskKind,
    DeadlineKind,
    DecisionOutcome,
    EventKind,
    Forum,
    LegalStep,
    LetterKind,
    LetterStatus,
    Outcome,
    PartyRole,
    Priority,
    ShareReason,
    Source,
    Status,
    Track,
)
from boligsocial.cases.models.legal import (
    CaseShare,
    CrisisTask,
    IntakeSubmission,
    IssuedLetterIsFinal,
    LegalProceeding,
    Letter,
    LetterTemplate,
    PresenceDay,
)
from boligsocial.cases.models.timeline import Attachment, Deadline, Event

__all__ = [
    "LETTER_DEFAULT_ROLE",
    "MANUAL_EVENT_KINDS",
    "OPEN_STATUSES",
    "SEARCH_TEXT_MAX_BYTES",
    "USER",
    "WINDOW_DEADLINE_KINDS",
    "Attachment",
    "Case",
    "CaseKind",
    "CaseQuerySet",
    "CaseSettings",
    "CaseShare",
    "Category",
    "CrisisTask",
    "CrisisTaskKind",
    "Deadline",
    "DeadlineKind",
    "DecisionOutcome",
    "Event",
    "EventKind",
    "Forum",
    "IntakeSubmission",
    "IssuedLetterIsFinal",
    "LegalProceeding",
    "LegalStep",
    "Letter",
    "LetterKind",
    "LetterStatus",
    "LetterTemplate",
    "Outcome",
    "Party",
    "PartyQuerySet",
    "PartyRole",
    "PresenceDay",
    "Priority",
    "ReferenceCounter",
    "ShareReason",
    "Source",
    "Status",
    "Track",
    "build_search_text",
    "refresh_search_text",
    "settings_for",
]
