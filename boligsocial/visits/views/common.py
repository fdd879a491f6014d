"""Fetching a campaign or a visit through the access module (404 outside scope, 403 when the
action is not allowed), logging reads of lease-level data."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from boligsocial.audit.services import log_read
from boligsocial.core import permissions
from boligsocial.visits import access
from boligsocial.visits.models import VisitCampaign


def route(request) -> str:
    match = request.resolver_match
    return match.view_name if match else request.path


def get_campaign(request, pk: int, *, action: str, log: bool = False) -> VisitCampaign:
    campaign = get_object_or_404(
        access.visible_campaigns(request.user).select_related(
            "department", "organisation", "guide_version__guide"
        ),
        pk=pk,
    )
    if not permissions.can(request.user, action, campaign):
        raise PermissionDenied
    if log and request.method == "GET":
        log_read(user=request.user, obj=campaign, route=route(request))
    return campaign


def get_visit(request, campaign: VisitCampaign, pk: int):
    visit = get_object_or_404(
        access.visible_visits(request.user, campaign).select_related("lease", "campaign"), pk=pk
    )
    if not permissions.can(request.user, access.RECORD, visit):
        raise PermissionDenied
    return visit
