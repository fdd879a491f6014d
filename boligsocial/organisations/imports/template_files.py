"""Template files for the imports: the header row and one example row, as CSV or XLSX."""

import csv
import io

from boligsocial.organisations.imports.tables import Column

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def template_file(columns: tuple[Column, ...], fmt: str) -> tuple[bytes, str]:
    """(content, content type) of the template in format `fmt` ("csv" or "xlsx")."""
    if fmt == "csv":
        return _csv(columns), CSV_CONTENT_TYPE
    if fmt == "xlsx":
        return _xlsx(columns), XLSX_CONTENT_TYPE
    raise ValueError(f"unknown template format {fmt!r}")


def _csv(columns: tuple[Column, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    writer.writerow([str(c.example) for c in columns])
    # With a BOM, Excel opens the file as UTF-8 (æ, ø and å intact).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(columns: tuple[Column, ...]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([c.name for c in columns])
    sheet.append([_xlsx_value(c.example) for c in columns])
    for column_cells in sheet.columns:
        sheet.column_dimensions[column_cells[0].column_letter].width = 18
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(example: object) -> object:
    """Numbers as numbers ("72,5" -> 72.5); codes with possible leading zeros stay text."""
    if isinstance(example, str) and "," in example:
        try:
            return float(example.replace(",", "."))
        except ValueError:
            return example
    return example
