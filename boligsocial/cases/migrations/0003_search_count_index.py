"""An index holding every column the filtered case count tests, search_text included, so the
count is answered from the index alone (decision 0009)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_search_text"),
        ("organisations", "0002_load_municipalities"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["organisation", "status", "category", "search_text"],
                name="case_org_status_cat_text",
            ),
        ),
    ]
