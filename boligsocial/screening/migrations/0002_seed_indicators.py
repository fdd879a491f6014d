"""Seed the indicators of issue 3 part 1, legend set v1 of every traffic-light indicator, weight
set v1 and the global screening policy.

Legend thresholds: where almenboligloven §§ 61 a/61 b gives a threshold it is used (red at the
§ 61 a threshold, yellow at the § 61 b threshold). Values are stored with 4 decimals, so the
law's "over 40 %" (strictly greater) is the range from 40.0001. The other thresholds are the
organisation's configurable defaults, not law (see docs/decisions/0005-screening-storage.md).
The data is written out here (not imported from app code) so the migration never changes."""

from decimal import Decimal

from django.db import migrations

STATUTORY = "Grænserne for rød og gul er lovens (almenboligloven § 61 a og § 61 b)."
OWN = (
    "Grænserne er boligorganisationens egne standardværdier til screening (ikke lovkrav) og kan "
    "ændres af en administrator."
)
STRICT = "Værdier gemmes med 4 decimaler, så »over 40 %« betyder fra 40,0001 %."

# code, name, name_en, unit, source, polarity, decimals, statutory_key, in_light, theme,
# description, legend (list of (lower, upper, colour)) or None
INDICATORS = [
    (
        "residents",
        "Beboere",
        "Residents",
        "count",
        "register",
        "higher_better",
        0,
        "residents",
        False,
        "",
        "Antal beboere i afdelingen eller boligområdet. Bruges til kriteriet om mindst 1.000 "
        "beboere (almenboligloven § 61 a, stk. 3) og til at diskretionere tal for små "
        "afdelinger. Indgår ikke i trafiklyset.",
        None,
    ),
    (
        "outside_work_education",
        "Andel 18–64-årige uden for arbejde og uddannelse",
        "Share of 18-64-year-olds outside work and education",
        "percent",
        "register",
        "higher_worse",
        1,
        "pct_outside_work_education",
        True,
        "Beskæftigelse",
        "Gennemsnit af de seneste 2 år, opgjort i fuldtidspersoner. Rød over 40 % (§ 61 a, "
        f"stk. 1, nr. 1), gul over 30 % (§ 61 b, nr. 1), ellers grøn. {STATUTORY} {STRICT}",
        [(None, "30.0001", "green"), ("30.0001", "40.0001", "yellow"), ("40.0001", None, "red")],
    ),
    (
        "convicted",
        "Andel dømte 18 år og derover",
        "Share of residents 18+ convicted",
        "percent",
        "register",
        "higher_worse",
        2,
        "pct_convicted",
        False,
        "",
        "Andel af beboerne på 18 år og derover, der er dømt efter straffeloven, våbenloven eller "
        "lov om euforiserende stoffer, gennemsnit af de seneste 2 år. Landsgennemsnittet er "
        "værdien uden afdeling og boligområde. Indgår i trafiklyset gennem forholdet til "
        "landsgennemsnittet.",
        None,
    ),
    (
        "convicted_ratio_national",
        "Andel dømte i forhold til landsgennemsnittet",
        "Share convicted relative to the national average",
        "ratio",
        "register",
        "higher_worse",
        2,
        "",
        True,
        "Kriminalitetsforebyggelse",
        "Andelen dømte divideret med landsgennemsnittet samme år; beregnes af de to, når den "
        "ikke er indlæst. Rød fra 3 gange landsgennemsnittet (§ 61 a, stk. 1, nr. 2), gul fra "
        f"2 gange (§ 61 b, nr. 2), ellers grøn. {STATUTORY}",
        [(None, "2", "green"), ("2", "3", "yellow"), ("3", None, "red")],
    ),
    (
        "basic_education",
        "Andel 30–59-årige med kun grundskoleuddannelse",
        "Share of 30-59-year-olds with only basic schooling",
        "percent",
        "register",
        "higher_worse",
        1,
        "pct_basic_education",
        True,
        "Uddannelse og livschancer",
        "Rød over 60 % (§ 61 a, stk. 1, nr. 3, og § 61 b, nr. 3). Grænsen for gul (fra 50 %) er "
        f"boligorganisationens egen standardværdi, ikke et lovkrav. {STRICT.replace('40', '60')}",
        [(None, "50", "green"), ("50", "60.0001", "yellow"), ("60.0001", None, "red")],
    ),
    (
        "income_pct_region",
        "Gennemsnitlig bruttoindkomst for 15–64-årige i procent af regionens",
        "Average gross income of 15-64-year-olds as % of the region",
        "percent",
        "register",
        "higher_better",
        1,
        "income_pct_of_region",
        True,
        "Beskæftigelse",
        "Skattepligtige 15–64-årige uden studerende. Rød under 55 % (§ 61 a, stk. 1, nr. 4), "
        f"gul under 65 % (§ 61 b, nr. 4), ellers grøn. {STATUTORY}",
        [(None, "55", "red"), ("55", "65", "yellow"), ("65", None, "green")],
    ),
    (
        "nonwestern",
        "Andel indvandrere og efterkommere fra ikkevestlige lande",
        "Share of non-Western immigrants and descendants",
        "percent",
        "register",
        "higher_worse",
        1,
        "pct_nonwestern",
        False,
        "",
        "Indgår i de lovbestemte lister (over 50 % for parallelsamfund, § 61 a, stk. 2; over "
        "30 % for forebyggelsesområder, § 61 b), men ikke i trafiklyset: beboernes oprindelse "
        "er ikke i sig selv et tegn på, at en afdeling har det svært.",
        None,
    ),
    (
        "children",
        "Andel børn 0–17 år",
        "Share of children aged 0-17",
        "percent",
        "register",
        "higher_worse",
        1,
        "",
        False,
        "",
        "Beskriver beboersammensætningen og bruges til at finde sammenlignelige afdelinger. "
        "Indgår ikke i trafiklyset.",
        None,
    ),
    (
        "single_parents",
        "Andel husstande med enlige forsørgere",
        "Share of single-parent households",
        "percent",
        "register",
        "higher_worse",
        1,
        "",
        True,
        "Uddannelse og livschancer",
        f"Enlige med hjemmeboende børn i procent af alle husstande. Grøn under 12 %, gul fra "
        f"12 %, rød fra 20 %. {OWN}",
        [(None, "12", "green"), ("12", "20", "yellow"), ("20", None, "red")],
    ),
    (
        "move_out_rate",
        "Fraflytningsfrekvens",
        "Move-out rate",
        "percent",
        "operational",
        "higher_worse",
        1,
        "",
        True,
        "Sammenhængskraft og medborgerskab",
        "Husstande, der er flyttet ud i løbet af året, i procent af alle lejemål. Grøn under "
        f"15 %, gul fra 15 %, rød fra 20 %. {OWN}",
        [(None, "15", "green"), ("15", "20", "yellow"), ("20", None, "red")],
    ),
    (
        "vacant_leases",
        "Andel ledige lejemål",
        "Share of vacant leases",
        "percent",
        "operational",
        "higher_worse",
        1,
        "",
        True,
        "Udlejning",
        "Lejemål uden lejer pr. 1. februar i procent af alle lejemål. Grøn under 1 %, gul fra "
        f"1 %, rød fra 3 %. {OWN}",
        [(None, "1", "green"), ("1", "3", "yellow"), ("3", None, "red")],
    ),
    (
        "rent_arrears",
        "Andel lejemål i huslejerestance",
        "Share of leases in rent arrears",
        "percent",
        "operational",
        "higher_worse",
        1,
        "",
        True,
        "Økonomisk rådgivning og forebyggelse af udsættelser",
        "Lejemål med restance ved årets udgang i procent af alle lejemål. Grøn under 3 %, gul "
        f"fra 3 %, rød fra 6 %. {OWN}",
        [(None, "3", "green"), ("3", "6", "yellow"), ("6", None, "red")],
    ),
    (
        "evictions_per_1000",
        "Udsættelser pr. 1.000 lejemål",
        "Evictions per 1,000 leases",
        "per_1000",
        "operational",
        "higher_worse",
        1,
        "",
        True,
        "Økonomisk rådgivning og forebyggelse af udsættelser",
        "Gennemførte udsættelser (fogedforretninger) i løbet af året pr. 1.000 lejemål. Grøn "
        f"under 2, gul fra 2, rød fra 5. {OWN}",
        [(None, "2", "green"), ("2", "5", "yellow"), ("5", None, "red")],
    ),
]


