"""Import of leases (lejemål) for the departments of one housing organisation.

Key: (department, adresse, etage_doer). A new key is created, an existing one with differences
is updated, an identical one is left untouched (no write, no history row). The department must
already exist in the organisation. Leases that are not in the file are kept. The template file
holds the organisation's own leases."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core import cells
from boligsocial.core.importkinds import Column, ImportContext, ImportKind
from boligsocial.core.importreport import IssueCollector
from boligsocial.core.tables import Table
from boligsocial.organisations.imports.rights import housing_organisations, may_import_housing
from boligsocial.organisations.imports.upsert import ModelPlan, undo_for, write_plan
from boligsocial.organisations.models import Department, Lease, Organisation

AREA_DECIMAL_PLACES = Lease._meta.get_field("area_m2").decimal_places

COLUMNS = (
    Column(
        "afdelingsnummer",
        gettext_lazy("The number of a department that already exists in the organisation."),
        1,
    ),
    Column("adresse", gettext_lazy("Street and house number, e.g. Solvej 1."), "Solvej 1"),
    Column(
        "etage_doer",
        gettext_lazy(
            "Floor and door, e.g. 2. th. Empty if the dwelling has none, e.g. a terraced house."
        ),
        "2. th.",
        required=False,
    ),
    Column(
        "areal_m2",
        gettext_lazy("Size in m², 5 to 1000, with a decimal comma (72,5)."),
        "72,5",
    ),
    Column("vaerelser", gettext_lazy("Number of rooms, 1 to 20."), 3),
)
ATTRIBUTES = {
    "afdelingsnummer": "department_id",
    "adresse": "address",
    "etage_doer": "unit",
    "areal_m2": "area_m2",
    "vaerelser": "rooms",
}


def check(table: Table, ctx: ImportContext) -> tuple[tuple, IssueCollector]:
    organisation = ctx.organisation
    departments = {d.number: d for d in Department.objects.filter(organisation=organisation)}
    parsers = _parsers(organisation, departments)
    issues = IssueCollector()
    rows: list[tuple[int, dict]] = []
    first_line: dict[tuple, int] = {}
    for row in table.rows:
        values: dict = {}
        for column, (attribute, parse) in parsers.items():
            try:
                values[attribute] = parse(row.values[column])
            except ValidationError as error:
                issues.add(row.line, table.labels[column], cells.message_of(error))
        if {"department_id", "address", "unit"} <= values.keys():
            key = (values["department_id"], values["address"], values["unit"])
            if key in first_line:
                message = _(
                    "The lease is already on line %(line)s (same department, address and "
                    "floor/door)."
                ) % {"line": first_line[key]}
                issues.add(row.line, table.labels["adresse"], message)
                continue
            first_line[key] = row.line
            if not issues:
                rows.append((row.line, values))
    labels = {ATTRIBUTES[c]: label for c, label in table.labels.items()}
    numbers = {d.id: d.number for d in departments.values()}
    return (labels, rows, numbers), issues


def plan(checked: tuple, ctx: ImportContext) -> ModelPlan:
    labels, rows, numbers = checked
    qs = Lease.objects.filter(department_id__in=list(numbers))
    existing = {
        (lease.department_id, lease.address, lease.unit): lease
        for lease in (qs.select_for_update() if ctx.lock else qs)
    }

    def subject(values: dict) -> str:
        place = values.get("address", "")
        if values.get("unit"):
            place = f"{place}, {values['unit']}"
        return _("Department %(number)s: %(place)s") % {
            "number": numbers.get(values.get("department_id"), ""),
            "place": place,
        }

    # The preview names the department by its number, as the file does.
    shown_labels = {k: v for k, v in labels.items() if k != "department_id"}
    result = ModelPlan(Lease, shown_labels, subject, organisation_id=ctx.organisation.pk)
    for line, values in rows:
        key = (values["department_id"], values["address"], values["unit"])
        result.add(line, existing.get(key), values, lambda values=values: Lease(**values))
    return result


def template_rows(ctx: ImportContext):
    """The organisation's leases as they are stored (none without an organisation)."""
    if ctx.organisation is None:
        return []
    return [
        [number, address, unit, area, rooms]
        for number, address, unit, area, rooms in Lease.objects.filter(
            department__organisation=ctx.organisation
        )
        .order_by("department__number", "address", "unit")
        .values_list("department__number", "address", "unit", "area_m2", "rooms")
        .iterator()
    ]


def _parsers(organisation: Organisation, departments: dict[int, Department]) -> dict:
    """column -> (model attribute, parse function)."""

    def department(value: str) -> int:
        number = cells.integer(value)
        if number not in departments:
            raise ValidationError(
                _("Department %(number)s does not exist in %(organisation)s."),
                code="unknown",
                params={"number": number, "organisation": organisation.name},
            )
        return departments[number].id

    def address(value: str) -> str:
        return cells.field_value(Lease, "address", cells.required(value))

    def unit(value: str) -> str:
        return cells.field_value(Lease, "unit", value)

    def area(value: str):
        return cells.field_value(Lease, "area_m2", cells.decimal(value, AREA_DECIMAL_PLACES))

    def rooms(value: str) -> int:
        return cells.field_value(Lease, "rooms", cells.integer(value))

    return {
        "afdelingsnummer": ("department_id", department),
        "adresse": ("address", address),
        "etage_doer": ("unit", unit),
        "areal_m2": ("area_m2", area),
        "vaerelser": ("rooms", rooms),
    }


KIND = ImportKind(
    code="leases",
    slug="lejemaal",
    label=gettext_lazy("Leases"),
    columns=COLUMNS,
    check=check,
    plan=plan,
    write=write_plan,
    undo=undo_for(Lease),
    may_import=may_import_housing,
    organisations=housing_organisations,
    per_organisation=True,
    template_rows=template_rows,
    description=gettext_lazy(
        "One row per lease. A lease is identified by its department, address and floor/door. "
        "The departments must be imported first. A lease that is not in the file is kept."
    ),
    order=20,
)
