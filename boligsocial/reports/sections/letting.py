"""3. Letting: move-out rate and vacant leases per department (the screening's values)."""

from django.utils.translation import gettext_lazy

from boligsocial.reports.sections._indicators import department_table

KEY = "letting"
TITLE = gettext_lazy("Letting")
CODES = ("move_out_rate", "vacant_leases")


def build(scope) -> dict | None:
    block = department_table(scope, "letting", TITLE, CODES)
    return {"blocks": [block]} if block else None
