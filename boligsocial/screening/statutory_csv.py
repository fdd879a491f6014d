"""CSV-kontrakt for de lovbestemte lister (§§ 61 a/61 b) / CSV contract. Ren Python, ingen Django.

Input: UTF-8 (BOM tilladt), kommasepareret, overskrift med ``INPUT_COLUMNS``
(``published_lists`` er valgfri). Procenter 0-100 med punktum som decimaltegn. Et område
identificeres ved ``area`` + ``municipality``. ``published_lists`` er en ``;``-separeret delmængde
af ``udsat;parallelsamfund;omdannelse;forebyggelse`` og bruges kun, når værdikolonnerne er tomme.
Er alle værdikolonner og ``published_lists`` tomme, betyder rækken "offentliggjort: på ingen
liste" (bryder også en parallelsamfundsrække). Værdier kan kun vurderes for år fra 2018; ældre
år skal angives med ``published_lists``. Helt tomme linjer springes over.

Output: én række pr. inputrække i inputrækkefølge, UTF-8 uden BOM, ``\\n`` som linjeskift, med
``OUTPUT_COLUMNS``: de fire lister som 0/1, ``criteria_met`` (``;``-separeret), ``source``
(``values``/``published``), ``parallelsamfund_years``, ``distance_pp_<kriterium>``,
``persons_to_flip_<kriterium>`` og ``forecast_*``, og til sidst ``list_sources`` (for hver liste
``liste:kilde`` adskilt af ``;``, kilde ``values``/``published``/``derived``: afledt af
parallelsamfundsrækken, fx omdannelse i 5. offentliggjorte år), ``warnings`` (offentliggjorte
lister, der modsiger rækken; ``;``-separerede danske sætninger) og ``forecast_note`` (for
offentliggjorte parallelsamfundsår uden prognose: hvad næste års liste gør af området, fx
"5. år på parallelsamfundslisten → omdannelsesområde"). Tomme celler hvor intet kan beregnes.
Et område- eller kommunenavn, der begynder med ``=``, ``+``, ``-`` eller ``@``, skrives med
``'`` foran (ellers en formel i Excel).

Fejl i input: danske fejlbeskeder med linjenummer (1-baseret fil-linje, overskriften er linje 1)
og kolonne på stderr, exitkode 2 og ingen outputfil (der skrives til en midlertidig fil, som
først omdøbes ved succes). Kan outputfilen ikke skrives: exitkode 1. Succes: exitkode 0.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from boligsocial.core.exports import neutralise
from boligsocial.screening.statutory import CRITERIA, FIRST_RULE_YEAR, LISTS, CriterionValues
from boligsocial.screening.statutory_area import AreaYearResult, Observation, evaluate_area

EXIT_OK = 0
EXIT_WRITE_ERROR = 1
EXIT_INPUT_ERROR = 2
MAX_REPORTED_ERRORS = 50

KEY_COLUMNS = ("year", "area", "municipality")
VALUE_COLUMNS = (
    "residents",
    "pct_outside_work_education",
    "pct_convicted",
    "national_pct_convicted",
    "pct_basic_education",
    "income_pct_of_region",
    "pct_nonwestern",
)
REQUIRED_COLUMNS = KEY_COLUMNS + VALUE_COLUMNS
PUBLISHED_COLUMN = "published_lists"
INPUT_COLUMNS = (*REQUIRED_COLUMNS, PUBLISHED_COLUMN)

DISTANCE_CRITERIA = tuple(c for c in CRITERIA if c != "beboere")
PERSON_CRITERIA = tuple(c for c in CRITERIA if c not in ("indkomst", "forebyggelse_indkomst"))
FORECAST_VALUE_COLUMNS = tuple(c for c in VALUE_COLUMNS if c != "national_pct_convicted")
OUTPUT_COLUMNS: tuple[str, ...] = (
    *KEY_COLUMNS,
    *LISTS,
    "criteria_met",
    "source",
    "parallelsamfund_years",
    *(f"distance_pp_{c}" for c in DISTANCE_CRITERIA),
    *(f"persons_to_flip_{c}" for c in PERSON_CRITERIA),
    "forecast_year",
    "forecast_lists",
    "forecast_entering",
    "forecast_leaving",
    "forecast_deciding_criterion",
    *(f"forecast_{c}" for c in FORECAST_VALUE_COLUMNS),
    "list_sources",
    "warnings",
    "forecast_note",
)

#: The output's free-text columns (neutralised against formula injection when written).
TEXT_COLUMNS = ("area", "municipality")

_DECIMAL_RE = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
_INTEGER_RE = re.compile(r"[+-]?[0-9]+")
_YEAR_RE = re.compile(r"[0-9]{4}")
_DIGITS_RE = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class InputError:
    """Én fejl i inputfilen."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"Linje {self.line}"
        if self.column:
            where += f", kolonne '{self.column}'"
        return f"{where}: {self.message}"


