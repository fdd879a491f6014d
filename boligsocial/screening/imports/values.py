"""Import of indicator values per department, area or the whole country, per year.

One row is one value. Its scope is given by which columns are filled in:
- `organisation` (LBF number) + `afdeling` (department number): a department's value;
- `omraade` (area name) + `kommunekode`: an area's value (e.g. the published values of the
  statutory criteria);
- none of the four: the national value (e.g. the national share of convicted residents).
Key: (indicator, department / area / country, year). A new key is created, an existing one with a
different value, count or source is updated, an identical one is left untouched. Values that are
not in the file are kept. All or nothing: with any problem, nothing is written.

The file import and the API's bulk endpoint share the rules (`Rules`) and the write (`write`)."""

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import IntegrityError, connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.organisations.imports import cells
from boligsocial.organisations.imports.report import ImportResult, IssueCollector
from boligsocial.organisations.imports.tables import Column, Table
from boligsocial.screening.imports.lookups import Lookups, Refused
from boligsocial.screening.models import Indicator, IndicatorValue
from boligsocial.screening.statutory import FIRST_RULE_YEAR

MIN_YEAR = 2000  # a sanity bound of ours: no series we know of goes further back
PROGRESS_EVERY = 5000  # rows between progress reports

_VALUE_FIELD = IndicatorValue._meta.get_field("value")
_SOURCE_MAX = IndicatorValue._meta.get_field("source").max_length
_DECIMAL_VALIDATOR = DecimalValidator(_VALUE_FIELD.max_digits, _VALUE_FIELD.decimal_places)
_INTEGER = re.compile(r"\d+")

COLUMNS = (
    Column("aar", gettext_lazy("The year the value is for, e.g. 2024."), 2024),
    Column(
        "organisation",
        gettext_lazy(
            "For a department's value: the housing organisation's number at Landsbyggefonden "
            "(LBF number). Empty for an area's value and for a national value."
        ),
        123,
        required=False,
    ),
    Column(
        "afdeling",
        gettext_lazy(
            "For a department's value: the department's number in the housing organisation."
        ),
        1,
        required=False,
    ),
    Column(
        "omraade",
        gettext_lazy(
            "For an area's value: the housing area's name, as on the list of areas. Empty for a "
            "department's value and for a national value."
        ),
        "",
        required=False,
    ),
    Column(
        "kommunekode",
        gettext_lazy("For an area's value: the area's municipality code, e.g. 751 for Aarhus."),
        "",
        required=False,
    ),
    Column(
        "indikator",
        gettext_lazy("The indicator's code, see the list of indicators below."),
        "outside_work_education",
    ),
    Column(
        "vaerdi",
        gettext_lazy(
            "The value, with a decimal comma or point and at most 4 decimals. Percentages are "
            "0–100."
        ),
        "23,4",
    ),
    Column(
        "taeller",
        gettext_lazy("Optional: the count behind the value, e.g. persons, as a whole number."),
        187,
        required=False,
    ),
    Column(
        "naevner",
        gettext_lazy("Optional: the count the value is out of, as a whole number."),
        799,
        required=False,
    ),
    Column(
        "kilde",
        gettext_lazy("Optional: where the value comes from, e.g. Danmarks Statistik."),
        "Danmarks Statistik",
        required=False,
    ),
)
NAMES = tuple(c.name for c in COLUMNS)


class Entry(NamedTuple):
    """One checked value, ready to be written (a tuple: 100,000 of them are cheap)."""

    line: int
    indicator_id: int
    department_id: int | None
    area_id: int | None
    year: int
    value: Decimal
    numerator: int | None
    denominator: int | None
    source: str

    @property
    def key(self) -> tuple:
        return (self.indicator_id, self.department_id, self.area_id, self.year)


