"""Seed the shared vocabulary of target groups (issue 17, part 1): age band (inclusive years, no
upper limit where None) and kind. Our own starting list, from the target groups of the
catalogue's interventions (domain.md § 2.4) and the issue's examples; an editable vocabulary,
not a standard. The root conftest's `restore_migration_data()` calls `seed` after a flush."""

from django.db import migrations

# name, kind, age_min, age_max, description
GROUPS = [
    ("Småbørn og deres familier", "families", 0, 5, "Børn 0–5 år og deres forældre."),
    ("Skolebørn", "schooling", 6, 12, "Skolegang, lektiehjælp og fritid."),
    ("Unge i skole og uddannelse", "schooling", 13, 24, "Skolegang og ungdomsuddannelse."),
    ("Unge i risiko for kriminalitet", "crime", 12, 17, "Kriminalitetsforebyggelse for børn og unge."),
    ("Unge voksne i risiko for kriminalitet", "crime", 18, 29, "Fx exit, mentorer, SSP+."),
    ("Unge uden job og uddannelse", "employment", 15, 29, "Fritidsjob, uddannelsesvejledning."),
    ("Ledige voksne", "employment", 30, 64, "Voksne uden for arbejde og uddannelse."),
    ("Beboere med gæld eller risiko for udsættelse", "economy", 18, None, "Økonomisk rådgivning."),
    ("Ensomme ældre", "isolation", 65, None, "Ældre uden netværk."),
    ("Udsatte voksne", "health", 18, None, "Misbrug, psykisk sårbarhed, sundhed."),
    ("Alle beboere", "general", 0, None, "Fællesskab, tryghed og beboerdemokrati."),
]


def seed(apps, schema_editor):
    TargetGroup = apps.get_model("coordination", "TargetGroup")
    for position, (name, kind, age_min, age_max, description) in enumerate(GROUPS, start=1):
        TargetGroup.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "age_min": age_min,
                "age_max": age_max,
                "description": description,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("coordination", "TargetGroup").objects.filter(
        name__in=[g[0] for g in GROUPS], efforts__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("coordination", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
