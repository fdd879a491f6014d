"""Reading an uploaded CSV or XLSX file into rows of text, numbered by their line in the file,
within limits that are checked before the expensive work (in the request and the worker alike).

CSV: UTF-8 (with or without BOM) or Windows-1252 (what Danish Excel's "CSV (semikolonsepareret)"
writes); a file with UTF-8 characters and also bytes that are not UTF-8 is refused at the first
bad line, since guessing would garble its æ, ø and å. The delimiter, `;` or `,`, is sniffed from
the header line. XLSX: the first sheet (`core.workbooks`); a row's line is its sheet row.

The header is the first non-blank line. Header names are matched loosely ("Antal lejemål"
matches `antal_lejemaal`); problems are reported with the header name as written in the file.
Blank lines are skipped; columns that are not asked for are ignored. A column asked for as
`optional("name")` may be left out of the header: a file without it reads as before, and its
name is then in neither `Table.labels` nor the rows' values (every other column is required in
the header, as always).

Limits (module constants): the file's size (`settings.IMPORT_MAX_BYTES`, checked before reading),
`MAX_ROWS` rows below the header and `max_lines()` lines in all (blank ones too, counted before
parsing), `MAX_COLUMNS` header columns, `MAX_CELL_CHARS` characters in a cell. A NUL character
(or, in a workbook, a lone surrogate) in a cell is a row error: PostgreSQL cannot store it.
"""

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from boligsocial.core import workbooks
from boligsocial.core.importreport import ImportIssue, ImportResult, IssueCollector

MAX_ROWS = 100_000
MAX_COLUMNS = 100
MAX_CELL_CHARS = 1000
CSV, XLSX = "csv", "xlsx"
XLSX_MAGIC = b"PK\x03\x04"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_TRANSLITERATION = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "²": "2", " ": "_", "-": "_", "/": "_"}
)
# A multi-byte UTF-8 sequence: a file that has one is UTF-8 (Windows-1252 text practically
# never has these pairs), so a byte that is not UTF-8 in it is an error, not another encoding.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_INVALID_CHARACTER = re.compile("[\x00\ud800-\udfff]")


class OptionalColumn(str):
    """A column name whose header may be missing (`optional`); otherwise a plain str."""

    __slots__ = ()


def optional(name: str) -> OptionalColumn:
    return OptionalColumn(name)


def max_lines() -> int:
    """Lines in all, blank lines included: the rows' limit plus a tenth for blank lines."""
    return MAX_ROWS + MAX_ROWS // 10 + 1


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


def file_error(message: str) -> TableError:
    return TableError([ImportIssue(0, "", message)])


def too_many_rows() -> TableError:
    return file_error(
        _("The file has more than %(max)s rows. Split it into smaller files.")
        % {"max": number_format(MAX_ROWS, force_grouping=True)}
    )


def normalise_header(text: str) -> str:
    parts = text.strip().lower().translate(_TRANSLITERATION).split("_")
    return "_".join(p for p in parts if p)


def read_table(file, filename: str | None, columns: Sequence[str]) -> Table:
    """Read `file` (binary file-like) as a table with the given columns, or raise TableError."""
    data = read_limited(file)
    if not data.strip():
        raise file_error(_("The file is empty."))
    fmt = format_of(filename, data)
    if fmt == XLSX:
        return _table(_workbook_lines(data), columns, strict_width=False, suspect=True)
    text = _decode(data)
    suspect = "\x00" in text or max(map(len, text.split("\n"))) > MAX_CELL_CHARS
    return _table(_csv_lines(text), columns, strict_width=True, suspect=suspect)


