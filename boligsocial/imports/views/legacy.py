"""The import URLs from before the imports app, kept working as permanent redirects (GET) to
the pages that replaced them; the new page decides about access."""

from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_GET

# The old screening URLs named these kinds; the housing import's form chose among these.
SCREENING_KINDS = ("vaerdier", "lister")
HOUSING_KINDS = ("afdelinger", "lejemaal")


def _to(name: str, args=(), **params) -> HttpResponsePermanentRedirect:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return HttpResponsePermanentRedirect(reverse(name, args=args) + (f"?{query}" if query else ""))


@require_GET
def organisation_import(request, pk: int):
    kind = request.GET.get("kind")
    return _to("imports:upload", [kind if kind in HOUSING_KINDS else "afdelinger"], organisation=pk)


@require_GET
def organisation_template(request, pk: int, kind: str, fmt: str):
    return _to("imports:template", [kind, fmt], organisation=pk)


@require_GET
def screening_import(request):
    kind = request.GET.get("kind")
    return _to("imports:upload", [kind if kind in SCREENING_KINDS else "vaerdier"])


@require_GET
def screening_batch(request, pk: int):
    return _to("imports:batch", [pk])


@require_GET
def screening_template(request, kind: str, fmt: str):
    return _to("imports:template", [kind, fmt])
