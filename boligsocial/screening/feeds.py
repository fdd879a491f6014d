"""Feeding an indicator from another app: `replace_values` is the one way to do it.

The screening knows nothing of the apps that feed it (house-rule cases today; vulnerability
analyses, surveys and visits next): an app computes its figure per department and year and
hands it over here. The contract (decision 0016):

* `values` maps a **department id** (an int) to its number (a `Decimal` or an int, at most 4
  decimals, below 10^10 in size; not a float) for one indicator (`indicator_code`) and one
  `year`. A department missing from `values` has no figure from this source that year.
* It **replaces** the source's figures of that indicator and year: a department in `values`
  gets its value (a row of another source for the same department, indicator and year is taken
  over: one value per department, indicator and year); a row of this indicator, year and
  `source` whose department is not in `values` is deleted. Rows of other sources, of other
  years, and the areas' and the national rows are left alone. A row it writes belongs to no
  import batch.
* It re-screens the departments whose value changed (created, changed or deleted) through the
  engine (`engine.rescreen`, which also blanks the peers' cached analyses of that year), and
  records one audit entry on the indicator (`record_change`, action "import", the `actor` or
  None for the system): `changes` maps "department <id>, <year>" to (old, new) for every
  changed value (None: no value) and "source of department <id>, <year>" to (old, new) for a
  row taken over from another source. When nothing changed, nothing is written, re-screened or
  recorded.
* All of it in one transaction; bad input (an unknown indicator, an unknown department, a value
  that is not a number of the stored kind, an empty source) raises `FeedError` with a Danish
  message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.organisations.models import Department
from boligsocial.screening import engine
from boligsocial.screening.models import Indicator, IndicatorValue

MAX_DECIMALS = 4  # IndicatorValue.value: decimal_places=4
VALUE_LIMIT = Decimal(10) ** 10  # and max_digits=14
FIRST_YEAR, LAST_YEAR = 1990, 2100  # IndicatorValue.year's validators
SOURCE_LENGTH = 200  # IndicatorValue.source's max_length
BATCH = 2_000  # ids per IN (...) query


class FeedError(ValueError):
    """Input `replace_values` refuses (the message is Danish); nothing was changed."""


@dataclass(frozen=True)
class FeedResult:
    indicator_code: str
    year: int
    created: int
    updated: int
    deleted: int
    unchanged: int


def _number(department_id: int, value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise FeedError(f"Værdien for afdeling {department_id} skal være et tal (ikke {value!r}).")
    number = Decimal(value)
    if not number.is_finite():
        raise FeedError(f"Værdien for afdeling {department_id} skal være et endeligt tal.")
    if -number.as_tuple().exponent > MAX_DECIMALS:  # type: ignore[operator]
        raise FeedError(
            f"Værdien for afdeling {department_id} har mere end {MAX_DECIMALS} decimaler."
        )
    if abs(number) >= VALUE_LIMIT:
        raise FeedError(f"Værdien for afdeling {department_id} er for stor.")
    return number


def _checked(year: int, values: Mapping, source: str) -> dict[int, Decimal]:
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise FeedError(f"Året skal være et helt tal fra {FIRST_YEAR} til {LAST_YEAR}.")
    if not isinstance(source, str) or not source.strip() or len(source) > SOURCE_LENGTH:
        raise FeedError(f"Kilden skal være en tekst på 1 til {SOURCE_LENGTH} tegn.")
    numbers: dict[int, Decimal] = {}
    for department_id, value in values.items():
        if isinstance(department_id, bool) or not isinstance(department_id, int):
            raise FeedError(
                f"En afdeling angives med sit id (et helt tal), ikke {department_id!r}."
            )
        numbers[department_id] = _number(department_id, value)
    ids = sorted(numbers)
    known: set[int] = set()
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        known.update(Department.objects.filter(id__in=batch).values_list("id", flat=True))
    unknown = sorted(set(numbers) - known)
    if unknown:
        listed = ", ".join(str(d) for d in unknown[:10]) + (" …" if len(unknown) > 10 else "")
        raise FeedError(f"Der findes ingen afdeling med id {listed}.")
    return numbers


@transaction.atomic
def replace_values(
    *,
    indicator_code: str,
    year: int,
    values: Mapping[int, Decimal | int],
    source: str,
    actor=None,
) -> FeedResult:
    """Make `values` the `source`'s figures of the indicator `indicator_code` in `year`, re-screen
    the departments whose value changed and record it (see the module doc). `actor`: the user
    who fed it, None for the system (a scheduled task, a command)."""
    indicator = Indicator.objects.select_for_update().filter(code=indicator_code).first()
    if indicator is None:
        raise FeedError(f"Indikatoren {indicator_code!r} findes ikke.")
    numbers = _checked(year, values, source)
    existing: dict[int, IndicatorValue] = {}  # the departments' rows, of any source
    stale: dict[int, IndicatorValue] = {}  # the source's rows of departments not in `values`
    rows = IndicatorValue.objects.filter(indicator=indicator, year=year, department__isnull=False)
    for row in rows.only("id", "department_id", "value", "source", "batch_id"):
        if row.department_id in numbers:
            existing[row.department_id] = row
        elif row.source == source:
            stale[row.department_id] = row
    created, updated = [], []
    changed: set[int] = set()  # departments whose value changed: re-screened
    changes: dict[str, tuple] = {}
    for department_id, number in sorted(numbers.items()):
        row = existing.get(department_id)
        key = f"department {department_id}, {year}"
        if row is None:
            created.append(
                IndicatorValue(
                    indicator=indicator,
                    department_id=department_id,
                    year=year,
                    value=number,
                    source=source,
                )
            )
            changes[key] = (None, number)
            changed.add(department_id)
        elif row.value != number or row.source != source:
            if row.value != number:
                changes[key] = (row.value, number)
                changed.add(department_id)
            if row.source != source:
                changes[f"source of {key}"] = (row.source, source)
            row.value, row.source, row.batch = number, source, None
            updated.append(row)
    for department_id, row in sorted(stale.items()):
        changes[f"department {department_id}, {year}"] = (row.value, None)
        changed.add(department_id)
    IndicatorValue.objects.bulk_create(created)
    IndicatorValue.objects.bulk_update(updated, ["value", "source", "batch"])
    gone = sorted(row.pk for row in stale.values())
    for start in range(0, len(gone), BATCH):
        IndicatorValue.objects.filter(pk__in=gone[start : start + BATCH]).delete()
    if changed:
        engine.rescreen(department_ids=changed, years=[year])
    if changes:
        record_change(actor=actor, obj=indicator, action=ChangeAction.IMPORT, changes=changes)
    return FeedResult(
        indicator_code=indicator_code,
        year=year,
        created=len(created),
        updated=len(updated),
        deleted=len(stale),
        unchanged=len(numbers) - len(created) - len(updated),
    )
