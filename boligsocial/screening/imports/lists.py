"""Import of the officially published lists (udsatte boligområder, parallelsamfund,
omdannelsesområder, forebyggelsesområder) per area and year: one row per area, year and list.

Key: (area, year, list). A new key is created, a known one is left untouched; memberships that are
not in the file are kept. The list may be written by its code or its Danish name, including the
names used before 2021 ("ghettoområde" = parallelsamfund, "hårdt ghettoområde" = omdannelse); the
pre-2018 ghetto list is imported as parallelsamfund. A forebyggelsesområde is never also on one of
the other lists (almenboligloven § 61 b), so such a combination is refused.

Undo deletes the memberships the import created; refused if any of them is gone or was written
again since (docs/decisions/0018-imports-app.md)."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core import cells
from boligsocial.core.importkinds import (
    CREATE,
    Change,
    Column,
    FieldChange,
    ImportContext,
    UndoOutcome,
    Written,
)
from boligsocial.core.importreport import ImportResult, IssueCollector
from boligsocial.core.tables import Table
from boligsocial.organisations.models import Area
from boligsocial.screening import statutory
from boligsocial.screening.imports.lookups import Lookups, Refused
from boligsocial.screening.imports.values import MIN_YEAR, PROGRESS_EVERY
from boligsocial.screening.models import PublishedListMembership

List = PublishedListMembership.List

COLUMNS = (
    Column("aar", gettext_lazy("The year of the list (published on 1 December)."), 2023),
    Column(
        "omraade", gettext_lazy("The housing area's name, as on the list of areas."), "Solparken"
    ),
    Column("kommunekode", gettext_lazy("The area's municipality code, e.g. 751 for Aarhus."), 751),
    Column(
        "liste",
        gettext_lazy(
            "The list: udsat, parallelsamfund, omdannelse or forebyggelse (the Danish names, "
            "e.g. “udsat boligområde” or “ghettoområde”, may be used too). One row per list."
        ),
        "udsat",
    ),
)
NAMES = tuple(c.name for c in COLUMNS)

_ALIASES = {
    "udsat": List.UDSAT,
    "udsat boligområde": List.UDSAT,
    "udsat boligomraade": List.UDSAT,
    "udsatte boligområder": List.UDSAT,
    "parallelsamfund": List.PARALLELSAMFUND,
    "ghettoområde": List.PARALLELSAMFUND,
    "ghettoomraade": List.PARALLELSAMFUND,
    "ghettolisten": List.PARALLELSAMFUND,
    "omdannelse": List.OMDANNELSE,
    "omdannelsesområde": List.OMDANNELSE,
    "omdannelsesomraade": List.OMDANNELSE,
    "hårdt ghettoområde": List.OMDANNELSE,
    "haardt ghettoomraade": List.OMDANNELSE,
    "forebyggelse": List.FOREBYGGELSE,
    "forebyggelsesområde": List.FOREBYGGELSE,
    "forebyggelsesomraade": List.FOREBYGGELSE,
}
FIRST_YEAR = {
    List.OMDANNELSE: statutory.FIRST_RULE_YEAR,
    List.FOREBYGGELSE: statutory.FOREBYGGELSE_FIRST_YEAR,
}
_UDSAT_FAMILY = frozenset({List.UDSAT, List.PARALLELSAMFUND, List.OMDANNELSE})


@dataclass(frozen=True, slots=True)
class Membership:
    line: int
    area_id: int
    year: int
    list: str

    @property
    def key(self) -> tuple:
        return (self.area_id, self.year, self.list)


def parse_list(text: str) -> str:
    found = _ALIASES.get(" ".join(cells.required(text).split()).casefold())
    if found is None:
        raise ValidationError(
            _(
                "Unknown list “%(value)s”. Write udsat, parallelsamfund, omdannelse or "
                "forebyggelse."
            ),
            code="unknown",
            params={"value": text},
        )
    return found.value


def check_year(year: int, list_code: str) -> int:
    max_year = timezone.localdate().year
    if year < MIN_YEAR or year > max_year:
        raise ValidationError(
            _("The year must be between %(min)s and %(max)s."),
            code="range",
            params={"min": MIN_YEAR, "max": max_year},
        )
    first = FIRST_YEAR.get(list_code)
    if first is not None and year < first:
        raise ValidationError(
            _("The list “%(list)s” was first published in %(year)s."),
            code="range",
            params={"list": List(list_code).label, "year": first},
        )
    return year


def check_table(
    table: Table, lookups: Lookups, progress: Callable[[int], None] | None = None
) -> tuple[list[Membership], IssueCollector]:
    issues = IssueCollector()
    labels = table.labels
    entries: list[Membership] = []
    first_line: dict[tuple, int] = {}

    def problem(line: int, column: str, error) -> None:
        message = cells.message_of(error) if isinstance(error, ValidationError) else str(error)
        issues.add(line, labels[column], message)

    for done, row in enumerate(table.rows, start=1):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
        v, line = row.values, row.line
        ok = True
        list_code = None
        try:
            list_code = parse_list(v["liste"])
        except ValidationError as error:
            ok = False
            problem(line, "liste", error)
        year = None
        try:
            year = cells.integer(v["aar"])
            if list_code is not None:
                check_year(year, list_code)
        except ValidationError as error:
            ok = False
            problem(line, "aar", error)
        area_id = _area(v, lookups, problem, line)
        if not ok or area_id is None:
            continue
        entry = Membership(line, area_id, year, list_code)
        earlier = first_line.setdefault(entry.key, line)
        if earlier != line:
            problem(
                line,
                "liste",
                _("The same area, year and list is already on line %(line)s.") % {"line": earlier},
            )
            continue
        entries.append(entry)
    if not issues:
        _check_combinations(entries, issues, labels["liste"])
    if progress:
        progress(len(table.rows))
    return entries, issues


def _area(v: dict, lookups: Lookups, problem, line: int) -> int | None:
    name = v["omraade"]
    try:
        cells.required(name)
        code = cells.integer(v["kommunekode"])
    except ValidationError as error:
        problem(line, "omraade" if not name else "kommunekode", error)
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


def _check_combinations(entries: list[Membership], issues: IssueCollector, column: str) -> None:
    """A forebyggelsesområde is never on the other lists in the same year (file and stored)."""
    stored: dict[tuple, set[str]] = {}
    area_ids = {e.area_id for e in entries}
    for area_id, year, list_code in PublishedListMembership.objects.filter(
        area_id__in=area_ids
    ).values_list("area_id", "year", "list"):
        stored.setdefault((area_id, year), set()).add(list_code)
    combined: dict[tuple, set[str]] = {k: set(v) for k, v in stored.items()}
    for e in entries:
        combined.setdefault((e.area_id, e.year), set()).add(e.list)
    for e in entries:
        lists = combined[(e.area_id, e.year)]
        if e.list == List.FOREBYGGELSE and lists & _UDSAT_FAMILY:
            issues.add(
                e.line,
                column,
                _(
                    "A forebyggelsesområde cannot also be on the list of udsatte boligområder, "
                    "parallelsamfund or omdannelsesområder in the same year."
                ),
            )


def check(table: Table, ctx: ImportContext) -> tuple[tuple, IssueCollector]:
    """The kind's check (core.importkinds)."""
    lookups = Lookups(ctx.user)
    entries, issues = check_table(table, lookups, ctx.progress)
    return (entries, lookups), issues


