"""Fetching the municipality and the efforts of a coordination page through access (404
outside scope), and the picture every page of a municipality shares."""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from boligsocial.coordination import access, selectors
from boligsocial.coordination import picture as picture_cache
from boligsocial.coordination.forms import PeriodForm
from boligsocial.coordination.models import Effort
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
    """The period chosen on a page of a municipality and, read when first used, the picture of
    that period from the shared cache (`coordination.picture`)."""

    municipality: Municipality
    start: date
    end: date
    period_form: PeriodForm

    @cached_property
    def signals(self) -> list:
        return picture_cache.signals_of(self.municipality)

    @cached_property
    def stamp(self) -> str:
        return picture_cache.stamp(self.municipality, self.signals)

    def key(self, part: str) -> str:
        return picture_cache.key(self.municipality, self.start, self.end, part, self.stamp)

    @cached_property
    def bundle(self) -> picture_cache.Bundle:
        return picture_cache.bundle(
            self.municipality, self.start, self.end, stamp_=self.stamp, signals=self.signals
        )

    @property
    def efforts(self) -> list:
        return self.bundle.efforts

    @property
    def places(self) -> selectors.Places:
        return self.bundle.places

    @cached_property
    def effort_count(self) -> int:
        """Without reading the bundle when the page does not need it (one COUNT)."""
        if "bundle" in self.__dict__:
            return len(self.bundle.efforts)
        qs = Effort.objects.filter(municipality=self.municipality)
        return selectors.in_period(qs, self.start, self.end).count()


def picture(request, municipality) -> Picture:
    """The period of the page (default: this year and the next two). Every user who may see the
    municipality sees all its efforts, so the picture is the same for all of them."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    start, end = date(today.year, 1, 1), date(today.year + 2, 12, 31)
    if form.is_bound and form.is_valid():
        chosen = (form.cleaned_data["fra"] or start, form.cleaned_data["til"] or end)
        if chosen[1] < chosen[0]:
            form.add_error("til", "Slutdatoen ligger før startdatoen.")
        else:
            start, end = chosen
    return Picture(municipality, start, end, form)
