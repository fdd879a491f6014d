"""Who sees and changes screening data. The pair "filter many / check one" for the screening.

- values and lights of a department follow the department's visibility
  (`organisations.access.visible_departments`), an area's follow the area's; national values
  (neither department nor area) are seen by everyone with any access;
- statutory statuses follow the area;
- importing indicator values (file or API): administrators and those who manage a housing
  organisation's data (`RoleRule.manages_housing`), for that organisation's departments;
- legends (the thresholds): administrators only;
- the municipality sees the lights and indicator values of every department in the
  municipality, like the LBF portals show municipalities department-level figures: a
  department's light and its indicator values are aggregates, not personal data (decision 0008,
  its open question decided in decision 0024). Small numbers are suppressed where a value is a
  count or a rate of a count (`small_figure`): for everyone who is not staff of the
  department's organisation (`sees_exact_figures`: boards and the municipality), a count of
  1..k-1 reads "<5" and a rate that gives away such a count (evictions per 1,000 leases) "x".

`can` is the screening's policy, registered with `core.permissions` in `ScreeningConfig.ready()`.
"""

from django.conf import settings
from django.db.models import Q, QuerySet

from boligsocial.core.disclosure import Figure, small_number
from boligsocial.organisations.access import (
    scope,
    sees_exact_counts,
    visible_areas,
    visible_departments,
)
from boligsocial.organisations.models import Organisation
from boligsocial.screening.choices import Unit
from boligsocial.screening.models import IndicatorValue, Light, StatutoryStatus

IMPORT_VALUES = "import_values"  # on an Organisation, or None for "any organisation"
MANAGE_LEGENDS = "manage_legends"  # obj is ignored
ACTIONS = frozenset({IMPORT_VALUES, MANAGE_LEGENDS})


def _scope_q(user) -> Q | None:
    """Department or area in the user's scope; None = everything (administrators)."""
    s = scope(user)
    if s.is_admin:
        return None
    return Q(department__in=visible_departments(user).values("id")) | Q(
        area__in=visible_areas(user).values("id")
    )


# --- filter many -------------------------------------------------------------------------


def visible_values(user) -> QuerySet[IndicatorValue]:
    qs = IndicatorValue.objects.select_related("indicator").order_by("id")
    condition = _scope_q(user)
    if condition is None:
        return qs
    if scope(user).is_empty:
        return qs.none()
    return qs.filter(condition | Q(department__isnull=True, area__isnull=True))


def visible_lights(user) -> QuerySet[Light]:
    qs = Light.objects.order_by("id")
    condition = _scope_q(user)
    return qs if condition is None else qs.filter(condition)


def visible_statuses(user) -> QuerySet[StatutoryStatus]:
    return StatutoryStatus.objects.filter(area__in=visible_areas(user).values("id")).order_by("id")


# --- check one -----------------------------------------------------------------------------

#: Units whose values are counts (None) or rates of a count per so many leases.
COUNT_UNITS = {Unit.COUNT: None, Unit.PER_100: 100, Unit.PER_1000: 1000}


def sees_exact_figures(user, organisation_id: int) -> bool:
    """Does the user see the exact counts of this organisation's departments (its staff and
    administrators), or small numbers suppressed (boards, the municipality)?"""
    return sees_exact_counts(scope(user), {organisation_id})


def small_figure(unit: str, value, lease_count) -> Figure | None:
    """For a viewer who does not see exact figures: the mark to print instead of `value` of an
    indicator in `unit` for a department with `lease_count` leases, or None to print it."""
    if unit not in COUNT_UNITS:
        return None
    return small_number(
        value, per=COUNT_UNITS[unit], base=lease_count, k=settings.DISCLOSURE_MIN_COUNT
    )


def may_import(user) -> bool:
    """May the user import indicator values at all (into some organisation)?"""
    s = scope(user)
    return s.is_admin or bool(s.manage_org_ids)


def can(user, action: str, obj) -> bool:
    """The screening's policy. Unknown objects are denied."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    s = scope(user)
    if action == MANAGE_LEGENDS:
        return s.is_admin
    if obj is None:
        return may_import(user)
    if isinstance(obj, Organisation):
        return s.is_admin or obj.id in s.manage_org_ids
    return False
