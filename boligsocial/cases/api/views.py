"""The cases API: `/api/v1/cases/…`.

Reads go through `boligsocial.organisations.access` (`visible_cases`, `editable_cases`,
`case_count_departments`): a case outside the user's scope is a 404, the same answer as one that
does not exist; a case the user may read but not change (a municipal share) is a 403 for writes.
Writes go through `boligsocial.cases.services`; the API never saves a model itself.

Every response that carries case content writes exactly one access-log row per case in it
(`audit.services.log_reads`, route = the URL name): one per case on a list page, one for a detail,
its events, parties or deadlines, and one for the case returned by a change or an action (also
for the current values in a 409). Statistics are counts only and are not logged."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.mixins import CreateModelMixin, ListModelMixin, RetrieveModelMixin
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from boligsocial.audit.services import log_reads
from boligsocial.cases import access, services
from boligsocial.cases import statistics as case_statistics
from boligsocial.cases.api import serializers
from boligsocial.cases.api.legal import LegalTrackActions
from boligsocial.cases.filters import CaseFilter
from boligsocial.cases.models import Case
from boligsocial.core import permissions
from boligsocial.core.rest import MAX_ID, NotFoundAsApiError, StableOrderingFilter
from boligsocial.core.strictfilters import StrictFilterBackend

NOT_FOUND = OpenApiResponse(description=_("No such case, or one outside your access."))
FORBIDDEN = OpenApiResponse(description=_("You may read the case but not change it."))
INVALID = OpenApiResponse(description=_("Invalid input; nothing was changed."))
STALE = OpenApiResponse(
    response=serializers.StaleCaseSerializer,
    description=_("Someone else changed the case after your version; nothing was changed."),
)
#: The answers of a write on one case that returns the case.
CASE_WRITE_RESPONSES = {
    200: serializers.CaseSerializer,
    400: INVALID,
    403: FORBIDDEN,
    404: NOT_FOUND,
    409: STALE,
}
STALE_MESSAGE = _(
    "Someone else has changed the case since you read it. Nothing was saved. "
    "The case as it is now is in 'current'; the fields where it differs from what you sent "
    "are in 'differing_fields'."
)


def _django_errors(error: DjangoValidationError) -> ValidationError:
    """A service's Django ValidationError as DRF's 400 body (field errors where given)."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {k: [m for e in v for m in e.messages] for k, v in error.error_dict.items()}
        )
    return ValidationError({"non_field_errors": error.messages})


