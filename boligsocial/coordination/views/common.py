"""Fetching the municipality and the efforts of a coordination page through access (404
outside scope), and the picture every page of a municipality shares."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from boligsocial.coordination import access, selectors
from boligsocial.coordination.forms import PeriodForm
from boligsocial.core.permissions import can
from boligsocial.organisations.access import visible_municipalities
from boligsocial.organisations.models import Municipality


def get_municipality(request, code: int, action: str = access.VIEW) -> Municipality:
    municipality = get_object_or_404(visible_municipalities(request.user), code=code)
    if not can(request.user, action, municipality):
        raise PermissionDenied
    return municipality


def get_effort(request, pk: int):
    return get_object_or_404(
        access.visible_efforts(request.user).select_related(
            "municipality", "owner_organisation", "department", "area", "district", "activity"
        ),
        pk=pk,
    )


@dataclass
class Picture:
    municipality: Municipality
    start: date
    end: date
    efforts: list
    places: selectors.Places
    period_form: PeriodForm


def picture(request, municipality) -> Picture:
    """The efforts of the chosen period (default: this year and the next two)."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    start, end = date(today.year, 1, 1), date(today.year + 2, 12, 31)
    if form.is_bound and form.is_valid():
        chosen = (form.cleaned_data["fra"] or start, form.cleaned_data["til"] or end)
        if chosen[1] < chosen[0]:
            form.add_error("til", "Slutdatoen ligger før startdatoen.")
        else:
            start, end = chosen
    qs = selectors.in_period(
        selectors.efforts_of(access.visible_efforts(request.user), municipality), start, end
    )
    return Picture(
        municipality, start, end, selectors.load(qs), selectors.places(municipality), form
    )
