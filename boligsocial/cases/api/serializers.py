"""JSON shapes of the cases API. English field names; labels and descriptions come from the
models' verbose names (translated) or are given here.

Input serializers validate the shape of the request and that every id names an object the user
may use (a forged id is the same 400 as one that does not exist); the write itself is done by
`boligsocial.cases.services`. Output serializers read only what the viewset has loaded."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boligsocial.cases import access
from boligsocial.cases.models import (
    MANUAL_EVENT_KINDS,
    Case,
    Deadline,
    DeadlineKind,
    Event,
    EventKind,
    LegalStep,
    Outcome,
    Party,
)
from boligsocial.core import permissions
from boligsocial.core.rest import (
    MAX_INTEGER,
    BoundedPrimaryKeyRelatedField,
    SaneDateTimeField,
    SaneModelSerializer,
)
from boligsocial.organisations import access as housing
from boligsocial.organisations.models import Department

#: What a forged or unknown id answers, for every id field of the API.
UNKNOWN_ID = _("Unknown id, or one you do not have access to: %(pk_value)s.")


def _pk_field(queryset, **kwargs) -> serializers.PrimaryKeyRelatedField:
    field = BoundedPrimaryKeyRelatedField(queryset=queryset, **kwargs)
    field.error_messages["does_not_exist"] = UNKNOWN_ID.replace("%(pk_value)s", "{pk_value}")
    return field


def inline_choices(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field whose values are listed in place in the OpenAPI schema instead of as a
    named enum component: cases, events and deadlines each have a `kind` with different
    choices, and drf-spectacular would name their components with hash suffixes (a warning).
    The `allOf` wrapper keeps its enum post-processing from hoisting the list."""

    values = [value for value, _label in choices]

    @extend_schema_field({"allOf": [{"type": "string", "enum": values}]})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, **kwargs)


def _requesting_user(serializer):
    """The user of the request (anonymous while the OpenAPI schema is generated)."""
    request = serializer.context.get("request")
    return request.user if request is not None else AnonymousUser()


def _not_in_future(value):
    if value is not None and value > timezone.now():
        raise serializers.ValidationError(_("The time cannot be in the future."))
    return value


# --- output ----------------------------------------------------------------------------------


class CaseSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(
        source="department.name", read_only=True, help_text=_("The department's name.")
    )
    assignee_name = serializers.SerializerMethodField(
        help_text=_("The case worker's name, or null when nobody is assigned.")
    )
    overdue = serializers.SerializerMethodField(
        help_text=_("True when the case is open and its next deadline has passed.")
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "organisation",
            "department",
            "department_name",
            "lease",
            "address",
            "kind",
            "track",
            "category",
            "description",
            "dangerous_conduct",
            "priority",
            "assignee",
            "assignee_name",
            "status",
            "outcome",
            "legal_step",
            "received_at",
            "first_contact_due",
            "first_contact_at",
            "next_due",
            "overdue",
            "closed_at",
            "source",
            "mediation_offered_at",
            "mediation_held_at",
            "mediator",
            "mediation_agreement",
            "incident_at",
            "crisis_ended_at",
            "anonymised_at",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields

    def get_assignee_name(self, case) -> str | None:
        user = case.assignee
        return (user.get_full_name() or user.get_username()) if user else None

    def get_overdue(self, case) -> bool:
        return case.next_due is not None and case.next_due < self._today()

    def _today(self):
        today = self.context.get("today")
        if today is None:
            today = self.context["today"] = timezone.localdate()
        return today


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "case", "role", "name", "lease", "address", "phone", "email"]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer):
    kind = inline_choices(EventKind.choices, read_only=True)
    created_by_name = serializers.SerializerMethodField(
        help_text=_("Who recorded the event, or null.")
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "case",
            "kind",
            "occurred_at",
            "minutes",
            "text",
            "created_by",
            "created_by_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_created_by_name(self, event) -> str | None:
        user = event.created_by
        return (user.get_full_name() or user.get_username()) if user else None


class DeadlineSerializer(serializers.ModelSerializer):
    kind = inline_choices(DeadlineKind.choices, read_only=True)

    class Meta:
        model = Deadline
        fields = ["id", "case", "kind", "due", "met_at", "note"]
        read_only_fields = fields


class StaleCaseSerializer(serializers.Serializer):
    """The answer to a change based on an old version (409)."""

    detail = serializers.CharField(help_text=_("What happened, in words."))
    current = CaseSerializer(help_text=_("The case as it is now."))
    differing_fields = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("The fields you sent whose current value differs from yours."),
    )


