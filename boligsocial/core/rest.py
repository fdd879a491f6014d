"""The base classes of every REST endpoint (the `api` app keeps the URLs and the schema).

An endpoint's queryset starts from its app's access module: an object outside the user's scope
is a 404, the same answer, with the same body, as one that does not exist or a malformed id.

Input that the database or Python cannot hold is refused before it gets near either, with a 400
in Danish and nothing written: JSON nested too deeply (`core.parsers.DepthLimitedJSONParser`),
ids beyond a 64-bit integer (`BoundedPrimaryKeyRelatedField`, `check_id`), integers beyond it
(`BoundedIntegerField`) and dates outside `core.forms.EARLIEST_DATE`…`LATEST_DATE`
(`SaneDateField`, `SaneDateTimeField`). A format suffix (`/cases/1/parties.json`) is handled
once, here, instead of reaching every action as an unexpected `format` argument."""

from django import forms
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.viewsets import ReadOnlyModelViewSet

from boligsocial.core.forms import (
    EARLIEST_DATE,
    LATEST_DATE,
    validate_not_before_earliest,
    validate_sane_date,
)

#: The largest id (and integer) the API accepts: a signed 64-bit integer, what PostgreSQL's
#: bigint and SQLite's INTEGER hold.
MAX_ID = 2**63 - 1
MAX_INTEGER = MAX_ID


def check_id(value) -> int | None:
    """The id as an int when it is one the database can hold, else None."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


class BoundedIntegerField(serializers.IntegerField):
    """An integer field that never passes the database a number beyond 64 bits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", MAX_INTEGER)
        kwargs.setdefault("min_value", -MAX_INTEGER)
        super().__init__(**kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id field that refuses ids beyond 64 bits as "does not exist" before the lookup
    (SQLite raises OverflowError and PostgreSQL a DataError for them)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or (not isinstance(data, int) and not str(data).isdigit()):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if check_id(data) is None:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class SaneDateField(serializers.DateField):
    """A date between `EARLIEST_DATE` and `LATEST_DATE` (core/forms.py), declared so in the
    schema."""

    def __init__(self, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", ()), validate_sane_date]
        super().__init__(**kwargs)


class SaneDateTimeField(serializers.DateTimeField):
    """A time between `EARLIEST_DATE` and `LATEST_DATE` (core/forms.py). `past_only=True` for
    a field whose own validator refuses the future: then only the lower bound is added."""

    def __init__(self, *, past_only=False, **kwargs):
        check = validate_not_before_earliest if past_only else validate_sane_date
        kwargs["validators"] = [*kwargs.get("validators", ()), check]
        super().__init__(**kwargs)


#: The schema texts of the answers every endpoint may give besides its own.
NOT_FOUND = OpenApiResponse(description=_("No such object, or one outside your access."))
FORBIDDEN = OpenApiResponse(description=_("You may not do this."))
INVALID = OpenApiResponse(description=_("Invalid input; nothing was changed."))
SANE_DATES = _("Dates from %(earliest)s to %(latest)s.") % {
    "earliest": EARLIEST_DATE.isoformat(),
    "latest": LATEST_DATE.isoformat(),
}


class IdFilter(filters.NumberFilter):
    """Filter on a foreign key by its id. An id the user cannot see, or one that does not exist,
    gives an empty list rather than an error, so the answer tells nothing about other data.
    (`field_name` names the target's key, e.g. `organisation__id`, so the schema says integer.)"""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -MAX_ID)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StableOrderingFilter(OrderingFilter):
    """Ordering chosen by the client, with the primary key as tie-breaker so that pages are
    stable."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        return [*ordering, "pk"] if ordering else ordering


class NotFoundAsApiError:
    """Mixin for viewsets: any miss of `get_object` (absent, out of scope, malformed or too
    large id) is the same 404 with the same body.

    It also takes the format suffix (`….json`) out of the arguments the actions receive: DRF
    passes it to every handler as `format=`, which an action declared as `(request, pk=None)`
    does not accept (a TypeError, a 500). The suffix still chooses the renderer (an unknown
    one is a 404)."""

    _format_suffix = None
    #: Any path segment reaches `get_object` (and its JSON 404): with DRF's default `[^/.]+`
    #: an id like `1.5` matched no route and got Django's HTML 404 page.
    lookup_value_regex = "[^/]+"

    def dispatch(self, request, *args, **kwargs):
        self._format_suffix = kwargs.pop("format", None)
        return super().dispatch(request, *args, **kwargs)

    def get_format_suffix(self, **kwargs):
        return self._format_suffix

    def get_object(self):
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if lookup is not None and str(lookup).isdigit() and int(lookup) > MAX_ID:
            raise NotFound()
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None


class ScopedViewSet(NotFoundAsApiError, ReadOnlyModelViewSet):
    """A read-only viewset whose detail lookups go through `get_queryset` (the access module)."""


def documented(*, list_summary, detail_summary, description):
    """OpenAPI texts for a read-only viewset, translated like the rest of the interface."""
    return extend_schema_view(
        list=extend_schema(summary=list_summary, description=description),
        retrieve=extend_schema(summary=detail_summary, description=description),
    )


class StrictBooleanField(serializers.BooleanField):
    """`true` or `false` as the schema says, not also 0, 1, "yes" or "on" (the API takes JSON
    only, where a boolean is a boolean)."""

    def to_internal_value(self, data):
        if data is True or data is False:
            return data
        self.fail("invalid", input=data)


class SaneModelSerializer(serializers.ModelSerializer):
    """A model serializer whose generated fields accept what the schema promises and no more:
    dates and times in the sane range (`SaneDateField`, `SaneDateTimeField`), so no model field
    lets year 1 in through the API, and booleans that are JSON booleans."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: SaneDateTimeField,
        models.DateField: SaneDateField,
        models.BooleanField: StrictBooleanField,
    }