class Rules:
    """The checks on one value, each raising ValidationError with a Danish message."""

    def __init__(self) -> None:
        self.max_year = timezone.localdate().year

    def year(self, year: int, indicator: Indicator | None, *, area: bool) -> int:
        if year < MIN_YEAR or year > self.max_year:
            raise ValidationError(
                _("The year must be between %(min)s and %(max)s."),
                code="range",
                params={"min": MIN_YEAR, "max": self.max_year},
            )
        if area and indicator is not None and indicator.statutory_key and year < FIRST_RULE_YEAR:
            raise ValidationError(
                _(
                    "Values of the statutory criteria for areas can only be imported from "
                    "%(first)s, the first list under the current rules. For earlier years, import "
                    "the published lists."
                ),
                code="statutory_year",
                params={"first": FIRST_RULE_YEAR},
            )
        return year

    def value(self, value: Decimal, indicator: Indicator) -> Decimal:
        """Range and kind of a value already parsed (and so within the stored digits)."""
        low, high = bounds(indicator)
        if value < low or (high is not None and value > high):
            if high is None:
                message = _("The value must not be negative.")
            elif indicator.unit == "percent":
                message = _("A percentage must be between 0 and 100.")
            else:
                message = _("The value must be between %(low)s and %(high)s.") % {
                    "low": low,
                    "high": high,
                }
            raise ValidationError(message, code="range")
        if indicator.unit == "count" and value != value.to_integral_value():
            raise ValidationError(_("A count must be a whole number."), code="whole")
        return value

    def counts(self, numerator: int | None, denominator: int | None, indicator: Indicator):
        if denominator == 0:
            raise ValidationError(_("The denominator must be greater than 0."), code="zero")
        if (
            numerator is not None
            and denominator is not None
            and indicator.unit == "percent"
            and numerator > denominator
        ):
            raise ValidationError(
                _("The numerator (%(numerator)s) is greater than the denominator."),
                code="counts",
                params={"numerator": numerator},
            )

    def source(self, text: str) -> str:
        if len(text) > _SOURCE_MAX:
            raise ValidationError(
                _("The source may be at most %(max)s characters long."),
                code="length",
                params={"max": _SOURCE_MAX},
            )
        return text


def bounds(indicator: Indicator) -> tuple[Decimal, Decimal | None]:
    """(lowest, highest or None) value an indicator can take. Shares in percent are 0–100; income
    as a percentage of the region's can exceed 100; all other units are counts, rates, amounts or
    scores, none of them negative."""
    if indicator.unit == "percent" and indicator.statutory_key != "income_pct_of_region":
        return Decimal(0), Decimal(100)
    return Decimal(0), None


_MAX_WHOLE_DIGITS = _VALUE_FIELD.max_digits - _VALUE_FIELD.decimal_places


def parse_decimal(text: str) -> Decimal:
    """A number with a decimal point or comma, with at most the stored number of digits (the
    validator's message only when the quick check on the text fails)."""
    plain = text.replace(",", ".")
    whole, dot, fraction = (plain[1:] if plain.startswith("-") else plain).partition(".")
    if not (
        whole.isdigit()
        and whole.isascii()
        and (not dot or (fraction.isdigit() and fraction.isascii()))
    ):
        cells.required(text)
        raise ValidationError(
            _("“%(value)s” is not a number."), code="invalid", params={"value": text}
        )
    value = Decimal(plain)
    if (
        len(whole.lstrip("0")) > _MAX_WHOLE_DIGITS
        or len(fraction.rstrip("0")) > _VALUE_FIELD.decimal_places
    ):
        _DECIMAL_VALIDATOR(value)
    return value


def parse_count(text: str) -> int | None:
    if not text:
        return None
    if not _INTEGER.fullmatch(text):
        raise ValidationError(
            _("“%(value)s” is not a whole number of 0 or more."),
            code="invalid",
            params={"value": text},
        )
    return int(text)


def duplicate_message(line: int) -> str:
    return _(
        "The same indicator, year and department, area or country is already on line %(line)s."
    ) % {"line": line}


# --- the file -----------------------------------------------------------------------------------


