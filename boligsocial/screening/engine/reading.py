"""Reading the stored values for a screen: per scope in plain Python (`read_values`, the
single path), or per chunk of scopes straight into a polars frame (`read_frame`, the bulk path;
decisions 0010, 0012, 0014), and the national values (`read_national`).

All values are read as `IndicatorValue.scaled` (value x 10,000, an integer kept by the
database, `scaled.py`). `read_frame` packs scope, indicator and year into one integer key
(`KeyLayout`): on SQLite one `group_concat` text of "key,value" lines, on PostgreSQL two
`string_agg` byteas of binary 64-bit integers."""

from __future__ import annotations

import array
import itertools
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection

from boligsocial.screening.models import IndicatorValue

CHUNK = 2_000  # scopes per write / id-list query


def id_batches(ids: list[int], size: int | None = None) -> Iterator[list[int]]:
    """`ids` in lists of `size` (default `CHUNK`): one query or statement each."""
    size = size or CHUNK
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def read_values(column: str, ids: list[int] | None) -> Iterator[tuple[int, dict[int, dict]]]:
    """(scope id, {indicator id: {year: scaled value}}) per scope, in scope order."""
    table = IndicatorValue._meta.db_table
    base = (
        f"SELECT {column}, indicator_id, year, scaled FROM {table} "  # noqa: S608
        f"WHERE {column} IS NOT NULL"
    )
    order = f" ORDER BY {column}, indicator_id, year"
    batches = [None] if ids is None else list(id_batches(sorted(ids)))
    with connection.cursor() as cursor:
        for batch in batches:
            if batch is None:
                cursor.execute(base + order)
            else:
                marks = ",".join(["%s"] * len(batch))
                cursor.execute(f"{base} AND {column} IN ({marks}){order}", batch)
            while True:
                rows = cursor.fetchmany(20_000)
                if not rows:
                    break
                yield from rows


def grouped(rows: Iterable[tuple]) -> Iterator[tuple[int, dict[int, dict[int, int]]]]:
    for scope_id, scope_rows in itertools.groupby(rows, key=lambda r: r[0]):
        values: dict[int, dict[int, int]] = {}
        for ind, ind_rows in itertools.groupby(scope_rows, key=lambda r: r[1]):
            values[ind] = {r[2]: r[3] for r in ind_rows}
        yield scope_id, values


