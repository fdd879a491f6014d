"""The styringsdialog and economics REST API: `/api/v1/styringsdialog/reports/` (read: the
report with its context, the frozen snapshot once finalised), `POST .../reports/{id}/points/`
(a board's point for the agenda), `/api/v1/styringsdialog/agreements/` (read; `PATCH` the
status, for the organisation and the municipality); the economics under `/api/v1/economics/`:
the price table (read; write for heads and administrators), business cases (stored, and
`POST .../compute/` with the command's input), effect measurements and outcome contracts
(decision 0038). Same access and services as the pages."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from boligsocial.core import permissions
from boligsocial.core.rest import SaneModelSerializer, ScopedViewSet, documented
from boligsocial.reports import (
    access,
    business_case,
    economics,
    economics_schema,
    selectors,
    services,
)
from boligsocial.reports import economics_services as econ_services
from boligsocial.reports.models import (
    Agreement,
    AgreementStatus,
    BusinessCase,
    CaseConsequence,
    CaseOutcome,
    ContractParty,
    EffectMeasurement,
    OutcomeContract,
    OutcomeEvent,
    PriceKind,
    Repayment,
    Report,
    UnitPrice,
)


class ReportSerializer(serializers.ModelSerializer):
    context = serializers.SerializerMethodField(
        help_text=_(
            "The report's sections, agenda and points (the frozen snapshot once finalised)."
        )
    )

    class Meta:
        model = Report
        fields = ["id", "organisation", "department", "year", "status", "finalised_at", "context"]

    def get_context(self, report) -> dict:
        if self.context.get("view") and self.context["view"].action == "list":
            return {}
        return selectors.context_of(report, timezone.localdate())


class PointSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    internal = serializers.BooleanField(required=False, default=False)


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "report", "what", "who", "due_date", "status", "status_note"]
        read_only_fields = ["id", "report", "what", "who", "due_date"]

    def validate_status(self, value):
        if value not in AgreementStatus.values:
            raise ValidationError(_("Choose a status."))
        return value


@documented(
    list_summary=_("List styringsdialog reports"),
    detail_summary=_("Get a styringsdialog report"),
    description=_(
        "The yearly reports you may see; the detail has the report's sections (without its "
        "context in the list)."
    ),
)
class ReportViewSet(ScopedViewSet):
    queryset = Report.objects.none()
    serializer_class = ReportSerializer

    def get_queryset(self):
        return access.visible_reports(self.request.user).order_by("-year", "pk")

    @extend_schema(
        summary=_("Add a point for the agenda"), request=PointSerializer, responses={201: None}
    )
    @action(detail=True, methods=["post"], url_path="points", url_name="points")
    def points(self, request, pk=None):
        report = self.get_object()
        if not permissions.can(request.user, access.ADD_POINT, report):
            raise PermissionDenied(_("You may not add points to this agenda."))
        data = PointSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            point = services.add_agenda_point(
                report=report, by=request.user, department=None, **data.validated_data
            )
        except services.ReportError as e:
            raise ValidationError({"non_field_errors": [e.message]}) from None
        return Response({"id": point.pk}, status=status.HTTP_201_CREATED)


@documented(
    list_summary=_("List agreements"),
    detail_summary=_("Get an agreement"),
    description=_("The agreements of the styringsdialog meetings you may see."),
)
class AgreementViewSet(mixins.UpdateModelMixin, ScopedViewSet):
    queryset = Agreement.objects.none()
    serializer_class = AgreementSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return Agreement.objects.filter(
            report__in=access.visible_reports(self.request.user)
        ).order_by("due_date", "pk")

    @extend_schema(summary=_("Update an agreement's status"))
    def partial_update(self, request, *args, **kwargs):
        agreement = self.get_object()
        if not permissions.can(request.user, access.UPDATE_AGREEMENT, agreement.report):
            raise PermissionDenied(_("You may not update this agreement."))
        data = AgreementSerializer(agreement, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        updated = services.update_agreement(
            agreement=agreement,
            by=request.user,
            status=data.validated_data.get("status", agreement.status),
            note=data.validated_data.get("status_note", agreement.status_note),
        )
        return Response(AgreementSerializer(updated).data)


# --- the economics (decision 0038): /api/v1/economics/… ---------------------------------------


class UnitPriceSerializer(SaneModelSerializer):
    is_local = serializers.BooleanField(read_only=True)
    economic_kind = serializers.ChoiceField(
        source="kind",
        choices=PriceKind.choices,
        help_text=_("budget: budget-economic (as in SØM); society: socio-economic."),
    )

    class Meta:
        model = UnitPrice
        fields = [
            "id",
            "name",
            "value",
            "unit",
            "payer",
            "economic_kind",
            "price_year",
            "source",
            "source_url",
            "note",
            "is_local",
            "organisation",
        ]
        read_only_fields = ["id", "is_local"]
        extra_kwargs = {
            "value": {"min_value": 0},
            "price_year": {"min_value": 1990, "max_value": 2100},
            "organisation": {"required": False, "allow_null": True},
        }

    def validate_source(self, value):
        if not value.strip():
            raise ValidationError(_("A price needs its source."))
        return value.strip()


@documented(
    list_summary=_("List unit prices"),
    detail_summary=_("Get a unit price"),
    description=_(
        "The price table of unit costs: the prices seeded from the domain research (each with "
        "its source, price year or none, payer or none) and your organisation's local prices. "
        "Heads of the social unit and administrators add, change and delete local prices."
    ),
)
class UnitPriceViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ScopedViewSet
):
    queryset = UnitPrice.objects.none()
    serializer_class = UnitPriceSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return access.visible_prices(self.request.user).order_by("name", "pk")

    @extend_schema(summary=_("Add a local unit price"))
    def create(self, request, *args, **kwargs):
        if not permissions.can(request.user, access.PRICE_EDIT, None):
            raise PermissionDenied(_("Only the head of the social unit can add prices."))
        data = UnitPriceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = values.pop("organisation", None)
        allowed = access.price_org_ids(request.user)
        if organisation is None:
            if allowed is None or len(allowed) != 1:
                raise ValidationError({"organisation": [_("Choose the housing organisation.")]})
            from boligsocial.organisations.models import Organisation

            organisation = Organisation.objects.get(pk=next(iter(allowed)))
        elif allowed is not None and organisation.pk not in allowed:
            raise ValidationError({"organisation": [_("Choose one of your organisations.")]})
        try:
            price = econ_services.save_price(by=request.user, organisation=organisation, **values)
        except services.ReportError as e:
            raise ValidationError({"non_field_errors": [e.message]}) from None
        return Response(UnitPriceSerializer(price).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Change a local unit price"))
    def partial_update(self, request, *args, **kwargs):
        price = self.get_object()
        if not permissions.can(request.user, access.PRICE_EDIT, price):
            raise PermissionDenied(_("You may not change this price."))
        data = UnitPriceSerializer(price, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "organisation"}
        try:
            price = econ_services.save_price(by=request.user, price=price, **values)
        except services.ReportError as e:
            raise ValidationError({"non_field_errors": [e.message]}) from None
        return Response(UnitPriceSerializer(price).data)

    @extend_schema(summary=_("Delete a local unit price"))
    def destroy(self, request, *args, **kwargs):
        price = self.get_object()
        if not permissions.can(request.user, access.PRICE_EDIT, price):
            raise PermissionDenied(_("You may not delete this price."))
        try:
            econ_services.delete_price(by=request.user, price=price)
        except services.ReportError as e:
            raise ValidationError({"non_field_errors": [e.message]}) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class BusinessCaseSerializer(serializers.ModelSerializer):
    economic_kind = serializers.ChoiceField(
        source="kind", choices=PriceKind.choices, read_only=True
    )
    input = serializers.SerializerMethodField(
        help_text=_("The case as the business_case command's input.")
    )
    output = serializers.SerializerMethodField(help_text=_("The command's output for it."))

    class Meta:
        model = BusinessCase
        fields = [
            "id",
            "organisation",
            "title",
            "intervention",
            "plan",
            "economic_kind",
            "start_year",
            "horizon_years",
            "discount_rate",
            "input",
            "output",
        ]

    @extend_schema_field(economics_schema.INPUT_SCHEMA)
    def get_input(self, case) -> dict:
        return economics.case_input(case)

    @extend_schema_field(economics_schema.OUTPUT_SCHEMA)
    def get_output(self, case) -> dict:
        return business_case.compute(economics.case_input(case))


@documented(
    list_summary=_("List business cases"),
    detail_summary=_("Get a business case"),
    description=_(
        "Your organisation's stored business cases, each with the command's input built from "
        "its costs, outcomes and unit prices, and the output computed from it."
    ),
)
class BusinessCaseViewSet(ScopedViewSet):
    queryset = BusinessCase.objects.none()
    serializer_class = BusinessCaseSerializer

    def get_queryset(self):
        return (
            access.visible_economics(self.request.user, BusinessCase)
            .prefetch_related(
                "costs",
                Prefetch(
                    "outcomes",
                    queryset=CaseOutcome.objects.prefetch_related(
                        Prefetch(
                            "consequences",
                            queryset=CaseConsequence.objects.select_related("price"),
                        )
                    ),
                ),
            )
            .order_by("-updated_at", "pk")
        )

    @extend_schema(
        summary=_("Compute a business case"),
        description=_(
            "POST the input of `manage.py business_case` and get its output (the same module "
            "computes both). Malformed input: 400 with a Danish message naming the field."
        ),
        request={"application/json": economics_schema.INPUT_SCHEMA},
        responses={200: OpenApiResponse(response=economics_schema.OUTPUT_SCHEMA)},
    )
    @action(detail=False, methods=["post"], url_path="compute", url_name="compute")
    def compute(self, request):
        if not permissions.can(request.user, access.PRICE_VIEW, None):
            raise PermissionDenied(_("You may not compute business cases."))
        try:
            economics_schema.validate(request.data)
            return Response(business_case.compute(request.data))
        except (economics_schema.SchemaError, business_case.InputError) as e:
            return Response({"detail": str(e)}, status=status.HTTP_400_BAD_REQUEST)


class EffectMeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = EffectMeasurement
        fields = ["id", "organisation", "intervention", "plan", "computed_at", "result"]


@documented(
    list_summary=_("List effect measurements"),
    detail_summary=_("Get an effect measurement"),
    description=_(
        "Difference in differences of an intervention's or a plan's target indicators against "
        "the twin departments, with the 95 % interval and the counts; no estimate (null) with "
        "too few data. Not proof of cause."
    ),
)
class EffectMeasurementViewSet(ScopedViewSet):
    queryset = EffectMeasurement.objects.none()
    serializer_class = EffectMeasurementSerializer

    def get_queryset(self):
        return access.visible_economics(self.request.user, EffectMeasurement).order_by(
            "-created_at", "pk"
        )


class ContractPartySerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractParty
        fields = ["id", "name", "role"]


class OutcomeEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutcomeEvent
        fields = ["id", "reference", "outcomes", "occurred_on", "verified_on", "verified_by"]


class RepaymentStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = Repayment
        fields = ["id", "due_date", "payer", "payee", "share", "note"]


class DueSerializer(serializers.Serializer):
    party = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class SettlementSerializer(serializers.Serializer):
    outcomes = serializers.IntegerField()
    earned = serializers.DecimalField(max_digits=16, decimal_places=2)
    cap_reached = serializers.BooleanField()
    due_to = DueSerializer(many=True)


class OutcomeContractSerializer(serializers.ModelSerializer):
    parties = ContractPartySerializer(many=True, read_only=True)
    events = OutcomeEventSerializer(many=True, read_only=True)
    repayments = RepaymentStepSerializer(many=True, read_only=True)
    settlement = serializers.SerializerMethodField()

    class Meta:
        model = OutcomeContract
        fields = [
            "id",
            "organisation",
            "title",
            "plan",
            "metric",
            "measurement",
            "price_per_outcome",
            "cap",
            "start_date",
            "end_date",
            "parties",
            "events",
            "repayments",
            "settlement",
        ]

    @extend_schema_field(SettlementSerializer)
    def get_settlement(self, contract) -> dict:
        data = economics.contract_settlement(contract, timezone.localdate())
        s = data["settlement"]
        return SettlementSerializer(
            {
                "outcomes": s.outcomes,
                "earned": s.earned,
                "cap_reached": s.cap_reached,
                "due_to": [{"party": p.pk, "amount": v} for p, v in data["due_to"]],
            }
        ).data


@documented(
    list_summary=_("List outcome contracts"),
    detail_summary=_("Get an outcome contract"),
    description=_(
        "Social impact investments: parties, the outcome metric, price per outcome, cap, the "
        "repayment schedule, the verified outcomes and what is due to whom by today. No "
        "payments are made through the system."
    ),
)
class OutcomeContractViewSet(ScopedViewSet):
    queryset = OutcomeContract.objects.none()
    serializer_class = OutcomeContractSerializer

    def get_queryset(self):
        return (
            access.visible_economics(self.request.user, OutcomeContract)
            .prefetch_related("parties", "events", "repayments")
            .order_by("-start_date", "pk")
        )
