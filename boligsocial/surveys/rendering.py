"""What the public answering page shows for one theme (computed here: templates compute
nothing)."""

from collections.abc import Mapping

from boligsocial.guides import scoring
from boligsocial.guides.spec import MULTIPLE, Guide


def theme_context(guide: Guide, position: int, values: Mapping) -> dict:
    by_key = {q.key: q for q in guide.questions()}
    theme = guide.themes[position]
    questions = []
    for q in theme.questions:
        value = values.get(q.key)
        chosen = set(value) if isinstance(value, list) else {value}
        questions.append(
            {
                "key": q.key,
                "field": f"q:{q.key}",
                "id": f"q-{q.key}",
                "text": q.text,
                "help_text": q.help_text,
                "type": q.type,
                "multiple": q.type == MULTIPLE,
                "value": value if isinstance(value, str) else "",
                "choices": [
                    {"value": c.value, "label": c.label, "id": f"q-{q.key}-{c.value}",
                     "checked": c.value in chosen}
                    for c in q.choices
                ],
                "shown": scoring.is_shown(q, values, by_key),
                "show_if_key": f"q:{q.show_if_key}" if q.show_if_key else "",
                "show_if_values": " ".join(q.show_if_values),
            }
        )  # fmt: skip
    return {"key": theme.key, "title": theme.title, "help_text": theme.help_text,
            "questions": questions}  # fmt: skip
