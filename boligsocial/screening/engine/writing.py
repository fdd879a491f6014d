"""Writing a screen's results: the lights with one DELETE and a bulk insert per chunk
(`executemany` on SQLite, `COPY ... FROM STDIN` on PostgreSQL, multi-row INSERTs for the
single path's rows); no per-row queries. A light's indicators are stored as the compact text
of `screening.cells` (decisions 0010, 0012, 0015)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from boligsocial.screening import cells
from boligsocial.screening.engine.config import Config
from boligsocial.screening.engine.reading import id_batches
from boligsocial.screening.models import Light


def adapt_now():
    return connection.ops.adapt_datetimefield_value(timezone.now())


LIGHT_COLUMNS = [
    "department_id",
    "area_id",
    "year",
    "score",
    "colour",
    "indicators",
    "analysis_text",
    "recommendation",
    "follow_up",
    "review_months",
    "weight_set_id",
    "computed_at",
]


def result_rows(scope_column: str, scope_id: int, results, cfg: Config, now) -> list[tuple]:
    """The single path's results as rows of LIGHT_COLUMNS (cells with `cfg`'s indicator ids,
    the light's weight set `cfg`'s)."""
    dumps = json.dumps
    rows = []
    dept, area = (scope_id, None) if scope_column == "department_id" else (None, scope_id)
    for year, score, colour, indicators, themes, follow, review, versions in results:
        rows.append(
            (
                dept,
                area,
                year,
                None if score is None else str(score),
                colour,
                cells.encode(indicators, versions, ids=cfg.ids),
                "",
                dumps(themes, ensure_ascii=False),
                follow,
                review,
                cfg.weight_set_id,
                now,
            )
        )
    return rows


@dataclass
class BulkRows:
    """The bulk path's lights: the columns that vary per light, and those that are the same for
    all of them (the other scope column, the blank analysis, the weight set, the time)."""

    frame: object  # polars DataFrame
    constants: dict

    def full(self, columns: list[str] = LIGHT_COLUMNS):
        """A frame of the `columns` (default: all LIGHT_COLUMNS)."""
        import polars as pl

        return self.frame.with_columns(
            pl.lit(v, dtype=pl.Int64 if k.endswith("_id") else pl.String).alias(k)
            for k, v in self.constants.items()
            if k in columns
        ).select(columns)


def bulk_rows(scope_column: str, lights, weight_set_id, now) -> BulkRows:
    """`bulk.light_rows`' frame as LIGHT_COLUMNS."""
    import polars as pl

    other = "area_id" if scope_column == "department_id" else "department_id"
    frame = lights.select(
        pl.col("s").alias(scope_column),
        pl.col("y").alias("year"),
        "score",
        "colour",
        "indicators",
        "recommendation",
        "follow_up",
        "review_months",
    )
    constants = {
        other: None,
        "analysis_text": "",
        "weight_set_id": weight_set_id,
        "computed_at": now if isinstance(now, str) else now.isoformat(),
    }
    return BulkRows(frame, constants)


def _sql_literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


def write_lights(batch, raw=None) -> int:
    """Insert the lights of a `BulkRows` (COPY on PostgreSQL, executemany on SQLite with the
    constants as literals: fewer parameters to bind per row) or a list of row tuples of
    LIGHT_COLUMNS (multi-row INSERT). `raw`: the DB-API connection to write through (the
    pipeline's writer thread writes through the screening thread's connection); default this
    thread's."""
    if isinstance(batch, list):
        _insert(Light._meta.db_table, LIGHT_COLUMNS, batch)
        return len(batch)
    frame = batch.frame
    if frame.is_empty():
        return 0
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    table = Light._meta.db_table
    if connection.vendor == "postgresql":
        # COPY's text format: cheaper for the server to parse than CSV (no quotes). Its special
        # characters (backslash, tab, newline, carriage return) can only be in the follow-up
        # (the organisation's words) and the recommendation (theme names): escaped there.
        # Without the time: the column's default, the COPY statement's time (parsing a
        # timestamp per row was a tenth of the COPY; decision 0012).
        columns = [c for c in LIGHT_COLUMNS if c != "computed_at"]
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        frame = batch.full(columns)
        escaped = [c for c in ("follow_up", "recommendation") if _needs_escape(frame, c)]
        if escaped:
            frame = frame.with_columns(_copy_escaped(column) for column in escaped)
        data = io.BytesIO()  # bytes straight from polars: no str to encode (55 MB in P1)
        frame.write_csv(
            data, include_header=False, separator="\t", quote_style="never", null_value="\\N"
        )
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            copy.write(data.getbuffer())
    else:
        columns = ", ".join([*frame.columns, *batch.constants])
        values = ",".join(
            [*(["?"] * frame.width), *(_sql_literal(v) for v in batch.constants.values())]
        )
        sql = f"INSERT INTO {table} ({columns}) VALUES ({values})"  # noqa: S608
        raw.executemany(sql, frame.iter_rows())
    return frame.height


def _needs_escape(frame, column: str) -> bool:
    """Whether a text column holds one of COPY's special characters (rare: one pass, instead
    of the four of `_copy_escaped`)."""
    import polars as pl

    return bool(frame.select(pl.col(column).str.contains(r"[\\\t\n\r]").any()).item())


def _copy_escaped(column: str):
    """The column as COPY's text format needs it: backslash, tab, newline and carriage return
    written as backslash sequences."""
    import polars as pl

    expr = pl.col(column)
    for char, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        expr = expr.str.replace_all(char, escaped, literal=True)
    return expr


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Multi-row INSERTs (the single path's rows)."""
    if not rows:
        return
    row_sql = "(" + ",".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, 900 // len(columns)) if connection.vendor == "sqlite" else 500
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608
                + ",".join([row_sql] * len(batch))
            )
            cursor.execute(sql, [v for row in batch for v in row])


def delete_rows(model, column: str, ids: list[int] | None, years: set[int] | None) -> None:
    qs = model.objects.filter(**{f"{column}__isnull": False})
    if years is not None:
        qs = qs.filter(year__in=sorted(years))
    if ids is None:
        qs.delete()
        return
    for batch in id_batches(sorted(ids)):
        qs.filter(**{f"{column}__in": batch}).delete()
