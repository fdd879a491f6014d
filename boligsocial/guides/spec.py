"""A question guide as plain data: the shape the scoring, the answer checks and the XLSForm
reader and writer share. No Django here (the models are stored copies of this shape,
`GuideVersion.spec()` turns one into a `Guide`).

Question types (`TYPES`):

* ``scale``: 1–5, a text for each step (five choices, values "1".."5");
* ``yes_no``: ja / nej / ved ikke (values "yes", "no", "dont_know");
* ``number``: a number with a unit (``unit``), not scored;
* ``single`` / ``multiple``: one or several of the question's choices;
* ``text``: free text, not scored; ``photo``: a photo (stored by the capability that uses it).

A choice carries a ``score`` (0–100, higher = more vulnerable / worse, like the traffic light's
points) or None (not scored, e.g. "ved ikke"). A question is *scored* when at least one of its
choices has a score. ``show_if_key`` / ``show_if_values``: the question is shown only when the
earlier question ``show_if_key`` was answered with one of ``show_if_values`` (skip logic).
Question keys are stable across versions and unique within a guide version.

Texts in further languages (issue 15: a survey answered in Arabic, Somali, Turkish) are
``translations`` on the guide, a theme and a question: ``{"ar": {"text": "…", "help_text": "…",
"choices": {"1": "…"}}}`` (a theme: ``title``, ``help_text``; the guide: ``name``,
``description``). Danish is the text itself, English ``*_en``; `in_language` gives the guide with
the texts of one language, falling back to Danish where a translation is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

SCALE = "scale"
YES_NO = "yes_no"
NUMBER = "number"
SINGLE = "single"
MULTIPLE = "multiple"
TEXT = "text"
PHOTO = "photo"
TYPES = (SCALE, YES_NO, NUMBER, SINGLE, MULTIPLE, TEXT, PHOTO)
CHOICE_TYPES = frozenset({SCALE, YES_NO, SINGLE, MULTIPLE})

YES, NO, DONT_KNOW = "yes", "no", "dont_know"
SCALE_VALUES = ("1", "2", "3", "4", "5")

INTERVIEW = "interview"
CHECKLIST = "checklist"
SURVEY = "survey"
KINDS = (INTERVIEW, CHECKLIST, SURVEY)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    label_en: str = ""
    score: Decimal | None = None


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    type: str
    text_en: str = ""
    help_text: str = ""
    required: bool = False
    weight: Decimal = Decimal(1)
    unit: str = ""
    choices: tuple[Choice, ...] = ()
    show_if_key: str = ""
    show_if_values: tuple[str, ...] = ()
    translations: dict = field(default_factory=dict, compare=False)

    @property
    def scored(self) -> bool:
        return any(c.score is not None for c in self.choices)


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    title_en: str = ""
    help_text: str = ""
    questions: tuple[Question, ...] = ()
    translations: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Guide:
    key: str
    name: str
    kind: str
    name_en: str = ""
    description: str = ""
    proposal: bool = False
    version: int = 1
    yellow_from: Decimal = Decimal(40)
    red_from: Decimal = Decimal(60)
    themes: tuple[Theme, ...] = field(default=())
    translations: dict = field(default_factory=dict, compare=False)

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for t in self.themes for q in t.questions)


def scale_choices(
    labels: tuple[str, str, str, str, str],
    *,
    labels_en: tuple[str, ...] = ("", "", "", "", ""),
    reverse: bool = False,
) -> tuple[Choice, ...]:
    """The five steps of a scale question; step 1 scores 0 and step 5 scores 100 (or the
    other way round with `reverse`, when step 5 is the good end)."""
    scores = [Decimal(0), Decimal(25), Decimal(50), Decimal(75), Decimal(100)]
    if reverse:
        scores.reverse()
    return tuple(
        Choice(value, label, label_en, score)
        for value, label, label_en, score in zip(
            SCALE_VALUES, labels, labels_en, scores, strict=True
        )
    )


def yes_no_choices(*, yes_score: Decimal | None, no_score: Decimal | None) -> tuple[Choice, ...]:
    return (
        Choice(YES, "Ja", "Yes", yes_score),
        Choice(NO, "Nej", "No", no_score),
        Choice(DONT_KNOW, "Ved ikke", "Don't know", None),
    )


def languages(guide: Guide) -> tuple[str, ...]:
    """The languages the guide has texts in: Danish, English, then every translated language."""
    found = dict.fromkeys(guide.translations)
    for theme in guide.themes:
        found.update(dict.fromkeys(theme.translations))
        for question in theme.questions:
            found.update(dict.fromkeys(question.translations))
    return ("da", "en", *(code for code in found if code not in ("da", "en")))


def in_language(guide: Guide, language: str) -> Guide:
    """The guide with its texts in `language` ("da": as stored; "en": the English columns;
    another code: its translations), Danish where a text is missing."""
    from dataclasses import replace

    if language == "da":
        return guide

    def pick(obj, name: str, english: str) -> str:
        if language == "en":
            return english or getattr(obj, name)
        return obj.translations.get(language, {}).get(name) or getattr(obj, name)

    def choice(question: Question, c: Choice) -> Choice:
        if language == "en":
            return replace(c, label=c.label_en or c.label)
        labels = question.translations.get(language, {}).get("choices", {})
        return replace(c, label=labels.get(c.value) or c.label)

    themes = tuple(
        replace(
            theme,
            title=pick(theme, "title", theme.title_en),
            help_text=pick(theme, "help_text", ""),
            questions=tuple(
                replace(
                    q,
                    text=pick(q, "text", q.text_en),
                    help_text=pick(q, "help_text", ""),
                    choices=tuple(choice(q, c) for c in q.choices),
                )
                for q in theme.questions
            ),
        )
        for theme in guide.themes
    )
    return replace(
        guide,
        name=pick(guide, "name", guide.name_en),
        description=pick(guide, "description", ""),
        themes=themes,
    )
