"""Fetching a plan for a page: through `visible_plans` (404 outside scope), then `can()`."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from boligsocial.core.permissions import can
from boligsocial.plans import access
from boligsocial.plans.models import Activity, Plan

TABS = (
    "plan",
    "sub_agreements",
    "goals",
    "activities",
    "budget",
    "reports",
    "documents",
    "revisions",
)


def get_plan(request, pk: int, action: str = access.VIEW) -> Plan:
    plan = get_object_or_404(
        access.visible_plans(request.user).select_related("municipality", "period", "secretariat"),
        pk=pk,
    )
    if action != access.VIEW and not can(request.user, action, plan):
        raise PermissionDenied
    return plan


def get_activity(request, pk: int) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related(
            "plan", "intervention", "sub_agreement__area", "owner"
        ).filter(plan__in=access.visible_plans(request.user)),
        pk=pk,
    )
    return activity


def tabs(plan: Plan, current: str) -> list[dict]:
    labels = {
        "plan": _("Agreement"),
        "sub_agreements": _("Sub-agreements"),
        "goals": _("Goals"),
        "activities": _("Activities"),
        "budget": _("Budget"),
        "reports": _("Reports"),
        "documents": _("Documents"),
        "revisions": _("Revisions"),
    }
    return [
        {
            "label": labels[key],
            "url": reverse(f"plans:{key}", args=[plan.pk]),
            "current": key == current,
        }
        for key in TABS
    ]


def plan_crumbs(plan: Plan) -> list:
    """The crumbs of a page below a plan's own (a confirmation): the plans, then the plan."""
    return [
        (_("Comprehensive plans"), reverse("plans:index")),
        (plan.name, reverse("plans:plan", args=[plan.pk])),
    ]


def plan_context(request, plan: Plan, current: str) -> dict:
    return {
        "plan": plan,
        "tabs": tabs(plan, current),
        "may_edit": can(request.user, access.EDIT, plan),
        "may_approve": can(request.user, access.APPROVE, plan),
        "may_edit_part": can(request.user, access.EDIT_PART, plan),
        "crumbs": [(_("Comprehensive plans"), reverse("plans:index"))],
    }