def read_national() -> dict[int, dict[int, int]]:
    """{indicator id: {year: national value x 10,000}} (the rows without department and area)."""
    sql = (
        f"SELECT indicator_id, year, scaled FROM {IndicatorValue._meta.db_table} "  # noqa: S608
        "WHERE department_id IS NULL AND area_id IS NULL"
    )
    national: dict[int, dict[int, int]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for ind, year, value in cursor.fetchall():
            national[ind][year] = value
    return national


# --- reading into polars ----------------------------------------------------------------------


YEAR_BASE = 1990  # IndicatorValue.year is validated to 1990-2100


@dataclass(frozen=True)
class KeyLayout:
    """How `read_frame` packs (scope, indicator, year) into one integer key: ((scope - base) x
    2^indicator_bits + indicator) x 2^year_bits + (year - year_base). Fewer digits are less
    text for the database to make (benchmark P1), so the compact layout comes first; the wide
    one takes any year and larger indicator ids."""

    indicator_bits: int
    year_bits: int
    year_base: int

    def sql(self, column: str, base: int) -> tuple[str, str]:
        """(key expression, guard: true when every row of the query fits the layout)."""
        key = (
            f"((({column} - {base}) * {1 << self.indicator_bits} + indicator_id) "
            f"* {1 << self.year_bits} + (year - {self.year_base}))"
        )
        scope_limit = 1 << (62 - self.indicator_bits - self.year_bits)
        fits = (
            f"indicator_id BETWEEN 0 AND {(1 << self.indicator_bits) - 1} "
            f"AND year BETWEEN {self.year_base} AND {self.year_base + (1 << self.year_bits) - 1} "
            f"AND {column} BETWEEN {base} AND {base + scope_limit - 1}"
        )
        # One aggregate of one condition per row (cheaper than a MIN and a MAX per column).
        guard = f"bool_and({fits})" if connection.vendor == "postgresql" else f"MIN({fits})"
        return key, guard

    def unpack(self, packed, base: int):
        import polars as pl

        k = pl.col("k")
        year_mod = 1 << self.year_bits
        indicator_mod = 1 << self.indicator_bits
        return packed.select(
            (k // (year_mod * indicator_mod) + base).alias("s"),
            (k // year_mod % indicator_mod).alias("i"),
            (k % year_mod + self.year_base).alias("y"),
            "v",
        )


COMPACT_KEY = KeyLayout(indicator_bits=10, year_bits=7, year_base=YEAR_BASE)
WIDE_KEY = KeyLayout(indicator_bits=20, year_bits=12, year_base=0)


def read_frame(column: str, ids: list[int] | None = None, between: tuple[int, int] | None = None):
    """The values of the scopes (all, the `ids`, or the ids in `between`) as a polars frame
    (s, i, y, v = value x 10,000): one query per chunk, with scope, indicator and year packed
    into one integer (`KeyLayout`). On SQLite it returns one text of "key,v" lines
    (group_concat), parsed by polars: turning numbers into text is most of SQLite's work here,
    and one short number per row instead of three cuts it. On PostgreSQL it returns the keys
    and the values as binary 64-bit integers (string_agg of int8send, fetched in binary): no
    number becomes text at all (P1, decision 0012)."""
    import boligsocial.screening.engine.bulk as bulk  # polars, imported when first needed

    if ids is not None:
        if not ids:
            return bulk.empty_frame()
        where = f"{column} IN ({','.join(str(int(x)) for x in ids)})"
        base = min(int(x) for x in ids)
    elif between is not None:
        where = f"{column} BETWEEN {int(between[0])} AND {int(between[1])}"
        base = int(between[0])
    else:
        where = f"{column} IS NOT NULL"
        base = 0
    for layout, layout_base in ((COMPACT_KEY, base), (WIDE_KEY, 0)):
        frame = _packed_read(column, where, layout, layout_base)
        if frame is not None:
            return frame
    raise ValueError("indicator or scope ids too large for the packed screening read")


def _packed_read(column: str, where: str, layout: KeyLayout, base: int):
    """The frame, or None when a row does not fit `layout` (checked in the same query)."""
    import polars as pl

    import boligsocial.screening.engine.bulk as bulk

    key, guard = layout.sql(column, base)
    table = IndicatorValue._meta.db_table
    if connection.vendor == "postgresql":
        # Keys and values as two byteas of 64-bit big-endian integers, fetched in binary: no
        # number is turned into text on either side (P1).
        import psycopg

        sql = (
            f"SELECT string_agg(int8send({key}), ''), string_agg(int8send(scaled), ''), "  # noqa: S608
            f"{guard} FROM {table} WHERE {where}"
        )
        connection.ensure_connection()
        # Django's cursors bind parameters on the client, which cannot ask for binary results.
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, binary=True)
            keys, values, fits = cursor.fetchone()

        def parse():
            return pl.DataFrame({"k": _int64s(keys), "v": _int64s(values)})

    else:
        # SQLite: one text of "key,value" lines, built by the database and parsed by polars: no
        # Python object per value.
        sql = (
            f"SELECT group_concat({key} || ',' || scaled, char(10)), {guard} "  # noqa: S608
            f"FROM {table} WHERE {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            keys, fits = cursor.fetchone()

        def parse():
            schema = {"k": pl.Int64, "v": pl.Int64}
            return pl.read_csv(keys.encode(), has_header=False, schema=schema)

    if not keys:
        return bulk.empty_frame()
    if not fits:
        return None
    return layout.unpack(parse(), base)


def _int64s(data: bytes):
    """A polars Int64 series of the big-endian 64-bit integers in `data` (int8send's format)."""
    import polars as pl

    numbers = array.array("q")
    numbers.frombytes(data)
    if sys.byteorder == "little":
        numbers.byteswap()
    return pl.Series(numbers, dtype=pl.Int64)


def values_by_scope(frame) -> Iterator[tuple[int, dict[int, dict[int, int]]]]:
    """(scope, {indicator: {year: scaled}}) per scope of a frame, in scope order."""
    rows = frame.sort("s", "i", "y").iter_rows()
    return grouped(rows)
