"""The coordination's write pages: each parses a form, calls one service and answers a refused
change (services.CoordinationError, Danish) on the form with nothing changed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligsocial.coordination import access, forms, services
from boligsocial.coordination.models import District, OwnerKind, TargetGroup
from boligsocial.coordination.views.common import get_effort, get_municipality
from boligsocial.core.permissions import can
from boligsocial.organisations.access import scope
from boligsocial.organisations.models import Area, Department, Organisation

HOUSING_ONLY = (OwnerKind.HOUSING,)


def _form(request, municipality, *, initial=None, data=None):
    s = scope(request.user)
    kinds = set()
    organisations = Organisation.objects.none()
    if s.is_admin or municipality.code in access.municipal_codes(s):
        kinds |= {k for k, _label in OwnerKind.choices if k != OwnerKind.HOUSING}
    if s.is_admin:
        kinds.add(OwnerKind.HOUSING)
        organisations = Organisation.objects.filter(departments__municipality=municipality)
    elif s.social_org_ids:
        kinds.add(OwnerKind.HOUSING)
        organisations = Organisation.objects.filter(
            pk__in=s.social_org_ids, departments__municipality=municipality
        )
    return forms.EffortForm(
        data,
        initial=initial,
        owner_kinds=kinds,
        organisations=organisations.distinct().order_by("name"),
        departments=Department.objects.filter(municipality=municipality).select_related(
            "organisation"
        ),
        areas=Area.objects.filter(municipality=municipality),
        districts=District.objects.filter(municipality=municipality),
    )


def _values(d) -> tuple[dict, list]:
    values = {k: v for k, v in d.items() if k != "target_groups"}
    values["themes"] = list(values.get("themes") or [])
    return values, list(d["target_groups"])


def create_effort(request, code: int):
    m = get_municipality(request, code, access.CREATE_EFFORT)
    form = _form(request, m, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        values, groups = _values(form.cleaned_data)
        try:
            e = services.create_effort(
                by=request.user, municipality=m, target_groups=groups, **values
            )
        except services.CoordinationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The effort has been recorded."))
            return redirect("coordination:effort", e.pk)
    return render(
        request,
        "coordination/form.html",
        {
            "form": form,
            "title": _("New effort"),
            "back": reverse("coordination:efforts", args=[m.code]),
        },
    )


def edit_effort(request, pk: int):
    e = get_effort(request, pk)
    if not can(request.user, access.EDIT_EFFORT, e):
        raise PermissionDenied
    initial = {k: getattr(e, k) for k in services.FIELDS}
    initial["target_groups"] = list(e.target_groups.all())
    form = _form(request, e.municipality, initial=initial, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        values, groups = _values(form.cleaned_data)
        try:
            services.update_effort(effort=e, by=request.user, target_groups=groups, **values)
        except services.CoordinationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("coordination:effort", e.pk)
    return render(
        request,
        "coordination/form.html",
        {"form": form, "title": e.name, "back": reverse("coordination:effort", args=[e.pk])},
    )


def delete_effort(request, pk: int):
    e = get_effort(request, pk)
    if not can(request.user, access.EDIT_EFFORT, e):
        raise PermissionDenied
    if request.method == "POST":
        code = e.municipality_id
        services.delete_effort(effort=e, by=request.user)
        messages.success(request, _("The effort has been deleted."))
        return redirect("coordination:efforts", code)
    return render(request, "coordination/confirm_delete.html", {"effort": e})


def decide(request, code: int, a: int, b: int):
    m = get_municipality(request, code)
    first, second = get_effort(request, min(a, b)), get_effort(request, max(a, b))
    if first.municipality_id != m.code or second.municipality_id != m.code or a == b:
        from django.http import Http404

        raise Http404
    if not can(request.user, access.DECIDE_OVERLAP, (first, second)):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.decide_overlap(a=first, b=second, by=request.user, **d)
        except services.CoordinationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision on the overlap has been saved."))
            return redirect("coordination:overlaps", m.code)
    return render(
        request,
        "coordination/decide.html",
        {
            "form": form,
            "a": first,
            "b": second,
            "municipality": m,
            "back": reverse("coordination:overlaps", args=[m.code]),
        },
    )


def target_group_form(request, pk: int | None = None):
    if not can(request.user, access.MANAGE_TARGET_GROUPS, None):
        raise PermissionDenied
    group = get_object_or_404(TargetGroup, pk=pk) if pk is not None else None
    initial = None
    if group is not None:
        initial = {k: getattr(group, k) for k in forms.TargetGroupForm.base_fields}
    form = forms.TargetGroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_target_group(by=request.user, group=group, **form.cleaned_data)
        except services.CoordinationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("coordination:target_groups")
    return render(
        request,
        "coordination/form.html",
        {
            "form": form,
            "title": group.name if group else _("New target group"),
            "back": reverse("coordination:target_groups"),
        },
    )
