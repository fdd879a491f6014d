"""The visits' REST endpoints, with the same access and services as the pages:

* `visit-campaigns` (read): the campaigns you see; `…/{id}/findings`: the aggregates, exact
  for the social unit and maintenance, with small numbers suppressed for boards;
* `visits`: list the visits you may record (an assigned caretaker: their own leases), and a
  **bulk, idempotent POST** of queued recordings keyed on their client ids (a repeat is a
  no-op; a second recording of a lease is kept as a conflict, never written over the first)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from boligsocial.audit.services import log_reads
from boligsocial.core import permissions
from boligsocial.core.rest import (
    NotFoundAsApiError,
    ScopedViewSet,
    StrictUUIDField,
    documented,
)
from boligsocial.organisations.access import scope
from boligsocial.visits import access, selectors, services
from boligsocial.visits.models import Outcome, Visit, VisitCampaign


class CampaignSerializer(serializers.ModelSerializer):
    guide = serializers.CharField(source="guide_version.guide.key", read_only=True)
    guide_version = serializers.IntegerField(source="guide_version.number", read_only=True)

    class Meta:
        model = VisitCampaign
        fields = [
            "id", "organisation", "department", "name", "purpose", "addresses", "starts_on",
            "ends_on", "status", "guide", "guide_version", "kits_stock",
        ]  # fmt: skip


class FigureSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text=_("Null when suppressed."))
    mark = serializers.CharField(help_text=_('"<5" or "x" when suppressed, else empty.'))
    share = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class ItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    type = serializers.CharField()
    answered = FigureSerializer()
    choices = serializers.DictField(child=FigureSerializer())


class FindingsSerializer(serializers.Serializer):
    leases = serializers.IntegerField()
    exact = serializers.BooleanField()
    outcomes = serializers.DictField(child=FigureSerializer())
    items = ItemSerializer(many=True)


def _fig(cell) -> dict:
    return {"value": cell.figure.value, "mark": cell.figure.mark, "share": cell.share}


@documented(
    list_summary=_("List visit campaigns"),
    detail_summary=_("Get a visit campaign"),
    description=_(
        "The campaigns you see: the social unit and maintenance of the organisation, staff and "
        "caretakers assigned to the campaign, and boards (findings only)."
    ),
)
class CampaignViewSet(ScopedViewSet):
    queryset = VisitCampaign.objects.none()
    serializer_class = CampaignSerializer

    def get_queryset(self):
        return (
            access.visible_campaigns(self.request.user)
            .select_related("guide_version__guide")
            .order_by("-starts_on", "pk")
        )

    @extend_schema(summary=_("The findings of a campaign"), responses=FindingsSerializer)
    @action(detail=True, methods=["get"], url_path="findings", url_name="findings")
    def findings(self, request, pk=None):
        campaign = self.get_object()
        if not permissions.can(request.user, access.VIEW_FINDINGS, campaign):
            raise PermissionDenied(_("You may not see these findings."))
        exact = permissions.can(request.user, access.VIEW_DETAIL, campaign)
        f = selectors.findings(campaign, exact=exact)
        data = {
            "leases": f["leases"],
            "exact": exact,
            "outcomes": {o["key"]: _fig(o["cell"]) for o in f["outcomes"]},
            "items": [
                {
                    "key": i["key"], "text": i["text"], "type": i["type"],
                    "answered": _fig(i["answered"]),
                    "choices": {c["label"]: _fig(c["cell"]) for c in i["choices"]},
                }
                for i in f["items"]
            ],
        }  # fmt: skip
        return Response(FindingsSerializer(data).data)


class VisitSerializer(serializers.ModelSerializer):
    address = serializers.CharField(source="lease.address", read_only=True)
    unit = serializers.CharField(source="lease.unit", read_only=True)

    class Meta:
        model = Visit
        fields = [
            "id", "campaign", "lease", "address", "unit", "assignee", "planned_at", "outcome",
            "revisit_on", "attempts", "answers", "kits", "client_id", "recorded_at",
        ]  # fmt: skip


class RecordingSerializer(serializers.Serializer):
    client_id = StrictUUIDField(help_text=_("Made by the client, once per recording."))
    visit = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    base = StrictUUIDField(
        allow_null=True, required=False,
        help_text=_("The client id of the recording the client saw for the lease, or null."),
    )  # fmt: skip
    outcome = serializers.ChoiceField(choices=[o for o in Outcome.values if o])
    answers = serializers.DictField(required=False, help_text=_("Question key: answer."))
    kits = serializers.IntegerField(min_value=0, max_value=20, required=False, default=0)
    revisit_on = serializers.DateField(allow_null=True, required=False)
    recorded_at = serializers.DateTimeField(allow_null=True, required=False)


class BulkSerializer(serializers.Serializer):
    items = RecordingSerializer(many=True, allow_empty=False, max_length=services.MAX_BATCH)


class ResultSerializer(serializers.Serializer):
    client_id = serializers.UUIDField(allow_null=True)
    visit = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=["saved", "duplicate", "conflict", "error"])
    message = serializers.CharField()


class VisitBulkResultSerializer(serializers.Serializer):
    results = ResultSerializer(many=True)


@extend_schema(
    description=_(
        "Visits you may record. POST sends queued recordings in bulk: each is applied once, "
        "keyed on its client id."
    )
)
class VisitViewSet(NotFoundAsApiError, mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Visit.objects.none()
    serializer_class = VisitSerializer

    def get_queryset(self):
        user = self.request.user
        s = scope(user)
        qs = Visit.objects.select_related("lease").order_by("campaign_id", "pk")
        if s.is_admin:
            return qs
        if s.is_empty:
            return qs.none()
        return qs.filter(Q(campaign__organisation_id__in=access.full_org_ids(s)) | Q(assignee=user))

    @extend_schema(summary=_("List visits"))
    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self, "page", None)
        ids = [
            row["id"]
            for row in (
                response.data.get("results") if isinstance(response.data, dict) else response.data
            )
        ]
        log_reads(
            user=request.user, objs=list(Visit.objects.filter(pk__in=ids)), route="api:visit-list"
        )
        del page
        return response

    @extend_schema(
        summary=_("Send queued visit recordings (bulk, idempotent)"),
        request=BulkSerializer,
        responses={200: VisitBulkResultSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = BulkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        items = [
            {
                **i,
                "client_id": str(i["client_id"]),
                "base": i.get("base") and str(i["base"]),
                "revisit_on": i.get("revisit_on") and i["revisit_on"].isoformat(),
                "recorded_at": i.get("recorded_at") and i["recorded_at"].isoformat(),
            }
            for i in data.validated_data["items"]
        ]
        try:
            results = services.record_visits(actor=request.user, items=items)
        except services.VisitError as e:
            raise ValidationError({"non_field_errors": [str(e)]}) from None
        return Response(VisitBulkResultSerializer({"results": results}).data)
