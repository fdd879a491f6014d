"""The surveys' REST endpoints (issue 15, part 8):

* `surveys` (read): the surveys whose results you may read, with their response rate for those
  who follow them; `surveys/{id}/results`: the results exactly as the page shows them (a hidden
  group's figures are null and its mark says "<5" or "x"); `surveys/{id}/invitations` (POST,
  the social unit): creates a department's invitations and returns their links and codes —
  the only time they are ever returned;
* `survey-answers` (POST, public, no login): a household's answers by its token or code; a
  wrong, expired or closed token and a client over the rate limit all get the same 404.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from boligsocial.core import permissions, ratelimit
from boligsocial.core.rest import BoundedIntegerField, ScopedViewSet, documented
from boligsocial.guides.answers import AnswerError
from boligsocial.surveys import access, selectors, services, tokens
from boligsocial.surveys.models import Survey
from boligsocial.surveys.views.public import FAIL_LIMIT, FAIL_WINDOW_SECONDS


class SurveySerializer(serializers.ModelSerializer):
    guide = serializers.CharField(source="guide_version.guide.key", read_only=True)
    guide_version = serializers.IntegerField(source="guide_version.number", read_only=True)
    departments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id", "name", "organisation", "guide", "guide_version", "departments", "opens_on",
            "closes_on", "status", "min_count", "languages", "index_keys", "previous", "year",
        ]  # fmt: skip


class FigureSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True)
    mark = serializers.CharField()


class ShareSerializer(serializers.Serializer):
    percent = serializers.DecimalField(max_digits=5, decimal_places=1)
    low = serializers.DecimalField(max_digits=5, decimal_places=1)
    high = serializers.DecimalField(max_digits=5, decimal_places=1)
    count = serializers.IntegerField()
    base = serializers.IntegerField()


class InvitationsIn(serializers.Serializer):
    department = BoundedIntegerField()


class AnswerIn(serializers.Serializer):
    token = serializers.CharField(max_length=64, help_text=_("The letter's token or code."))
    answers = serializers.DictField(
        # null clears an answer, as an empty field on the form does (guides.answers)
        child=serializers.JSONField(allow_null=True),
        help_text=_("Answers by question key; null clears one."),
    )
    language = serializers.CharField(max_length=10, required=False, default="da")
    submit = serializers.BooleanField(required=False, default=True)


def _figure(f) -> dict:
    return {"value": f.value if f.shown else None, "mark": f.mark}


def _share(s) -> dict | None:
    if s is None:
        return None
    return {"percent": s.percent, "low": s.low, "high": s.high, "count": s.count, "base": s.base}


def results_json(survey: Survey, *, texts: bool) -> dict:
    out = selectors.results(survey, texts=texts)
    groups = []
    for g in out.groups:
        questions = {}
        for key, q in g.questions.items():
            questions[key] = {
                "answered": _figure(q.answered),
                "favourable": _share(q.favourable),
                "choices": {c.value: _share(c.share) for c in q.choices},
                **({"texts": g.texts[key]} if key in g.texts else {}),
            }
        groups.append(
            {
                "level": g.level,
                "label": g.label,
                "key": [str(part) for part in g.key],
                "respondents": _figure(g.respondents),
                "index": g.index,
                "questions": questions if g.shown else {},
            }
        )
    return {"survey": survey.pk, "min_count": out.k, "groups": groups}


@documented(
    list_summary=_("List resident surveys"),
    detail_summary=_("Get one resident survey"),
    description=_(
        "The surveys whose results you may read: the organisation's social unit, board and "
        "management, a department board for its department, the municipality for its "
        "departments."
    ),
)
class SurveyViewSet(ScopedViewSet):
    queryset = Survey.objects.none()
    serializer_class = SurveySerializer

    def get_queryset(self):
        return (
            access.visible_surveys(self.request.user)
            .select_related("guide_version__guide", "organisation")
            .prefetch_related("departments")
            .order_by("-opens_on", "pk")
        )

    @extend_schema(
        summary=_("The protected results of a survey"),
        responses={
            200: inline_serializer(
                "SurveyResults",
                {
                    "survey": serializers.IntegerField(),
                    "min_count": serializers.IntegerField(),
                    "groups": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        survey = self.get_object()
        texts = permissions.can(request.user, access.VIEW_TEXTS, survey)
        return Response(results_json(survey, texts=texts))

    @extend_schema(
        summary=_("Create a department's invitations (links and codes returned once)"),
        request=InvitationsIn,
        responses={
            201: inline_serializer(
                "IssuedInvitations",
                {"invitations": serializers.ListField(child=serializers.DictField())},
            )
        },
    )
    @action(detail=True, methods=["post"])
    def invitations(self, request, pk=None):
        survey = self.get_object()
        if not permissions.can(request.user, access.MANAGE, survey):
            raise PermissionDenied(_("You may read this survey but not invite to it."))
        data = InvitationsIn(data=request.data)
        data.is_valid(raise_exception=True)
        department = survey.departments.filter(pk=data.validated_data["department"]).first()
        if department is None:
            raise ValidationError({"department": ["Afdelingen er ikke med i undersøgelsen."]})
        try:
            issued = services.create_invitations(
                survey=survey, department=department, actor=request.user
            )
        except services.SurveyError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from None
        rows = [
            {
                "lease": item.invitation.lease_id,
                "address": str(item.invitation.lease),
                "token": item.token,
                "code": tokens.display_code(item.code),
                "url": request.build_absolute_uri(reverse("surveys:answer", args=[item.token])),
            }
            for item in issued
        ]
        response = Response({"invitations": rows}, status=status.HTTP_201_CREATED)
        response["Cache-Control"] = "no-store"
        return response


class AnswerView(APIView):
    """POST a household's answers by token or code (public)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        summary=_("Answer a survey by token (public)"),
        request=AnswerIn,
        responses={
            201: inline_serializer("AnswerSaved", {"submitted": serializers.BooleanField()}),
            404: OpenApiResponse(
                description=_("No open survey has this token or code (the same answer for all).")
            ),
        },
    )
    def post(self, request):
        data = AnswerIn(data=request.data)
        data.is_valid(raise_exception=True)
        key = f"surveys:fail:{ratelimit.client_address(request)}"
        credential = data.validated_data["token"]
        invitation, code = None, ""
        if ratelimit.remaining(key, limit=FAIL_LIMIT, window_seconds=FAIL_WINDOW_SECONDS) > 0:
            if tokens.normal_code(credential):
                invitation, code = services.find_invitation(code=credential)
            else:
                invitation, code = services.find_invitation(token=credential)
        if invitation is None:
            ratelimit.hit(key, limit=FAIL_LIMIT, window_seconds=FAIL_WINDOW_SECONDS)
            raise NotFound()
        language = data.validated_data["language"]
        if language not in ("da", "en", *invitation.survey.languages):
            language = "da"
        try:
            saved = services.save_progress(
                invitation=invitation, code=code, raw=data.validated_data["answers"],
                language=language, submit=data.validated_data["submit"],
            )  # fmt: skip
        except AnswerError as error:
            raise ValidationError({"answers": [str(error)]}) from None
        return Response({"submitted": saved.submitted}, status=status.HTTP_201_CREATED)