def check_table(
    table: Table, lookups: Lookups, progress: Callable[[int], None] | None = None
) -> tuple[list[Entry], IssueCollector]:
    """Check every row of the file; return the entries and the problems found.

    A file of 100,000 rows repeats the same few years, indicators and departments many times:
    what a cell's text means (or what is wrong with it) is worked out once per distinct text."""
    rules = Rules()
    issues = IssueCollector()
    labels = table.labels
    entries: list[Entry] = []
    first_line: dict[tuple, int] = {}
    # text -> (result, [(column, message), ...])
    indicators: dict[str, tuple] = {}
    scopes: dict[tuple, tuple] = {}
    years: dict[tuple, tuple] = {}
    bounds_of: dict[int, tuple] = {}
    decimals: dict[str, Decimal] = {}  # text -> value, of the texts that are numbers

    def message(error) -> str:
        return cells.message_of(error) if isinstance(error, ValidationError) else str(error)

    for done, row in enumerate(table.rows, start=1):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
        v = row.values
        line = row.line
        problems: list[tuple[str, str]] = []

        code = v["indikator"]
        found = indicators.get(code)
        if found is None:
            found = indicators[code] = _indicator(code, lookups)
        indicator = found[0]
        problems += found[1]

        scope_key = (v["organisation"], v["afdeling"], v["omraade"], v["kommunekode"])
        found = scopes.get(scope_key)
        if found is None:
            found = scopes[scope_key] = _scope(scope_key, lookups, message)
        department_id, area_id = found[0]
        problems += found[1]
        scope_ok = not found[1]

        year_key = (v["aar"], indicator.id if indicator else None, area_id is not None)
        found = years.get(year_key)
        if found is None:
            found = years[year_key] = _year(v["aar"], indicator, area_id is not None, rules)
        year = found[0]
        problems += found[1]

        value = None
        try:
            text = v["vaerdi"]
            value = decimals.get(text)
            if value is None:
                value = decimals[text] = parse_decimal(text)
            if indicator is not None:
                limits = bounds_of.get(indicator.id)
                if limits is None:
                    limits = bounds_of[indicator.id] = bounds(indicator)
                if (
                    value < limits[0]
                    or (limits[1] is not None and value > limits[1])
                    or indicator.unit == "count"
                ):
                    rules.value(value, indicator)
        except ValidationError as error:
            problems.append(("vaerdi", message(error)))

        numerator = denominator = None
        if v["taeller"] or v["naevner"]:
            try:
                numerator = parse_count(v["taeller"])
            except ValidationError as error:
                problems.append(("taeller", message(error)))
            try:
                denominator = parse_count(v["naevner"])
                if indicator is not None:
                    rules.counts(numerator, denominator, indicator)
            except ValidationError as error:
                problems.append(("naevner", message(error)))

        source = v["kilde"]
        if len(source) > _SOURCE_MAX:
            try:
                rules.source(source)
            except ValidationError as error:
                problems.append(("kilde", message(error)))

        if problems or not scope_ok or indicator is None:
            for column, text in problems:
                issues.add(line, labels[column], text)
            continue
        entry = Entry(
            line, indicator.id, department_id, area_id, year, value, numerator, denominator, source
        )
        earlier = first_line.setdefault(entry.key, line)
        if earlier != line:
            issues.add(line, labels["indikator"], duplicate_message(earlier))
            continue
        entries.append(entry)
    if progress:
        progress(len(table.rows))
    return entries, issues


def _indicator(code: str, lookups: Lookups) -> tuple:
    if not code:
        return None, [("indikator", _("The field must be filled in."))]
    indicator = lookups.indicator(code)
    if indicator is None:
        message = _(
            "Unknown indicator code “%(code)s”. The codes are listed on the import page."
        ) % {"code": code}
        return None, [("indikator", message)]
    return indicator, []


def _scope(key: tuple, lookups: Lookups, message) -> tuple:
    """((department id, area id), problems) of a row's organisation, afdeling, omraade and
    kommunekode."""
    org_text, number_text, area_text, municipality_text = key
    problems: list[tuple[str, str]] = []

    def problem(_line, column, error) -> None:
        problems.append((column, message(error)))

    v = {
        "organisation": org_text,
        "afdeling": number_text,
        "omraade": area_text,
        "kommunekode": municipality_text,
    }
    if (org_text or number_text) and (area_text or municipality_text):
        text = _(
            "A row is either a department's value (organisation and afdeling) or an area's "
            "value (omraade and kommunekode), not both."
        )
        return (None, None), [("omraade" if area_text else "kommunekode", text)]
    if org_text or number_text:
        return (_department(v, lookups, problem, 0), None), problems
    if area_text or municipality_text:
        return (None, _area(v, lookups, problem, 0)), problems
    try:
        lookups.check_national()
    except Refused as error:
        return (None, None), [("indikator", str(error))]
    return (None, None), []


def _year(text: str, indicator: Indicator | None, area: bool, rules: Rules) -> tuple:
    try:
        year = cells.integer(text)
        rules.year(year, indicator, area=area)
    except ValidationError as error:
        return None, [("aar", cells.message_of(error))]
    return year, []


