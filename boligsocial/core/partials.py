"""Render a whole page, or only one named partial of it for an htmx request (one template with
named partials, django-template-partials)."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(request, template: str, partial: str, context: dict):
    htmx = getattr(request, "htmx", None)
    only_partial = bool(htmx) and not htmx.boosted and not htmx.history_restore_request
    response = render(request, f"{template}#{partial}" if only_partial else template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
