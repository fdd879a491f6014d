"""Load Denmark's 5 regions and 98 municipalities from data/kommuner.csv (checked reference data,
see data/README.md). Re-running is harmless: rows are updated in place."""

from django.db import migrations

from boligsocial.organisations.reference import load_municipalities


def load(apps, schema_editor):
    load_municipalities(
        apps.get_model("organisations", "Region"), apps.get_model("organisations", "Municipality")
    )


def unload(apps, schema_editor):
    apps.get_model("organisations", "Municipality").objects.all().delete()
    apps.get_model("organisations", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
