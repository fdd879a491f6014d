"""Checking a guide's structure before it is stored (pure): `problems(guide)` lists what is wrong
in Danish, one text per problem, each naming the question or theme; an empty list = sound.

* keys: slugs (letters, digits, `_`, `-`, starting with a letter), unique within the guide
  (themes and questions each);
* every question type is known; choice types have choices with unique values; a scale has
  exactly the five steps "1".."5"; a yes/no question the values yes, no, dont_know;
* scores are 0–100; weights are 0 or more;
* skip logic refers to an *earlier* question with choices, by values it has;
* the thresholds: 0 ≤ yellow_from ≤ red_from ≤ 100."""

from __future__ import annotations

import re
from decimal import Decimal

from boligsocial.guides.spec import (
    CHOICE_TYPES,
    DONT_KNOW,
    NO,
    SCALE,
    SCALE_VALUES,
    TYPES,
    YES,
    YES_NO,
    Guide,
)

KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,59}$")


def problems(guide: Guide) -> list[str]:
    found: list[str] = []
    if not guide.name.strip():
        found.append("Guiden skal have et navn.")
    if not Decimal(0) <= guide.yellow_from <= guide.red_from <= Decimal(100):
        found.append("Grænserne skal opfylde 0 ≤ gul fra ≤ rød fra ≤ 100.")
    theme_keys: set[str] = set()
    earlier: dict = {}
    for theme in guide.themes:
        if not KEY.match(theme.key):
            found.append(f"Temaet »{theme.title}« har en ugyldig nøgle »{theme.key}«.")
        if theme.key in theme_keys:
            found.append(f"Temanøglen »{theme.key}« findes to gange.")
        theme_keys.add(theme.key)
        for q in theme.questions:
            found.extend(_question_problems(q, earlier))
            earlier[q.key] = q
    if not guide.themes:
        found.append("Guiden skal have mindst ét tema.")
    return found


def _question_problems(q, earlier: dict) -> list[str]:
    found: list[str] = []
    name = f"Spørgsmål »{q.key}«"
    if not KEY.match(q.key):
        found.append(f"{name} har en ugyldig nøgle (bogstaver, tal, _ og -, først et bogstav).")
    if q.key in earlier:
        found.append(f"{name}: nøglen findes to gange.")
    if not q.text.strip():
        found.append(f"{name} mangler en tekst.")
    if q.type not in TYPES:
        found.append(f"{name} har en ukendt type »{q.type}«.")
    if q.weight < 0:
        found.append(f"{name}: vægten må ikke være negativ.")
    values = [c.value for c in q.choices]
    if q.type in CHOICE_TYPES:
        if not values:
            found.append(f"{name} skal have svarmuligheder.")
        if len(set(values)) != len(values):
            found.append(f"{name} har den samme svarværdi to gange.")
    elif values:
        found.append(f"{name}: typen har ingen svarmuligheder.")
    if q.type == SCALE and tuple(values) != SCALE_VALUES:
        found.append(f"{name}: en skala har trinnene 1, 2, 3, 4 og 5.")
    if q.type == YES_NO and tuple(values) != (YES, NO, DONT_KNOW):
        found.append(f"{name}: ja/nej/ved ikke har svarværdierne yes, no og dont_know.")
    for c in q.choices:
        if c.score is not None and not Decimal(0) <= c.score <= Decimal(100):
            found.append(f"{name}: point for »{c.value}« skal være fra 0 til 100.")
    if q.show_if_key:
        target = earlier.get(q.show_if_key)
        if target is None:
            found.append(
                f"{name} vises ud fra »{q.show_if_key}«, som ikke er et tidligere spørgsmål."
            )
        elif not q.show_if_values or not set(q.show_if_values) <= {c.value for c in target.choices}:
            found.append(f"{name}: betingelsen bruger svar, som »{q.show_if_key}« ikke har.")
    return found
