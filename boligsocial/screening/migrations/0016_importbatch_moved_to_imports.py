"""The import record now belongs to the imports app (imports 0001 renamed its table, rows kept):
the values' and the list memberships' keys point at `imports.ImportBatch` and the screening's
own model leaves its state. Nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("screening", "0015_light_cells_indicator_ids"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="indicatorvalue",
                    name="batch",
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="values", to="imports.importbatch", verbose_name="import"),
                ),
                migrations.AlterField(
                    model_name="publishedlistmembership",
                    name="batch",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="list_memberships", to="imports.importbatch", verbose_name="import"),
                ),
                migrations.DeleteModel(name="ImportBatch"),
            ],
        ),
    ]
