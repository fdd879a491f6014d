"""Writing guides, versions and answers (one function per use case; decision 0025).

A version is frozen once an answer uses it (`record_answer` sets `frozen_at`). The editing
functions never change a frozen version: `edit_question`, `add_question`, `move_question`,
`remove_question`, `add_theme`, `edit_theme`, `move_theme` and `remove_theme` on a frozen
version first copy it to a new version (`new_version`) and change the copy, and return what they
changed, so the caller can see that the version moved on (the page offers "Ny version" instead
of the editing buttons on a frozen version, decision 0043). Every change is checked as a whole
guide (`checks.problems`: keys unique in the version, skip logic on an *earlier* question, ...)
before it is written, and every write leaves a change-log entry on the version."""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.guides import checks, spec
from boligsocial.guides.answers import AnswerError, clean_answer
from boligsocial.guides.models import (
    Answer,
    Guide,
    GuideVersion,
    Question,
    Response,
    Theme,
    choices_json,
)


class GuideError(ValueError):
    """A change refused; `problems` lists the Danish reasons. Nothing was changed."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _write_themes(version: GuideVersion, themes) -> None:
    for t_pos, theme in enumerate(themes, start=1):
        row = Theme.objects.create(
            version=version,
            key=theme.key,
            position=t_pos,
            title=theme.title,
            title_en=theme.title_en,
            help_text=theme.help_text,
            translations=theme.translations,
        )
        Question.objects.bulk_create(
            Question(
                theme=row,
                key=q.key,
                position=q_pos,
                type=q.type,
                text=q.text,
                text_en=q.text_en,
                help_text=q.help_text,
                required=q.required,
                weight=q.weight,
                unit=q.unit,
                choices=choices_json(q.choices),
                show_if_key=q.show_if_key,
                show_if_values=list(q.show_if_values),
                translations=q.translations,
            )
            for q_pos, q in enumerate(theme.questions, start=1)
        )


@transaction.atomic
def store_guide(
    *, guide: spec.Guide, actor, organisation=None, publish: bool = False
) -> GuideVersion:
    """Store `guide` as a new version of the guide with its key (the guide is created when the
    key is new). Refuses an unsound guide (`checks.problems`) with GuideError."""
    found = checks.problems(guide)
    if not checks.KEY.match(guide.key):
        found.insert(0, f"Guidens nøgle »{guide.key}« er ugyldig.")
    if guide.kind not in spec.KINDS:
        found.insert(0, f"Ukendt slags guide »{guide.kind}«.")
    if found:
        raise GuideError(found)
    row, created = Guide.objects.select_for_update().get_or_create(
        key=guide.key,
        defaults={
            "kind": guide.kind,
            "name": guide.name,
            "name_en": guide.name_en,
            "description": guide.description,
            "proposal": guide.proposal,
            "organisation": organisation,
            "translations": guide.translations,
        },
    )
    if not created:
        row.name, row.name_en, row.description = guide.name, guide.name_en, guide.description
        row.translations = guide.translations or row.translations
        row.save(update_fields=["name", "name_en", "description", "translations"])
    number = (row.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = GuideVersion.objects.create(
        guide=row,
        number=number,
        yellow_from=guide.yellow_from,
        red_from=guide.red_from,
        created_by=actor,
        published_at=timezone.now() if publish else None,
    )
    _write_themes(version, guide.themes)
    record_change(
        actor=actor,
        obj=version,
        action=ChangeAction.CREATE,
        changes={"version": (None, number), "themes": (None, len(guide.themes))},
    )
    return version


@transaction.atomic
def new_version(*, version: GuideVersion, actor) -> GuideVersion:
    """A draft copy of `version` as the guide's next version (same keys, unfrozen)."""
    current = version.spec()
    return store_guide(guide=replace(current, version=0), actor=actor)


def _editable(version: GuideVersion, actor) -> GuideVersion:
    locked = GuideVersion.objects.select_for_update().get(pk=version.pk)
    return new_version(version=locked, actor=actor) if locked.is_frozen else locked


def _check(version: GuideVersion, guide: spec.Guide) -> None:
    found = checks.problems(guide)
    if found:
        raise GuideError(found)


