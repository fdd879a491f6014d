"""Light.indicators and Light.legend_versions become one compact text column (decision 0010).

Existing lights are converted row by row (they are derived data: a screen would also rebuild
them)."""

from django.db import migrations, models

import boligsocial.screening.cells
import boligsocial.screening.models


def to_cells(apps, schema_editor):
    from boligsocial.screening.cells import encode

    Light = apps.get_model("screening", "Light")
    for light in Light.objects.only("id", "indicators", "legend_versions").iterator(2000):
        light.cells = encode(light.indicators or {}, light.legend_versions or {})
        light.save(update_fields=["cells"])


def to_json(apps, schema_editor):
    from boligsocial.screening.cells import decode

    Light = apps.get_model("screening", "Light")
    for light in Light.objects.only("id", "cells").iterator(2000):
        decoded = decode(light.cells)
        light.indicators = dict(decoded)
        light.legend_versions = decoded.legend_sets
        light.save(update_fields=["indicators", "legend_versions"])


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0006_house_rule_cases_indicator"),
    ]

    operations = [
        migrations.AddField(
            model_name="light",
            name="cells",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(to_cells, to_json),
        migrations.RemoveField(model_name="light", name="indicators"),
        migrations.RemoveField(model_name="light", name="legend_versions"),
        migrations.RenameField(model_name="light", old_name="cells", new_name="indicators"),
        migrations.AlterField(
            model_name="light",
            name="indicators",
            field=boligsocial.screening.fields.CellsField(
                blank=True,
                default=boligsocial.screening.cells.Cells,
                verbose_name="indicators",
            ),
        ),
    ]
