"""Template files for an import kind: the header row and the rows the kind pre-fills (the
organisation's own data, so that importing the template unchanged changes nothing), as CSV or
XLSX. The XLSX template has a second sheet that explains the columns (only the first is read)."""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from boligsocial.core.importkinds import ImportKind

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def template_file(kind: ImportKind, rows: Iterable[Sequence], fmt: str) -> tuple[bytes, str]:
    """(content, content type) of the template in format `fmt` ("csv" or "xlsx")."""
    if fmt == "csv":
        return _csv(kind, rows), CSV_CONTENT_TYPE
    if fmt == "xlsx":
        return _xlsx(kind, rows), XLSX_CONTENT_TYPE
    raise ValueError(f"unknown template format {fmt!r}")


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return format(Decimal(str(value)), "f").replace(".", ",")
    return str(value)


def _csv(kind: ImportKind, rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(kind.names)
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    # With a BOM, Excel opens the file as UTF-8 (æ, ø and å intact).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_value(value):
    """Numbers as numbers; codes with possible leading zeros (postal codes) stay text."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def _xlsx(kind: ImportKind, rows: Iterable[Sequence]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = str(kind.label)[:31]
    sheet.append(kind.names)
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    for column_cells in sheet.iter_cols(max_row=1):
        sheet.column_dimensions[column_cells[0].column_letter].width = 18
    guide = workbook.create_sheet(_("Guide")[:31])
    guide.append([_("Column"), _("Content"), _("Example")])
    for column in kind.columns:
        guide.append([column.name, str(column.description), _csv_text(column.example)])
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 80
    guide.column_dimensions["C"].width = 24
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
