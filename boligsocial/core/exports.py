"""Tables as downloads: one writer for Excel (openpyxl, real number and date cells) and CSV
(Excel's Danish dialect: UTF-8 with BOM, semicolons, decimal comma, dd-mm-yyyy), used by every
export of the site (case list, statistics, scorecard, statutory lists, person export).

Formula injection: a text cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) is read by a spreadsheet as a formula — ``=HYPERLINK(…)`` in an area name or
a complaint's address would run when the file is opened. Every text cell written here goes
through `neutralise`, which puts an apostrophe in front (the spreadsheets' own sign for "this
is text"); numbers, dates and booleans are written as what they are and never touched.
openpyxl would otherwise store a string beginning with ``=`` as a formula.

Plain Python (openpyxl, no Django): the pure CSV contract of the statutory lists
(screening/statutory_csv.py) uses `neutralise` too. `core.downloads` makes the responses."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

#: The characters a spreadsheet reads as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def neutralise(value):
    """`value` unchanged unless it is text beginning with a formula character: then ``'`` +
    the text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    """One table: a title (the sheet's name), the header (Danish when Danish is active) and
    rows of plain values: text, int, float, Decimal, date, datetime, bool or None."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence] = field(default_factory=list)


def _local(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(COPENHAGEN).replace(tzinfo=None)
    return value


def _xlsx_value(value):
    if value is None or isinstance(value, bool | int | float | Decimal | date):
        return _local(value) if isinstance(value, datetime) else value
    return neutralise(str(value))  # lazy translations and anything else: as text


_SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def sheet_name(title: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = (str(title).translate(_SHEET_NAME_FORBIDDEN).strip() or "Ark")[:31]
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for table in sheets:
        ws = workbook.create_sheet(sheet_name(table.title, used))
        header = []
        for text in table.header:
            cell = WriteOnlyCell(ws, value=neutralise(str(text)))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in table.rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(ws, value=_xlsx_value(value))
                if isinstance(value, datetime):
                    cell.number_format = "dd-mm-yyyy hh:mm"
                elif isinstance(value, date):
                    cell.number_format = "dd-mm-yyyy"
                cells.append(cell)
            ws.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_value(value) -> str:
    """A cell as Danish Excel reads it: decimal comma, no thousands separator, dd-mm-yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        return text.replace(".", ",")
    if isinstance(value, datetime):
        return _local(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return neutralise(str(value))


def csv_text(table: Sheet) -> str:
    """The table as CSV text with a BOM (Excel then reads UTF-8), `;`-separated, CRLF."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in table.header])
    for row in table.rows:
        writer.writerow([csv_value(v) for v in row])
    return out.getvalue()


def flatten(sheets: Sequence[Sheet], first_column: str) -> Sheet:
    """Several tables with the same header as one (CSV has one table): the sheet's title in a
    first column."""
    if not sheets:
        return Sheet(title="", header=[first_column])
    return Sheet(
        title=sheets[0].title,
        header=[first_column, *sheets[0].header],
        rows=[[s.title, *row] for s in sheets for row in s.rows],
    )