QUESTION_FIELDS = (
    "text",
    "text_en",
    "help_text",
    "type",
    "required",
    "weight",
    "unit",
    "choices",
    "show_if_key",
    "show_if_values",
)


@transaction.atomic
def edit_question(*, question: Question, actor, **changes) -> Question:
    """Change a question; on a frozen version the change goes into a new version (returned
    question belongs to it). `changes`: QUESTION_FIELDS (choices as `spec.Choice` tuples)."""
    unknown = set(changes) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    version = _editable(question.theme.version, actor)
    if version.pk != question.theme.version_id:
        question = Question.objects.get(theme__version=version, key=question.key)
    current = question.spec()
    updated = replace(
        current,
        **{k: tuple(v) if k in {"choices", "show_if_values"} else v for k, v in changes.items()},
    )
    guide = version.spec()
    themes = tuple(
        replace(t, questions=tuple(updated if q.key == question.key else q for q in t.questions))
        for t in guide.themes
    )
    _check(version, replace(guide, themes=themes))
    before = {f: getattr(question, f) for f in QUESTION_FIELDS}
    for field_name, value in changes.items():
        if field_name == "choices":
            value = choices_json(value)
        elif field_name == "show_if_values":
            value = list(value)
        setattr(question, field_name, value)
    question.save()
    record_change(
        actor=actor,
        obj=version,
        action=ChangeAction.UPDATE,
        changes={
            f"{question.key}.{f}": (str(before[f]), str(getattr(question, f)))
            for f in changes
            if before[f] != getattr(question, f)
        },
    )
    return question


@transaction.atomic
def create_guide(
    *,
    key: str,
    name: str,
    kind: str,
    actor,
    first_theme: spec.Theme,
    name_en: str = "",
    description: str = "",
    organisation=None,
) -> GuideVersion:
    """A new guide (`organisation` None: shared by every organisation) with a first draft
    version holding one theme (a guide has at least one)."""
    if Guide.objects.filter(key=key).exists():
        raise GuideError([f"Der findes allerede en guide med nøglen »{key}«."])
    return store_guide(
        guide=spec.Guide(
            key=key,
            name=name,
            kind=kind,
            name_en=name_en,
            description=description,
            themes=(first_theme,),
        ),
        actor=actor,
        organisation=organisation,
    )


def _title_problem(title: str) -> None:
    if not (title or "").strip():
        raise GuideError(["Temaet skal have en titel."])


@transaction.atomic
def add_theme(
    *, version: GuideVersion, actor, key: str, title: str, title_en: str = "", help_text: str = ""
) -> Theme:
    _title_problem(title)
    version = _editable(version, actor)
    guide = version.spec()
    new = spec.Theme(key, title, title_en, help_text)
    _check(version, replace(guide, themes=(*guide.themes, new)))
    position = (version.themes.aggregate(p=Max("position"))["p"] or 0) + 1
    theme = Theme.objects.create(
        version=version,
        key=key,
        title=title,
        title_en=title_en,
        help_text=help_text,
        position=position,
    )
    record_change(
        actor=actor, obj=version, action=ChangeAction.UPDATE, changes={key: (None, title)}
    )
    return theme


def _theme_of(version: GuideVersion, theme: Theme) -> Theme:
    """`theme` in `version` (the same row, or the row with its key in the new copy)."""
    return theme if theme.version_id == version.pk else version.themes.get(key=theme.key)


def _question_of(version: GuideVersion, question: Question) -> Question:
    if question.theme.version_id == version.pk:
        return question
    return Question.objects.select_related("theme").get(theme__version=version, key=question.key)


THEME_FIELDS = ("title", "title_en", "help_text")


