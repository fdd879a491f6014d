"""Scoring a guide's answers: per theme, overall, and the band. Pure Python, exact arithmetic.

**Contract.** ``answers`` maps a question key to its stored value: a choice value (str) for
scale, yes/no and single choice, a list of choice values for multiple choice, a decimal string
for a number, text for text. A key that is absent, or an empty value, is unanswered.

1. A question is *shown* (``is_shown``) unless it has skip logic: then only when the earlier
   question ``show_if_key`` is shown itself and was answered with one of ``show_if_values``
   (for multiple choice: one of them is among the chosen). A question that is not shown is left
   out entirely: neither scored nor missing.
2. A shown question is *scored* when one of its choices has a score. Its score
   (``question_score``) is the chosen choice's score; for multiple choice the highest score of
   the chosen choices that have one (the worst finding counts). An unanswered scored question,
   or one answered only with unscored choices ("ved ikke"), has no score and counts as missing.
3. A theme's score (``score_theme``) is the weighted mean of its scored questions' scores
   (weights from the guide, a weight of 0 takes part in nothing), 0–100, rounded half-even to
   one decimal; None when no question with a positive weight has a score. ``scored`` and
   ``missing`` count the shown scored questions with and without a score.
4. The overall score (``score_guide``) is the plain mean of the themes' exact scores (every
   theme counts the same, whatever its number of questions), rounded the same way; None when no
   theme has a score.
5. The band (``band_for``) of a rounded score: red from ``red_from``, yellow from
   ``yellow_from``, else green; a score on a boundary belongs to the upper band (as the traffic
   light's legends). Higher = more vulnerable. None for no score. The thresholds are kept with
   the guide version (``Guide.yellow_from`` / ``red_from``), so a stored result can always be
   banded again the way it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from boligsocial.guides.spec import MULTIPLE, Guide, Question, Theme

GREEN, YELLOW, RED = "green", "yellow", "red"
_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class ThemeScore:
    key: str
    score: Decimal | None
    scored: int
    missing: int


@dataclass(frozen=True)
class GuideScore:
    themes: tuple[ThemeScore, ...]
    score: Decimal | None
    band: str | None
    scored: int
    missing: int


def _answered(value) -> bool:
    if value is None:
        return False
    if isinstance(value, list | tuple):
        return bool(value)
    return str(value) != ""


def _chosen(question: Question, value) -> list[str]:
    if not _answered(value):
        return []
    if question.type == MULTIPLE:
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    return [str(value)]


def is_shown(question: Question, answers: Mapping, by_key: Mapping[str, Question]) -> bool:
    """Whether `question` is asked, given the answers (rule 1). `by_key`: the guide's questions
    by key (a condition on an unknown key hides the question)."""
    seen: set[str] = set()
    current = question
    while current.show_if_key:
        if current.key in seen:  # a circle of conditions shows nothing
            return False
        seen.add(current.key)
        earlier = by_key.get(current.show_if_key)
        if earlier is None:
            return False
        chosen = _chosen(earlier, answers.get(earlier.key))
        if not set(chosen) & set(current.show_if_values):
            return False
        current = earlier
    return True


def question_score(question: Question, value) -> Decimal | None:
    """The score of one answer (rule 2): None when unanswered or not scored."""
    scores = {c.value: c.score for c in question.choices if c.score is not None}
    found = [scores[v] for v in _chosen(question, value) if v in scores]
    return max(found) if found else None


def _rounded(exact: Fraction) -> Decimal:
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        _ONE_DECIMAL, rounding=ROUND_HALF_EVEN
    )


def _theme_exact(
    theme: Theme, answers: Mapping, by_key: Mapping[str, Question]
) -> tuple[Fraction | None, int, int]:
    total = Fraction(0)
    weights = Fraction(0)
    scored = missing = 0
    for question in theme.questions:
        if not question.scored or not is_shown(question, answers, by_key):
            continue
        score = question_score(question, answers.get(question.key))
        if score is None:
            missing += 1
            continue
        scored += 1
        weight = Fraction(question.weight)
        total += weight * Fraction(score)
        weights += weight
    return (total / weights if weights > 0 else None), scored, missing


def score_theme(theme: Theme, answers: Mapping, by_key: Mapping[str, Question]) -> ThemeScore:
    exact, scored, missing = _theme_exact(theme, answers, by_key)
    return ThemeScore(theme.key, None if exact is None else _rounded(exact), scored, missing)


def band_for(score: Decimal | None, *, yellow_from: Decimal, red_from: Decimal) -> str | None:
    """The band of a score (rule 5)."""
    if score is None:
        return None
    if score >= red_from:
        return RED
    if score >= yellow_from:
        return YELLOW
    return GREEN


def score_guide(guide: Guide, answers: Mapping) -> GuideScore:
    """Every theme's score, the overall score and its band (rules 3–5)."""
    by_key = {q.key: q for q in guide.questions()}
    themes = []
    exact_scores = []
    for theme in guide.themes:
        exact, scored, missing = _theme_exact(theme, answers, by_key)
        themes.append(
            ThemeScore(theme.key, None if exact is None else _rounded(exact), scored, missing)
        )
        if exact is not None:
            exact_scores.append(exact)
    overall = _rounded(sum(exact_scores, Fraction(0)) / len(exact_scores)) if exact_scores else None
    return GuideScore(
        themes=tuple(themes),
        score=overall,
        band=band_for(overall, yellow_from=guide.yellow_from, red_from=guide.red_from),
        scored=sum(t.scored for t in themes),
        missing=sum(t.missing for t in themes),
    )
