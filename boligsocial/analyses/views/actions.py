"""Follow-up actions of an analysis (POST only; the forms are on the analysis page)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligsocial.analyses import access, services
from boligsocial.analyses.forms import ActionForm, ActionStatusForm
from boligsocial.analyses.models import FollowUpAction
from boligsocial.analyses.views.common import get_analysis
from boligsocial.core import permissions


@require_POST
def action_add(request, pk):
    analysis = get_analysis(request, pk, action=access.CONDUCT)
    form = ActionForm(
        request.POST,
        organisation_id=analysis.organisation_id,
        themes=[(t.key, t.title) for t in analysis.guide_version.themes.all()],
    )
    if form.is_valid():
        try:
            services.add_action(analysis=analysis, actor=request.user, **form.cleaned_data)
        except services.AnalysisError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The action is added."))
    else:
        messages.error(request, _("The action was not added: write what is to be done."))
    return redirect(reverse("analyses:detail", args=[analysis.pk]) + "#handlinger")


def _action(request, pk) -> FollowUpAction:
    action = get_object_or_404(
        FollowUpAction.objects.filter(analysis__in=access.visible_analyses(request.user)), pk=pk
    )
    if not permissions.can(request.user, access.CONDUCT, action.analysis):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return action


@require_POST
def action_status(request, pk):
    action = _action(request, pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.set_action_status(
            action=action, status=form.cleaned_data["status"], actor=request.user
        )
        messages.success(request, _("The status is saved."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect(reverse("analyses:detail", args=[action.analysis_id]) + "#handlinger")


@require_POST
def action_case(request, pk):
    action = _action(request, pk)
    try:
        case = services.open_case_for_action(action=action, actor=request.user)
    except services.AnalysisError as e:
        messages.error(request, str(e))
        return redirect(reverse("analyses:detail", args=[action.analysis_id]) + "#handlinger")
    messages.success(request, _("A Beredskab case was opened."))
    return redirect(reverse("cases:detail", args=[case.pk]))


VISITS_ACTION = "manage_visits"  # the visits app's action (core.permissions dispatches it)


def may_start_campaign(user, department) -> bool:
    """May `user` create a service-visit campaign for `department` (the visits app's rule,
    asked through the one dispatcher: this app does not import visits, which is above it)?"""
    return VISITS_ACTION in permissions.registered_actions() and permissions.can(
        user, VISITS_ACTION, department
    )


@require_POST
def action_campaign(request, pk):
    action = _action(request, pk)
    department = action.analysis.department
    if not may_start_campaign(request.user, department):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    try:
        services.start_visit_campaign_for_action(action=action, actor=request.user)
    except services.AnalysisError as e:
        messages.error(request, str(e))
        return redirect(reverse("analyses:detail", args=[action.analysis_id]) + "#handlinger")
    messages.info(
        request,
        _("Create the service-visit campaign for the action »%(title)s«.")
        % {"title": action.title},
    )
    return redirect(reverse("visits:create") + f"?afdeling={department.pk}&handling={action.pk}")