class CaseViewSet(
    LegalTrackActions,
    NotFoundAsApiError,
    CreateModelMixin,
    ListModelMixin,
    RetrieveModelMixin,
    GenericViewSet,
):
    queryset = Case.objects.none()  # for schema generation; see get_queryset
    serializer_class = serializers.CaseSerializer
    filter_backends = [StrictFilterBackend, StableOrderingFilter]
    filterset_class = CaseFilter
    # Without `ordering` in the query: newest first (Case.Meta), or most overdue first when
    # the overdue / due_soon filter is on (the services' order).
    ordering_fields = ["received_at", "next_due", "first_contact_due", "reference", "priority"]

    # --- fetching ---------------------------------------------------------------------------

    def get_queryset(self):
        return access.visible_cases(self.request.user).select_related("department", "assignee")

    def get_editable_object(self) -> Case:
        """The case if the user may change it: 404 if they cannot see it, 403 if they can see
        but not change it."""
        case = self.get_object()
        if not permissions.can(self.request.user, access.EDIT_CASE, case):
            raise PermissionDenied(_("You may read this case but not change it."))
        return case

    def _log(self, cases) -> None:
        log_reads(user=self.request.user, objs=cases, route=self.request.resolver_match.view_name)

    def _case_response(self, case: Case, code=status.HTTP_200_OK) -> Response:
        self._log([case])
        return Response(self.get_serializer(case).data, status=code)

    def _stale(self, error: "services.StaleCase") -> Response:
        current = self.get_queryset().get(pk=error.case.pk)
        self._log([current])
        data = serializers.CaseSerializer(current, context=self.get_serializer_context()).data
        return Response(
            {"detail": STALE_MESSAGE, "current": data, "differing_fields": sorted(error.fields)},
            status=status.HTTP_409_CONFLICT,
        )

    # --- case list, detail, create, change ----------------------------------------------------

    @extend_schema(
        summary=_("List cases"),
        description=_(
            "The cases whose content you may read: your organisation's cases if you work in its "
            "social unit, every case for administrators, and cases shared with you. Other roles "
            "get an empty list (see /cases/statistics/ for counts). Each case returned is "
            "recorded in the access log."
        ),
    )
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        self._log(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary=_("Get one case"),
        description=_("Recorded in the access log."),
        responses={200: serializers.CaseSerializer, 404: NOT_FOUND},
    )
    def retrieve(self, request, *args, **kwargs):
        return self._case_response(self.get_object())

    @extend_schema(
        summary=_("Open a case"),
        description=_(
            "Opens a case in status 'received' with its first-contact deadline in working days. "
            "Only for the social unit of the department's organisation and administrators."
        ),
        request=serializers.CaseCreateSerializer,
        responses={201: serializers.CaseSerializer, 400: INVALID},
    )
    def create(self, request, *args, **kwargs):
        if not access.case_create_departments(request.user).exists():
            raise PermissionDenied(_("You may not open cases."))
        form = serializers.CaseCreateSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        try:
            case = services.open_case(user=request.user, **form.validated_data)
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        return self._case_response(self._reload(case), status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Change a case"),
        description=_(
            "Send only the fields you change, and the `version` you read. Status, outcome and "
            "legal steps change through the actions below."
        ),
        request=serializers.CaseUpdateSerializer,
        responses=CASE_WRITE_RESPONSES,
    )
    def partial_update(self, request, *args, **kwargs):
        case = self.get_editable_object()
        form = serializers.CaseUpdateSerializer(
            case, data=request.data, partial=True, context={"request": request}
        )
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        if "version" not in data:
            raise ValidationError({"version": [_("Send the version you based the change on.")]})
        expected = data.pop("version")
        try:
            case = services.update_case(case, data, request.user, expected_version=expected)
        except services.StaleCase as error:
            return self._stale(error)
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        return self._case_response(self._reload(case))

    def _reload(self, case: Case) -> Case:
        return self.get_queryset().get(pk=case.pk)

    # --- actions through the services ---------------------------------------------------------

    def _run_action(self, request, form_class, run):
        """Validate the body, run the service with the optional `version`, answer with the
        case (or 409)."""
        case = self.get_editable_object()
        form = form_class(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        version = data.pop("version", None)
        try:
            run(case, data, version)
        except services.StaleCase as error:
            return self._stale(error)
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        return self._case_response(self._reload(case))

    @extend_schema(
        summary=_("Record first contact with the parties"),
        description=_(
            "Records the contact as an event, sets status 'contact established' and meets the "
            "first-contact deadline."
        ),
        request=serializers.RecordContactSerializer,
        responses=CASE_WRITE_RESPONSES,
    )
    @action(detail=True, methods=["post"], url_path="record-contact")
    def record_contact(self, request, pk=None):
        def run(case, data, version):
            services.record_contact(
                case,
                request.user,
                at=data.get("occurred_at"),
                kind=data["kind"],
                minutes=data.get("minutes"),
                text=data["text"],
                expected_version=version,
            )

        return self._run_action(request, serializers.RecordContactSerializer, run)

    @extend_schema(
        summary=_("Close a case"),
        request=serializers.CloseSerializer,
        responses=CASE_WRITE_RESPONSES,
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        def run(case, data, version):
            services.close_case(
                case, data["outcome"], request.user, text=data["text"], expected_version=version
            )

        return self._run_action(request, serializers.CloseSerializer, run)

    @extend_schema(
        summary=_("Reopen a closed case"),
        description=_(
            "A closed case takes no other action: reopen it first (status 'reopened'; it counts "
            "as open again)."
        ),
        request=serializers.ReopenSerializer,
        responses=CASE_WRITE_RESPONSES,
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        def run(case, data, version):
            services.reopen_case(case, request.user, text=data["text"], expected_version=version)

        return self._run_action(request, serializers.ReopenSerializer, run)

    @extend_schema(
        summary=_("Take a step on the legal track"),
        description=_(
            "Request (henstilling), warning (advarsel), tenants' complaints board or housing "
            "court. The complaints board needs a prior warning unless the case concerns violence "
            "or threats or conduct dangerous to people or property; otherwise the answer is 400 "
            "with the reason."
        ),
        request=serializers.LegalStepSerializer,
        responses=CASE_WRITE_RESPONSES,
    )
    @action(detail=True, methods=["post"], url_path="legal-step")
    def legal_step(self, request, pk=None):
        def run(case, data, version):
            services.take_legal_step(
                case,
                data["step"],
                request.user,
                on=data.get("on"),
                text=data["text"],
                expected_version=version,
            )

        return self._run_action(request, serializers.LegalStepSerializer, run)

    # --- what belongs to one case --------------------------------------------------------------

    def _children(self, case, queryset, serializer_class):
        self._log([case])
        return Response(
            serializer_class(queryset, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(
        methods=["GET"],
        summary=_("The case's events (timeline)"),
        description=_("Recorded in the access log."),
        responses={200: serializers.EventSerializer(many=True), 404: NOT_FOUND},
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Record an event (call, visit, letter, meeting, note)"),
        request=serializers.EventCreateSerializer,
        responses={201: serializers.EventSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def events(self, request, pk=None):
        if request.method == "GET":
            case = self.get_object()
            return self._children(
                case, case.events.select_related("created_by"), serializers.EventSerializer
            )
        case = self.get_editable_object()
        form = serializers.EventCreateSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        try:
            data = form.validated_data
            event = services.record_event(
                case,
                data["kind"],
                request.user,
                text=data.get("text", ""),
                at=data["occurred_at"],
                minutes=data.get("minutes"),
            )
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        self._log([case])
        data = serializers.EventSerializer(event, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary=_("The case's parties"),
        description=_("Recorded in the access log."),
        responses={200: serializers.PartySerializer(many=True), 404: NOT_FOUND},
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Add a party (complainant, household complained about, witness)"),
        request=serializers.PartyCreateSerializer,
        responses={201: serializers.PartySerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def parties(self, request, pk=None):
        if request.method == "GET":
            case = self.get_object()
            return self._children(case, case.parties.all(), serializers.PartySerializer)
        case = self.get_editable_object()
        form = serializers.PartyCreateSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        try:
            party = services.add_party(case, request.user, **form.validated_data)
        except DjangoValidationError as error:
            raise _django_errors(error) from None
        self._log([case])
        return Response(serializers.PartySerializer(party).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("The case's deadlines"),
        description=_("Working-day deadlines, met or not. Recorded in the access log."),
        responses={200: serializers.DeadlineSerializer(many=True), 404: NOT_FOUND},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def deadlines(self, request, pk=None):
        case = self.get_object()
        return self._children(case, case.deadlines.all(), serializers.DeadlineSerializer)

    # --- counts only --------------------------------------------------------------------------

    @extend_schema(
        summary=_("Case statistics (counts only)"),
        description=_(
            "Counts for the departments you have access to; no case content, so no access-log "
            "rows. Open to every role that sees departments. Staff of the organisation see exact "
            "counts; for everyone else a count from 1 to 4 is null and named in "
            "disclosure.fewer_than, and counts from which it could be worked out are null and "
            "named in disclosure.hidden."
        ),
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 2000, "maximum": 2100},
                description=_("The year (default: this year)."),
            ),
            OpenApiParameter(
                "department",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description=_("Only this department."),
            ),
        ],
        filters=False,
        responses={200: serializers.StatisticsSerializer, 400: INVALID},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def statistics(self, request):
        query = serializers.StatisticsQuerySerializer(
            data={"year": timezone.localdate().year, **request.query_params.dict()},
            context={"request": request},
        )
        query.is_valid(raise_exception=True)
        departments = access.case_count_departments(request.user)
        if query.validated_data.get("department") is not None:
            departments = departments.filter(pk=query.validated_data["department"].pk)
        cases = Case.objects.filter(department__in=departments)
        stats = services.statistics(cases, query.validated_data["year"])
        data = case_statistics.as_data(case_statistics.for_viewer(request.user, stats))
        return Response(serializers.StatisticsSerializer(data).data)
