"""Reference data: Denmark's 5 regions and 98 municipalities (data/kommuner.csv, checked against
public sources, see data/README.md). Used by migration 0002 and by tests that flush the database.
Imports no models, so migrations can use it with their historical models."""

import csv
from pathlib import Path

CSV_PATH = Path(__file__).resolve().parent / "data" / "kommuner.csv"


def municipality_rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_municipalities(region_model, municipality_model) -> None:
    """Create or update every region and municipality (idempotent)."""
    rows = municipality_rows()
    for row in rows:
        region_model.objects.update_or_create(
            code=int(row["regionskode"]), defaults={"name": row["region"]}
        )
    for row in rows:
        municipality_model.objects.update_or_create(
            code=int(row["kommunekode"]),
            defaults={"name": row["kommune"], "region_id": int(row["regionskode"])},
        )
