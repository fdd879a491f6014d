"""Reading an XLSForm workbook into a guide (`read`): our own checks per row first
(Danish messages), then pyxform's validation of the whole form (its message, with the row).

An invalid form raises `XLSFormError` whose `rows` are `(sheet, row, Danish message)` (row 0:
the workbook as a whole), one per problem, so the user gets a report per row. Our own forms
carry `bs_` columns (see columns.py); a form from ODK or KoboToolbox without them is read with
its select types as choices, numbers, text and images, without scores (weight 1); questions
outside any group go into a theme "Generelt". `relevant` is read when it is of the simple shape
we write (`${q} = 'v'`, `selected(${q}, 'v')`, joined by `or`)."""

from __future__ import annotations

import io
import re
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from boligsocial.guides import checks, spec
from boligsocial.guides.xlsform.columns import OUR_TYPE

_PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+)\]\s*")
_EQUALS = re.compile(r"^\$\{([A-Za-z][\w-]*)\}\s*=\s*'([^']*)'$")
_SELECTED = re.compile(r"^selected\(\s*\$\{([A-Za-z][\w-]*)\}\s*,\s*'([^']*)'\s*\)$")
SKIPPED_TYPES = frozenset({"start", "end", "today", "deviceid", "note", "calculate"})


class XLSFormError(ValueError):
    def __init__(self, rows: list[tuple[str, int, str]]):
        super().__init__("; ".join(m for _s, _r, m in rows))
        self.rows = rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _sheet(wb, name: str) -> list[tuple[int, dict[str, str]]]:
    if name not in wb.sheetnames:
        return []
    rows = wb[name].iter_rows(values_only=True)
    header = [_text(h) for h in next(rows, ())]
    out = []
    for number, row in enumerate(rows, start=2):
        cells = {h: _text(v) for h, v in zip(header, row, strict=False) if h}
        if any(cells.values()):
            out.append((number, cells))
    return out


def _lang(cells: dict[str, str], column: str, code: str) -> str:
    """The value of `column` (label, hint) in language `code` ("da" or "en")."""
    for header, value in cells.items():
        if header.startswith(f"{column}::") and header.endswith(f"({code})") and value:
            return value
    if code == "da":
        return cells.get(column, "")
    return ""


def _decimal(value: str, where: str, errors: list, sheet: str, row: int) -> Decimal | None:
    if value == "":
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        errors.append((sheet, row, f"Række {row} ({sheet}): {where} »{value}« er ikke et tal."))
        return None
    return number.normalize() if number == number.to_integral() else number


def _pyxform_errors(data: bytes) -> list[tuple[str, int, str]]:
    try:
        convert(xlsform=data, file_type=".xlsx")
    except PyXFormError as e:
        message = str(e)
        match = _PYXFORM_ROW.search(message)
        row = int(match.group(1)) if match else 0
        text = _PYXFORM_ROW.sub("", message).strip()
        where = f"Række {row}: " if row else ""
        return [("survey", row, f"{where}XLSForm-fejl fra pyxform: {text}")]
    except Exception as e:
        return [("", 0, f"XLSForm-fejl fra pyxform: {e}")]
    return []


def _relevant(expr: str) -> tuple[str, tuple[str, ...]] | None:
    if not expr:
        return "", ()
    key = None
    values = []
    for part in re.split(r"\s+or\s+", expr.strip()):
        match = _EQUALS.match(part.strip()) or _SELECTED.match(part.strip())
        if match is None or (key is not None and match.group(1) != key):
            return None
        key = match.group(1)
        values.append(match.group(2))
    return key or "", tuple(values)