def _department(v: dict, lookups: Lookups, problem, line: int) -> int | None:
    org_text, number_text = v["organisation"], v["afdeling"]
    organisation = None
    try:
        org_number = cells.integer(org_text)
    except ValidationError as error:
        problem(line, "organisation", error)
    else:
        organisation = lookups.organisation(org_number)
        if organisation is None:
            problem(
                line,
                "organisation",
                _(
                    "You cannot import for housing organisation number %(number)s: it does not "
                    "exist, or you do not manage it."
                )
                % {"number": org_number},
            )
    try:
        number = cells.integer(number_text)
    except ValidationError as error:
        problem(line, "afdeling", error)
        return None
    if organisation is None:
        return None
    department_id = lookups.department_id(organisation, number)
    if department_id is None:
        problem(
            line,
            "afdeling",
            _("Department %(number)s does not exist in %(organisation)s.")
            % {"number": number, "organisation": organisation.name},
        )
    return department_id


def _area(v: dict, lookups: Lookups, problem, line: int) -> int | None:
    name = v["omraade"]
    if not name:
        problem(line, "omraade", ValidationError(_("The field must be filled in.")))
        return None
    try:
        code = cells.integer(v["kommunekode"])
    except ValidationError as error:
        problem(line, "kommunekode", error)
        return None
    area = lookups.area(code, name)
    if area is None:
        problem(
            line,
            "omraade",
            _(
                "There is no housing area “%(name)s” in municipality %(code)s that you have "
                "access to."
            )
            % {"name": name, "code": code},
        )
        return None
    try:
        lookups.check_area(area.id)
    except Refused as error:
        problem(line, "omraade", error)
        return None
    return area.id


# --- the write ----------------------------------------------------------------------------------

_COLUMNS = (
    "indicator_id",
    "department_id",
    "area_id",
    "year",
    "value",
    "numerator",
    "denominator",
    "source",
    "batch_id",
)
CHUNK = 500


def _existing(entries: list[Entry]) -> dict[tuple, tuple]:
    """key -> (id, value, numerator, denominator, source) of the stored values the entries may
    match, locked for the rest of the transaction."""
    years = sorted({e.year for e in entries})
    indicator_ids = sorted({e.indicator_id for e in entries})
    department_ids = sorted({e.department_id for e in entries if e.department_id is not None})
    area_ids = sorted({e.area_id for e in entries if e.area_id is not None})
    national = any(e.department_id is None and e.area_id is None for e in entries)
    base = IndicatorValue.objects.select_for_update().filter(
        year__in=years, indicator_id__in=indicator_ids
    )
    fields = ("indicator_id", "department_id", "area_id", "year", "id", "value")
    fields += ("numerator", "denominator", "source")
    querysets = []
    for i in range(0, len(department_ids), CHUNK):
        querysets.append(base.filter(department_id__in=department_ids[i : i + CHUNK]))
    for i in range(0, len(area_ids), CHUNK):
        querysets.append(base.filter(area_id__in=area_ids[i : i + CHUNK]))
    if national:
        querysets.append(base.filter(department_id=None, area_id=None))
    found = {}
    for qs in querysets:
        for row in qs.values_list(*fields):
            found[row[:4]] = row[4:]
    return found


