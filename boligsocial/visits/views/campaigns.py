"""The campaigns: list, create from the lease register, the campaign page (leases, progress,
assignment, conflicts, follow-ups), the notice letters as one PDF, finishing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligsocial.audit.services import log_reads
from boligsocial.core import permissions
from boligsocial.core.reports import Report, page_response, pdf_response
from boligsocial.visits import access, selectors, services
from boligsocial.visits.findings import checklist
from boligsocial.visits.forms import AssignForm, CampaignForm, FollowUpForm
from boligsocial.visits.models import CampaignStatus, Visit, VisitConflict
from boligsocial.visits.views.common import get_campaign, route


def campaign_list(request):
    campaigns = access.visible_campaigns(request.user).order_by("-starts_on", "-pk")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        campaigns = campaigns.filter(name__icontains=query) | campaigns.filter(
            department__name__icontains=query
        )
    page = Paginator(campaigns, 25).get_page(request.GET.get("side"))
    can_manage = permissions.can(request.user, access.MANAGE, None)
    return render(
        request,
        "visits/campaign_list.html",
        {
            "rows": selectors.campaign_rows(campaigns.filter(pk__in=[c.pk for c in page])),
            "page_obj": page,
            "query": query,
            "can_manage": can_manage,
        },
    )


def campaign_create(request):
    if not permissions.can(request.user, access.MANAGE, None):
        raise PermissionDenied
    department = get_object_or_404(
        access.manage_departments(request.user), pk=request.GET.get("afdeling") or 0
    ) if (request.GET.get("afdeling") or "").isdigit() else None  # fmt: skip
    if department is None:
        departments = access.manage_departments(request.user).order_by(
            "organisation__name", "number"
        )
        return render(request, "visits/campaign_choose.html", {"departments": departments})
    action = _follow_up_action(request, department)
    form = CampaignForm(request.POST or None, department=department)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            campaign = services.create_campaign(
                department=department, name=d["name"], purpose=d["purpose"],
                starts_on=d["starts_on"], ends_on=d["ends_on"], actor=request.user,
                addresses=d["addresses"], staff=d["staff"], kits_stock=d["kits_stock"],
                follow_up_action=action,
            )  # fmt: skip
        except services.VisitError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("The campaign is created."))
            return redirect(reverse("visits:detail", args=[campaign.pk]))
    return render(
        request,
        "visits/campaign_form.html",
        {"form": form, "department": department, "follow_up_action": action},
    )


def _follow_up_action(request, department):
    """The action of `?handling=` (from the action's "Start a service-visit campaign"); an id
    that is not an open action of the department that the user sees is a 404."""
    raw = request.GET.get("handling") or ""
    if not raw:
        return None
    return get_object_or_404(
        selectors.open_follow_up_actions(request.user, department),
        pk=int(raw) if raw.isdigit() and len(raw) < 10 else 0,
    )


def detail(request, pk):
    campaign = get_campaign(request, pk, action=access.VIEW_CAMPAIGN, log=True)
    action = selectors.follow_up_action_of(request.user, campaign)
    visits = selectors.field_visits(request.user, campaign).select_related("assignee")
    page = Paginator(visits, 100).get_page(request.GET.get("side"))
    log_reads(user=request.user, objs=list(page), route=route(request))
    manage = permissions.can(request.user, access.MANAGE, campaign)
    running = campaign.status == CampaignStatus.RUNNING
    context = {
        "campaign": campaign,
        "page_obj": page,
        "progress": selectors.progress(visits),
        "manage": manage,
        "running": running,
        "findings": permissions.can(request.user, access.VIEW_FINDINGS, campaign),
        "staff": list(campaign.staff.all()),
        "follow_up_action": action,
    }
    if manage:
        context["conflicts"] = list(
            VisitConflict.objects.filter(
                campaign=campaign, resolved_at__isnull=True
            ).select_related("visit__lease", "submitted_by")
        )
        context["follow_ups"] = list(campaign.follow_ups.select_related("case"))
        if running:
            context["assign_form"] = AssignForm(campaign=campaign)
    return render(request, "visits/campaign_detail.html", context)


@require_POST
def assign(request, pk):
    campaign = get_campaign(request, pk, action=access.MANAGE)
    form = AssignForm(request.POST, campaign=campaign)
    if form.is_valid():
        try:
            n = services.assign(
                campaign=campaign, user=form.cleaned_data["user"], actor=request.user,
                addresses=form.cleaned_data["addresses"],
            )  # fmt: skip
        except services.VisitError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("%(n)s leases assigned.") % {"n": n})
    else:
        messages.error(request, _("Choose who the leases are assigned to."))
    return redirect(reverse("visits:detail", args=[campaign.pk]))


def finish(request, pk):
    campaign = get_campaign(request, pk, action=access.MANAGE)
    if request.method == "POST":
        try:
            services.finish_campaign(campaign=campaign, actor=request.user)
        except services.VisitError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The campaign is finished."))
        return redirect(reverse("visits:detail", args=[campaign.pk]))
    return render(request, "visits/finish.html", {"campaign": campaign})


@require_POST
def resolve_conflict(request, pk):
    conflict = get_object_or_404(
        VisitConflict.objects.filter(campaign__in=access.visible_campaigns(request.user)), pk=pk
    )
    campaign = get_campaign(request, conflict.campaign_id, action=access.MANAGE)
    decision = request.POST.get("decision")
    if decision not in ("apply", "dismiss"):
        messages.error(request, _("Choose which recording to keep."))
    else:
        try:
            services.resolve_conflict(
                conflict=conflict, actor=request.user, apply=decision == "apply"
            )
        except services.VisitError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The conflict is resolved."))
    return redirect(reverse("visits:detail", args=[campaign.pk]))


@require_POST
def follow_up(request, pk):
    campaign = get_campaign(request, pk, action=access.MANAGE)
    questions = checklist(campaign).questions()
    form = FollowUpForm(request.POST, questions=questions)
    visit = None
    if (request.POST.get("visit") or "").isdigit():
        visit = get_object_or_404(Visit.objects.filter(campaign=campaign), pk=request.POST["visit"])
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.add_follow_up(
                campaign=campaign, question_key=d["question_key"], kind=d["kind"],
                title=d["title"], due_date=d["due_date"], actor=request.user, visit=visit,
            )  # fmt: skip
        except services.VisitError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The follow-up is created."))
    else:
        messages.error(request, _("The follow-up was not created: fill in every field."))
    return redirect(reverse("visits:findings", args=[campaign.pk]))


def letters(request, pk):
    """The notice letters (varsling) to every lease of the campaign as one PDF: the address,
    the date window and the purpose; no other personal data."""
    campaign = get_campaign(request, pk, action=access.MANAGE, log=True)
    leases = [
        v.lease
        for v in Visit.objects.filter(campaign=campaign)
        .select_related("lease")
        .order_by("lease__address", "lease__unit")
    ]
    report = Report(
        title=_("Notice of service visit: %(name)s") % {"name": campaign.name},
        template="visits/report/_letters_body.html",
        context={"campaign": campaign, "leases": leases},
        filename=f"varsling-servicebesoeg-{campaign.pk}",
        stylesheets=("visits/css/visits.css",),
        pdf_url=reverse("visits:letters", args=[campaign.pk]),
        crumbs=[
            (_("Service visits"), reverse("visits:list")),
            (campaign.name, reverse("visits:detail", args=[campaign.pk])),
        ],
        brand=campaign.organisation.name,
    )
    if request.GET.get("format") == "html":
        return page_response(request, report)
    return pdf_response(request, report)
