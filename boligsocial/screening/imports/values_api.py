"""Indicator values posted to the REST API's bulk endpoint (`screening/api.py`): the checks of a
file import on typed items, and the import as one ImportBatch without preview (an API client
cannot confirm a page; the answer lists what was created and updated)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from boligsocial.core import cells
from boligsocial.core.importreport import MAX_ISSUES_SHOWN, IssueCollector
from boligsocial.imports import processing
from boligsocial.imports.models import ImportBatch
from boligsocial.screening.imports.lookups import Lookups, Refused
from boligsocial.screening.imports.values import Entry, Rules
from boligsocial.screening.imports.values_check import Checked

_INVALID_CHARACTER = re.compile("[\x00\ud800-\udfff]")
API_FILENAME = "API"
Status = ImportBatch.Status


def may_import(user) -> bool:
    """The values kind's rule (screening/import_kinds.py)."""
    from boligsocial.screening.import_kinds import VALUES

    return VALUES.may_import(user)


def start_items(*, items: list[dict], user, sha256: str, type_issues=None) -> ImportBatch:
    """Import values posted to the API (already parsed to typed dicts, see check_items) as one
    batch, at once. `type_issues` are problems the API's serializer found; with any, nothing is
    imported."""
    from boligsocial.screening.import_kinds import VALUES

    batch = ImportBatch.objects.create(
        kind=VALUES.code,
        filename=API_FILENAME,
        sha256=sha256,
        created_by=user,
        status=Status.RUNNING,
        step=ImportBatch.Step.WRITE,
        rows_total=len(items),
    )
    if type_issues:
        processing.fail(batch, type_issues[:MAX_ISSUES_SHOWN], len(type_issues))
        return batch
    lookups = Lookups(user)
    entries, issues = check_items(items, lookups)
    batch.rows_done = len(items)
    if issues:
        processing.fail(batch, issues.shown, issues.count)
        return batch
    ctx = processing.context(batch, lock=True)
    processing.write_checked(batch, VALUES, Checked(entries, lookups), ctx)
    batch.refresh_from_db()
    return batch


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
        if _INVALID_CHARACTER.search(item.get("source") or ""):
            ok = False
            problem(
                index,
                "source",
                _(
                    "The text has a character that cannot be stored (a NUL character or an "
                    "invalid code)."
                ),
            )
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
