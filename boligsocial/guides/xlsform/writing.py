"""A guide version as an XLSForm workbook (`to_xlsx`). Its inverse is `reading.read`:
`read(to_xlsx(g))` gives `g` again (tested)."""

from __future__ import annotations

import io

from openpyxl import Workbook

from boligsocial.guides.spec import MULTIPLE, Guide, Question
from boligsocial.guides.xlsform.columns import CHOICES, SETTINGS, SURVEY, XLSFORM_TYPE


def _list_name(q: Question) -> str:
    return f"{q.key}_svar"


def relevant_of(q: Question, by_key: dict[str, Question]) -> str:
    """The skip logic as an XLSForm `relevant` expression."""
    if not q.show_if_key:
        return ""
    target = by_key.get(q.show_if_key)
    if target is not None and target.type == MULTIPLE:
        parts = [f"selected(${{{q.show_if_key}}}, '{v}')" for v in q.show_if_values]
    else:
        parts = [f"${{{q.show_if_key}}} = '{v}'" for v in q.show_if_values]
    return " or ".join(parts)


def _number(value) -> str:
    return format(value.normalize(), "f") if value is not None else ""


def to_xlsx(guide: Guide) -> bytes:
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(list(SURVEY))
    choices = wb.create_sheet("choices")
    choices.append(list(CHOICES))
    by_key = {q.key: q for q in guide.questions()}
    for theme in guide.themes:
        group = ["begin group", theme.key, theme.title, theme.title_en, theme.help_text]
        survey.append(group + [""] * (len(SURVEY) - len(group)))
        for q in theme.questions:
            xls_type = XLSFORM_TYPE[q.type]
            if q.choices:
                xls_type = f"{xls_type} {_list_name(q)}"
                for c in q.choices:
                    choices.append([_list_name(q), c.value, c.label, c.label_en, _number(c.score)])
            survey.append(
                [
                    xls_type,
                    q.key,
                    q.text,
                    q.text_en,
                    q.help_text,
                    "",
                    "yes" if q.required else "no",
                    relevant_of(q, by_key),
                    q.type,
                    _number(q.weight),
                    q.unit,
                ]
            )
        survey.append(["end group", theme.key, *[""] * (len(SURVEY) - 2)])
    settings = wb.create_sheet("settings")
    settings.append(list(SETTINGS))
    settings.append(
        [
            guide.name,
            guide.key,
            str(guide.version),
            "Dansk (da)",
            guide.kind,
            guide.name_en,
            guide.description,
            "yes" if guide.proposal else "no",
            _number(guide.yellow_from),
            _number(guide.red_from),
        ]
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
