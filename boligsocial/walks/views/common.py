"""Fetching a walk or a finding through the access module: 404 outside scope, 403 when the
action is not allowed; reads of a walk with named participants are access-logged."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from boligsocial.audit.services import log_read
from boligsocial.core import permissions
from boligsocial.walks import access
from boligsocial.walks.models import Finding, Walk


def route_of(request) -> str:
    match = request.resolver_match
    return match.view_name if match else request.path


def get_walk(request, pk: int, *, action: str = access.VIEW) -> Walk:
    walk = get_object_or_404(
        access.visible_walks(request.user).select_related("organisation", "municipality"), pk=pk
    )
    if not permissions.can(request.user, action, walk):
        raise PermissionDenied
    return walk


def get_finding(request, pk: int, *, action: str = access.VIEW) -> Finding:
    finding = get_object_or_404(
        access.visible_findings(request.user).select_related("walk__organisation", "point"),
        pk=pk,
    )
    if not permissions.can(request.user, action, finding.walk):
        raise PermissionDenied
    return finding


def log_names(request, walk: Walk, named: bool) -> None:
    """Participants' names are personal data: a page showing them is logged."""
    if named and request.method == "GET":
        log_read(user=request.user, obj=walk, route=route_of(request), purpose="deltagere")
