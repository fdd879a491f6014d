"""Import of leases (lejemål) for the departments of one housing organisation.

Key: (department, adresse, etage_doer). A new key is created, an existing one with differences
is updated, an identical one is left untouched (no write, no history row). The department must
already exist in the organisation. Leases that are not in the file are kept."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.organisations.imports import cells
from boligsocial.organisations.imports.report import ImportResult, IssueCollector
from boligsocial.organisations.imports.tables import Column, Table
from boligsocial.organisations.imports.upsert import Plan, read_and_import
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
        gettext_lazy("Size in m², 5 to 1000; a decimal comma or point may be used."),
        "72,5",
    ),
    Column("vaerelser", gettext_lazy("Number of rooms, 1 to 20."), 3),
)


def import_leases(*, organisation: Organisation, file, filename: str, user) -> ImportResult:
    """Import the leases in `file` (CSV or XLSX, binary file-like) into the departments of
    `organisation`. All or nothing: with any issue, nothing is written and the result lists the
    issues."""
    return read_and_import(
        file, filename, COLUMNS, lambda table: _import(organisation, table, filename, user)
    )


def _import(organisation: Organisation, table: Table, filename: str, user) -> ImportResult:
    departments = {d.number: d for d in Department.objects.filter(organisation=organisation)}
    existing = {
        (lease.department_id, lease.address, lease.unit): lease
        for lease in Lease.objects.select_for_update().filter(
            department_id__in=[d.id for d in departments.values()]
        )
    }
    parsers = _parsers(organisation, departments)
    issues = IssueCollector()
    plan = Plan(Lease)
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
                plan.add(existing.get(key), values, lambda values=values: Lease(**values))
    if issues:
        return issues.result()
    return plan.write(user=user, filename=filename)


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
