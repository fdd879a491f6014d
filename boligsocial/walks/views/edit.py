"""The write pages: plan and edit a walk, mark it held or closed, record a finding on the phone,
set a finding's owner, due date and status. Each calls one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligsocial.core import permissions
from boligsocial.organisations.models import Department, Organisation
from boligsocial.walks import access, services
from boligsocial.walks.forms import (
    FindingForm,
    FindingUpdateForm,
    HeldForm,
    WalkForm,
    route_text,
)
from boligsocial.walks.models import WalkStatus
from boligsocial.walks.views.common import get_finding, get_walk


def _organisation(request) -> Organisation:
    orgs = access.managed_organisations(request.user).order_by("name")
    chosen = request.GET.get("organisation") or request.POST.get("organisation")
    if chosen:
        try:
            return get_object_or_404(orgs, pk=int(chosen))
        except ValueError as bad:
            raise Http404 from bad
    first = orgs.first()
    if first is None:
        raise PermissionDenied
    return first


def _departments(organisation):
    return Department.objects.filter(organisation=organisation).order_by("number")


def _service_kwargs(data) -> dict:
    return {
        "departments": data["departments"],
        "title": data["title"],
        "walk_date": data["walk_date"],
        "start_time": data["start_time"],
        "meeting_point": data["meeting_point"],
        "follow_up_date": data["follow_up_date"],
        "points": data["route"],
        "invited": data["invited"],
    }


def create(request):
    if not permissions.can(request.user, access.MANAGE, None):
        raise PermissionDenied
    organisation = _organisation(request)
    form = WalkForm(request.POST or None, departments=_departments(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            walk = services.plan_walk(
                organisation=organisation, actor=request.user, **_service_kwargs(form.cleaned_data)
            )
        except services.WalkError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The walk is planned."))
            return redirect(reverse("walks:detail", args=[walk.pk]))
    return render(
        request,
        "walks/walk_form.html",
        {
            "form": form,
            "walk": None,
            "organisation": organisation,
            "organisations": list(access.managed_organisations(request.user).order_by("name")),
        },
    )


def _initial(walk) -> dict:
    initial = {
        "title": walk.title,
        "departments": list(walk.departments.all()),
        "walk_date": walk.walk_date,
        "start_time": walk.start_time,
        "meeting_point": walk.meeting_point,
        "follow_up_date": walk.follow_up_date,
        "route": route_text(walk.points.all()),
    }
    for i, p in enumerate(walk.participants.order_by("id")):
        initial.update(
            {
                f"role_{i}": p.role,
                f"count_{i}": p.count,
                f"name_{i}": p.name,
                f"org_{i}": p.organisation_name,
            }
        )
    return initial


def update(request, pk: int):
    walk = get_walk(request, pk, action=access.MANAGE)
    if walk.status == WalkStatus.CLOSED:
        messages.info(request, _("The walk is closed and can no longer be changed."))
        return redirect(reverse("walks:detail", args=[walk.pk]))
    form = WalkForm(
        request.POST or None, departments=_departments(walk.organisation), initial=_initial(walk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_walk(
                walk=walk, actor=request.user, **_service_kwargs(form.cleaned_data)
            )
        except services.WalkError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The walk is saved."))
            return redirect(reverse("walks:detail", args=[walk.pk]))
    return render(
        request,
        "walks/walk_form.html",
        {"form": form, "walk": walk, "organisation": walk.organisation, "organisations": []},
    )


def advance(request, pk: int, to: str):
    """GET: the confirmation page; POST: planned → held (with the closing meeting's summary)
    or held → closed (after the follow-up meeting)."""
    walk = get_walk(request, pk, action=access.MANAGE)
    if to not in (WalkStatus.HELD, WalkStatus.CLOSED):
        raise Http404
    form = HeldForm(request.POST or None, initial={"summary": walk.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.advance_walk(
                walk=walk, to=to, actor=request.user, summary=form.cleaned_data["summary"]
            )
        except services.WalkError as e:
            form.add_error(None, e.message)
        else:
            messages.success(
                request,
                _("The walk is marked as held.")
                if to == WalkStatus.HELD
                else _("The walk is closed."),
            )
            return redirect(reverse("walks:detail", args=[walk.pk]))
    return render(request, "walks/advance.html", {"walk": walk, "form": form, "to": to})


def record(request, pk: int):
    walk = get_walk(request, pk, action=access.MANAGE)
    if walk.status == WalkStatus.CLOSED:
        messages.info(request, _("The walk is closed; no more findings can be recorded."))
        return redirect(reverse("walks:detail", args=[walk.pk]))
    points = walk.points.all()
    form = FindingForm(request.POST or None, request.FILES or None, points=points)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            finding = services.record_finding(
                walk=walk,
                actor=request.user,
                category=d["category"],
                description=d["description"],
                point=d["point"],
                latitude=d["latitude"],
                longitude=d["longitude"],
                place_note=d["place_note"],
                severity=d["severity"],
                photo=d["photo"] or None,
            )
        except services.WalkError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Finding no. %(n)s is recorded.") % {"n": finding.number})
            return redirect(reverse("walks:record", args=[walk.pk]))
    return render(
        request,
        "walks/record.html",
        {"walk": walk, "form": form, "count": walk.findings.count()},
    )


def finding_update(request, pk: int):
    finding = get_finding(request, pk)
    walk = finding.walk
    may_manage = permissions.can(request.user, access.MANAGE, walk)
    form = FindingUpdateForm(
        request.POST or None,
        initial={
            "owner_kind": finding.owner_kind,
            "owner_name": finding.owner_name,
            "due_date": finding.due_date,
            "status": finding.status,
            "status_note": finding.status_note,
        },
    )
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_finding(finding=finding, actor=request.user, **form.cleaned_data)
            except services.WalkError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, _("Finding no. %(n)s is saved.") % {"n": finding.number})
                return redirect(reverse("walks:findings", args=[walk.pk]))
    return render(
        request,
        "walks/finding.html",
        {
            "walk": walk,
            "finding": finding,
            "form": form,
            "may_manage": may_manage and walk.status != WalkStatus.CLOSED,
        },
    )
