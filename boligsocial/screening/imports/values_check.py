"""Checking a file of indicator values row by row (see `values` for the format and the rules).

A file of 100,000 rows repeats the same few years, indicators and departments many times: what a
cell's text means (or what is wrong with it) is worked out once per distinct text."""

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from boligsocial.core import cells
from boligsocial.core.importkinds import ImportContext
from boligsocial.core.importreport import IssueCollector
from boligsocial.core.tables import Table
from boligsocial.screening.imports.lookups import Lookups, Refused
from boligsocial.screening.imports.values import (
    PROGRESS_EVERY,
    SOURCE_MAX,
    Entry,
    Rules,
    bounds,
    duplicate_message,
    parse_count,
    parse_decimal,
)
from boligsocial.screening.models import Indicator

# --- the file -----------------------------------------------------------------------------------


class Checked(NamedTuple):
    """What the check found (the kind's `checked`): the values, and the lookups that resolved
    them (which organisations the file touched)."""

    entries: list[Entry]
    lookups: Lookups


def check(table: Table, ctx: ImportContext) -> tuple[Checked, IssueCollector]:
    """The kind's check (core.importkinds): every row of the file, for `ctx.user`."""
    lookups = Lookups(ctx.user)
    entries, issues = check_table(table, lookups, ctx.progress)
    return Checked(entries, lookups), issues


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
        if len(source) > SOURCE_MAX:
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
