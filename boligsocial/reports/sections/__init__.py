"""The report's sections as providers (decision 0035).

Each section is a small module of this package, named in `PROVIDERS` in the order of the report
(domain.md § 3's suggested structure, as far as our data reaches), with

    KEY: str                                 # stable, also the key of the section's free text
    TITLE: str                               # (lazy) the heading
    def build(scope: Scope) -> dict | None   # {"blocks": [...]}, or None: no data for it

A provider reads its own app's data for `scope` (the organisation's departments, or one
department, and the year) and returns plain JSON data only (text, numbers as strings, SVG), so
the builder can freeze the whole report in one JSON snapshot. A capability adds one module here
and its name to `PROVIDERS` (surveys, safety walks and coordination did so, decision 0039);
nothing else changes.

Blocks (the one template `reports/_body.html` renders each type):

* ``{"type": "text", "paragraphs": [...], "internal": bool}``
* ``{"type": "table", "key", "title", "header": [...], "numeric": [bool per column],
  "rows": [[cell, ...]]}`` with cells from `cell()`: ``{"t": text, "n": number as a string or
  None, "small": a count below the disclosure threshold (shown as its mark), "colour": ""}``;
  every table is also an Excel download by its key.
* any block may say ``"internal": True`` (free text not for the public summary),
  ``"full_only": True`` (not in the public summary) or ``"public_only": True`` (only there)
* ``{"type": "chart", "svg", "title"}`` (core.charts, with its numbers in a table beside it)
* ``{"type": "list", "items": [...]}``, ``{"type": "note", "text"}`` and
  ``{"type": "heading", "text"}`` (a sub-heading, kept with what follows in print)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import ModuleType

from boligsocial.core.formatting import format_integer, format_number

PROVIDERS = (
    "master_data",
    "economy",
    "letting",
    "maintenance",
    "resident_mix",
    "traffic_light",
    "efforts",
    "housing_counts",
    "analyses",
    "surveys",
    "walks",
    "coordination",
    "recommendations",
    "democracy",
    "efficiency",
    "agreements",
)


@dataclass
class Scope:
    """What a provider builds for: the organisation, its departments in the report (all of
    them, or the one of a department report), the year, and the report row (its texts)."""

    organisation: object
    departments: list  # Department instances, by number
    department: object | None
    year: int
    today: date
    report: object | None = None
    cache: dict = field(default_factory=dict)  # shared reads between providers

    @property
    def department_ids(self) -> list[int]:
        return [d.pk for d in self.departments]


def modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in PROVIDERS]


# --- block helpers ------------------------------------------------------------------------------


def cell(text="", number=None, *, small: bool = False, colour: str = "") -> dict:
    return {
        "t": "" if text is None else str(text),
        "n": None if number is None else str(number),
        "small": small,
        "colour": colour,
    }


def number_cell(value, decimals: int = 1) -> dict:
    if value is None:
        return cell("–")
    value = Decimal(value)
    return cell(format_number(value, decimals), value)


def count_cell(figure) -> dict:
    """A count through core.disclosure: its value, or its mark ("<5", "x") flagged small."""
    if figure.shown:
        return {**cell(format_integer(figure.value), figure.value), "count": True}
    return {**cell(figure.mark, small=True), "count": True}


def table(key: str, title, header, rows, numeric=()) -> dict:
    numeric = list(numeric) or [False] * len(header)
    return {
        "type": "table",
        "key": key,
        "title": str(title),
        "header": [str(h) for h in header],
        "numeric": numeric,
        "rows": rows,
    }


def text(*paragraphs, internal: bool = False) -> dict:
    return {"type": "text", "paragraphs": [str(p) for p in paragraphs if p], "internal": internal}


def heading(title) -> dict:
    return {"type": "heading", "text": str(title)}


def note(message) -> dict:
    return {"type": "note", "text": str(message)}


def items(values) -> dict:
    return {"type": "list", "items": [str(v) for v in values]}


def chart(data) -> dict | None:
    if data is None:
        return None
    return {"type": "chart", "svg": data.svg, "title": str(data.title)}
