"""What an import of screening data may refer to, for one user: indicators, the departments of the
housing organisations the user manages, the areas the user may import for.

The rule (who may import what):
- department values: the department's organisation is one the user manages
  (`access.managed_organisations`: administrator, head of social services, organisation board);
- area values and published list memberships: administrators, or a manager of *every* housing
  organisation that has a department in the area (an area that spans organisations the user does
  not all manage is for administrators only: its values and lists are shared by all of them);
- national values (neither department nor area): administrators only.
Organisations, departments and areas outside the user's reach are reported like ones that do not
exist, so the report tells nothing about other organisations' data."""

from django.utils.translation import gettext as _

from boligsocial.organisations import access
from boligsocial.organisations.models import Area, Department, Organisation
from boligsocial.screening.models import Indicator


class Refused(Exception):
    """The cell names something the user may not import for; the message says why."""


class Lookups:
    def __init__(self, user) -> None:
        self.user = user
        scope = access.scope(user)
        self.is_admin = scope.is_admin
        self.managed_org_ids = (
            set(Organisation.objects.values_list("id", flat=True))
            if self.is_admin
            else set(scope.manage_org_ids)
        )
        self.indicators: dict[str, Indicator] = {i.code: i for i in Indicator.objects.all()}
        self.indicators_by_id: dict[int, Indicator] = {i.id: i for i in self.indicators.values()}
        self._org_by_number: dict[int, Organisation] | None = None
        self._departments: dict[int, dict[int, int]] = {}  # org id -> number -> department id
        self._areas: dict[int, dict[str, Area]] = {}  # municipality code -> name -> area
        self._area_org_ids: dict[int, frozenset[int]] = {}
        self._visible_area_ids: set[int] | None = None
        self.touched_org_ids: set[int] = set()

    @property
    def may_import(self) -> bool:
        return self.is_admin or bool(self.managed_org_ids)

    # --- indicators -----------------------------------------------------------------------

    def indicator(self, code: str) -> Indicator | None:
        return self.indicators.get(code.strip().lower())

    # --- departments ----------------------------------------------------------------------

    def organisation(self, number: int) -> Organisation | None:
        """A managed organisation by its LBF number, or None."""
        if self._org_by_number is None:
            self._org_by_number = {
                o.lbf_number: o for o in Organisation.objects.filter(id__in=self.managed_org_ids)
            }
        return self._org_by_number.get(number)

    def department_id(self, organisation: Organisation, number: int) -> int | None:
        numbers = self._departments.get(organisation.id)
        if numbers is None:
            numbers = dict(
                Department.objects.filter(organisation=organisation).values_list("number", "id")
            )
            self._departments[organisation.id] = numbers
        found = numbers.get(number)
        if found is not None:
            self.touched_org_ids.add(organisation.id)
        return found

    def department_ids_by_id(self, ids) -> dict[int, int]:
        """Department id -> organisation id, for the given ids among managed organisations'
        departments (the API names departments by id)."""
        return dict(
            Department.objects.filter(
                id__in=list(ids), organisation_id__in=self.managed_org_ids
            ).values_list("id", "organisation_id")
        )

    # --- areas ----------------------------------------------------------------------------

    def area(self, municipality_code: int, name: str) -> Area | None:
        """A visible area by municipality code and name (case and spacing ignored)."""
        areas = self._areas.get(municipality_code)
        if areas is None:
            areas = {}
            for area in access.visible_areas(self.user).filter(municipality_id=municipality_code):
                areas[_name_key(area.name)] = area
            self._areas[municipality_code] = areas
        return areas.get(_name_key(name))

    def visible_area_ids(self, ids) -> set[int]:
        wanted = set(ids)
        return set(
            access.visible_areas(self.user).filter(id__in=list(wanted)).values_list("id", flat=True)
        )

    def check_area(self, area_id: int) -> None:
        """Raise Refused unless the user may import for this (visible) area."""
        org_ids = self._area_org_ids.get(area_id)
        if org_ids is None:
            org_ids = frozenset(
                Department.objects.filter(areas__id=area_id).values_list(
                    "organisation_id", flat=True
                )
            )
            self._area_org_ids[area_id] = org_ids
        if self.is_admin:
            self.touched_org_ids |= org_ids
            return
        if not org_ids or not org_ids <= self.managed_org_ids:
            raise Refused(
                _(
                    "Only an administrator can import for this area: it has departments of "
                    "housing organisations you do not manage."
                )
            )
        self.touched_org_ids |= org_ids

    def check_national(self) -> None:
        if not self.is_admin:
            raise Refused(
                _(
                    "Only an administrator can import national values (values for neither a "
                    "department nor an area)."
                )
            )


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()
