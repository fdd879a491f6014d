"""`{% open_crisis_cases department as crisis %}`: the department's open crisis cases, as a count
for everyone who sees the department and as links for those who may read the cases."""

from dataclasses import dataclass

from django import template
from django.utils import timezone

from boligsocial.cases import access
from boligsocial.cases.badges import badge_for
from boligsocial.cases.models import OPEN_STATUSES, Case, CaseKind
from boligsocial.core import permissions

register = template.Library()


@dataclass
class OpenCrisis:
    count: int
    visible: list


@register.simple_tag(takes_context=True)
def open_crisis_cases(context, department) -> OpenCrisis:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not permissions.can(user, access.VIEW_CASE_COUNTS, department):
        return OpenCrisis(0, [])
    open_crisis = Case.objects.filter(
        department=department, kind=CaseKind.CRISIS, status__in=OPEN_STATUSES
    )
    count = open_crisis.count()
    visible = (
        list(
            access.visible_cases(user)
            .filter(pk__in=open_crisis.values("pk"))
            .select_related("assignee")
            .order_by("-received_at")
        )
        if count
        else []
    )
    return OpenCrisis(count, visible)


@register.filter
def due_badge(due) -> str:
    """`{{ due|due_badge }}`: the deadline badge (see `badge_for`), decided here rather than in
    the template."""
    return badge_for(due, timezone.localdate())
