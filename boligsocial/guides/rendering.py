"""What the guide's question templates show (`guides/includes/guide_form.html`), computed here
so the templates compute nothing: the interview (analyses), the preview and later the visit
checklist and the survey render the same context."""

from __future__ import annotations

from collections.abc import Mapping

from boligsocial.guides import scoring
from boligsocial.guides.spec import MULTIPLE, SCALE, Guide


def form_context(guide: Guide, answers: Mapping, notes: Mapping | None = None) -> list[dict]:
    by_key = {q.key: q for q in guide.questions()}
    themes = []
    for position, theme in enumerate(guide.themes, start=1):
        questions = []
        for q in theme.questions:
            value = answers.get(q.key)
            chosen = set(value) if isinstance(value, list) else {value}
            questions.append(
                {
                    "key": q.key,
                    "field": f"q:{q.key}",
                    "id": f"q-{q.key}",
                    "text": q.text,
                    "text_en": q.text_en,
                    "help_text": q.help_text,
                    "type": q.type,
                    "required": q.required,
                    "unit": q.unit,
                    "value": "" if value is None or isinstance(value, list) else value,
                    "multiple": q.type == MULTIPLE,
                    "scale": q.type == SCALE,
                    "choices": [
                        {
                            "value": c.value,
                            "label": c.label,
                            "id": f"q-{q.key}-{c.value}",
                            "checked": c.value in chosen,
                        }
                        for c in q.choices
                    ],
                    "shown": scoring.is_shown(q, answers, by_key),
                    "show_if_key": f"q:{q.show_if_key}" if q.show_if_key else "",
                    "show_if_values": " ".join(q.show_if_values),
                }
            )
        themes.append(
            {
                "key": theme.key,
                "position": position,
                "title": theme.title,
                "help_text": theme.help_text,
                "questions": questions,
                "note_field": f"note:{theme.key}",
                "note": (notes or {}).get(theme.key, ""),
            }
        )
    return themes
