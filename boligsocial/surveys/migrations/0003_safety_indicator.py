"""The screening indicator the resident surveys feed (issue 15, part 6): the department's survey
index of the year (0–100, higher = safer / better), fed by `surveys.services.feed_screening`
through `screening.feeds.replace_values`; a department whose result is suppressed feeds nothing.

Legend set v1: red below 50, yellow from 50, green from 75 — Boligsocial's own defaults, not a
published standard. Like `vulnerability_score` (decision 0025) it is in the light with no weight
in the current weight set: the composite changes only once an administrator weights it."""

from decimal import Decimal

from django.db import migrations

from boligsocial.screening.migration_helpers import seed_fed_indicator, unseed_fed_indicator

CODE = "safety_survey_score"
LEGEND = [
    (None, Decimal(50), "red"),
    (Decimal(50), Decimal(75), "yellow"),
    (Decimal(75), None, "green"),
]


def seed(apps, schema_editor):
    seed_fed_indicator(
        apps,
        legend=LEGEND,
        code=CODE,
        name="Tryghedsindeks (beboerundersøgelsen)",
        name_en="Safety index (resident survey)",
        unit="score",
        source="operational",
        polarity="higher_better",
        decimals=1,
        position=220,
        theme="Sårbarhed og trivsel i afdelingen",
        description=(
            "Afdelingens indeks (0–100, højere = tryggere) fra årets tryghedsundersøgelse blandt "
            "beboerne: gennemsnittet af husstandenes point på undersøgelsens indeksspørgsmål "
            "(100 − svarets score). Afdelinger med for få svar får ingen værdi. Rød under 50, "
            "gul fra 50, grøn fra 75 (Boligsocials egne grænser, ikke en offentlig norm)."
        ),
    )


def unseed(apps, schema_editor):
    unseed_fed_indicator(apps, schema_editor, CODE)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_seed_guides"),
        ("screening", "0016_importbatch_moved_to_imports"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
