"""Load Denmark's 5 regions and 98 municipalities from data/kommuner.csv (checked reference data,
see data/README.md). Re-running is harmless: rows are updated in place."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "kommuner.csv"


def load(apps, schema_editor):
    Region = apps.get_model("organisations", "Region")
    Municipality = apps.get_model("organisations", "Municipality")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        Region.objects.update_or_create(
            code=int(row["regionskode"]), defaults={"name": row["region"]}
        )
    for row in rows:
        Municipality.objects.update_or_create(
            code=int(row["kommunekode"]),
            defaults={"name": row["kommune"], "region_id": int(row["regionskode"])},
        )


def unload(apps, schema_editor):
    apps.get_model("organisations", "Municipality").objects.all().delete()
    apps.get_model("organisations", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
