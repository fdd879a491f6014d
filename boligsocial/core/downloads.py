"""Download responses for `core.exports` tables: ``?format=xlsx`` (the default) or ``csv``.
Exports of personal data are marked private and never cached."""

from django.http import HttpResponse

from boligsocial.core.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Sheet,
    csv_text,
    flatten,
    xlsx_bytes,
)

FORMATS = ("xlsx", "csv")


def chosen_format(request) -> str:
    value = request.GET.get("format", "xlsx")
    return value if value in FORMATS else "xlsx"


def table_response(
    sheets: list[Sheet], basename: str, fmt: str, *, first_column: str = ""
) -> HttpResponse:
    """The tables as one workbook (a sheet each) or as one CSV (several tables flattened, the
    sheet's title in `first_column`)."""
    if fmt == "csv":
        table = sheets[0] if len(sheets) == 1 else flatten(sheets, first_column)
        response = HttpResponse(csv_text(table), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{basename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