def _workbook_lines(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's lines (`core.workbooks`, which checks the workbook before parsing)."""
    try:
        yield from workbooks.sheet_lines(data, max_lines=max_lines(), max_columns=MAX_COLUMNS)
    except workbooks.TooManyRows:
        raise too_many_rows() from None
    except workbooks.Refused as refused:
        raise file_error(refused.message) from None


def read_limited(file) -> bytes:
    """The file's bytes, or TableError if it is larger than `settings.IMPORT_MAX_BYTES`."""
    limit = settings.IMPORT_MAX_BYTES
    too_large = file_error(
        _("The file is larger than the limit of %(limit)s.") % {"limit": filesizeformat(limit)}
    )
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise too_large
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise too_large
    return data


def format_of(filename: str | None, data: bytes) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xlsx" or (not suffix and data.startswith(XLSX_MAGIC)):
        return XLSX
    if suffix in (".csv", ".txt") or not suffix:
        return CSV
    raise file_error(_("Only CSV files (.csv) and Excel workbooks (.xlsx) can be imported."))


def _decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8, else Windows-1252 (module docstring)."""
    if data.count(b"\n") > max_lines():
        raise too_many_rows()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith(XLSX_MAGIC):
            message = _("The file is an Excel workbook; give it the file name extension .xlsx.")
            raise file_error(message) from None
        if data.startswith(UTF16_BOMS):
            message = _(
                "The file is saved as Unicode text (UTF-16). Save it as “CSV UTF-8” or "
                "“CSV (semicolon separated)” and try again."
            )
            raise file_error(message) from None
        if _UTF8_SEQUENCE.search(data):
            raise _encoding_error(data, exc.start) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _encoding_error(data, exc.start) from None


def _encoding_error(data: bytes, position: int) -> TableError:
    line = data[:position].count(b"\n") + 1
    message = _(
        "The line has a character that is neither UTF-8 nor Windows-1252 (the formats CSV files "
        "are read in). Save the file as “CSV UTF-8” and try again."
    )
    return TableError([ImportIssue(line, "", message)])


def _csv_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of every record; line is where the record starts."""
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


def _blank(cells: list[str]) -> bool:
    """Are all the cells empty or whitespace? (str.strip and str.split agree on whitespace.)"""
    return not "".join(cells).strip()


def _table(
    lines: Iterator[tuple[int, list[str]]],
    columns: Sequence[str],
    *,
    strict_width: bool,
    suspect: bool,
) -> Table:
    """`suspect`: a cell may be too long or hold a character that cannot be stored (then every
    kept cell is checked; a CSV file without a long line or a NUL skips that work)."""
    lines = iter(lines)  # the rows continue where the search for the header stopped
    header_line, header = next(
        ((ln, [" ".join(c.split()) for c in cells]) for ln, cells in lines if not _blank(cells)),
        (0, []),
    )
    if not header:
        raise file_error(_("The file is empty."))
    if len(header) > MAX_COLUMNS and not _blank(header[MAX_COLUMNS:]):
        raise file_error(_("The header has more than %(max)s columns.") % {"max": MAX_COLUMNS})
    positions = _header_positions(header_line, header, columns)
    labels = {name: header[i] for name, i in positions.items()}
    picks = tuple(positions.items())
    width = len(header)
    rows: list[Row] = []
    issues = IssueCollector()
    limit = max_lines()
    # Up to 100,000 rows: the loop touches only the cells it keeps (whitespace collapsed).
    for line, cells in lines:
        if line > limit:
            raise too_many_rows()
        if _blank(cells):
            continue
        if len(rows) == MAX_ROWS:
            raise too_many_rows()
        count = len(cells)
        if strict_width and count > width and not _blank(cells[width:]):
            issues.add(line, "", _too_many_fields(count, width))
        values = {name: " ".join(cells[i].split()) if i < count else "" for name, i in picks}
        if suspect:
            _check_cells(line, values, labels, issues)
        rows.append(Row(line, values))
    if issues:
        raise TableError(issues)
    if not rows:
        raise file_error(_("The file has no rows below the header."))
    return Table(labels=labels, rows=rows)


def _check_cells(line: int, values: dict[str, str], labels: dict, issues: IssueCollector) -> None:
    for name, text in values.items():
        if len(text) > MAX_CELL_CHARS:
            message = _("The cell has more than %(max)s characters.") % {
                "max": number_format(MAX_CELL_CHARS, force_grouping=True)
            }
            issues.add(line, labels[name], message)
        elif _INVALID_CHARACTER.search(text):
            message = _(
                "The cell has a character that cannot be stored (a NUL character or an invalid "
                "code). Remove it, or save the file again as “CSV UTF-8”."
            )
            issues.add(line, labels[name], message)


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
        if name not in seen and not isinstance(name, OptionalColumn):
            message = _("The header is missing the column “%(column)s”.") % {"column": name}
            issues.append(ImportIssue(line, name, message))
    if issues:
        raise TableError(issues)
    return {str(name): seen[name] for name in columns if name in seen}