class ErrorSerializer(serializers.Serializer):
    """The body of a 403, 404 or 429: one sentence in the user's language."""

    detail = serializers.CharField(help_text=_("What went wrong, in words."))


#: The answers every operation may give besides its own: written once, here, so the schema
#: tells the truth about all endpoints (issue 13 item 20).
GENERIC_RESPONSES = {
    "400": (INVALID, "input"),
    "401": (OpenApiResponse(description=_("Not logged in, or the token is not valid.")), "auth"),
    "403": (OpenApiResponse(ErrorSerializer, description=_("You may not do this.")), "auth"),
    "404": (
        OpenApiResponse(
            ErrorSerializer,
            description=_("No such object, or one outside your access; or no such page."),
        ),
        "lookup",
    ),
}


class DocumentedAutoSchema(AutoSchema):
    """drf-spectacular's schema with what the base classes answer on every endpoint:

    * 401/403 for every operation that needs a login, 400 for every one that takes input
      (a body or query parameters), 404 for every one with an id in the path or pages;
    * a read-only choice or text field whose model field may be blank says that `""` is a
      value (an empty legal step, an unknown statutory key, no e-mail address), instead of
      promising an enum member or an e-mail address it does not always send."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        needs = {"auth"} if self._needs_login() else set()
        if self._takes_input():
            needs.add("input")
        if self._has_lookup():
            needs.add("lookup")
        for code, (response, need) in GENERIC_RESPONSES.items():
            if need in needs and code not in responses:
                responses[code] = self._get_response_for_code(response, code)
        return responses

    def _needs_login(self) -> bool:
        return any(
            getattr(p, "__name__", type(p).__name__) != "AllowAny"
            for p in (
                type(p) if not isinstance(p, type) else p for p in self.view.get_permissions()
            )
        )

    def _takes_input(self) -> bool:
        if self.method in ("POST", "PUT", "PATCH"):
            return True
        return bool(self._get_filter_parameters() or self._get_pagination_parameters()) or bool(
            self.get_override_parameters()
        )

    def _has_lookup(self) -> bool:
        return "{" in self.path or bool(self._get_pagination_parameters())

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "response" and field.read_only and _model_field_may_be_blank(field):
            return _with_blank(schema)
        if (
            direction == "request"
            and type(field) in (serializers.CharField, serializers.EmailField)
            and not field.allow_blank
            and field.min_length is None
            and schema.get("type") == "string"
        ):
            schema = {**schema, "minLength": 1}  # DRF refuses "" unless allow_blank
        if isinstance(field, serializers.ListSerializer) and schema.get("type") == "array":
            schema = {**schema, **_list_bounds(field)}  # drf-spectacular leaves them out
        return schema

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if self.method == "PATCH" and direction == "request":
            # Meta.required_on_patch: fields a partial update needs all the same (drf-spectacular
            # makes every field of a PATCH body optional), e.g. the `version` it is based on.
            forced = getattr(getattr(serializer, "Meta", None), "required_on_patch", ())
            if forced:
                schema["required"] = sorted({*schema.get("required", []), *forced})
        return schema

    def _get_filter_parameters(self):
        """A filter sent empty (`?received_to=`) means "no filter", as in the pages' forms."""
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            if parameter.get("in") == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        return parameters


def _list_bounds(field: serializers.ListSerializer) -> dict:
    """minItems/maxItems of a nested `many=True` serializer, as DRF enforces them."""
    bounds = {}
    least = max(field.min_length or 0, 0 if field.allow_empty else 1)
    if least:
        bounds["minItems"] = least
    if field.max_length is not None:
        bounds["maxItems"] = field.max_length
    return bounds


def _model_field_may_be_blank(field) -> bool:
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    if model is None or not isinstance(field, serializers.CharField | serializers.ChoiceField):
        return False
    if not field.source or "." in field.source or field.source == "*":
        return False
    try:
        model_field = model._meta.get_field(field.source)
    except Exception:
        return False
    return bool(getattr(model_field, "blank", False)) and isinstance(
        model_field, models.CharField | models.TextField
    )


def _with_blank(schema: dict) -> dict:
    """The field's schema, or the empty string."""
    if not schema or (
        schema.get("type") == "string"
        and "format" not in schema
        and "enum" not in schema
        and "$ref" not in schema
        and "allOf" not in schema
    ):
        return schema
    if "oneOf" in schema and any(s.get("enum") == [""] for s in schema["oneOf"] if "enum" in s):
        return schema
    return {"oneOf": [schema, {"type": "string", "enum": [""]}]}


class StrictCharField(serializers.CharField):
    """A JSON string, not also a number or a boolean turned into one."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictUUIDField(serializers.UUIDField):
    """A UUID as a JSON string, as the schema says: DRF's own field also takes a number (and so
    `false`, a number in Python) as the UUID of that integer."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


SaneModelSerializer.serializer_field_mapping.update(
    {models.CharField: StrictCharField, models.TextField: StrictCharField}
)