@transaction.atomic
def edit_theme(*, theme: Theme, actor, **changes) -> Theme:
    """Change a theme's texts (`THEME_FIELDS`; the key stays, so results compare)."""
    unknown = set(changes) - set(THEME_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if "title" in changes:
        _title_problem(changes["title"])
    version = _editable(theme.version, actor)
    theme = _theme_of(version, theme)
    before = {f: getattr(theme, f) for f in changes}
    for name, value in changes.items():
        setattr(theme, name, value)
    theme.save(update_fields=list(changes) or None)
    record_change(
        actor=actor,
        obj=version,
        action=ChangeAction.UPDATE,
        changes={
            f"{theme.key}.{f}": (before[f], getattr(theme, f))
            for f in changes
            if before[f] != getattr(theme, f)
        },
    )
    return theme


def _reordered(rows: list, row, direction: int) -> list | None:
    """`rows` with `row` moved one place up (-1) or down (+1); None at the end of the list."""
    if direction not in (-1, 1):
        raise ValueError(direction)
    i = [r.pk for r in rows].index(row.pk)
    j = i + direction
    if not 0 <= j < len(rows):
        return None
    out = list(rows)
    out[i], out[j] = out[j], out[i]
    return out


def _renumber(model, rows: list) -> None:
    for position, row in enumerate(rows, start=1):
        row.position = position
    model.objects.bulk_update(rows, ["position"])


@transaction.atomic
def move_theme(*, theme: Theme, actor, direction: int) -> Theme:
    """Move a theme one place up (-1) or down (+1); refused when skip logic would then refer to
    a later question. At the top (bottom) already: nothing changes."""
    version = _editable(theme.version, actor)
    theme = _theme_of(version, theme)
    rows = list(version.themes.order_by("position", "id"))
    order = _reordered(rows, theme, direction)
    if order is None:
        return theme
    guide = version.spec()
    by_key = {t.key: t for t in guide.themes}
    _check(version, replace(guide, themes=tuple(by_key[t.key] for t in order)))
    _renumber(Theme, order)
    record_change(
        actor=actor,
        obj=version,
        action=ChangeAction.UPDATE,
        changes={"themes": (" ".join(t.key for t in rows), " ".join(t.key for t in order))},
    )
    return theme


@transaction.atomic
def remove_theme(*, theme: Theme, actor) -> GuideVersion:
    """Remove a theme and its questions; refused for the last theme and when a later question's
    skip logic refers to one of its questions. Returns the version it was removed from."""
    version = _editable(theme.version, actor)
    theme = _theme_of(version, theme)
    guide = version.spec()
    _still_used(guide, set(theme.questions.values_list("key", flat=True)))
    _check(version, replace(guide, themes=tuple(t for t in guide.themes if t.key != theme.key)))
    keys = list(theme.questions.values_list("key", flat=True))
    theme.delete()
    _renumber(Theme, list(version.themes.order_by("position", "id")))
    record_change(
        actor=actor,
        obj=version,
        action=ChangeAction.DELETE,
        changes={theme.key: (f"{theme.title} ({len(keys)} spørgsmål)", None)},
    )
    return version


def _still_used(guide: spec.Guide, keys: set[str]) -> None:
    """Refuse removing `keys` while a question kept in the guide shows or hides by them."""
    found = [
        f"Spørgsmålet »{q.show_if_key}« kan ikke fjernes: »{q.key}« vises ud fra dets svar. "
        "Fjern eller ret betingelsen først."
        for q in guide.questions()
        if q.show_if_key in keys and q.key not in keys
    ]
    if found:
        raise GuideError(found)


@transaction.atomic
def move_question(*, question: Question, actor, direction: int) -> Question:
    """Move a question one place up (-1) or down (+1) within its theme; refused when its skip
    logic (or another's on it) would no longer refer to an earlier question."""
    version = _editable(question.theme.version, actor)
    question = _question_of(version, question)
    rows = list(question.theme.questions.order_by("position", "id"))
    order = _reordered(rows, question, direction)
    if order is None:
        return question
    guide = version.spec()
    themes = tuple(
        replace(t, questions=tuple({q.key: q for q in t.questions}[r.key] for r in order))
        if t.key == question.theme.key
        else t
        for t in guide.themes
    )
    _check(version, replace(guide, themes=themes))
    _renumber(Question, order)
    record_change(
        actor=actor,
        obj=version,
        action=ChangeAction.UPDATE,
        changes={
            f"{question.theme.key}.questions": (
                " ".join(q.key for q in rows),
                " ".join(q.key for q in order),
            )
        },
    )
    return question


@transaction.atomic
def remove_question(*, question: Question, actor) -> GuideVersion:
    """Remove a question; refused while another question's skip logic refers to it."""
    version = _editable(question.theme.version, actor)
    question = _question_of(version, question)
    guide = version.spec()
    _still_used(guide, {question.key})
    themes = tuple(
        replace(t, questions=tuple(q for q in t.questions if q.key != question.key))
        for t in guide.themes
    )
    _check(version, replace(guide, themes=themes))
    theme = question.theme
    question.delete()
    _renumber(Question, list(theme.questions.order_by("position", "id")))
    record_change(
        actor=actor,
        obj=version,
        action=ChangeAction.DELETE,
        changes={question.key: (question.text, None)},
    )
    return version


@transaction.atomic
def add_question(*, theme: Theme, actor, question: spec.Question) -> Question:
    version = _editable(theme.version, actor)
    if version.pk != theme.version_id:
        theme = version.themes.get(key=theme.key)
    guide = version.spec()
    themes = tuple(
        replace(t, questions=(*t.questions, question)) if t.key == theme.key else t
        for t in guide.themes
    )
    _check(version, replace(guide, themes=themes))
    position = (theme.questions.aggregate(p=Max("position"))["p"] or 0) + 1
    row = Question.objects.create(
        theme=theme,
        key=question.key,
        position=position,
        type=question.type,
        text=question.text,
        text_en=question.text_en,
        help_text=question.help_text,
        required=question.required,
        weight=question.weight,
        unit=question.unit,
        choices=choices_json(question.choices),
        show_if_key=question.show_if_key,
        show_if_values=list(question.show_if_values),
    )
    record_change(
        actor=actor, obj=version, action=ChangeAction.UPDATE, changes={question.key: (None, "+")}
    )
    return row


@transaction.atomic
def publish(*, version: GuideVersion, actor) -> GuideVersion:
    locked = GuideVersion.objects.select_for_update().get(pk=version.pk)
    if locked.published_at is None:
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        record_change(
            actor=actor,
            obj=locked,
            action=ChangeAction.TRANSITION,
            changes={"published": (None, True)},
        )
    return locked


def current_version(guide: Guide) -> GuideVersion | None:
    """The guide's newest published version (new responses use it)."""
    return guide.versions.filter(published_at__isnull=False).order_by("-number").first()


def start_response(*, version: GuideVersion) -> Response:
    return Response.objects.create(version=version)


def record_answer(*, response: Response, question_key: str, raw, actor) -> None:
    """Store (or clear, for an empty value) the answer to one question; freezes the version at
    its first answer. Raises AnswerError (Danish) for a value the question does not take."""
    record_answers(response=response, answers={question_key: raw}, actor=actor)


@transaction.atomic
def record_answers(*, response: Response, answers: dict, actor) -> None:
    """Store (or clear, for an empty value) the answers to questions, in one transaction and a
    handful of queries; freezes the version at its first answer. Raises AnswerError (Danish) for
    an unknown key or a value a question does not take, and then stores none of them."""
    questions = {
        q.key: q
        for q in Question.objects.filter(
            theme__version_id=response.version_id, key__in=list(answers)
        ).only("key", "type", "choices", "text")
    }
    unknown = [key for key in answers if key not in questions]
    if unknown:
        raise AnswerError("Spørgsmålet findes ikke i guiden.")
    values = {key: clean_answer(questions[key].spec(), raw) for key, raw in answers.items()}
    now = timezone.now()
    GuideVersion.objects.filter(pk=response.version_id, frozen_at__isnull=True).update(
        frozen_at=now
    )
    existing = {
        a.question_key: a
        for a in Answer.objects.select_for_update().filter(
            response=response, question_key__in=list(values)
        )
    }
    Response.objects.filter(pk=response.pk).update(updated_at=now)
    cleared = [existing[k].pk for k, v in values.items() if v is None and k in existing]
    Answer.objects.filter(pk__in=cleared).delete()
    Answer.objects.bulk_create(
        Answer(response=response, question_key=k, value=v, updated_by=actor, updated_at=now)
        for k, v in values.items()
        if v is not None and k not in existing
    )
    changed = []
    for key, value in values.items():
        answer = existing.get(key)
        if value is not None and answer is not None and answer.value != value:
            answer.value, answer.updated_by, answer.updated_at = value, actor, now
            changed.append(answer)
    Answer.objects.bulk_update(changed, ["value", "updated_by", "updated_at"])
