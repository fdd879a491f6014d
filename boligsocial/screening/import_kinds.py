"""The screening's import kinds, found by the imports app (`boligsocial.imports.registry`):
indicator values and the published lists.

Who may import them: the roles that manage housing data (`RoleRule.manages_housing`:
`access.managed_organisations`) and administrators; what each of them may import for is decided
row by row (`imports/lookups.py`: departments of managed organisations, areas wholly within
them, national values and shared areas for administrators only)."""

from django.utils.translation import gettext_lazy as _

from boligsocial.core.importkinds import ImportKind
from boligsocial.organisations import access
from boligsocial.screening.access import may_import
from boligsocial.screening.imports import lists, values, values_check, values_write
from boligsocial.screening.models import Indicator


def _indicators(user) -> dict:
    return {"indicators": Indicator.objects.filter(is_active=True)}


VALUES = ImportKind(
    code="values",
    slug="vaerdier",
    label=_("Indicator values"),
    columns=values.COLUMNS,
    check=values_check.check,
    plan=values_write.plan,
    write=values_write.write,
    undo=values_write.undo,
    follow_up=values_write.follow_up,
    may_import=may_import,
    organisations=access.managed_organisations,
    template_rows=values_write.template_rows,
    description=_(
        "Indicator values for the traffic light: one row per indicator, year and department, "
        "area or country. A value already imported is updated if it differs; importing the "
        "same file again changes nothing."
    ),
    done_note=_("The traffic lights and statutory lists have been recalculated."),
    help_template="screening/import_values_help.html",
    help_context=_indicators,
    order=30,
)
LISTS = ImportKind(
    code="published_lists",
    slug="lister",
    label=_("Published lists"),
    columns=lists.COLUMNS,
    check=lists.check,
    plan=lists.plan,
    write=lists.write,
    undo=lists.undo,
    follow_up=lists.follow_up,
    may_import=may_import,
    organisations=access.managed_organisations,
    template_rows=lists.template_rows,
    description=_(
        "The officially published lists of areas: one row per area, year and list. An area on "
        "no list needs no row. Memberships already imported are kept."
    ),
    done_note=_("The traffic lights and statutory lists have been recalculated."),
    order=40,
)
KINDS = (VALUES, LISTS)