def _dec(value):
    return None if value is None else Decimal(value)


def seed(apps, schema_editor):
    Indicator = apps.get_model("screening", "Indicator")
    LegendSet = apps.get_model("screening", "LegendSet")
    LegendRange = apps.get_model("screening", "LegendRange")
    WeightSet = apps.get_model("screening", "WeightSet")
    IndicatorWeight = apps.get_model("screening", "IndicatorWeight")
    ScreeningPolicy = apps.get_model("screening", "ScreeningPolicy")

    weight_set = WeightSet.objects.create(
        version=1,
        note="Lige vægte for alle indikatorer i trafiklyset (standard).",
        yellow_from=Decimal("33.34"),
        red_from=Decimal("66.67"),
    )
    for position, row in enumerate(INDICATORS, start=1):
        (code, name, name_en, unit, source, polarity, decimals, key, in_light, theme, desc,
         legend) = row  # fmt: skip
        indicator = Indicator.objects.create(
            code=code,
            name=name,
            name_en=name_en,
            unit=unit,
            source=source,
            polarity=polarity,
            decimals=decimals,
            position=position * 10,
            statutory_key=key,
            in_light=in_light,
            theme=theme,
            description=desc,
        )
        if legend:
            legend_set = LegendSet.objects.create(
                indicator=indicator, version=1, note="Standardfarveskala."
            )
            LegendRange.objects.bulk_create(
                LegendRange(
                    legend_set=legend_set,
                    position=i,
                    lower=_dec(lower),
                    upper=_dec(upper),
                    colour=colour,
                )
                for i, (lower, upper, colour) in enumerate(legend, start=1)
            )
            IndicatorWeight.objects.create(
                weight_set=weight_set, indicator=indicator, weight=Decimal(1)
            )
    ScreeningPolicy.objects.create(organisation=None)


def unseed(apps, schema_editor):
    for model in ("ScreeningPolicy", "IndicatorWeight", "WeightSet", "LegendRange", "LegendSet"):
        apps.get_model("screening", model).objects.all().delete()
    apps.get_model("screening", "Indicator").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