@dataclass
class ListsPlan:
    """The plan (core.importkinds.Plan) of an import of list memberships."""

    lookups: Lookups
    create: list[Membership] = field(default_factory=list)
    unchanged: int = 0
    updated: int = 0  # a membership is there or not: nothing to update

    @property
    def created(self) -> int:
        return len(self.create)

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(self.lookups.touched_org_ids)

    @property
    def fingerprint(self) -> str:
        keys = sorted(e.key for e in self.create)
        return hashlib.sha256(repr((keys, self.unchanged)).encode()).hexdigest()

    def changes(self, limit: int) -> list[Change]:
        picked = self.create[:limit]
        names = dict(
            Area.objects.filter(id__in={e.area_id for e in picked}).values_list("id", "name")
        )
        return [
            Change(
                e.line,
                f"{names.get(e.area_id, '')} · {e.year}",
                CREATE,
                (FieldChange("liste", "", str(List(e.list).label)),),
            )
            for e in picked
        ]


def plan(checked: tuple, ctx: ImportContext) -> ListsPlan:
    entries, lookups = checked
    qs = PublishedListMembership.objects.filter(
        area_id__in={e.area_id for e in entries}, year__in={e.year for e in entries}
    )
    if ctx.lock:
        qs = qs.select_for_update()
    existing = set(qs.values_list("area_id", "year", "list"))
    result = ListsPlan(lookups)
    for e in entries:
        if e.key in existing:
            result.unchanged += 1
        else:
            result.create.append(e)
    return result


def write(plan_: ListsPlan, ctx: ImportContext) -> Written:
    new = [
        PublishedListMembership(area_id=e.area_id, year=e.year, list=e.list, batch_id=ctx.batch_id)
        for e in plan_.create
    ]
    PublishedListMembership.objects.bulk_create(new, batch_size=1000)
    result = ImportResult(created=len(new), unchanged=plan_.unchanged)
    return Written(result=result, undo={"created": sorted(list(e.key) for e in plan_.create)})


def follow_up(batch_id: int | None) -> None:
    from boligsocial.screening import engine

    engine.rescreen_after_import(batch_id)


def undo(record: dict, ctx: ImportContext, *, apply: bool) -> UndoOutcome:
    rows = PublishedListMembership.objects.filter(batch_id=ctx.batch_id)
    if apply:
        rows = rows.select_for_update()
    current = sorted(list(key) for key in rows.values_list("area_id", "year", "list"))
    if current != record["created"]:
        return UndoOutcome(
            problems=[
                _(
                    "List memberships from this import have been changed or deleted since. "
                    "Undoing it would overwrite those changes."
                )
            ]
        )
    outcome = UndoOutcome(deleted=len(current))
    if apply and current:
        rows.delete()
        from boligsocial.screening import engine

        engine.screen(area_ids={area_id for area_id, _year, _list in current})
    return outcome


def template_rows(ctx: ImportContext):
    """The memberships of the latest year of the areas with the organisation's departments."""
    if ctx.organisation is None:
        return []
    memberships = PublishedListMembership.objects.filter(
        area__departments__organisation=ctx.organisation
    ).distinct()
    latest = memberships.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return []
    return [
        [year, name, code, list_code]
        for year, name, code, list_code in memberships.filter(year=latest)
        .order_by("area__name", "list")
        .values_list("year", "area__name", "area__municipality_id", "list")
    ]
