"""The analysis is rendered when it is read (decision 0005): the stored text is now a cache."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("screening", "0003_policy_one_global")]

    operations = [
        migrations.RenameField(model_name="light", old_name="analysis", new_name="analysis_text"),
        migrations.AlterField(
            model_name="light",
            name="analysis_text",
            field=models.TextField(
                blank=True,
                help_text="Rendered when first read; blank until then.",
                verbose_name="analysis",
            ),
        ),
    ]
