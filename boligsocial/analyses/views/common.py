"""Fetching an analysis through the access module (404 outside scope, 403 when the action is not
allowed), logging reads of its content."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from boligsocial.analyses import access
from boligsocial.analyses.models import Analysis
from boligsocial.audit.services import log_read
from boligsocial.core import permissions


def get_analysis(request, pk: int, *, action: str, log: bool = False) -> Analysis:
    analysis = get_object_or_404(
        access.visible_analyses(request.user).select_related(
            "department", "organisation", "guide_version__guide"
        ),
        pk=pk,
    )
    if not permissions.can(request.user, action, analysis):
        raise PermissionDenied
    if log and request.method == "GET":
        match = request.resolver_match
        log_read(user=request.user, obj=analysis, route=match.view_name if match else request.path)
    return analysis
