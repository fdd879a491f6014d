"""Re-screening after values changed: after an import batch (`rescreen_after_import`) or after
another app fed an indicator (`rescreen`, called by `screening.feeds`).

Colours depend only on a scope's own values, so only the changed scopes are screened again (all
their years: trend, direction and "since" of later years look back at the changed ones). What
other scopes lose is their analysis text, whose comparison figures (the averages of the
organisation and the municipality) changed: the cached texts of the departments sharing an
organisation or municipality with a changed department, and of the areas in those
municipalities, for the changed years, are blanked with one UPDATE and render again when read.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from boligsocial.organisations.models import Area, Department
from boligsocial.screening.engine.pipeline import ScreenStats, screen
from boligsocial.screening.models import IndicatorValue, Light, PublishedListMembership


def rescreen(
    *, department_ids: Iterable[int], area_ids: Iterable[int] = (), years: Iterable[int]
) -> ScreenStats:
    """Re-screen these departments and areas after their values of `years` changed, and blank
    the cached analyses that compare with the departments in those years; one transaction."""
    departments, areas = sorted(set(department_ids)), sorted(set(area_ids))
    if not departments and not areas:
        return ScreenStats()
    with transaction.atomic():
        stats = screen(department_ids=departments, area_ids=areas)
        if departments:
            clear_peer_analyses(departments, years)
    return stats


def rescreen_after_import(batch) -> ScreenStats:
    """Re-screen what an import batch touched.

    A national value can change colours everywhere (the derived conviction ratio), so it
    re-screens everything. Otherwise it re-screens the touched departments and areas (values or
    published lists), see `rescreen`."""
    values = IndicatorValue.objects.filter(batch=batch)
    if values.filter(department__isnull=True, area__isnull=True).exists():
        return screen()
    touched = set(values.filter(department__isnull=False).values_list("department_id", flat=True))
    areas = set(values.filter(area__isnull=False).values_list("area_id", flat=True))
    areas |= set(
        PublishedListMembership.objects.filter(batch=batch).values_list("area_id", flat=True)
    )
    years = ()
    if touched:
        years = set(
            values.filter(department__isnull=False).values_list("year", flat=True).distinct()
        )
    return rescreen(department_ids=touched, area_ids=areas, years=years)


def clear_peer_analyses(department_ids: Iterable[int], years: Iterable[int]) -> int:
    """Blank the cached analyses whose comparison figures include these departments' values in
    these years (same organisation or municipality; areas in the municipality): one UPDATE."""
    scope = Department.objects.filter(id__in=list(department_ids))
    orgs = scope.values("organisation_id")
    munis = scope.values("municipality_id")
    peers = Department.objects.filter(Q(organisation_id__in=orgs) | Q(municipality_id__in=munis))
    areas = Area.objects.filter(municipality_id__in=munis)
    return (
        Light.objects.filter(year__in=sorted(set(years)))
        .filter(Q(department__in=peers.values("id")) | Q(area__in=areas.values("id")))
        .exclude(analysis_text="")
        .update(analysis_text="")
    )
