"""Import of departments (afdelinger) for one housing organisation.

Key: (organisation, afdelingsnummer). A new number is created, an existing one with differences
is updated, an identical one is left untouched (no write, no history row). Departments that are
not in the file are kept. The template file holds the organisation's own departments, so that
importing it unchanged changes nothing.

`breddegrad` and `laengdegrad` (WGS 84 decimal degrees, for the coordination map) are optional
columns: a file without them leaves the stored coordinates as they are; with them, both cells
are filled (inside Denmark's bounding box) or both empty (no coordinates)."""

from decimal import ROUND_HALF_EVEN, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core import cells
from boligsocial.core.formatting import format_number
from boligsocial.core.importkinds import Column, ImportContext, ImportKind
from boligsocial.core.importreport import IssueCollector
from boligsocial.core.tables import Table, optional
from boligsocial.organisations.imports.rights import housing_organisations, may_import_housing
from boligsocial.organisations.imports.upsert import ModelPlan, undo_for, write_plan
from boligsocial.organisations.models import Department, Municipality

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
    Column(
        optional("breddegrad"),
        gettext_lazy(
            "Optional column: latitude in decimal degrees (WGS 84), e.g. 56,1572, from 54,5 to "
            "57,8. Fill in both coordinates or neither."
        ),
        "56,1572",
        required=False,
    ),
    Column(
        optional("laengdegrad"),
        gettext_lazy(
            "Optional column: longitude in decimal degrees (WGS 84), e.g. 10,2107, from 8,0 to "
            "15,3."
        ),
        "10,2107",
        required=False,
    ),
)
# Denmark's bounding box (Skagen to Gedser, Blåvandshuk to Christiansø), with a little margin.
LATITUDES = (Decimal("54.5"), Decimal("57.8"))
LONGITUDES = (Decimal("8.0"), Decimal("15.3"))
PLACES = 5  # the model keeps 5 decimals (about a metre)
ATTRIBUTES = {
    "afdelingsnummer": "number",
    "navn": "name",
    "adresse": "address",
    "postnummer": "postal_code",
    "by": "city",
    "kommunekode": "municipality_id",
    "antal_lejemaal": "lease_count",
    "opfoerelsesaar": "year_built",
    "breddegrad": "latitude",
    "laengdegrad": "longitude",
}
COORDINATES = ("breddegrad", "laengdegrad")


def check(table: Table, ctx: ImportContext) -> tuple[tuple[dict, list], IssueCollector]:
    """Every row's values (attribute -> value) by line, and the problems found."""
    parsers = _parsers(
        set(Municipality.objects.values_list("code", flat=True)),
        timezone.localdate().year + YEARS_AHEAD,
    )
    issues = IssueCollector()
    rows: list[tuple[int, dict]] = []
    first_line: dict[int, int] = {}
    number_label = table.labels["afdelingsnummer"]
    coordinates = [c for c in COORDINATES if c in table.labels]
    if len(coordinates) == 1:
        message = _("The file has only one of the columns breddegrad and laengdegrad: add both.")
        issues.add(0, table.labels[coordinates[0]], message)
    for row in table.rows:
        values: dict = {}
        for column, (attribute, parse) in parsers.items():
            try:
                values[attribute] = parse(row.values[column])
            except ValidationError as error:
                issues.add(row.line, table.labels[column], cells.message_of(error))
        if len(coordinates) == 2:
            _coordinates(row, table.labels, values, issues)
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
            rows.append((row.line, values))
    labels = {ATTRIBUTES[c]: label for c, label in table.labels.items()}
    return (labels, rows), issues


def _coordinates(row, labels: dict, values: dict, issues: IssueCollector) -> None:
    """Latitude and longitude of the row into `values` (both None when both cells are empty)."""
    texts = {c: row.values.get(c, "") for c in COORDINATES}
    if not any(texts.values()):
        values["latitude"] = values["longitude"] = None
        return
    bounds = {
        "breddegrad": ("latitude", LATITUDES, _("The latitude")),
        "laengdegrad": ("longitude", LONGITUDES, _("The longitude")),
    }
    for column, text in texts.items():
        attribute, (low, high), what = bounds[column]
        if not text:
            message = _("Fill in both latitude and longitude, or neither.")
            issues.add(row.line, labels[column], message)
            continue
        try:
            value = cells.decimal(text, PLACES)
        except ValidationError as error:
            issues.add(row.line, labels[column], cells.message_of(error))
            continue
        if not low <= value <= high:
            message = _(
                "%(what)s %(value)s is outside Denmark (from %(low)s to %(high)s). Write the "
                "coordinates in decimal degrees (WGS 84), e.g. 56,1572 and 10,2107."
            ) % {
                "what": what,
                "value": text,
                "low": format_number(low),
                "high": format_number(high),
            }
            issues.add(row.line, labels[column], message)
            continue
        values[attribute] = value.quantize(Decimal(1).scaleb(-PLACES), rounding=ROUND_HALF_EVEN)


def plan(checked: tuple[dict, list], ctx: ImportContext) -> ModelPlan:
    labels, rows = checked
    organisation = ctx.organisation
    qs = Department.objects.filter(organisation=organisation)
    existing = {d.number: d for d in (qs.select_for_update() if ctx.lock else qs)}
    result = ModelPlan(Department, labels, subject, organisation_id=organisation.pk)
    for line, values in rows:
        result.add(
            line,
            existing.get(values["number"]),
            values,
            lambda values=values: Department(organisation=organisation, **values),
        )
    return result


def subject(values: dict) -> str:
    return _("Department %(number)s %(name)s") % {
        "number": values.get("number"),
        "name": values.get("name", ""),
    }


def template_rows(ctx: ImportContext):
    """The organisation's departments as they are stored (none without an organisation)."""
    if ctx.organisation is None:
        return []
    return [
        [
            d.number,
            d.name,
            d.address,
            d.postal_code,
            d.city,
            d.municipality_id,
            d.lease_count,
            d.year_built,
            _coordinate_text(d.latitude),
            _coordinate_text(d.longitude),
        ]
        for d in Department.objects.filter(organisation=ctx.organisation).order_by("number")
    ]


def _coordinate_text(value) -> str:
    return "" if value is None else format_number(value.normalize())


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


KIND = ImportKind(
    code="departments",
    slug="afdelinger",
    label=gettext_lazy("Departments"),
    columns=COLUMNS,
    check=check,
    plan=plan,
    write=write_plan,
    undo=undo_for(Department),
    may_import=may_import_housing,
    organisations=housing_organisations,
    per_organisation=True,
    template_rows=template_rows,
    description=gettext_lazy(
        "One row per department. A department is identified by its department number: one that "
        "is already in the organisation is updated from the file, one that is not in the file "
        "is kept."
    ),
    order=10,
)
