"""The import record moves from the screening app to the imports app, rows and ids kept: the
table `screening_importbatch` is renamed `imports_importbatch` (the model's state moves with
`SeparateDatabaseAndState`; screening 0016 points the values' and list memberships' keys at the
new model and drops the old one from its state). Foreign keys follow a renamed table on both
databases (PostgreSQL by object id; SQLite rewrites them, `legacy_alter_table` is off)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OLD, NEW = "screening_importbatch", "imports_importbatch"


def rename_forward(apps, schema_editor):
    schema_editor.alter_db_table(apps.get_model("screening", "ImportBatch"), OLD, NEW)


def rename_backward(apps, schema_editor):
    schema_editor.alter_db_table(apps.get_model("screening", "ImportBatch"), NEW, OLD)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("organisations", "0002_load_municipalities"),
        ("screening", "0015_light_cells_indicator_ids"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(rename_forward, rename_backward)],
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("values", "indicator values"), ("published_lists", "published lists")], default="values", max_length=20, verbose_name="kind")),
                        ("filename", models.CharField(max_length=255, verbose_name="file name")),
                        ("sha256", models.CharField(blank=True, max_length=64, verbose_name="SHA-256")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("status", models.CharField(choices=[("pending", "waiting"), ("running", "running"), ("done", "done"), ("failed", "failed")], default="pending", max_length=10, verbose_name="status")),
                        ("rows_total", models.PositiveIntegerField(default=0, verbose_name="rows in total")),
                        ("rows_done", models.PositiveIntegerField(default=0, verbose_name="rows done")),
                        ("created", models.PositiveIntegerField(default=0, verbose_name="created")),
                        ("updated", models.PositiveIntegerField(default=0, verbose_name="updated")),
                        ("unchanged", models.PositiveIntegerField(default=0, verbose_name="unchanged")),
                        ("errors", models.JSONField(blank=True, default=list, verbose_name="errors")),
                        ("task_id", models.CharField(blank=True, max_length=64, verbose_name="task id")),
                        ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="imported by")),
                        ("organisation", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="import_batches", to="organisations.organisation", verbose_name="housing organisation")),
                    ],
                    options={
                        "verbose_name": "import",
                        "verbose_name_plural": "imports",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
            ],
        ),
    ]
