"""Planning, writing and undoing an import of indicator values (see `values` for the format).

Plan: each checked value is created, updated (a different value, count or source) or left
alone, compared with the stored values (locked in the write step). Write: COPY / executemany,
every written row carries the batch's id. Undo (docs/decisions/0018-imports-app.md): the values
the import created are deleted and those it changed get their old value, counts, source and
batch back; refused if any of them was changed since (by a later import, the API or a feed),
which a count and a checksum of the batch's rows, taken when they were written, tell."""

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, connection
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from boligsocial.core.importkinds import (
    CREATE,
    UPDATE,
    Change,
    FieldChange,
    ImportContext,
    UndoOutcome,
    Written,
)
from boligsocial.core.importreport import ImportResult
from boligsocial.organisations.models import Area, Department, Organisation
from boligsocial.screening.imports.lookups import Lookups
from boligsocial.screening.imports.values import Entry
from boligsocial.screening.imports.values_check import Checked
from boligsocial.screening.models import Indicator, IndicatorValue

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
_MASK = (1 << 64) - 1


class RowSum:
    """An order-independent checksum of value rows: the sum of a hash per row of integers only
    (a tuple of ints hashes the same in every process; strings do not), with the source as its
    CRC-32. Equal sums with equal counts: the rows are, for every practical purpose, the same."""

    def __init__(self) -> None:
        self.total = 0
        self._scaled: dict[Decimal, int] = {}
        self._crc: dict[str, int] = {}

    def scaled(self, value: Decimal) -> int:
        found = self._scaled.get(value)
        if found is None:
            found = self._scaled[value] = int(value.scaleb(4))
        return found

    def add(
        self, indicator_id, department_id, area_id, year, scaled, numerator, denominator, source
    ) -> None:
        crc = self._crc.get(source)
        if crc is None:
            crc = self._crc[source] = zlib.crc32(source.encode("utf-8", "surrogatepass"))
        self.total += hash(
            (
                indicator_id,
                department_id or 0,
                area_id or 0,
                year,
                scaled,
                -1 if numerator is None else numerator,
                -1 if denominator is None else denominator,
                crc,
            )
        )

    @property
    def value(self) -> str:
        return str(self.total & _MASK)


@dataclass
class ValuesPlan:
    """The plan (core.importkinds.Plan) of an import of values."""

    lookups: Lookups
    create: list[Entry] = field(default_factory=list)
    update: list[tuple[Entry, tuple]] = field(default_factory=list)  # (entry, stored row)
    unchanged: int = 0

    @property
    def created(self) -> int:
        return len(self.create)

    @property
    def updated(self) -> int:
        return len(self.update)

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(self.lookups.touched_org_ids)

    @property
    def fingerprint(self) -> str:
        new, old = RowSum(), RowSum()
        for e in self.create:
            new.add(*e.key, new.scaled(e.value), e.numerator, e.denominator, e.source)
        for e, stored in self.update:
            new.add(*e.key, new.scaled(e.value), e.numerator, e.denominator, e.source)
            old.add(stored[0], 0, 0, 0, old.scaled(stored[1]), stored[2], stored[3], stored[4])
        return f"{self.created}:{self.updated}:{self.unchanged}:{new.value}:{old.value}"

    def changes(self, limit: int) -> list[Change]:
        picked = sorted(
            [(e.line, e, None) for e in self.create[:limit]]
            + [(e.line, e, stored) for e, stored in self.update[:limit]],
            key=lambda t: t[0],
        )[:limit]
        names = _scope_names([e for _line, e, _s in picked])
        codes = {i.id: i.code for i in self.lookups.indicators_by_id.values()}
        out = []
        for line, e, stored in picked:
            scope = names.get(("d", e.department_id) if e.department_id else ("a", e.area_id))
            subject = f"{scope or _('The whole country')} · {codes[e.indicator_id]} · {e.year}"
            new = (e.value, e.numerator, e.denominator, e.source)
            old = stored[1:5] if stored else (None, None, None, "")
            fields = tuple(
                FieldChange(column, _shown(o) if stored else "", _shown(n))
                for column, o, n in zip(
                    ("vaerdi", "taeller", "naevner", "kilde"), old, new, strict=True
                )
                if (o != n if stored else n not in (None, ""))
            )
            out.append(Change(line, subject, UPDATE if stored else CREATE, fields))
        return out


def _trimmed(value: Decimal) -> Decimal:
    """23.4000 -> 23.4, 100.0000 -> 100 (not 1E+2)."""
    return Decimal(format(value.normalize(), "f"))


def _shown(value) -> str:
    if value is None:
        return ""
    return number_format(_trimmed(value)) if isinstance(value, Decimal) else str(value)


def _scope_names(entries: list[Entry]) -> dict[tuple, str]:
    departments = {e.department_id for e in entries if e.department_id}
    areas = {e.area_id for e in entries if e.area_id}
    names: dict[tuple, str] = {}
    for pk, number, name, org in Department.objects.filter(id__in=departments).values_list(
        "id", "number", "name", "organisation__name"
    ):
        names[("d", pk)] = _("%(org)s, department %(number)s %(name)s") % {
            "org": org,
            "number": number,
            "name": name,
        }
    for pk, name in Area.objects.filter(id__in=areas).values_list("id", "name"):
        names[("a", pk)] = name
    return names


