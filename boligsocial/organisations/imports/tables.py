"""Reading an uploaded CSV or XLSX file into rows of text, numbered by their line in the file.

CSV: UTF-8 (with or without BOM), delimiter `;` or `,` sniffed from the header line.
XLSX: the first sheet, read with openpyxl in read-only mode; a row's line is its sheet row.
The header is the first non-blank line. Header names are matched loosely ("Antal lejemål"
matches `antal_lejemaal`); problems are reported with the header name as written in the file.
Blank lines are skipped; columns that are not asked for are ignored.
"""

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from boligsocial.organisations.imports.report import ImportIssue, ImportResult, IssueCollector

MAX_ROWS = 100_000
CSV, XLSX = "csv", "xlsx"
XLSX_MAGIC = b"PK\x03\x04"
_TRANSLITERATION = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "²": "2", " ": "_", "-": "_", "/": "_"}
)


@dataclass(frozen=True)
class Column:
    """One column of an import format: its header name, what it holds, an example value."""

    name: str
    description: str
    example: object
    required: bool = True  # must the cell be filled in (the header is always required)


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]  # column name -> cell text, whitespace collapsed


@dataclass(frozen=True)
class Table:
    labels: dict[str, str]  # column name -> the header as written in the file
    rows: list[Row]


class TableError(Exception):
    """The file cannot be read as a table of the asked-for columns."""

    def __init__(self, issues: Sequence[ImportIssue] | IssueCollector) -> None:
        super().__init__(issues)
        if not isinstance(issues, IssueCollector):
            collector = IssueCollector()
            collector.extend(list(issues))
            issues = collector
        self.result: ImportResult = issues.result()


def normalise_header(text: str) -> str:
    parts = text.strip().lower().translate(_TRANSLITERATION).split("_")
    return "_".join(p for p in parts if p)


def read_table(file, filename: str | None, columns: Sequence[str]) -> Table:
    """Read `file` (binary file-like) as a table with the given columns, or raise TableError."""
    data = _read_limited(file)
    if not data.strip():
        raise TableError([ImportIssue(0, "", _("The file is empty."))])
    fmt = _format_of(filename, data)
    lines = _xlsx_lines(data) if fmt == XLSX else _csv_lines(data)
    return _table(lines, columns, strict_width=fmt == CSV)


def _read_limited(file) -> bytes:
    limit = settings.IMPORT_MAX_BYTES
    too_large = ImportIssue(
        0,
        "",
        _("The file is larger than the limit of %(limit)s.") % {"limit": filesizeformat(limit)},
    )
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise TableError([too_large])
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise TableError([too_large])
    return data


def _format_of(filename: str | None, data: bytes) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xlsx" or (not suffix and data.startswith(XLSX_MAGIC)):
        return XLSX
    if suffix in (".csv", ".txt") or not suffix:
        return CSV
    raise TableError(
        [
            ImportIssue(
                0,
                "",
                _("Only CSV files (.csv) and Excel workbooks (.xlsx) can be imported."),
            )
        ]
    )


def _csv_lines(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of every record; line is where the record starts."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if data.startswith(XLSX_MAGIC):
            message = _("The file is an Excel workbook; give it the file name extension .xlsx.")
            raise TableError([ImportIssue(0, "", message)]) from None
        message = _(
            "The file is not UTF-8 encoded (an invalid character is on this line). "
            "Save it as “CSV UTF-8” and try again."
        )
        raise TableError([ImportIssue(line, "", message)]) from None
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error:
        message = _("This line could not be read as CSV (check the quotation marks).")
        raise TableError([ImportIssue(start, "", message)]) from None


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list[str]]]:
    import openpyxl  # imported here: only XLSX imports pay for it

    unreadable = ImportIssue(0, "", _("The file could not be read as an Excel workbook (.xlsx)."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for broken workbooks
        raise TableError([unreadable]) from None
    try:
        if not workbook.worksheets:
            raise TableError([unreadable])
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # do not trust the file's stated size
        try:
            for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield line, [_cell_text(v) for v in values]
        except TableError:
            raise
        except Exception:
            raise TableError([unreadable]) from None
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _blank(cells: list[str]) -> bool:
    """Are all the cells empty or whitespace? (str.strip and str.split agree on whitespace.)"""
    return not "".join(cells).strip()


def _table(
    lines: Iterator[tuple[int, list[str]]], columns: Sequence[str], *, strict_width: bool
) -> Table:
    lines = iter(lines)  # the rows continue where the search for the header stopped
    header_line, header = next(
        ((ln, [" ".join(c.split()) for c in cells]) for ln, cells in lines if not _blank(cells)),
        (0, []),
    )
    if not header:
        raise TableError([ImportIssue(0, "", _("The file is empty."))])
    positions = _header_positions(header_line, header, columns)
    labels = {name: header[i] for name, i in positions.items()}
    picks = tuple(positions.items())
    width = len(header)
    rows: list[Row] = []
    issues = IssueCollector()
    # Up to 100,000 rows: the loop touches only the cells it keeps (whitespace collapsed).
    for line, cells in lines:
        if _blank(cells):
            continue
        if len(rows) == MAX_ROWS:
            message = _("The file has more than %(max)s rows. Split it into smaller files.") % {
                "max": number_format(MAX_ROWS, force_grouping=True)
            }
            raise TableError([ImportIssue(0, "", message)])
        count = len(cells)
        if strict_width and count > width and not _blank(cells[width:]):
            issues.add(line, "", _too_many_fields(count, width))
        rows.append(
            Row(line, {name: " ".join(cells[i].split()) if i < count else "" for name, i in picks})
        )
    if issues:
        raise TableError(issues)
    if not rows:
        raise TableError([ImportIssue(0, "", _("The file has no rows below the header."))])
    return Table(labels=labels, rows=rows)


def _too_many_fields(found: int, expected: int) -> str:
    return _(
        "The line has %(found)s fields, but the header has %(expected)s. In a comma-separated "
        "file, decimal numbers with a comma must be in quotation marks."
    ) % {"found": found, "expected": expected}


def _header_positions(line: int, header: list[str], columns: Sequence[str]) -> dict[str, int]:
    issues: list[ImportIssue] = []
    seen: dict[str, int] = {}
    for i, text in enumerate(header):
        if not text:
            continue
        key = normalise_header(text)
        if key in seen:
            message = _("The column “%(column)s” appears more than once in the header.") % {
                "column": text
            }
            issues.append(ImportIssue(line, text, message))
        else:
            seen[key] = i
    if sum(1 for text in header if text) == 1 and len(columns) > 1:
        message = _(
            "The header has only one column. "
            "Separate the columns with semicolons (;) or commas (,)."
        )
        issues.append(ImportIssue(line, header[seen[next(iter(seen))]], message))
    for name in columns:
        if name not in seen:
            message = _("The header is missing the column “%(column)s”.") % {"column": name}
            issues.append(ImportIssue(line, name, message))
    if issues:
        raise TableError(issues)
    return {name: seen[name] for name in columns}
