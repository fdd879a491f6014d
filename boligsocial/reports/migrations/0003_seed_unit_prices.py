"""Seed the price table with the unit costs of domain.md § 6 exactly as sourced there: value,
unit, price year (None where the source gives none), source and budget- or socio-economic kind.
The payer is left empty where the source does not split the amount between payers (the business
case chooses it per line). Figures the research marks not found (the cost of one eviction, the
lifetime cost of one young offender) are not seeded; ratios (bydelsmødre's 3–10 times) and
aggregates (314 mio. kr. for gang crime, the funds' totals) are not unit prices.

Written out here (not imported from app code) so the migration never changes; the root
conftest's `restore_migration_data()` calls `seed` again after a flush."""

from decimal import Decimal

from django.db import migrations

FHO = "https://fho.dk/blog/2024/03/11/rekordfaa-danskere-er-paa-kontanthjaelp/"
KORA = "http://socialvirksomhed.dk/Nyheder/se-hvor-meget-samfundet-far-ud-af-at-ansaette-udsatte-ledige"
FYENS = "https://www.fyens.dk/article/3257003"
FT = "https://www.ft.dk/samling/20201/almdel/REU/bilag/425/2440970/index.htm"

# fmt: off
PRICES = [
    # name, value, unit, payer, kind, price year, source, url, note
    ("Person på kontanthjælp i fuldtidsjob: bedre offentlige finanser", "260000", "person_year",
     "", "budget", 2024, "FHO (2024, via Ritzau): Rekordfå danskere er på kontanthjælp", FHO,
     "Cirka 260.000 kr. om året. Kilden fordeler ikke beløbet på kommune og stat."),
    ("Udsat ledig i job i mindst 3 måneder: samfundsøkonomisk gevinst, nedre skøn", "122000",
     "person_year", "", "society", None, "KORA for Erhvervsstyrelsen", KORA,
     "Spændet er 122.000–136.000 kr. om året. Kilden oplyser ikke prisåret."),
    ("Udsat ledig i job i mindst 3 måneder: samfundsøkonomisk gevinst, øvre skøn", "136000",
     "person_year", "", "society", None, "KORA for Erhvervsstyrelsen", KORA,
     "Spændet er 122.000–136.000 kr. om året. Kilden oplyser ikke prisåret."),
    ("Udsat ledig i job i mindst 3 måneder: samfundsøkonomisk gevinst over 6 år, nedre skøn",
     "680000", "person_total", "", "society", None, "KORA for Erhvervsstyrelsen", KORA,
     "Spændet er 680.000–760.000 kr. over 6 år. Kilden oplyser ikke prisåret."),
    ("Udsat ledig i job i mindst 3 måneder: samfundsøkonomisk gevinst over 6 år, øvre skøn",
     "760000", "person_total", "", "society", None, "KORA for Erhvervsstyrelsen", KORA,
     "Spændet er 680.000–760.000 kr. over 6 år. Kilden oplyser ikke prisåret."),
    ("Fleksjob: samfundsøkonomisk gevinst, højst", "42000", "person_year", "", "society", None,
     "KORA for Erhvervsstyrelsen", KORA, "Op til 42.000 kr. om året. Kilden oplyser ikke prisåret."),
    ("Fra offentlig forsørgelse til privat job: sparet ydelse (Region Hovedstaden)", "73000",
     "person_year", "", "budget", None,
     "Fyens Stiftstidende: 42.202 personer fra ydelse til privat job, dec. 2014–dec. 2017", FYENS,
     "Egen division: cirka 15.000 personer i Region Hovedstaden gav 1,1 mia. kr. om året i "
     "sparede ydelser, cirka 73.000 kr. pr. person. Kun den sparede nettoydelse. Kilden oplyser "
     "ikke prisåret og fordeler ikke beløbet på kommune og stat."),
    ("Kommunal beskæftigelsesindsats pr. fuldtidsperson", "20000", "person_year", "kommune",
     "budget", None, "KL: Koster beskæftigelsesindsatsen i kommunerne 13 mia. kr.", "",
     "Cirka 13 mia. kr. om året i alt. Kilden oplyser ikke prisåret."),
    ("Kommunal beskæftigelsesindsats pr. borger i kontakt med jobcentret", "12000", "person_year",
     "kommune", "budget", None, "KL: Koster beskæftigelsesindsatsen i kommunerne 13 mia. kr.", "",
     "Cirka 13 mia. kr. om året i alt. Kilden oplyser ikke prisåret."),
    ("Løsladt indsat uden ny kriminalitet inden for 2 år (SØM)", "505300", "person_total", "",
     "budget", None, "Justitsministeriets Forskningskontor (2021), SØM's udvidelse på "
     "justitsområdet", FT,
     "Cirka 505.300 kr. i positive økonomiske konsekvenser efter 10 år. Kilden her oplyser ikke "
     "prisåret og fordelingen på kommune, region og stat."),
    ("Løsladt indsat uden ny alvorlig kriminalitet (SØM)", "764000", "person_total", "", "budget",
     None, "Justitsministeriets Forskningskontor (2021), SØM's udvidelse på justitsområdet", FT,
     "Cirka 764.000 kr. efter 10 år. Kilden her oplyser ikke prisåret og fordelingen på "
     "kommune, region og stat."),
    ("Retlig husordenssag", "50000", "case", "", "budget", None, "KAB, via CFBU (2016)", "",
     "Cirka 50.000 kr. pr. sag mod cirka 5.000 kr. for en konfliktmægling. Kilden oplyser ikke "
     "prisåret og hvem der bærer udgiften."),
    ("Konfliktmægling mellem naboer", "5000", "case", "", "budget", None, "KAB, via CFBU (2016)",
     "", "Cirka 5.000 kr. pr. sag mod cirka 50.000 kr. for en retlig husordenssag. Kilden oplyser "
     "ikke prisåret og hvem der bærer udgiften."),
]
# fmt: on


def seed(apps, schema_editor) -> None:
    """Write the seeded prices (idempotent: a name already seeded is kept)."""
    UnitPrice = apps.get_model("reports", "UnitPrice")
    for name, value, unit, payer, kind, year, source, url, note in PRICES:
        if UnitPrice.objects.filter(seeded=True, name=name).exists():
            continue
        UnitPrice.objects.create(
            name=name,
            value=Decimal(value),
            unit=unit,
            payer=payer,
            kind=kind,
            price_year=year,
            source=source,
            source_url=url,
            note=note,
            seeded=True,
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_economics")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