def read(data: bytes) -> spec.Guide:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise XLSFormError(
            [("", 0, "Filen kan ikke læses som et Excel-regneark (.xlsx).")]
        ) from None
    if "survey" not in wb.sheetnames:
        raise XLSFormError([("", 0, "Regnearket mangler arket »survey«.")])
    errors: list[tuple[str, int, str]] = []
    choices: dict[str, list[spec.Choice]] = {}
    for row, cells in _sheet(wb, "choices"):
        score = _decimal(cells.get("bs_score", ""), "point", errors, "choices", row)
        choices.setdefault(cells.get("list_name", ""), []).append(
            spec.Choice(
                cells.get("name", ""),
                _lang(cells, "label", "da"),
                _lang(cells, "label", "en"),
                score,
            )
        )
    settings = dict(_sheet(wb, "settings")[:1] and _sheet(wb, "settings")[0][1])
    themes: list[spec.Theme] = []
    current: dict | None = None
    loose: list[spec.Question] = []
    for row, cells in _sheet(wb, "survey"):
        xls_type = cells.get("type", "")
        base, _sep, list_name = xls_type.partition(" ")
        if base == "begin group" or xls_type.startswith("begin group") or base == "begin_group":
            if current is not None:
                errors.append(("survey", row, f"Række {row}: temaer kan ikke ligge i hinanden."))
                continue
            current = {
                "row": row,
                "key": cells.get("name", ""),
                "title": _lang(cells, "label", "da") or cells.get("name", ""),
                "title_en": _lang(cells, "label", "en"),
                "help_text": _lang(cells, "hint", "da"),
                "questions": [],
            }
            continue
        if xls_type.startswith("end group") or base == "end_group":
            if current is not None:
                fields = {k: v for k, v in current.items() if k != "row"}
                themes.append(spec.Theme(**{**fields, "questions": tuple(current["questions"])}))
            current = None
            continue
        if base in SKIPPED_TYPES:
            continue
        ours = cells.get("bs_type", "") or OUR_TYPE.get(base, "")
        if ours not in spec.TYPES:
            errors.append(("survey", row, f"Række {row}: typen »{xls_type}« understøttes ikke."))
            continue
        relevant = _relevant(cells.get("relevant", ""))
        if relevant is None:
            errors.append(
                (
                    "survey",
                    row,
                    f"Række {row}: betingelsen »{cells.get('relevant')}« kan ikke læses "
                    "(brug ${spørgsmål} = 'værdi', evt. forbundet med or).",
                )
            )
            continue
        if list_name.strip() and list_name.strip() not in choices:
            errors.append(
                (
                    "survey",
                    row,
                    f"Række {row}: listen »{list_name.strip()}« findes ikke i arket choices.",
                )
            )
            continue
        weight = _decimal(cells.get("bs_weight", ""), "vægten", errors, "survey", row)
        question = spec.Question(
            key=cells.get("name", ""),
            text=_lang(cells, "label", "da"),
            type=ours,
            text_en=_lang(cells, "label", "en"),
            help_text=_lang(cells, "hint", "da"),
            required=cells.get("required", "").lower() in {"yes", "true", "true()", "1", "ja"},
            weight=Decimal(1) if weight is None else weight,
            unit=cells.get("bs_unit", ""),
            choices=tuple(choices.get(list_name.strip(), ())),
            show_if_key=relevant[0],
            show_if_values=relevant[1],
        )
        (current["questions"] if current is not None else loose).append(question)
    if current is not None:
        row = current["row"]
        errors.append(("survey", row, f"Række {row}: temaet »{current['key']}« mangler end group."))
    if loose:
        themes.insert(0, spec.Theme("generelt", "Generelt", "General", "", tuple(loose)))
    if errors:
        raise XLSFormError(errors)
    yellow = _decimal(settings.get("bs_yellow_from", ""), "gul fra", errors, "settings", 2)
    red = _decimal(settings.get("bs_red_from", ""), "rød fra", errors, "settings", 2)
    version = settings.get("version", "")
    guide = spec.Guide(
        key=settings.get("form_id", "") or "xlsform",
        name=settings.get("form_title", "") or settings.get("form_id", ""),
        kind=settings.get("bs_kind", "") or spec.INTERVIEW,
        name_en=settings.get("bs_name_en", ""),
        description=settings.get("bs_description", ""),
        proposal=settings.get("bs_proposal", "").lower() == "yes",
        version=int(version) if version.isdigit() else 1,
        yellow_from=Decimal(40) if yellow is None else yellow,
        red_from=Decimal(60) if red is None else red,
        themes=tuple(themes),
    )
    problems = checks.problems(guide)
    if problems or errors:
        raise XLSFormError(errors + [("", 0, p) for p in problems])
    errors = _pyxform_errors(data)  # last: what ODK would refuse beyond our own checks
    if errors:
        raise XLSFormError(errors)
    return guide
