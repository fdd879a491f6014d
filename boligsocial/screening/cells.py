"""The compact text in which a stored light keeps its per-indicator results (decision 0010).

A light has one *cell* per indicator with a value in its year, in indicator order, separated by
``;``. A cell is six comma-separated fields::

    indicator,value,flags,since,legend_version,legend_set

* ``indicator``: as stored, the indicator's id (decision 0015: codes made about 40 % of
  the text); `encode` and `decode` write and read codes unless given the maps between ids and
  codes (``ids`` / ``codes``), which `fields.CellsField` passes;
* ``value``: the value x 10,000 as an integer (``412300`` is 41.23), empty when suppressed;
* ``flags``: three characters, colour (``g``/``y``/``r``), trend (``u`` unchanged, ``w`` worse,
  ``b`` better) and 3-year direction (``s`` stable, ``w`` worsening, ``i`` improving), ``-`` for
  none;
* ``since``: the first year of the current run of the same colour, or empty;
* ``legend_version``: the version number of the legend that coloured the value, or empty;
* ``legend_set``: the id of the indicator's `LegendSet` the light was computed with (the light's
  ``legend_versions``), or empty.

Example (with codes): ``outside_work_education,412300,rwi,2019,2,17;residents,18000000,---,,,``;
stored, with the ids of those indicators: ``2,412300,rwi,2019,2,17;1,18000000,---,,,``.

Read back (`decode`), a cell is exactly the dict the screening has always exposed as
``Light.indicators`` (`models` docstring): ``{"value": "41.2300", "colour": "red", "trend":
"worse", "direction": "improving", "since": 2019, "suppressed": False, "legend_version": 2}``;
a value is suppressed exactly when it is empty. `Cells` is that dict with the legend sets
(``{code: LegendSet id}``) as an attribute, so one column carries both.

The bulk screening (`engine/bulk.py`) writes the same text with polars; `encode` is the
reference (tested to agree). About 40 bytes per indicator instead of about 150 as JSON: the
80,000-light screen of benchmark P1 writes 40 MB instead of 150.
"""

from __future__ import annotations

from decimal import Decimal

COLOURS = {"green": "g", "yellow": "y", "red": "r", None: "-"}
TRENDS = {"unchanged": "u", "worse": "w", "better": "b", None: "-"}
DIRECTIONS = {"stable": "s", "worsening": "w", "improving": "i", None: "-"}
_COLOUR_OF = {v: k for k, v in COLOURS.items()}
_TREND_OF = {v: k for k, v in TRENDS.items()}
_DIRECTION_OF = {v: k for k, v in DIRECTIONS.items()}
_SCALE_EXP = -4


class Cells(dict):
    """``{code: result}`` (see the module doc) with ``legend_sets`` = ``{code: LegendSet id}``."""

    __slots__ = ("legend_sets",)

    def __init__(self, entries=(), legend_sets=None):
        super().__init__(entries)
        self.legend_sets = dict(legend_sets or {})

    def __reduce__(self):  # pickling (e.g. the cache) keeps the legend sets
        return (Cells, (dict(self), self.legend_sets))


def _int_or_none(text: str) -> int | None:
    return int(text) if text else None


def _scaled(text: str | None) -> str:
    """The stored integer of a value text ("41.2300" -> "412300"); exact, 4 decimals at most."""
    if text is None:
        return ""
    value = Decimal(text)
    scaled = value.scaleb(-_SCALE_EXP)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"more than 4 decimals: {text}")
    return str(int(scaled))


def encode(indicators: dict, legend_sets: dict | None = None, ids: dict | None = None) -> str:
    """The text of `indicators` (and `legend_sets`, default: its own ``legend_sets``); with
    `ids` (``{code: id}``) each cell starts with the indicator's id instead of its code."""
    if legend_sets is None:
        legend_sets = getattr(indicators, "legend_sets", {})
    unknown = set(legend_sets) - set(indicators)
    if unknown:
        raise ValueError(f"legend sets without a cell: {sorted(unknown)}")
    parts = []
    for code, entry in indicators.items():
        if "," in code or ";" in code:
            raise ValueError(f"an indicator code cannot hold , or ;: {code}")
        since, version, legend_set = (
            entry.get("since"),
            entry.get("legend_version"),
            legend_sets.get(code),
        )
        parts.append(
            ",".join(
                (
                    code if ids is None else str(ids[code]),
                    _scaled(entry.get("value")),
                    COLOURS[entry.get("colour")]
                    + TRENDS[entry.get("trend")]
                    + DIRECTIONS[entry.get("direction")],
                    "" if since is None else str(int(since)),
                    "" if version is None else str(int(version)),
                    "" if legend_set is None else str(int(legend_set)),
                )
            )
        )
    return ";".join(parts)


def decode(text: str | None, codes=None) -> Cells:
    """The dict (with ``legend_sets``) of a text; the inverse of `encode`. With `codes`
    (``{id: code}``, a mapping) the cells start with ids."""
    cells = Cells()
    if not text:
        return cells
    legend_sets = cells.legend_sets
    for part in text.split(";"):
        code, value, flags, since, version, legend_set = part.split(",")
        if codes is not None:
            code = codes[int(code)]
        cells[code] = {
            "value": str(Decimal(int(value)).scaleb(_SCALE_EXP)) if value else None,
            "colour": _COLOUR_OF[flags[0]],
            "trend": _TREND_OF[flags[1]],
            "direction": _DIRECTION_OF[flags[2]],
            "since": _int_or_none(since),
            "suppressed": not value,
            "legend_version": _int_or_none(version),
        }
        if legend_set:
            legend_sets[code] = int(legend_set)
    return cells


def value_of(text: str | None, key: str) -> Decimal | None:
    """The value of one cell of a stored text, found by its first field (the indicator's id as
    text, or its code), without decoding the others: what `decode` gives as ``value``, as a
    Decimal (None when suppressed or absent). The scorecard sorts 600 lights by one indicator
    with it."""
    if not text:
        return None
    prefix = key + ","
    for part in text.split(";"):
        if part.startswith(prefix):
            value = part[len(prefix) :].split(",", 1)[0]
            return Decimal(int(value)).scaleb(_SCALE_EXP) if value else None
    return None
