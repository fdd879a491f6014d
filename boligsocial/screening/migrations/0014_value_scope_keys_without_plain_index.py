# The plain indexes on IndicatorValue.department and .area duplicate the leading column of the
# partial unique indexes value_unique_department and value_unique_area. Only the indexes are
# dropped: Django's AlterField would also drop and re-validate the foreign keys on PostgreSQL
# and copy the whole table on SQLite.

import django.db.models.deletion
from django.db import migrations, models

TABLE = "screening_indicatorvalue"
INDEXES = {
    "area_id": "screening_indicatorvalue_area_id_20f728cb",
    "department_id": "screening_indicatorvalue_department_id_e4a33f59",
}


def _without_index(name: str, to: str, verbose_name: str) -> migrations.AlterField:
    return migrations.AlterField(
        model_name="indicatorvalue",
        name=name,
        field=models.ForeignKey(
            blank=True,
            db_index=False,
            null=True,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="indicator_values",
            to=to,
            verbose_name=verbose_name,
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_load_municipalities"),
        ("screening", "0013_light_computed_at_default"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "{TABLE}" ("{column}")',
                )
                for column, name in INDEXES.items()
            ],
            state_operations=[
                _without_index("area", "organisations.area", "housing area"),
                _without_index("department", "organisations.department", "department"),
            ],
        ),
    ]
