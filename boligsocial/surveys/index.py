"""The survey index (pure; issue 15, part 1): 0–100, higher = better (safer, more content).

The formula, as shown to users (`FORMULA`):

* the guide's choices carry a score 0–100 where higher is *worse* (the engine's convention,
  guides/spec.py); an item's **points** are 100 − that score, so "meget tryg" gives 100 and
  "meget utryg" 0;
* a household's index is the mean of the points of the index items it answered with a scored
  choice (a "ved ikke", an unanswered item or one skipped by the guide's skip logic does not
  count); a household with none of them has no index;
* a group's index is the mean of its households' indexes, rounded half-even to one decimal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from boligsocial.guides import scoring
from boligsocial.guides.spec import Guide

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")

FORMULA = (
    "Indeks = gennemsnittet over husstandene af husstandens gennemsnitlige point på "
    "indeksspørgsmålene; point = 100 − svarets score (100 = bedst, 0 = dårligst). "
    "»Ved ikke« og ubesvarede spørgsmål tæller ikke med."
)


def household_index(guide: Guide, keys: Sequence[str], answers: Mapping) -> Decimal | None:
    """One household's index (exact), None when it answered no index item with a score."""
    by_key = {q.key: q for q in guide.questions()}
    points = []
    for key in keys:
        question = by_key.get(key)
        if question is None or not scoring.is_shown(question, answers, by_key):
            continue
        score = scoring.question_score(question, answers.get(key))
        if score is not None:
            points.append(HUNDRED - score)
    if not points:
        return None
    return sum(points, Decimal(0)) / len(points)


def group_index(values: Iterable[Decimal | None]) -> tuple[Decimal | None, int]:
    """The mean of the households' indexes (rounded to one decimal) and how many had one."""
    present = [v for v in values if v is not None]
    if not present:
        return None, 0
    mean = sum(present, Decimal(0)) / len(present)
    return mean.quantize(ONE_DECIMAL, rounding=ROUND_HALF_EVEN), len(present)
