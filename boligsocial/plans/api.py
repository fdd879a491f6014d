"""The plans REST API: `/api/v1/plans/` (read, with sub-agreements, goals, activities and budget
lines, each line with its activity), `PUT /api/v1/plans/{id}/budget/` (the budget grid's save:
the pledges and lines of the user's own funders), `/api/v1/plans/{id}/budget/check/` (the rule
results), `/api/v1/plans/{id}/reports/` (the status reports with their narrative), the plan's
documents (`api_documents.py`), `/api/v1/activities/` (read) and
`POST /api/v1/activities/{id}/sessions/` (log a session). Same access and services as the pages."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from boligsocial.core import permissions
from boligsocial.core.rest import BoundedIntegerField, ScopedViewSet, documented
from boligsocial.plans import access, selectors, services
from boligsocial.plans.api_documents import PlanDocumentsMixin
from boligsocial.plans.models import (
    Activity,
    AgeBand,
    BudgetLine,
    Gender,
    Goal,
    Plan,
    PlanReport,
    ReportType,
    SubAgreement,
)


class GoalSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(
        read_only=True,
        slug_field="code",
        allow_null=True,
        help_text=_("The screening indicator's code (null: a measure of the plan's own)."),
    )

    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "indicator",
            "department",
            "own_measure",
            "baseline_value",
            "baseline_year",
            "baseline_frozen_at",
        ]


class SubAgreementSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(read_only=True, slug_field="name")
    goals = GoalSerializer(many=True, read_only=True)

    class Meta:
        model = SubAgreement
        fields = ["id", "area", "text", "goals"]


class ActivitySerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="sub_agreement.area.name", read_only=True)
    owner = serializers.CharField(
        source="owner.name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text=_("Whose part of the plan (null: the secretariat's shared activity)."),
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "plan",
            "name",
            "area",
            "owner",
            "intervention",
            "target_group",
            "staff",
            "hours_per_week",
            "first_year",
            "description",
        ]


class BudgetLineSerializer(serializers.ModelSerializer):
    funder = serializers.CharField(source="funder.name", read_only=True)
    funder_id = serializers.IntegerField(read_only=True)
    activity = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("The plan's activity the line is for (null: staff and other costs)."),
    )

    class Meta:
        model = BudgetLine
        fields = ["id", "funder", "funder_id", "year", "label", "amount", "activity"]


MONEY_IN = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class PledgeIn(serializers.Serializer):
    funder = BoundedIntegerField(min_value=1, help_text=_("One of the plan's funders (its id)."))
    pledged = serializers.DecimalField(**MONEY_IN)


class BudgetLineIn(serializers.Serializer):
    funder = BoundedIntegerField(min_value=1, help_text=_("One of the plan's funders (its id)."))
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    label = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("What it is for. Empty: the activity's name, or “Total” without one."),
    )
    amount = serializers.DecimalField(**MONEY_IN)
    activity = BoundedIntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("One of the plan's activities (its id); null: staff and other costs."),
    )


class BudgetIn(serializers.Serializer):
    pledges = PledgeIn(many=True, max_length=100)
    lines = BudgetLineIn(many=True, max_length=2000)
    reason = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Needed when the plan is approved: the change becomes a revision."),
    )


class PlanSerializer(serializers.ModelSerializer):
    sub_agreements = SubAgreementSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "name",
            "municipality",
            "organisations",
            "secretariat",
            "departments",
            "first_year",
            "last_year",
            "status",
            "purpose",
            "organisation_text",
            "interplay",
            "measurements",
            "local_evaluation",
            "revision_text",
            "sub_agreements",
            "activities",
            "budget_lines",
        ]


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class BudgetCheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    lbf_total = serializers.DecimalField(max_digits=16, decimal_places=2)
    lbf_share = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    lbf_max = serializers.DecimalField(max_digits=16, decimal_places=2)
    problems = ProblemSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField())


class PlanReportSerializer(serializers.Serializer):
    type = serializers.CharField(help_text=_("The report type's code, e.g. status or final."))
    name = serializers.CharField()
    year = serializers.IntegerField()
    narrative = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text=_("The narrative written for the report, by section heading."),
    )
    sent_at = serializers.DateTimeField(allow_null=True)
    comments = serializers.IntegerField(help_text=_("The number of the board's comments."))
    page = serializers.CharField(help_text=_("The report as a page (the figures are read live)."))
    pdf = serializers.CharField(help_text=_("The same report as a PDF."))


class SessionInSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    counts = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        help_text=_('Counts by "age band/gender", e.g. {"13-17/f": 4, "13-17/m": 3}.'),
    )

    def validate_counts(self, value):
        bands, genders = set(AgeBand.values), set(Gender.values)
        out = {}
        for key, n in value.items():
            band, _sep, gender = key.partition("/")
            if band not in bands or gender not in genders:
                raise ValidationError(_("Unknown age band or gender: %(key)s") % {"key": key})
            out[(band, gender)] = n
        return out


def _check_data(check) -> dict:
    return {
        "ok": check.ok,
        "total": check.total,
        "lbf_total": check.lbf_total,
        "lbf_share": check.lbf_share,
        "lbf_max": check.lbf_max,
        "problems": [{"code": p.code, "message": p.message} for p in check.problems],
        "warnings": check.warnings,
    }


@documented(
    list_summary=_("List plans"),
    detail_summary=_("Get a plan"),
    description=_(
        "Comprehensive plans you may see, with sub-agreements, goals, activities and budget lines."
    ),
)
class PlanViewSet(PlanDocumentsMixin, ScopedViewSet):
    queryset = Plan.objects.none()
    serializer_class = PlanSerializer

    def get_queryset(self):
        return (
            access.visible_plans(self.request.user)
            .prefetch_related(
                "organisations",
                "departments",
                "sub_agreements__area",
                "sub_agreements__goals__indicator",
                "activities__sub_agreement__area",
                "budget_lines__funder",
            )
            .order_by("-first_year", "pk")
        )

    @extend_schema(
        summary=_("Replace your part of the budget"),
        description=_(
            "As the budget page's save: the pledges given and every line of the funders you edit "
            "(the secretariat: all of them; another owner: its own) are replaced by these. A "
            "line's activity must be one of the plan's. Saved even when a rule is broken; the "
            "answer is the rule check."
        ),
        request=BudgetIn,
        responses=BudgetCheckSerializer,
    )
    @action(detail=True, methods=["put"], url_path="budget", url_name="budget")
    def budget(self, request, pk=None):
        plan = self.get_object()
        if not permissions.can(request.user, access.EDIT_PART, plan):
            raise PermissionDenied(_("You may read this plan but not change its budget."))
        data = BudgetIn(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        names = dict(plan.activities.values_list("pk", "name"))
        total = _("Total")
        try:
            check = services.set_budget(
                plan=plan,
                by=request.user,
                pledges={p["funder"]: p["pledged"] for p in d["pledges"]},
                lines=[
                    (
                        line["funder"],
                        line["year"],
                        line["label"].strip() or names.get(line["activity"]) or total,
                        line["amount"],
                        line["activity"],
                    )
                    for line in d["lines"]
                ],
                funder_ids=access.own_funder_ids(request.user, plan),
                reason=d["reason"],
            )
        except services.PlanError as e:
            raise ValidationError({"non_field_errors": [e.message]}) from None
        return Response(BudgetCheckSerializer(_check_data(check)).data)

    @extend_schema(summary=_("Check the budget rules"), responses=BudgetCheckSerializer)
    @action(detail=True, methods=["get"], url_path="budget/check", url_name="budget-check")
    def budget_check(self, request, pk=None):
        check = selectors.budget_check(self.get_object())
        return Response(BudgetCheckSerializer(_check_data(check)).data)

    @extend_schema(
        summary=_("List the plan's status reports"),
        responses=PlanReportSerializer(many=True),
    )
    @action(detail=True, methods=["get"], url_path="reports", url_name="reports")
    def reports(self, request, pk=None):
        """Every report the plan's report types ask for (yearly status, mid-term and final
        evaluation), with the narrative written so far; the figures are on the page and PDF."""
        plan = self.get_object()
        saved = {
            (r.report_type_id, r.year): r
            for r in PlanReport.objects.filter(plan=plan).annotate(n=Count("comments"))
        }
        rows = []
        for report_type in ReportType.objects.all():
            for year in report_type.years_of(plan):
                report = saved.get((report_type.pk, year))
                query = f"?type={report_type.code}&aar={year}"
                rows.append(
                    {
                        "type": report_type.code,
                        "name": report_type.name,
                        "year": year,
                        "narrative": report.narrative if report else {},
                        "sent_at": report.sent_at if report else None,
                        "comments": report.n if report else 0,
                        "page": reverse("plans:status_report", args=[plan.pk]) + query,
                        "pdf": reverse("plans:status_report_pdf", args=[plan.pk]) + query,
                    }
                )
        return Response(PlanReportSerializer(rows, many=True).data)


@documented(
    list_summary=_("List activities"),
    detail_summary=_("Get an activity"),
    description=_("The activities of the plans you may see."),
)
class ActivityViewSet(ScopedViewSet):
    queryset = Activity.objects.none()
    serializer_class = ActivitySerializer

    def get_queryset(self):
        return (
            Activity.objects.filter(plan__in=access.visible_plans(self.request.user))
            .select_related("sub_agreement__area", "owner")
            .order_by("pk")
        )

    @extend_schema(summary=_("Log a session"), request=SessionInSerializer, responses={201: None})
    @action(detail=True, methods=["post"], url_path="sessions", url_name="sessions")
    def sessions(self, request, pk=None):
        activity = self.get_object()
        if not permissions.can(request.user, access.EDIT_ACTIVITY, activity):
            raise PermissionDenied(_("You may read this plan but not log its sessions."))
        data = SessionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            session = services.log_session(
                activity=activity,
                by=request.user,
                held_on=data.validated_data["held_on"],
                counts=data.validated_data["counts"],
                notes=data.validated_data["notes"],
            )
        except services.PlanError as e:
            raise ValidationError({"non_field_errors": [e.message]}) from None
        return Response(
            {"id": session.pk, "participants": session.participants}, status=status.HTTP_201_CREATED
        )
