"""Reading the first sheet of an XLSX workbook as lines of cell text, refusing hostile workbooks
before openpyxl parses anything.

An XLSX file is a zip archive of XML parts, and its size says little about the work it makes:
4.5 million blank rows compress to 628 KB (and took 74 s to read), one shared string of 200 MB
to a few hundred KB (and 2.3 GB of memory). So before parsing (`check_archive`):

1. the zip's directory: at most `MAX_MEMBERS` parts, each part's declared uncompressed size at
   most `MAX_PART_BYTES`, the shared strings (which openpyxl holds in memory) at most
   `MAX_SHARED_STRINGS_BYTES`, all parts together at most `MAX_TOTAL_BYTES`. Python's zipfile
   never returns more than a part's declared size (and fails on a checksum mismatch), so a
   directory that lies only makes the file unreadable;
2. a scan of every part, decompressed in chunks (C speed, constant memory), counting row and
   cell elements: at most `max_lines` rows and `MAX_CELLS` cells in the workbook.

Then openpyxl reads the first sheet in read-only mode (streaming), never more columns than the
header has (at most `max_columns` + 1, so a cell in column XFD does not make rows of 16,384
cells) and never past the row limit. `bench/imports.py` times the refusals.

The row and column limits are the caller's (`core.tables`, which turns `Refused` and
`TooManyRows` into its report); this module imports no other of ours."""

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_MEMBERS = 1000
MAX_PART_BYTES = 150 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 160 * 1024 * 1024
MAX_CELLS = 2_000_000
CHUNK = 4 * 1024 * 1024
# Row and cell elements, with or without a namespace prefix ("<row ", "<row/>", "<x:row ");
# "<rowBreaks" does not match. An upper bound is all the scan needs.
_ROW_MARKS = (b"<row ", b"<row>", b"<row/", b":row ", b":row/")
_CELL_MARKS = (b"<c ", b"<c>", b"<c/", b":c ", b":c/")
_TAIL = 4  # bytes kept from the previous chunk: longest mark - 1


class Refused(Exception):
    """The workbook is refused; `message` says why (for the whole file)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TooManyRows(Exception):
    """The workbook has more rows (blank ones too) than `max_lines`."""


def unreadable() -> Refused:
    return Refused(_("The file could not be read as an Excel workbook (.xlsx)."))


def sheet_lines(
    data: bytes, *, max_lines: int, max_columns: int
) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of the first sheet's rows, at most `max_lines` + 1 of them; raises Refused
    or TooManyRows for a hostile or broken file (before parsing, as far as it can be told)."""
    check_archive(data, max_lines=max_lines)
    import openpyxl  # imported here: only XLSX imports pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for broken workbooks
        raise unreadable() from None
    try:
        if not workbook.worksheets:
            raise unreadable()
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # do not trust the file's stated size
        try:
            yield from _rows(sheet, max_lines, max_columns)
        except (Refused, TooManyRows):
            raise
        except Exception:  # openpyxl's errors for a broken sheet
            raise unreadable() from None
    finally:
        workbook.close()


def _rows(sheet, max_lines: int, max_columns: int) -> Iterator[tuple[int, list[str]]]:
    """The header search reads up to max_columns + 1 columns (so the table can refuse a wider
    header); the rows below it only as many columns as the header has."""
    limit = max_lines + 1
    width = 0
    header_line = 0
    for line, values in enumerate(
        sheet.iter_rows(max_col=max_columns + 1, max_row=limit, values_only=True), start=1
    ):
        cells = [_cell_text(v) for v in values]
        yield line, cells
        if "".join(cells).strip():
            header_line = line
            width = max(i + 1 for i, c in enumerate(cells) if c.strip())
            break
    if not header_line or header_line >= limit:
        return
    rows = sheet.iter_rows(min_row=header_line + 1, max_col=width, max_row=limit, values_only=True)
    for line, values in enumerate(rows, start=header_line + 1):
        yield line, [_cell_text(v) for v in values]


def check_archive(data: bytes, *, max_lines: int) -> None:
    """Raise Refused or TooManyRows unless the zip's directory and a scan of its parts are
    within the limits of the module docstring."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise unreadable() from None
    with archive:
        if len(members) > MAX_MEMBERS:
            raise unreadable()
        total = 0
        for info in members:
            limit = (
                MAX_SHARED_STRINGS_BYTES
                if info.filename.lower().endswith("sharedstrings.xml")
                else MAX_PART_BYTES
            )
            total += info.file_size
            if info.file_size > limit:
                raise _too_large(limit)
            if total > MAX_TOTAL_BYTES:
                raise _too_large(MAX_TOTAL_BYTES)
        rows = cells = 0
        for info in members:
            part_rows, part_cells = _scan(archive, info, max_lines)
            rows += part_rows
            cells += part_cells
            if rows > max_lines:
                raise TooManyRows
            if cells > MAX_CELLS:
                raise Refused(
                    _("The workbook has more than %(max)s cells. Split it into smaller files.")
                    % {"max": number_format(MAX_CELLS, force_grouping=True)}
                )


def _too_large(limit: int) -> Refused:
    return Refused(
        _(
            "The workbook is too large when unpacked (more than %(limit)s). Save only the sheet "
            "to import, without pictures, in a workbook of its own."
        )
        % {"limit": filesizeformat(limit)}
    )


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_lines: int) -> tuple[int, int]:
    """(row elements, cell elements) in one part, counted chunk by chunk."""
    rows = cells = 0
    tail = b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(CHUNK):
                window = tail + chunk
                rows += sum(window.count(m) - tail.count(m) for m in _ROW_MARKS)
                cells += sum(window.count(m) - tail.count(m) for m in _CELL_MARKS)
                tail = window[-_TAIL:]
                if rows > max_lines or cells > MAX_CELLS:
                    break
    except Exception:  # BadZipFile, zlib.error, NotImplementedError (compression), ...
        raise unreadable() from None
    return rows, cells


def _cell_text(value) -> str:
    """A cell's value as the text a person would type: numbers with a decimal comma (so "1.5"
    is never read as 15, see core.cells), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f").replace(".", ",")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
