"""The first indicator fed by another capability: house-rule cases per 100 leases, per department
and year, computed from the case module (issue 4, part 9) by `manage.py cases_indicator`.

It is shown and charted but not part of the traffic light (in_light=False): no threshold for it
is given in domain.md, and choosing one is the organisation's call. An administrator can add a
legend and a weight later through a new legend/weight version."""

from django.db import migrations

CODE = "house_rule_cases_per_100"


def seed(apps, schema_editor):
    Indicator = apps.get_model("screening", "Indicator")
    if Indicator.objects.filter(code=CODE).exists():
        return
    Indicator.objects.create(
        code=CODE,
        name="Husordenssager pr. 100 lejemål",
        name_en="House-rule cases per 100 leases",
        unit="per_100",
        source="operational",
        polarity="higher_worse",
        decimals=1,
        position=200,
        statutory_key="",
        in_light=False,
        theme="Trivsel og husorden",
        description=(
            "Antal husordenssager modtaget i året pr. 100 lejemål i afdelingen, beregnet fra "
            "Beredskabets sager i Boligsocial. Kun for boligorganisationer, der bruger "
            "sagsmodulet. Indgår ikke i trafiklyset, før en administrator giver den en "
            "farveskala og en vægt."
        ),
    )


def unseed(apps, schema_editor):
    apps.get_model("screening", "Indicator").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0005_light_unchecked_json")]

    operations = [migrations.RunPython(seed, unseed)]