class CsvInputError(Exception):
    """Inputfilen er ugyldig; ``errors`` rummer alle fundne fejl (højst ``MAX_REPORTED_ERRORS``)."""

    def __init__(self, errors: Sequence[InputError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class InputRow:
    """Én gyldig inputrække."""

    line: int
    area: str
    municipality: str
    observation: Observation


def _parse_decimal(text: str, column: str, line: int) -> Decimal | InputError:
    if "," in text:
        return InputError(
            line, column, f"'{text}' bruger decimalkomma; brug punktum som decimaltegn (fx 40.5)"
        )
    if not _DECIMAL_RE.fullmatch(text):
        return InputError(line, column, f"'{text}' er ikke et tal")
    value = Decimal(text)
    if column == "national_pct_convicted" and value == 0:
        return InputError(line, column, "landsgennemsnittet skal være større end 0")
    if not 0 <= value <= 100:
        return InputError(line, column, f"{text} ligger uden for 0-100")
    return value


def _parse_residents(text: str, line: int) -> int | InputError:
    if not _INTEGER_RE.fullmatch(text):
        return InputError(
            line,
            "residents",
            f"'{text}' er ikke et helt tal (skriv fx 1234 uden tusindtalspunktum)",
        )
    value = int(text)
    if value < 0:
        return InputError(line, "residents", f"antal beboere må ikke være negativt ({value})")
    return value


def _parse_published(text: str, line: int) -> frozenset[str] | InputError:
    names = [part.strip().lower() for part in text.split(";") if part.strip()]
    unknown = [name for name in names if name not in LISTS]
    if unknown:
        return InputError(
            line,
            PUBLISHED_COLUMN,
            f"ukendt liste '{unknown[0]}'; tilladt er {', '.join(LISTS)} adskilt af ';'",
        )
    return frozenset(names)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CsvInputError(
            [InputError(line, None, "filen er ikke gyldig UTF-8 (gem den som UTF-8)")]
        ) from None


def _header(row: list[str] | None) -> tuple[dict[str, int], int]:
    """Kolonneindeks for de kendte kolonner og overskriftens bredde."""
    if row is None or not any(cell.strip() for cell in row):
        raise CsvInputError([InputError(1, None, "filen er tom eller mangler overskriftslinjen")])
    names = [cell.strip() for cell in row]
    if len(names) == 1 and ";" in names[0]:
        raise CsvInputError(
            [InputError(1, None, "skilletegnet skal være komma (,), ikke semikolon (;)")]
        )
    errors = []
    for index, name in enumerate(names):
        if name and names.index(name) != index:
            errors.append(InputError(1, name, "kolonnen står flere gange i overskriften"))
    errors += [
        InputError(1, name, "kolonnen mangler i overskriften")
        for name in REQUIRED_COLUMNS
        if name not in names
    ]
    if errors:
        raise CsvInputError(errors)
    return {name: names.index(name) for name in INPUT_COLUMNS if name in names}, len(names)


def _valid_number(text: str, column: str) -> bool:
    if column == "residents":
        return _DIGITS_RE.fullmatch(text) is not None
    return _DECIMAL_RE.fullmatch(text) is not None and 0 <= Decimal(text) <= 100


def _too_many_fields(row: list[str], header: dict[str, int], width: int, line: int) -> InputError:
    """Et komma i et tal uden anførselstegn giver et felt for meget: find de kolonner, hvor en
    sammenlægning af to felter (decimalkomma/tusindtalsseparator) giver en gyldig række."""
    candidates = []
    if len(row) == width + 1:
        for column in VALUE_COLUMNS:
            i = header[column]
            first, second = row[i].strip(), row[i + 1].strip()
            if not (_DIGITS_RE.fullmatch(first) and _DIGITS_RE.fullmatch(second)):
                continue
            if column == "residents" and len(second) != 3:  # kun tusindtalsseparator
                continue
            merged = [
                *row[:i],
                f"{first}{second}" if column == "residents" else f"{first}.{second}",
            ]
            merged += row[i + 2 :]
            if all(_valid_number(merged[header[c]].strip(), c) for c in VALUE_COLUMNS):
                candidates.append(column)
    hint = "brug punktum som decimaltegn og ingen tusindtalsseparator"
    if len(candidates) == 1:
        return InputError(
            line, candidates[0], f"for mange felter - formentlig komma i tallet; {hint}"
        )
    where = (
        f" (formentlig i en af kolonnerne {', '.join(repr(c) for c in candidates)})"
        if candidates
        else ""
    )
    return InputError(
        line, None, f"for mange felter ({len(row)}, forventet {width}){where}; {hint}"
    )


def _parse_row(
    row: list[str], header: dict[str, int], width: int, line: int
) -> InputRow | list[InputError]:
    if len(row) > width:
        return [_too_many_fields(row, header, width, line)]
    cells = {name: (row[i].strip() if i < len(row) else "") for name, i in header.items()}
    errors: list[InputError] = []
    year_text = cells["year"]
    year = int(year_text) if _YEAR_RE.fullmatch(year_text) else None
    if year is None:
        errors.append(InputError(line, "year", f"'{year_text}' er ikke et årstal (fx 2023)"))
    for column in ("area", "municipality"):
        if not cells[column]:
            errors.append(InputError(line, column, "feltet må ikke være tomt"))

    parsed: dict[str, object] = {}
    for column in VALUE_COLUMNS:
        text = cells[column]
        if not text:
            continue
        value: int | Decimal | InputError
        if column == "residents":
            value = _parse_residents(text, line)
        else:
            value = _parse_decimal(text, column, line)
        if isinstance(value, InputError):
            errors.append(value)
        else:
            parsed[column] = value
    published_text = cells.get(PUBLISHED_COLUMN, "")
    published = _parse_published(published_text, line)
    if isinstance(published, InputError):
        errors.append(published)

    blank = [c for c in VALUE_COLUMNS if not cells[c]]
    use_values = not blank
    if blank and len(blank) < len(VALUE_COLUMNS) and not published_text:
        errors.append(
            InputError(
                line,
                blank[0],
                "feltet er tomt; udfyld alle værdikolonner eller angiv published_lists",
            )
        )
    if use_values and year is not None and year < FIRST_RULE_YEAR:
        errors.append(
            InputError(
                line,
                "year",
                f"kriterieværdier kan kun vurderes for lister fra {FIRST_RULE_YEAR}; lad "
                "værdikolonnerne stå tomme og angiv published_lists for ældre år",
            )
        )
    if errors:
        order = {name: index for index, name in enumerate(INPUT_COLUMNS)}
        return sorted(errors, key=lambda e: order.get(e.column or "", len(order)))
    assert year is not None and not isinstance(published, InputError)
    if use_values:
        observation = Observation(year, values=CriterionValues(**parsed))  # type: ignore[arg-type]
    else:
        observation = Observation(year, published=published)
    return InputRow(line, cells["area"], cells["municipality"], observation)


def parse(text: str) -> tuple[InputRow, ...]:
    """Læs CSV-tekst (BOM allerede fjernet). Rejser ``CsvInputError`` med alle fejl."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header, width = _header(next(reader, None))
        errors: list[InputError] = []
        rows: list[InputRow] = []
        seen: dict[tuple[str, str, int], int] = {}
        previous_end = reader.line_num
        for row in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            result = _parse_row(row, header, width, line)
            if isinstance(result, list):
                errors += result
            else:
                key = (result.area, result.municipality, result.observation.year)
                if key in seen:
                    errors.append(
                        InputError(
                            line,
                            "year",
                            f"{result.area} ({result.municipality}) {key[2]} står allerede i "
                            f"linje {seen[key]}; område + kommune + år skal være entydigt",
                        )
                    )
                else:
                    seen[key] = line
                    rows.append(result)
            if len(errors) >= MAX_REPORTED_ERRORS:
                break
    except csv.Error as exc:
        raise CsvInputError([InputError(reader.line_num, None, f"ugyldig CSV: {exc}")]) from None
    if errors:
        raise CsvInputError(errors[:MAX_REPORTED_ERRORS])
    return tuple(rows)


def evaluate_rows(rows: Sequence[InputRow]) -> tuple[AreaYearResult, ...]:
    """Beregn resultater; ét pr. inputrække i inputrækkefølge."""
    by_area: dict[tuple[str, str], list[Observation]] = {}
    for row in rows:
        by_area.setdefault((row.area, row.municipality), []).append(row.observation)
    results: dict[tuple[str, str, int], AreaYearResult] = {}
    for (area, municipality), observations in by_area.items():
        for result in evaluate_area(observations):
            results[(area, municipality, result.year)] = result
    return tuple(results[(r.area, r.municipality, r.observation.year)] for r in rows)


def _fmt(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _join(names: frozenset[str] | tuple[str, ...], order: tuple[str, ...]) -> str:
    return ";".join(name for name in order if name in names)


def format_row(row: InputRow, result: AreaYearResult) -> dict[str, str]:
    """Outputrækken som ``{kolonne: tekst}``."""
    out = dict.fromkeys(OUTPUT_COLUMNS, "")
    out.update(year=str(result.year), area=row.area, municipality=row.municipality)
    for name in LISTS:
        out[name] = "1" if name in result.lists else "0"
    out["criteria_met"] = _join(result.criteria_met, CRITERIA)
    out["source"] = result.source
    out["parallelsamfund_years"] = str(result.parallelsamfund_years)
    out["list_sources"] = ";".join(f"{name}:{source}" for name, source in result.list_sources)
    out["warnings"] = "; ".join(warning.message for warning in result.warnings)
    if result.outlook is not None:
        out["forecast_year"] = str(result.outlook.year)
        out["forecast_note"] = result.outlook.message
    for criterion in result.criteria:
        if f"distance_pp_{criterion.name}" in out:
            out[f"distance_pp_{criterion.name}"] = _fmt(criterion.distance_pp)
        if f"persons_to_flip_{criterion.name}" in out:
            out[f"persons_to_flip_{criterion.name}"] = _fmt(criterion.persons_to_flip)
    forecast = result.forecast
    if forecast is not None:
        out["forecast_year"] = str(forecast.year)
        out["forecast_lists"] = _join(forecast.lists, LISTS)
        out["forecast_entering"] = _join(forecast.entering, LISTS)
        out["forecast_leaving"] = _join(forecast.leaving, LISTS)
        out["forecast_deciding_criterion"] = forecast.deciding_criterion or ""
        for column in FORECAST_VALUE_COLUMNS:
            out[f"forecast_{column}"] = _fmt(getattr(forecast.values, column))
    return out


def write(rows: Sequence[InputRow], results: Sequence[AreaYearResult], path: Path) -> None:
    """Skriv atomisk: midlertidig fil i samme mappe, derefter ``os.replace``."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for row, result in zip(rows, results, strict=True):
                out = format_row(row, result)
                # Names are free text: one beginning with = + - @ would be a formula in Excel.
                for column in TEXT_COLUMNS:
                    out[column] = neutralise(out[column])
                writer.writerow(out)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def run(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    stderr: TextIO = sys.stderr,
) -> int:
    """Læs ``input_path``, skriv ``output_path``. Returnerer exitkode 0, 1 eller 2."""
    try:
        data = Path(input_path).read_bytes()
    except OSError as exc:
        print(f"Kan ikke læse inputfilen {input_path}: {exc.strerror or exc}", file=stderr)
        return EXIT_INPUT_ERROR
    try:
        rows = parse(_decode(data))
    except CsvInputError as exc:
        print(f"Fejl i inputfilen {input_path}:", file=stderr)
        for error in exc.errors:
            print(str(error), file=stderr)
        return EXIT_INPUT_ERROR
    results = evaluate_rows(rows)
    try:
        write(rows, results, Path(output_path))
    except OSError as exc:
        print(f"Kan ikke skrive outputfilen {output_path}: {exc.strerror or exc}", file=stderr)
        return EXIT_WRITE_ERROR
    return EXIT_OK
