"""The choices of the case models (types, tracks, statuses, roles, kinds)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    INQUIRY = "inquiry", _("Inquiry")
    HOUSE_RULES = "house_rules", _("House-rule case")
    MEDIATION = "mediation", _("Mediation")
    CRISIS = "crisis", _("Acute incident / crisis")
    OTHER = "other", _("Other")


class Track(models.TextChoices):
    TRYGHED = "tryghed", _("Safety (Tryghed)")
    TRIVSEL = "trivsel", _("Well-being (Trivsel)")
    TAG_ANSVAR = "tag_ansvar", _("Taking responsibility (Tag ansvar)")


class Category(models.TextChoices):
    NOISE = "noise", _("Noise")
    WASTE = "waste", _("Rubbish")
    PETS = "pets", _("Pets")
    HARASSMENT = "harassment", _("Harassment")
    VIOLENCE_THREATS = "violence_threats", _("Violence or threats")
    CRIME_INSECURITY = "crime_insecurity", _("Crime and insecurity")
    NEGLECT = "neglect", _("Neglect of the dwelling")
    PROPERTY_DAMAGE = "property_damage", _("Damage to the property")
    OTHER = "other", _("Other")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    CONTACTED = "contacted", _("Contact established")
    IN_PROGRESS = "in_progress", _("In progress")
    FORWARDED = "forwarded", _("Forwarded")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.CONTACTED,
    Status.IN_PROGRESS,
    Status.FORWARDED,
    Status.REOPENED,
)


class Outcome(models.TextChoices):
    RESOLVED_DIALOGUE = "resolved_dialogue", _("Resolved through dialogue")
    REQUEST = "request", _("Request (henstilling)")
    WARNING = "warning", _("Warning (advarsel)")
    MEDIATION_AGREEMENT = "mediation_agreement", _("Mediation agreement")
    COMPLAINTS_BOARD = "complaints_board", _("Brought before the tenants' complaints board")
    HOUSING_COURT = "housing_court", _("Brought before the housing court")
    DROPPED = "dropped", _("Dropped")


class Source(models.TextChoices):
    STAFF = "staff", _("Staff")
    INTAKE = "intake", _("Resident form")
    CARETAKER = "caretaker", _("Caretaker report")


class LegalStep(models.TextChoices):
    REQUEST = "request", _("Request (henstilling)")
    WARNING = "warning", _("Warning (advarsel)")
    COMPLAINTS_BOARD = "complaints_board", _("Tenants' complaints board (beboerklagenævn)")
    HOUSING_COURT = "housing_court", _("Housing court (boligret)")


class PartyRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    RESPONDENT = "respondent", _("Household complained about")
    WITNESS = "witness", _("Witness")


class EventKind(models.TextChoices):
    CALL = "call", _("Phone call")
    VISIT = "visit", _("Visit")
    LETTER = "letter", _("Letter")
    MEETING = "meeting", _("Meeting")
    NOTE = "note", _("Note")
    STATUS_CHANGE = "status_change", _("Status change")
    LEGAL_STEP = "legal_step", _("Legal step")
    MEDIATION = "mediation", _("Mediation")
    CRISIS = "crisis", _("Crisis response")
    SHARE = "share", _("Sharing")


#: Event kinds a user records by hand (the others are written by the services).
MANUAL_EVENT_KINDS = (
    EventKind.CALL,
    EventKind.VISIT,
    EventKind.LETTER,
    EventKind.MEETING,
    EventKind.NOTE,
)


class DeadlineKind(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("First contact with the parties")
    WARNING_FOLLOW_UP = "warning_follow_up", _("Follow-up after a warning")
    HOUSING_COURT_WINDOW = "housing_court_window", _("Bring the decision to the housing court")
    REPEAT_WINDOW = "repeat_window", _("Repeat window (a new breach counts)")
    CRISIS_FOLLOW_UP = "crisis_follow_up", _("Crisis follow-up")
    FOLLOW_UP = "follow_up", _("Follow-up of the case")
    CUSTOM = "custom", _("Other deadline")


#: Deadlines that are not tasks for the case worker: they never make a case overdue.
WINDOW_DEADLINE_KINDS = (DeadlineKind.REPEAT_WINDOW,)


class LetterKind(models.TextChoices):
    REQUEST = "request", _("Request (henstilling)")
    WARNING = "warning", _("Warning (advarsel)")
    HEARING = "hearing", _("Consultation of the party (partshøring)")
    MEETING = "meeting", _("Invitation to a meeting or mediation")
    BOARD_REFERRAL = "board_referral", _("Referral to the tenants' complaints board")
    CLOSING = "closing", _("Closing letter to the complainant")


#: Who a letter of each kind is addressed to by default (the caseworker may choose another).
LETTER_DEFAULT_ROLE = {
    LetterKind.REQUEST: PartyRole.RESPONDENT,
    LetterKind.WARNING: PartyRole.RESPONDENT,
    LetterKind.HEARING: PartyRole.RESPONDENT,
    LetterKind.MEETING: PartyRole.RESPONDENT,
    LetterKind.BOARD_REFERRAL: PartyRole.RESPONDENT,
    LetterKind.CLOSING: PartyRole.COMPLAINANT,
}


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class Forum(models.TextChoices):
    """Where a house-rule case is decided outside the organisation (domain.md § 5.1)."""

    COMPLAINTS_BOARD = "complaints_board", _("Tenants' complaints board (beboerklagenævn)")
    HOUSING_COURT = "housing_court", _("Housing court (boligret)")


class DecisionOutcome(models.TextChoices):
    """What the complaints board or the housing court decided."""

    WARNING = "warning", _("Warning (advarsel)")
    CONDITIONAL_LOSS = (
        "conditional_loss",
        _("Conditional loss of the tenancy (betinget fortabelse af lejeretten)"),
    )
    UNCONDITIONAL_LOSS = (
        "unconditional_loss",
        _("Loss of the tenancy (ubetinget fortabelse af lejeretten)"),
    )
    ACQUITTAL = "acquittal", _("Acquittal (frifindelse)")
    DISMISSAL = "dismissal", _("Dismissal (afvisning)")


class CrisisTaskKind(models.TextChoices):
    RESIDENTS_MEETING = "residents_meeting", _("Residents' meeting")
    SAFETY_WALK = "safety_walk", _("Safety walk")
    POLICE_CONTACT = "police_contact", _("Contact with the police")
    MUNICIPALITY_CONTACT = "municipality_contact", _("Contact with the municipality")
    FOLLOW_UP_VISIT = "follow_up_visit", _("Follow-up visit")


class ShareReason(models.TextChoices):
    CONSENT = "consent", _("Consent")
    LEGAL_BASIS = "legal_basis", _("Legal basis")