def plan(checked: Checked, ctx: ImportContext) -> ValuesPlan:
    """Sort the entries into create / update / unchanged against the stored values."""
    entries = checked.entries
    existing = _existing(entries, lock=ctx.lock)
    result = ValuesPlan(checked.lookups)
    create, update = result.create, result.update
    unchanged = 0
    for e in entries:
        stored = existing.get(e.key)
        if stored is None:
            create.append(e)
        elif stored[1:5] == (e.value, e.numerator, e.denominator, e.source):
            unchanged += 1
        else:
            update.append((e, stored))
    result.unchanged = unchanged
    return result


def _existing(entries: list[Entry], *, lock: bool) -> dict[tuple, tuple]:
    """key -> (id, value, numerator, denominator, source, batch id) of the stored values the
    entries may match; with `lock`, locked for the rest of the transaction."""
    years = sorted({e.year for e in entries})
    indicator_ids = sorted({e.indicator_id for e in entries})
    department_ids = sorted({e.department_id for e in entries if e.department_id is not None})
    area_ids = sorted({e.area_id for e in entries if e.area_id is not None})
    national = any(e.department_id is None and e.area_id is None for e in entries)
    base = IndicatorValue.objects.filter(year__in=years, indicator_id__in=indicator_ids)
    if lock:
        base = base.select_for_update()
    fields = ("indicator_id", "department_id", "area_id", "year", "id", "value")
    fields += ("numerator", "denominator", "source", "batch_id")
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


def write(plan_: ValuesPlan, ctx: ImportContext) -> Written:
    """Create and update the planned values as batch `ctx.batch_id` (the caller holds the
    transaction); the undo record keeps the changed rows' old values and the checksum."""
    batch_id = ctx.batch_id
    written = RowSum()
    scaled = written.scaled
    create = []
    for e in plan_.create:
        create.append((*e.key, e.value, e.numerator, e.denominator, e.source, batch_id))
        written.add(*e.key, scaled(e.value), e.numerator, e.denominator, e.source)
    update = []
    for e, stored in plan_.update:
        update.append((e.value, e.numerator, e.denominator, e.source, batch_id, stored[0]))
        written.add(*e.key, scaled(e.value), e.numerator, e.denominator, e.source)
    _insert_and_update(create, update)
    if create:
        _lock_indicators({row[0] for row in create})
    record = {
        "created": len(create),
        "updated": [
            [stored[0], str(stored[1]), stored[2], stored[3], stored[4], stored[5]]
            for _e, stored in plan_.update
        ],
        "checksum": written.value,
    }
    result = ImportResult(created=len(create), updated=len(update), unchanged=plan_.unchanged)
    return Written(result=result, undo=record)


def _insert_and_update(create: list[tuple], update: list[tuple]) -> None:
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


def follow_up(batch_id: int | None) -> None:
    """Re-screen what the batch's values touch (in the write's transaction)."""
    from boligsocial.screening import engine

    engine.rescreen_after_import(batch_id)


def undo(record: dict, ctx: ImportContext, *, apply: bool) -> UndoOutcome:
    rows = IndicatorValue.objects.filter(batch_id=ctx.batch_id)
    if apply:
        rows = rows.select_for_update()
    current = list(
        rows.values_list(
            "indicator_id",
            "department_id",
            "area_id",
            "year",
            "scaled",
            "numerator",
            "denominator",
            "source",
        )
    )
    now = RowSum()
    for row in current:
        now.add(*row)
    if (
        len(current) != record["created"] + len(record["updated"])
        or now.value != record["checksum"]
    ):
        return UndoOutcome(
            problems=[
                _(
                    "Values from this import have been changed since, by a later import or by "
                    "the system. Undoing it would overwrite those changes."
                )
            ]
        )
    outcome = UndoOutcome(deleted=record["created"], restored=len(record["updated"]))
    if not apply:
        return outcome
    if record["updated"]:
        table = connection.ops.quote_name(IndicatorValue._meta.db_table)
        sets = ", ".join(
            f"{connection.ops.quote_name(c)} = %s"
            for c in ("value", "numerator", "denominator", "source", "batch_id")
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {sets} WHERE id = %s",  # noqa: S608
                [(Decimal(v), n, d, s, b, pk) for pk, v, n, d, s, b in record["updated"]],
            )
    IndicatorValue.objects.filter(batch_id=ctx.batch_id).delete()
    rescreen(
        department_ids={r[1] for r in current if r[1] is not None},
        area_ids={r[2] for r in current if r[2] is not None},
        years={r[3] for r in current},
        national=any(r[1] is None and r[2] is None for r in current),
    )
    return outcome


def rescreen(*, department_ids: set, area_ids: set, years: set, national: bool) -> None:
    """Re-screen after values changed outside an import's write (its undo)."""
    from boligsocial.screening import engine

    if national:
        engine.screen()
        return
    engine.rescreen(department_ids=department_ids, area_ids=area_ids, years=years)


def template_rows(ctx: ImportContext) -> Iterable[list]:
    """The organisation's department values of the latest year that has any, as stored: the
    template imports unchanged as "unchanged"; change the year and the values for a new year."""
    organisation: Organisation | None = ctx.organisation
    if organisation is None:
        return []
    values = IndicatorValue.objects.filter(department__organisation=organisation)
    latest = values.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return []
    return [
        [year, organisation.lbf_number, number, "", "", code, _trimmed(value), num, den, source]
        for year, number, code, value, num, den, source in values.filter(year=latest)
        .order_by("department__number", "indicator__position", "indicator__code")
        .values_list(
            "year",
            "department__number",
            "indicator__code",
            "value",
            "numerator",
            "denominator",
            "source",
        )
        .iterator()
    ]
