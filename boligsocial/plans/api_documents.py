"""A plan's documents in the REST API (decision 0044; the pages are `views/documents.py`):

* `GET  /api/v1/plans/{id}/documents/`: the documents with every version, newest first;
* `POST /api/v1/plans/{id}/documents/`: a new document with its first version (multipart);
* `POST /api/v1/plans/{id}/documents/{document_pk}/versions/`: a new version (multipart);
* `GET  /api/v1/plans/{id}/documents/{document_pk}/versions/{version_pk}/file/`: the file;
* `DELETE …/versions/{version_pk}/`: remove a version (the last one takes its document).

The same services (`plans.documents`: size and type by the file's first bytes, Danish reasons,
private storage, the change log), the same rights (`access`: readers list and download, every
owner uploads, a version is removed by the secretariat or its uploader) and the same access log
of each download as the pages. A document or version of another plan is a 404, like one that
does not exist."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from boligsocial.core import permissions
from boligsocial.core.rest import check_id
from boligsocial.plans import access, services
from boligsocial.plans import documents as files
from boligsocial.plans.models import DocumentKind, DocumentVersion, PlanDocument

ROUTE_FILE = "api:plan-document-file"
FILE_HELP = _(
    "PDF, Word (DOCX), Excel (XLSX), JPEG or PNG, recognised by its first bytes; at most 20 MB."
)


class DocumentVersionSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.SerializerMethodField(
        help_text=_("Who uploaded it (null: the demo data or a removed user).")
    )
    file = serializers.SerializerMethodField(help_text=_("Where the file is downloaded."))
    may_remove = serializers.SerializerMethodField(
        help_text=_("Whether you may remove this version.")
    )

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "number",
            "original_name",
            "content_type",
            "size",
            "note",
            "uploaded_by",
            "uploaded_at",
            "file",
            "may_remove",
        ]

    def get_uploaded_by(self, obj) -> str | None:
        user = obj.uploaded_by
        return (user.get_full_name() or user.username) if user else None

    def get_file(self, obj) -> str:
        return reverse(ROUTE_FILE, args=[obj.document.plan_id, obj.document_id, obj.pk])

    def get_may_remove(self, obj) -> bool:
        return permissions.can(self.context["request"].user, access.REMOVE_DOCUMENT, obj)


class PlanDocumentSerializer(serializers.ModelSerializer):
    versions = serializers.SerializerMethodField()

    class Meta:
        model = PlanDocument
        fields = ["id", "kind", "title", "created_at", "versions"]

    @extend_schema_field(DocumentVersionSerializer(many=True))
    def get_versions(self, obj) -> list:
        return DocumentVersionSerializer(obj.all_versions, many=True, context=self.context).data


class PlanDocumentIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField(max_length=200)
    file = serializers.FileField(allow_empty_file=True, help_text=FILE_HELP)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class DocumentVersionIn(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, help_text=FILE_HELP)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class DocumentRemovedSerializer(serializers.Serializer):
    document_removed = serializers.BooleanField(
        help_text=_("True when it was the document's only version, so the document is gone too.")
    )


def _versions(plan):
    docs = list(
        plan.documents.prefetch_related("versions__uploaded_by").order_by("kind", "title", "pk")
    )
    for d in docs:
        d.plan = plan
        d.all_versions = list(d.versions.all())  # newest first
        for v in d.all_versions:
            v.document = d
    return docs


def _refused(error: services.PlanError):
    return ValidationError({"file": [error.message]})


class PlanDocumentsMixin:
    """The documents actions of `PlanViewSet` (its `get_object` is the plan, through access)."""

    def _document(self, plan, document_pk) -> PlanDocument:
        """Any path segment reaches here (a JSON 404, never Django's HTML page)."""
        number = check_id(document_pk)
        document = plan.documents.filter(pk=number).first() if number else None
        if document is None:
            raise NotFound()
        document.plan = plan
        return document

    def _version(self, plan, document_pk, version_pk) -> DocumentVersion:
        document = self._document(plan, document_pk)
        number = check_id(version_pk)
        version = (
            document.versions.select_related("uploaded_by").filter(pk=number).first()
            if number
            else None
        )
        if version is None:
            raise NotFound()
        version.document = document
        return version

    def _require_part(self, plan):
        if not permissions.can(self.request.user, access.EDIT_PART, plan):
            raise PermissionDenied(_("You may read this plan but not upload its documents."))

    @extend_schema(
        methods=["GET"],
        summary=_("List the plan's documents with their versions"),
        responses=PlanDocumentSerializer(many=True),
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Upload a new document (multipart)"),
        description=_(
            "The document with its first version. The file is checked by its size and its first "
            "bytes, as on the page; a refused file is a 400 in Danish and nothing is stored."
        ),
        request={"multipart/form-data": PlanDocumentIn},
        responses={201: PlanDocumentSerializer},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="documents",
        url_name="documents",
        filter_backends=[],
        pagination_class=None,
        parser_classes=[MultiPartParser],
    )
    def documents(self, request, pk=None):
        plan = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            return Response(
                PlanDocumentSerializer(_versions(plan), many=True, context=context).data
            )
        self._require_part(plan)
        data = PlanDocumentIn(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        try:
            document = files.add_document(
                plan=plan,
                by=request.user,
                kind=d["kind"],
                title=d["title"],
                uploaded=d["file"],
                note=d["note"],
            )
        except services.PlanError as error:
            raise _refused(error) from None
        (document,) = [x for x in _versions(plan) if x.pk == document.pk]
        return Response(
            PlanDocumentSerializer(document, context=context).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary=_("Upload a new version of a document (multipart)"),
        description=_("The old versions are kept. Checked as a new document's file is."),
        request={"multipart/form-data": DocumentVersionIn},
        responses={201: DocumentVersionSerializer},
        filters=False,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"documents/(?P<document_pk>[^/]+)/versions",
        url_name="document-versions",
        filter_backends=[],
        pagination_class=None,
        parser_classes=[MultiPartParser],
    )
    def document_versions(self, request, pk=None, document_pk=None):
        plan = self.get_object()
        document = self._document(plan, document_pk)
        self._require_part(plan)
        data = DocumentVersionIn(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            version = files.add_version(
                document=document,
                by=request.user,
                uploaded=data.validated_data["file"],
                note=data.validated_data["note"],
            )
        except services.PlanError as error:
            raise _refused(error) from None
        version.document = document
        return Response(
            DocumentVersionSerializer(version, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary=_("Remove a version of a document"),
        description=_(
            "The secretariat, or whoever uploaded it while they edit a part of the plan. The file "
            "is deleted; a document's only version takes the document with it."
        ),
        responses={200: DocumentRemovedSerializer},
        filters=False,
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"documents/(?P<document_pk>[^/]+)/versions/(?P<version_pk>[^/]+)",
        url_name="document-version",
        filter_backends=[],
        pagination_class=None,
    )
    def document_version(self, request, pk=None, document_pk=None, version_pk=None):
        plan = self.get_object()
        version = self._version(plan, document_pk, version_pk)
        if not permissions.can(request.user, access.REMOVE_DOCUMENT, version):
            raise PermissionDenied(_("You may not remove this version."))
        gone = files.remove_version(version=version, by=request.user)
        return Response(DocumentRemovedSerializer({"document_removed": gone}).data)

    @extend_schema(
        summary=_("Download a version of a document"),
        description=_("The file as uploaded; the download is recorded in the access log."),
        responses={
            (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description=_("The file."))
            for content_type in files.ALLOWED
        },
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=(r"documents/(?P<document_pk>[^/]+)/versions/(?P<version_pk>[^/]+)/file"),
        url_name="document-file",
        filter_backends=[],
        pagination_class=None,
    )
    def document_file(self, request, pk=None, document_pk=None, version_pk=None):
        plan = self.get_object()
        version = self._version(plan, document_pk, version_pk)
        return files.file_response(version, user=request.user, route=ROUTE_FILE)
