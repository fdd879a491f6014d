"""The overdue and due-soon index gets status as its last column, so their count is answered
from the index alone (decision 0009)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_search_count_index"),
        ("organisations", "0002_load_municipalities"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="case",
            name="case_org_next_due",
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["organisation", "next_due", "status"], name="case_org_due_status"
            ),
        ),
    ]