# --- input -----------------------------------------------------------------------------------


class _CaseInput(SaneModelSerializer):
    """Shared by create and change: ids limited to what the requesting user may use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _requesting_user(self)
        self.fields["lease"] = _pk_field(
            housing.visible_leases(user),
            required=False,
            allow_null=True,
            help_text=_("The lease the case concerns (optional)."),
        )
        self.fields["assignee"] = _pk_field(
            get_user_model().objects.filter(is_active=True),
            required=False,
            allow_null=True,
            help_text=_("The case worker (a user of the organisation's social unit)."),
        )

    def _check_lease_and_assignee(self, attrs, department, may_work):
        lease = attrs.get("lease")
        if lease is not None and lease.department_id != department.pk:
            raise serializers.ValidationError(
                {"lease": [_("The lease does not belong to the case's department.")]}
            )
        assignee = attrs.get("assignee")
        if assignee is not None and not may_work(assignee):
            raise serializers.ValidationError(
                {"assignee": [UNKNOWN_ID % {"pk_value": assignee.pk}]}
            )
        return attrs


class CaseCreateSerializer(_CaseInput):
    received_at = SaneDateTimeField(
        past_only=True,
        required=False,
        validators=[_not_in_future],
        help_text=_("When the complaint or inquiry was received (default: now)."),
    )

    class Meta:
        model = Case
        fields = [
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
            "received_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"] = _pk_field(
            access.case_create_departments(_requesting_user(self)),
            help_text=_("The department the case belongs to."),
        )

    def validate(self, attrs):
        department = attrs["department"]
        return self._check_lease_and_assignee(
            attrs, department, lambda u: permissions.can(u, access.CREATE_CASE, department)
        )


class CaseUpdateSerializer(_CaseInput):
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INTEGER,
        help_text=_(
            "The version you based the change on (from your last read). If someone else has "
            "changed the case since, nothing is saved and the answer is 409."
        ),
    )

    class Meta:
        model = Case
        required_on_patch = ["version"]  # core.rest.DocumentedAutoSchema
        fields = [
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
            "version",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"] = _pk_field(
            access.case_create_departments(_requesting_user(self)),
            required=False,
            help_text=_("Move the case to another department of the same organisation."),
        )

    def validate(self, attrs):
        case = self.instance
        department = attrs.get("department", case.department)
        if department.organisation_id != case.organisation_id:
            raise serializers.ValidationError(
                {"department": [_("A case cannot be moved to another housing organisation.")]}
            )
        return self._check_lease_and_assignee(
            attrs, department, lambda u: permissions.can(u, access.EDIT_CASE, case)
        )


class _VersionedAction(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INTEGER,
        required=False,
        help_text=_(
            "Optional: the version you based the action on. If given and someone else has "
            "changed the case since, nothing is saved and the answer is 409."
        ),
    )


class RecordContactSerializer(_VersionedAction):
    occurred_at = SaneDateTimeField(
        past_only=True,
        required=False,
        validators=[_not_in_future],
        help_text=_("When the parties were contacted (default: now)."),
    )
    kind = inline_choices(
        [(k.value, k.label) for k in MANUAL_EVENT_KINDS],
        default="call",
        help_text=_("How the contact was made."),
    )
    minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=24 * 60
    )
    text = serializers.CharField(required=False, allow_blank=True, default="")


class CloseSerializer(_VersionedAction):
    outcome = serializers.ChoiceField(choices=Outcome.choices, help_text=_("How the case ended."))
    text = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("A note for the timeline.")
    )


class ReopenSerializer(_VersionedAction):
    text = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Why the case is reopened.")
    )


class LegalStepSerializer(_VersionedAction):
    step = inline_choices(LegalStep.choices, help_text=_("The step on the legal track."))
    on = serializers.DateField(
        required=False,
        help_text=_("The day it happened (default today; earlier days allowed, never the future)."),
    )
    text = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("A note for the timeline.")
    )


class EventCreateSerializer(SaneModelSerializer):
    kind = inline_choices(
        [(k.value, k.label) for k in MANUAL_EVENT_KINDS], help_text=_("The type of event.")
    )
    occurred_at = SaneDateTimeField(past_only=True, validators=[_not_in_future])

    class Meta:
        model = Event
        fields = ["kind", "occurred_at", "minutes", "text"]


class PartyCreateSerializer(SaneModelSerializer):
    class Meta:
        model = Party
        fields = ["role", "name", "lease", "address", "phone", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lease"] = _pk_field(
            housing.visible_leases(_requesting_user(self)),
            required=False,
            allow_null=True,
            help_text=_("The party's lease (optional)."),
        )


class StatisticsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, help_text=_("The year (default: this year).")
    )
    department = _pk_field(
        Department.objects.none(),
        required=False,
        help_text=_("Only this department."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = access.case_count_departments(_requesting_user(self))


def _count(help_text, **kwargs):
    return serializers.IntegerField(
        allow_null=True,
        help_text=format_lazy("{} {}", help_text, _("Null when hidden (see disclosure).")),
        **kwargs,
    )


class DepartmentCountSerializer(serializers.Serializer):
    department_id = serializers.IntegerField()
    number = serializers.IntegerField(help_text=_("The department's number."))
    name = serializers.CharField(help_text=_("The department's name."))
    count = _count(_("Cases received in the year."))
    open = _count(_("Of which still open."))


def _counts(help_text):
    return serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text=format_lazy("{} {}", help_text, _("Null when hidden (see disclosure).")),
    )


class DisclosureSerializer(serializers.Serializer):
    """Which counts are hidden from this viewer (core/disclosure.py, decision 0024)."""

    exact = serializers.BooleanField(
        help_text=_("True for staff of the organisation: every count is exact.")
    )
    min_count = serializers.IntegerField(
        help_text=_("Counts from 1 to this number minus 1 are hidden.")
    )
    fewer_than = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "Paths of the counts that are from 1 to min_count − 1 (shown as “<5” on the page), "
            "e.g. by_track.neighbour or by_department.12.count."
        ),
    )
    hidden = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "Paths of the figures hidden so that a small count cannot be worked out from the "
            "totals (shown as “x” on the page)."
        ),
    )


class StatisticsSerializer(serializers.Serializer):
    """Counts only: no case, address or person can be read from them. Small numbers are hidden
    from viewers who are not staff of the organisation (`disclosure`)."""

    year = serializers.IntegerField(help_text=_("The year the cases were received."))
    total = _count(_("Cases received in the year."))
    open = _count(_("Of which still open."))
    overdue = _count(_("Open cases whose next deadline has passed."))
    by_department = DepartmentCountSerializer(many=True)
    by_track = _counts(_("Cases per track."))
    by_category = _counts(_("Cases per category."))
    by_kind = _counts(_("Cases per type."))
    by_status = _counts(_("Cases per status."))
    by_outcome = _counts(_("Closed cases per outcome."))
    repeat_addresses = _count(_("Addresses with two or more cases (the number, never which)."))
    repeat_leases = _count(_("Leases with two or more cases (the number, never which)."))
    contacted = _count(_("Cases where the parties were contacted."))
    median_working_days_to_first_contact = serializers.FloatField(allow_null=True)
    median_hours_to_first_contact = serializers.FloatField(allow_null=True)
    first_contact_decided = _count(_("Cases contacted, or not contacted with the deadline passed."))
    first_contact_within_deadline = _count(_("Cases contacted within the deadline."))
    share_within_deadline = serializers.FloatField(
        allow_null=True, help_text=_("Share of the decided cases contacted within the deadline.")
    )
    disclosure = DisclosureSerializer()