def write(entries: Iterable[Entry], batch_id: int | None) -> ImportResult:
    """Create, update or leave each value (the caller holds the transaction)."""
    entries = list(entries)
    existing = _existing(entries)
    create: list[tuple] = []
    update: list[tuple] = []
    unchanged = 0
    for e in entries:
        stored = existing.get(e.key)
        if stored is None:
            create.append(
                (
                    e.indicator_id,
                    e.department_id,
                    e.area_id,
                    e.year,
                    e.value,
                    e.numerator,
                    e.denominator,
                    e.source,
                    batch_id,
                )
            )
        elif stored[1:] == (e.value, e.numerator, e.denominator, e.source):
            unchanged += 1
        else:
            update.append((e.value, e.numerator, e.denominator, e.source, batch_id, stored[0]))
    # New rows: COPY on PostgreSQL (one round trip instead of one per row); on SQLite, where
    # there are no round trips, one prepared INSERT run for every row (executemany), several
    # times faster than bulk_create's multi-row statements.
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    with connection.cursor() as cursor:
        if create and connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in create:
                    copy.write_row(row)
        elif create:
            marks = ", ".join(["%s"] * len(_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 (names from _meta)
                create,
            )
        if update:
            sets = ", ".join(
                f"{connection.ops.quote_name(c)} = %s"
                for c in ("value", "numerator", "denominator", "source", "batch_id")
            )
            cursor.executemany(
                f"UPDATE {table} SET {sets} WHERE id = %s",  # noqa: S608
                update,
            )
    if create:
        _lock_indicators({row[0] for row in create})
    return ImportResult(created=len(create), updated=len(update), unchanged=unchanged)


def _lock_indicators(ids: set[int]) -> None:
    """Lock the indicators that new values refer to until the transaction ends and check that
    they exist: what the foreign-key constraint's check did, once per indicator instead of once
    per value (`IndicatorValue`). On SQLite the transaction holds the database's write lock
    already. Raises IntegrityError (the import then reports that the data changed)."""
    table = connection.ops.quote_name(Indicator._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE id IN ({marks}){lock}", sorted(ids))  # noqa: S608
        found = {row[0] for row in cursor.fetchall()}
    if found != ids:
        raise IntegrityError(f"indicators do not exist: {sorted(ids - found)}")


# --- the API ------------------------------------------------------------------------------------


def check_items(items: list[dict], lookups: Lookups) -> tuple[list[Entry], IssueCollector]:
    """Check values given as typed dicts (the API's bulk endpoint, after its serializer): keys
    year, indicator (code), department (id or None), area (id or None), value (Decimal),
    numerator, denominator (int or None), source (str). Problems are reported with the item's
    index (from 0) as the line and the field name as the column."""
    rules = Rules()
    issues = IssueCollector()
    departments = lookups.department_ids_by_id(
        {i["department"] for i in items if i.get("department") is not None}
    )
    areas = lookups.visible_area_ids({i["area"] for i in items if i.get("area") is not None})
    lookups.touched_org_ids |= set(departments.values())
    entries: list[Entry] = []
    first: dict[tuple, int] = {}

    def problem(index: int, field: str, error) -> None:
        message = cells.message_of(error) if isinstance(error, ValidationError) else str(error)
        issues.add(index, field, message)

    for index, item in enumerate(items):
        ok = True
        indicator = lookups.indicator(item["indicator"])
        if indicator is None:
            ok = False
            problem(
                index,
                "indicator",
                _("Unknown indicator code “%(code)s”.") % {"code": item["indicator"]},
            )
        department_id, area_id = item.get("department"), item.get("area")
        if department_id is not None and area_id is not None:
            ok = False
            problem(index, "area", _("Give a department or an area, not both."))
        elif department_id is not None:
            if department_id not in departments:
                ok = False
                problem(
                    index,
                    "department",
                    _("Department %(id)s does not exist, or you do not manage it.")
                    % {"id": department_id},
                )
        elif area_id is not None:
            if area_id not in areas:
                ok = False
                problem(
                    index,
                    "area",
                    _("Housing area %(id)s does not exist, or you do not have access to it.")
                    % {"id": area_id},
                )
            else:
                try:
                    lookups.check_area(area_id)
                except Refused as error:
                    ok = False
                    problem(index, "area", error)
        else:
            try:
                lookups.check_national()
            except Refused as error:
                ok = False
                problem(index, "indicator", error)
        try:
            rules.year(item["year"], indicator, area=area_id is not None)
        except ValidationError as error:
            ok = False
            problem(index, "year", error)
        if indicator is not None:
            try:
                rules.value(item["value"], indicator)
            except ValidationError as error:
                ok = False
                problem(index, "value", error)
            try:
                rules.counts(item.get("numerator"), item.get("denominator"), indicator)
            except ValidationError as error:
                ok = False
                problem(index, "denominator", error)
        if not ok:
            continue
        entry = Entry(
            index,
            indicator.id,
            department_id,
            area_id,
            item["year"],
            item["value"],
            item.get("numerator"),
            item.get("denominator"),
            item.get("source") or "",
        )
        earlier = first.setdefault(entry.key, index)
        if earlier != index:
            problem(
                index,
                "indicator",
                _(
                    "The same indicator, year and department, area or country is already item "
                    "%(index)s."
                )
                % {"index": earlier},
            )
            continue
        entries.append(entry)
    return entries, issues
