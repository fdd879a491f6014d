"""The findings of a campaign (aggregates for everyone who may see them, lease-level detail and
the Excel export for the social unit and maintenance only)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from boligsocial.audit.services import log_reads
from boligsocial.core import permissions
from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.visits import access, selectors
from boligsocial.visits.findings import checklist
from boligsocial.visits.forms import FollowUpForm
from boligsocial.visits.models import Visit
from boligsocial.visits.views.common import get_campaign, route

LEASE_PAGE = 50


def findings(request, pk):
    campaign = get_campaign(request, pk, action=access.VIEW_FINDINGS)
    detail = permissions.can(request.user, access.VIEW_DETAIL, campaign)
    context = {
        "campaign": campaign,
        "f": selectors.findings(campaign, exact=detail),
        "detail": detail,
        "manage": permissions.can(request.user, access.MANAGE, campaign),
    }
    if detail and campaign.purged_at is None:
        # The lease-level table a page at a time (every lease is in the Excel export): the
        # page reads and logs at most LEASE_PAGE visits, whatever the campaign's size.
        recorded = (
            Visit.objects.filter(campaign=campaign)
            .exclude(outcome="")
            .order_by("lease__address", "lease__unit", "pk")
        )
        page = Paginator(recorded.values_list("pk", flat=True), LEASE_PAGE).get_page(
            request.GET.get("side")
        )
        questions, rows = selectors.lease_rows(
            campaign, Visit.objects.filter(pk__in=list(page.object_list))
        )
        log_reads(user=request.user, objs=[r["visit"] for r in rows], route=route(request))
        context.update(
            questions=questions, rows=rows, page_obj=page, open_rows="side" in request.GET
        )
    if context["manage"]:
        context["follow_up_form"] = FollowUpForm(
            questions=[q for q in checklist(campaign).questions() if q.type != "photo"]
        )
        context["follow_ups"] = list(campaign.follow_ups.select_related("case"))
    return render(request, "visits/findings.html", context)


def export(request, pk):
    campaign = get_campaign(request, pk, action=access.VIEW_DETAIL)
    visits = Visit.objects.filter(campaign=campaign)
    sheets = selectors.export_sheets(campaign, visits)
    log_reads(user=request.user, objs=list(visits), route=route(request))
    return table_response(
        sheets,
        f"servicebesoeg-{campaign.pk}-{timezone.localdate():%Y%m%d}",
        chosen_format(request),
        first_column="Punkt",
    )
