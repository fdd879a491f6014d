"""The API's JSON parser (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

Kept apart from core/rest.py: DRF reads its parser setting while `rest_framework.views` is
imported, which core/rest.py itself imports."""

import json
import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

#: How deep a request body's JSON may nest. Every body of this API is an object of scalars or
#: short lists; 32 leaves room for any client and refuses a stack-exhausting body early.
MAX_JSON_DEPTH = 32


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def json_depth_exceeds(text: str, limit: int) -> bool:
    """True when the JSON text nests arrays/objects deeper than `limit`. Brackets inside
    strings (with escaped quotes) do not count; no recursion, so any depth is safe to check."""
    depth = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class DepthLimitedJSONParser(JSONParser):
    """DRF's JSON parser, refusing bodies nested deeper than `MAX_JSON_DEPTH` (Python's decoder
    would exhaust the stack with RecursionError, a 500) and non-finite numbers."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
        except (UnicodeDecodeError, AttributeError) as error:
            raise ParseError(_("The request body is not valid JSON.")) from error
        if json_depth_exceeds(text, MAX_JSON_DEPTH):
            raise ParseError(
                _("The JSON is nested too deeply (at most %(depth)d levels).")
                % {"depth": MAX_JSON_DEPTH}
            )
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as error:
            raise ParseError(_("The request body is not valid JSON.")) from error


def _refuse_constant(name):
    raise ValueError(f"{name} is not a JSON number")
