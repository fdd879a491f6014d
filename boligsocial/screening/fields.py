"""The screening's own model fields (decisions 0005, 0010, 0011, 0015) and the indicator
id <-> code translation the stored cells of lights use. Migrations name the fields by this
module's path."""

import json

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.screening import cells


class ResultJSONField(models.JSONField):
    """(Kept for migrations 0005-0008; lights use `JSONTextField` since 0009.) JSON that only
    the screening writes (`engine/`, valid by construction and
    tested): without the JSON_VALID check constraint Django puts on JSON columns on SQLite,
    which costs about 2 s of the 80,000-light screen of benchmark P1 (decision 0005).
    Reading and writing through the ORM is that of JSONField; PostgreSQL's jsonb is unchanged."""

    def db_check(self, connection):
        return None


class RebuiltAutoField(models.BigAutoField):
    """The id of derived rows that every screen deletes and writes again (`Light`): on SQLite
    without AUTOINCREMENT, whose bookkeeping cost a quarter of the 80,000-light insert (decision
    0011). SQLite may then give a new row the id of a deleted one; a light's id changes with
    every screen anyway. PostgreSQL is unchanged."""

    def db_type_suffix(self, connection):
        if connection.vendor == "sqlite":
            return None
        return super().db_type_suffix(connection)


class JSONTextField(models.TextField):
    """JSON kept as text in every database (not PostgreSQL's jsonb): only the screening writes
    it and nothing queries inside it, while parsing jsonb cost a tenth of the 80,000-light
    screen's COPY (decision 0011). Read and written as the Python value (`json`)."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(value)

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError as error:
                raise ValidationError(_("Not valid JSON."), code="invalid") from error
        return value

    def get_prep_value(self, value):
        return json.dumps(value, ensure_ascii=False)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class IndicatorKeys:
    """The indicators' ids and codes for the stored cells of lights (`CellsField`, decision
    0015): read from the database when first needed, and again when an id or a code is not
    among them (an indicator added since, e.g. by another process or a migration).

    A pair that is there cannot be wrong: an indicator's code never changes (read-only in the
    admin and the API) and an indicator is never deleted (the admin does not allow it), so an id
    names one indicator for good. The exception is an id given again after the transaction that
    created it was rolled back (SQLite reuses it): the new indicator's save forgets the pairs
    (`screening/signals.py`), as does every save or delete of an indicator."""

    def __init__(self):
        self._codes: dict[int, str] = {}
        self._ids: dict[str, int] = {}

    def forget(self) -> None:
        self._codes, self._ids = {}, {}

    def _load(self) -> None:
        indicators = apps.get_model("screening", "Indicator")  # the model module imports this one
        pairs = list(indicators.objects.values_list("id", "code"))
        self._codes, self._ids = dict(pairs), {code: pk for pk, code in pairs}

    def decode(self, text: str | None) -> cells.Cells:
        """The cells of a stored text (ids) with the indicators' codes."""
        if not text:
            return cells.Cells()
        return self._translated(lambda: cells.decode(text, codes=self._codes), "id")

    def id_of(self, code: str) -> int:
        """The id an indicator's cells are stored under."""
        return self._translated(lambda: self._ids[code], "code")

    def encode(self, value: dict) -> str:
        """The stored text (ids) of cells keyed by code."""
        if not value:
            return ""
        return self._translated(lambda: cells.encode(value, ids=self._ids), "code")

    def _translated(self, translate, what: str):
        """`translate()` with the pairs read so far; if it names an indicator they lack, once
        more after reading them again."""
        try:
            return translate()
        except KeyError:
            self._load()
        try:
            return translate()
        except KeyError as error:
            raise ValueError(f"a light names an unknown indicator {what}: {error}") from None


INDICATOR_KEYS = IndicatorKeys()


class CellsField(models.TextField):
    """`Light.indicators`: stored as the compact text of `screening.cells` with indicator ids,
    read and written as its dict keyed by indicator code (`cells.Cells`, which also carries the
    light's legend sets; `IndicatorKeys` translates). Only the screening writes it (decisions
    0010 and 0015)."""

    def from_db_value(self, value, expression, connection):
        return INDICATOR_KEYS.decode(value)

    def to_python(self, value):
        if isinstance(value, cells.Cells):
            return value
        if value is None or isinstance(value, str):
            return INDICATOR_KEYS.decode(value)
        return cells.Cells(value)

    def get_prep_value(self, value):
        if isinstance(value, str):
            return value
        return INDICATOR_KEYS.encode(value or {})

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))
