"""Case.search_text (reference, address, party names, lower-cased: the case search is one LIKE on
one column) filled for the existing cases, and an index for the filtered list."""

from django.conf import settings
from django.db import migrations, models

CHUNK = 2000


def fill_search_text(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Party = apps.get_model("cases", "Party")
    last = 0
    while True:
        cases = list(
            Case.objects.filter(pk__gt=last)
            .order_by("pk")
            .only("id", "reference", "address")[:CHUNK]
        )
        if not cases:
            return
        names: dict[int, list[str]] = {c.pk: [] for c in cases}
        for case_id, name in (
            Party.objects.filter(case_id__in=list(names))
            .order_by("id")
            .values_list("case_id", "name")
        ):
            names[case_id].append(name)
        for case in cases:
            # the same as models.build_search_text (a migration does not import the model's code)
            case.search_text = "\n".join([case.reference, case.address, *names[case.pk]]).lower()
        Case.objects.bulk_update(cases, ["search_text"], batch_size=500)
        last = cases[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("organisations", "0002_load_municipalities"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["organisation", "category", "status", "-received_at"],
                name="case_org_cat_status_recv",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
