"""What the public answering page shows for one theme (computed here: templates compute
nothing)."""

from collections.abc import Mapping

from boligsocial.guides import scoring
from boligsocial.guides.spec import MULTIPLE, Guide


def _translated(obj, name: str, english: str, language: str) -> bool:
    """Whether `obj`'s text `name` exists in `language` (else the page shows the Danish)."""
    if language == "da":
        return True
    if language == "en":
        return bool(english)
    return bool(obj.translations.get(language, {}).get(name))


def _choice_translated(question, choice, language: str) -> bool:
    if language == "da":
        return True
    if language == "en":
        return bool(choice.label_en)
    return bool(question.translations.get(language, {}).get("choices", {}).get(choice.value))


def theme_context(guide: Guide, position: int, values: Mapping, language: str = "da") -> dict:
    """`language`: the page's; a text that falls back to Danish is marked `danish` so the page
    sets lang="da" dir="ltr" on it (an Arabic page is right to left, the Danish text is not)."""
    by_key = {q.key: q for q in guide.questions()}
    theme = guide.themes[position]
    questions = []
    for q in theme.questions:
        value = values.get(q.key)
        chosen = set(value) if isinstance(value, list) else {value}
        danish = not _translated(q, "text", q.text_en, language)
        questions.append(
            {
                "key": q.key,
                "field": f"q:{q.key}",
                "id": f"q-{q.key}",
                "text": q.text,
                "danish": danish,
                "help_text": q.help_text,
                "help_danish": bool(q.help_text) and not danish
                and not _translated(q, "help_text", "", language),
                "type": q.type,
                "multiple": q.type == MULTIPLE,
                "value": value if isinstance(value, str) else "",
                "choices": [
                    {"value": c.value, "label": c.label, "id": f"q-{q.key}-{c.value}",
                     "checked": c.value in chosen,
                     "danish": not danish and not _choice_translated(q, c, language)}
                    for c in q.choices
                ],
                "shown": scoring.is_shown(q, values, by_key),
                "show_if_key": f"q:{q.show_if_key}" if q.show_if_key else "",
                "show_if_values": " ".join(q.show_if_values),
            }
        )  # fmt: skip
    return {"key": theme.key, "title": theme.title, "help_text": theme.help_text,
            "danish": not _translated(theme, "title", theme.title_en, language),
            "questions": questions}  # fmt: skip


def name_translated(guide: Guide, language: str) -> bool:
    return _translated(guide, "name", guide.name_en, language)
