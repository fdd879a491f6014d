"""The legal track and the letters in the cases API (issue 13, items 1-3), mixed into
`CaseViewSet`: the same services and access as the pages.

- POST `cases/{id}/board-decision/` and `cases/{id}/court-outcome/`: the decision, dated;
- GET `cases/{id}/legal-track/`: each step with its date, outcome and why it is blocked;
- GET/POST `cases/{id}/letters/`: the letters, and a new draft for one recipient;
- GET/PATCH `cases/{id}/letters/{letter_id}/`: one letter, changes to a draft;
- POST `cases/{id}/letters/{letter_id}/issue/`: issue it (the PDF is stored, never changes);
- GET `cases/{id}/letters/{letter_id}/pdf/`: the stored PDF (`Cache-Control: no-store`).

Every answer with case content writes one access-log row for the case."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from boligsocial.cases import services
from boligsocial.cases.api.serializers import CaseSerializer, inline_choices
from boligsocial.cases.models import DecisionOutcome, Letter, LetterKind, LetterStatus, Party

_NOT_FOUND = OpenApiResponse(description=_("No such case, or one outside your access."))
_FORBIDDEN = OpenApiResponse(description=_("You may read the case but not change it."))
_INVALID = OpenApiResponse(description=_("Invalid input; nothing was changed."))


def _errors(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {k: [m for e in v for m in e.messages] for k, v in error.error_dict.items()}
        )
    return ValidationError({"non_field_errors": error.messages})


def _not_in_future(value):
    if value > timezone.localdate():
        raise serializers.ValidationError(_("The date cannot be in the future."))
    return value


class DecisionSerializer(serializers.Serializer):
    decided_on = serializers.DateField(
        validators=[_not_in_future],
        help_text=_("The day of the decision (earlier days allowed, never the future)."),
    )
    outcome = inline_choices(DecisionOutcome.choices, help_text=_("What was decided."))
    text = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500, help_text=_("A note.")
    )
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text=_(
            "Optional: the version you based the action on. If given and someone else has "
            "changed the case since, nothing is saved and the answer is 409."
        ),
    )


class TrackStepSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("The step: a legal step, or a decision."))
    label = serializers.CharField()
    done_on = serializers.DateField(allow_null=True, help_text=_("When it happened, or null."))
    outcome = serializers.CharField(help_text=_("The decision, for decisions; else empty."))
    problem = serializers.CharField(
        allow_null=True, help_text=_("Why the step cannot be taken now, or null.")
    )


class LetterSerializer(serializers.ModelSerializer):
    kind = inline_choices(LetterKind.choices, read_only=True)
    status = inline_choices(LetterStatus.choices, read_only=True)
    pdf_url = serializers.SerializerMethodField(help_text=_("The letter as PDF."))

    class Meta:
        model = Letter
        fields = [
            "id",
            "case",
            "kind",
            "status",
            "recipient",
            "recipient_name",
            "recipient_address",
            "subject",
            "rendered_body",
            "sender",
            "letter_date",
            "created_at",
            "created_by",
            "issued_at",
            "issued_by",
            "pdf_sha256",
            "pdf_url",
        ]
        read_only_fields = fields

    def get_pdf_url(self, letter) -> str:
        return reverse("api:case-letter-pdf", args=[letter.case_id, letter.pk])


class LetterCreateSerializer(serializers.Serializer):
    kind = inline_choices(LetterKind.choices, help_text=_("The type of letter."))
    recipient = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_(
            "A party of the case (default: the household complained about, or the complainant "
            "for the closing letter)."
        ),
    )


class LetterUpdateSerializer(serializers.Serializer):
    recipient_name = serializers.CharField(required=False, max_length=200)
    recipient_address = serializers.CharField(required=False, max_length=500)
    subject = serializers.CharField(required=False, max_length=200)
    rendered_body = serializers.CharField(required=False, max_length=20000)


class LegalTrackActions:
    """The actions; the viewset gives get_object, get_editable_object, _run_action, _log."""

    @extend_schema(
        summary=_("Register the tenants' complaints board's decision"),
        description=_(
            "The case must have been brought before the board. Unless the decision is a warning "
            "(which cannot be appealed), it opens the 4-week deadline to bring it before the "
            "housing court."
        ),
        request=DecisionSerializer,
        responses={200: CaseSerializer, 400: _INVALID, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="board-decision")
    def board_decision(self, request, pk=None):
        return self._record_decision(request, services.record_board_decision)

    @extend_schema(
        summary=_("Register the housing court's judgment"),
        request=DecisionSerializer,
        responses={200: CaseSerializer, 400: _INVALID, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="court-outcome")
    def court_outcome(self, request, pk=None):
        return self._record_decision(request, services.record_court_outcome)

    def _record_decision(self, request, record):
        """The board's decision and the court's judgment: the same body, one service each."""

        def run(case, data, version):
            record(
                case,
                data["decided_on"],
                request.user,
                outcome=data["outcome"],
                text=data["text"],
                expected_version=version,
            )

        return self._run_action(request, DecisionSerializer, run)

    @extend_schema(
        summary=_("The case's legal track"),
        description=_(
            "Each step with the day it happened, the decision, and why it cannot be taken now "
            "(null when it can). Recorded in the access log."
        ),
        responses={200: TrackStepSerializer(many=True), 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["get"], url_path="legal-track", pagination_class=None)
    def legal_track(self, request, pk=None):
        case = self.get_object()
        self._log([case])
        rows = [step.__dict__ for step in services.legal_track(case)]
        return Response(TrackStepSerializer(rows, many=True).data)

    # --- letters --------------------------------------------------------------------------

    @extend_schema(
        methods=["GET"],
        summary=_("The case's letters"),
        description=_("Drafts and issued letters. Recorded in the access log."),
        responses={200: LetterSerializer(many=True), 404: _NOT_FOUND},
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Make a letter draft from the organisation's template"),
        description=_(
            "Addressed to one party; nothing about the other parties is filled in. Edit it "
            "with PATCH and issue it."
        ),
        request=LetterCreateSerializer,
        responses={201: LetterSerializer, 400: _INVALID, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def letters(self, request, pk=None):
        if request.method == "GET":
            case = self.get_object()
            self._log([case])
            return Response(LetterSerializer(case.letters.all(), many=True).data)
        case = self.get_editable_object()
        form = LetterCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        recipient = None
        recipient_id = form.validated_data.get("recipient")
        if recipient_id is not None:
            recipient = Party.objects.filter(case=case, pk=recipient_id).first()
            if recipient is None:
                raise ValidationError({"recipient": [_("Choose a party of this case.")]})
        try:
            letter = services.create_letter_draft(
                case=case,
                kind=form.validated_data["kind"],
                user=request.user,
                recipient=recipient,
                choose_default="recipient" not in request.data,
            )
        except DjangoValidationError as error:
            raise _errors(error) from None
        self._log([case])
        return Response(LetterSerializer(letter).data, status=status.HTTP_201_CREATED)

    def _letter(self, letter_pk, *, editable: bool):
        case = self.get_editable_object() if editable else self.get_object()
        letter = get_object_or_404(case.letters, pk=letter_pk)
        letter.case = case
        return case, letter

    @extend_schema(
        methods=["GET"],
        summary=_("One letter"),
        responses={200: LetterSerializer, 404: _NOT_FOUND},
    )
    @extend_schema(
        methods=["PATCH"],
        summary=_("Change a letter draft"),
        description=_("Only a draft; an issued letter is 400 and never changes."),
        request=LetterUpdateSerializer,
        responses={200: LetterSerializer, 400: _INVALID, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    @action(
        detail=True,
        methods=["get", "patch"],
        url_path=r"letters/(?P<letter_pk>[0-9]{1,18})",
        url_name="letter",
    )
    def letter(self, request, pk=None, letter_pk=None):
        case, letter = self._letter(letter_pk, editable=request.method != "GET")
        if request.method == "PATCH":
            form = LetterUpdateSerializer(data=request.data, partial=True)
            form.is_valid(raise_exception=True)
            try:
                letter = services.update_letter_draft(
                    letter=letter, user=request.user, **form.validated_data
                )
            except DjangoValidationError as error:
                raise _errors(error) from None
        self._log([case])
        return Response(LetterSerializer(letter).data)

    @extend_schema(
        summary=_("Issue a letter draft"),
        description=_(
            "Dates the letter, renders the PDF once and stores it on the case; the issued "
            "letter never changes. 400 with the reason when it cannot be issued."
        ),
        request=None,
        responses={200: LetterSerializer, 400: _INVALID, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"letters/(?P<letter_pk>[0-9]{1,18})/issue",
        url_name="letter-issue",
    )
    def letter_issue(self, request, pk=None, letter_pk=None):
        case, letter = self._letter(letter_pk, editable=True)
        try:
            letter = services.issue_letter(letter=letter, user=request.user)
        except DjangoValidationError as error:
            raise _errors(error) from None
        self._log([case])
        return Response(LetterSerializer(letter).data)

    @extend_schema(
        summary=_("The letter as PDF"),
        description=_(
            "An issued letter: exactly the stored PDF. A draft: a preview marked as a draft. "
            "Recorded in the access log; never cached."
        ),
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description=_("The PDF.")
            ),
            404: _NOT_FOUND,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"letters/(?P<letter_pk>[0-9]{1,18})/pdf",
        url_name="letter-pdf",
    )
    def letter_pdf(self, request, pk=None, letter_pk=None):
        case, letter = self._letter(letter_pk, editable=False)
        self._log([case])
        if letter.pdf is not None:
            content = bytes(letter.pdf)
        else:
            content = services.render_letter_pdf(
                letter, request, draft=letter.status == LetterStatus.DRAFT
            )
        response = HttpResponse(content, content_type="application/pdf")
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
