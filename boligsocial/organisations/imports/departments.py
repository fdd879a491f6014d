"""Import of departments (afdelinger) for one housing organisation.

Key: (organisation, afdelingsnummer). A new number is created, an existing one with differences
is updated, an identical one is left untouched (no write, no history row). Departments that are
not in the file are kept."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.organisations.imports import cells
from boligsocial.organisations.imports.report import ImportResult, IssueCollector
from boligsocial.organisations.imports.tables import Column, Table
from boligsocial.organisations.imports.upsert import Plan, read_and_import
from boligsocial.organisations.models import Department, Municipality, Organisation

YEARS_AHEAD = 5  # a department may be registered up to five years before it is built

COLUMNS = (
    Column(
        "afdelingsnummer",
        gettext_lazy("The department's number in the organisation, a whole number."),
        1,
    ),
    Column("navn", gettext_lazy("The department's name."), "Solparken"),
    Column("adresse", gettext_lazy("Street and house number."), "Solvej 1"),
    Column("postnummer", gettext_lazy("Four digits."), "8000"),
    Column("by", gettext_lazy("Postal district."), "Aarhus C"),
    Column(
        "kommunekode",
        gettext_lazy("The municipality's code, e.g. 751 for Aarhus or 101 for Copenhagen."),
        751,
    ),
    Column("antal_lejemaal", gettext_lazy("Number of leases, 0 to 20000."), 120),
    Column(
        "opfoerelsesaar",
        gettext_lazy("Year built, from 1800 to five years from now."),
        1972,
    ),
)


def import_departments(*, organisation: Organisation, file, filename: str, user) -> ImportResult:
    """Import the departments in `file` (CSV or XLSX, binary file-like) into `organisation`.
    All or nothing: with any issue, nothing is written and the result lists the issues."""
    return read_and_import(
        file, filename, COLUMNS, lambda table: _import(organisation, table, filename, user)
    )


def _import(organisation: Organisation, table: Table, filename: str, user) -> ImportResult:
    existing = {
        d.number: d
        for d in Department.objects.select_for_update().filter(organisation=organisation)
    }
    parsers = _parsers(
        set(Municipality.objects.values_list("code", flat=True)),
        timezone.localdate().year + YEARS_AHEAD,
    )
    issues = IssueCollector()
    plan = Plan(Department)
    first_line: dict[int, int] = {}
    number_label = table.labels["afdelingsnummer"]
    for row in table.rows:
        values: dict = {}
        for column, (attribute, parse) in parsers.items():
            try:
                values[attribute] = parse(row.values[column])
            except ValidationError as error:
                issues.add(row.line, table.labels[column], cells.message_of(error))
        number = values.get("number")
        if number is not None:
            if number in first_line:
                message = _("Department number %(number)s is already on line %(line)s.") % {
                    "number": number,
                    "line": first_line[number],
                }
                issues.add(row.line, number_label, message)
                continue
            first_line[number] = row.line
        if not issues:
            plan.add(
                existing.get(number),
                values,
                lambda values=values: Department(organisation=organisation, **values),
            )
    if issues:
        return issues.result()
    return plan.write(user=user, filename=filename)


def _parsers(municipality_codes: set[int], max_year: int) -> dict:
    """column -> (model attribute, parse function)."""

    def text(field_name):
        return lambda value: cells.field_value(Department, field_name, cells.required(value))

    def number(field_name):
        return lambda value: cells.field_value(Department, field_name, cells.integer(value))

    def municipality(value: str) -> int:
        code = cells.integer(value)
        if code not in municipality_codes:
            raise ValidationError(
                _("Unknown municipality code %(code)s."), code="unknown", params={"code": code}
            )
        return code

    def year(value: str) -> int:
        built = cells.integer(value)
        MaxValueValidator(max_year)(built)
        return cells.field_value(Department, "year_built", built)

    return {
        "afdelingsnummer": ("number", number("number")),
        "navn": ("name", text("name")),
        "adresse": ("address", text("address")),
        "postnummer": ("postal_code", text("postal_code")),
        "by": ("city", text("city")),
        "kommunekode": ("municipality_id", municipality),
        "antal_lejemaal": ("lease_count", number("lease_count")),
        "opfoerelsesaar": ("year_built", year),
    }
