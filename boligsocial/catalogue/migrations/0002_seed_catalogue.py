"""Seed the catalogue: LBF's
funding periods 2015-18 and 2019-26 with their areas, and the 30 interventions of domain.md
§ 2.4, exactly as marked there (evidence A/B/C with its steps, "CFBU=?" as `cfbu_checked`
False, "[U]" as `evidence_uncertain`, a cost only where a source gave one).

The data is written out here (not imported from app code) so the migration never changes; the
root conftest's `restore_migration_data()` calls `seed` again after a flush.
The target indicators are our own choice (decision 0026): the screening's indicators that the
intervention aims to move in its area of work. Interventions for children and schooling get none
yet: no screening indicator measures them (the adults' education level or the share of single
parents is not what a parenting course moves); survey and analysis indicators will be linked
through the same indicator table when they are fed into the screening."""

from django.db import migrations

PERIODS = [
    # code, name, first year, last year, [(area code, name, description)]
    (
        "2015-18",
        "2015–18-midlerne",
        2015,
        2018,
        [
            ("TT", "Tryghed og trivsel", ""),
            ("KP", "Kriminalpræventiv indsats", ""),
            ("UB", "Uddannelse og beskæftigelse", ""),
            ("FF", "Forebyggelse og forældreansvar", ""),
        ],
    ),
    (
        "2019-26",
        "2019–26-midlerne",
        2019,
        2026,
        [
            (
                "UL",
                "Uddannelse og livschancer",
                "Børn og unge skal klare sig bedre i skolen, være klar til skolestart, og flere "
                "skal tage en uddannelse.",
            ),
            ("B", "Beskæftigelse", "Flere voksne beboere skal have tilknytning til arbejdsmarkedet."),
            (
                "K",
                "Kriminalitetsforebyggelse",
                "Børn og unge skal støttes i et liv uden kriminalitet, og området skal opleves "
                "som trygt.",
            ),
            (
                "SM",
                "Sammenhængskraft og medborgerskab",
                "Flere beboere skal deltage i fællesskaber og i samfundet.",
            ),
        ],
    ),
]

# number, name, main area, other areas (2019-26 codes, or "2015-18:XX"), age band, target group,
# evidence, uncertain, cfbu checked, sources, description, cost, cost source, indicator codes
WORK = ("outside_work_education", "income_pct_region")
CRIME = ("convicted_ratio_national",)
COHESION = ("move_out_rate",)
ECONOMY = ("rent_arrears", "evictions_per_1000")
HOUSE_RULES = ("house_rule_cases_per_100",)

# fmt: off
INTERVENTIONS = [
    (1, "Fritidsjob / lommepengejob", "B", ("UL", "K"), "13–17 år", "13–17-årige", "B", False,
     True, "CFBU 2012 (registeropfølgning fra 15-årsalderen over 4 år); VIVE 2018 (effektmåling)",
     "Medarbejdere hjælper unge til deres første job hos lokale virksomheder eller i "
     "ejendomsdriften og følger op, så de bliver i jobbet.", "", "", WORK + CRIME),
    (2, "Lektiecafé / lektiehjælp", "UL", (), "Skolealder", "Skoleelever", "B/C", False, True,
     "CFBU 2012 (casestudie af 13 lektiecaféer)",
     "Hjælp til lektier, ofte drevet af frivillige, kombineret med motivation og socialt "
     "samvær.", "", "", ()),
    (3, "Uddannelses- og jobvejledning / uddannelsesmentorer", "UL", ("B",), "15–29 år",
     "15–29-årige", "B/C", False, False, "",
     "Vejledning og mentorstøtte frem mod og gennem en ungdomsuddannelse.", "", "",
     ("outside_work_education",)),
    (4, "Samarbejde skole–helhedsplan", "UL", (), "Skolealder", "Elever og forældre", "C", False,
     False, "",
     "Et fast partnerskab med den lokale skole om forældremøder, overgange og fremmøde.", "", "",
     ()),
    (5, "Fremskudt sundhedspleje og mødregrupper", "UL", ("2015-18:FF",), "0–2 år",
     "Gravide og 0–2-årige", "A/B", False, True,
     "CFBU: »dokumentation for virkning« (månedlige hjemmebesøg styrker det tidlige samspil "
     "mellem mor og barn og barnets udvikling)",
     "Ekstra hjemmebesøg af den kommunale sundhedsplejerske og mødregrupper, der holdes lokalt i "
     "boligområdet.", "", "", ()),
    (6, "Familie-/forældrekurser (strukturerede programmer, fx De Utrolige År)", "UL", (),
     "0–12 år", "Forældre til 0–12-årige", "A", True, True,
     "International og dansk programevidens (skal efterprøves for det enkelte program)",
     "Gruppebaserede forældreprogrammer, der afvikles lokalt.", "", "", ()),
    (7, "Bydelsmødre", "UL", ("SM",), "Voksne", "Isolerede kvinder med etnisk minoritetsbaggrund",
     "B", False, True, "Deloitte 2015; Økonomer uden Grænser 2016",
     "Uddannede frivillige kvinder, der giver viden videre og bygger bro til offentlige "
     "tilbud.", "Nationalt: 3 mio. kr. om året, over 400 frivillige",
     "Økonomer uden Grænser 2016", COHESION),
    (8, "Fædreindsatser", "UL", (), "Voksne", "Fædre", "C", False, True,
     "CFBU (få programmer)", "Grupper eller kurser om faderrollen og opdragelse.", "", "",
     ()),
    (9, "Sprog-/læseindsatser for småbørnsfamilier", "UL", (), "0–6 år",
     "0–6-årige og deres forældre", "C", True, True, "",
     "Læse- og sprogstimulering og støtte til at komme i dagtilbud.", "", "", ()),
    (10, "Beskæftigelsesmentor for udsatte voksne", "B", (), "Voksne",
     "Voksne på offentlig forsørgelse", "B/C", False, False, "",
     "Personlig mentorstøtte frem mod job i samarbejde med jobcentret.", "", "", WORK),
    (11, "Jobcafé / virksomhedssamarbejde", "B", (), "Voksne", "Ledige beboere", "C", False,
     True, "", "Åben rådgivning om CV og jobsøgning og kontakt til lokale arbejdsgivere.", "",
     "", WORK),
    (12, "Socialøkonomiske virksomheder", "B", (), "Voksne",
     "Personer langt fra arbejdsmarkedet", "C", False, False, "",
     "Praktik og arbejdstræning i socialøkonomiske virksomheder.", "", "", WORK),
    (13, "Social effektinvestering – beskæftigelse (fx »En ny start for flere«)", "B", (),
     "Voksne", "Langtidsledige, fx enlige forsørgere", "B", False, True,
     "Pilotprojekt (Kolding 2022: op til 70 borgere i varigt job; betalingsvilkår ikke fundet)",
     "En ekstern leverandør betales efter opnåede resultater i et partnerskab mellem kommune, "
     "Landsbyggefonden og en investor.", "", "", WORK),
    (14, "Mentorer for unge (inkl. frivillige voksenvenner)", "K", (), "12–17 år",
     "12–17-årige i risiko", "A", False, True,
     "International evidens for mentorindsatser; Det Kriminalpræventive Råd",
     "En voksen mentor følger den unge i 6–12 måneder eller længere.", "", "", CRIME),
    (15, "Opsøgende gadeplansarbejde", "K", (), "Unge", "Unge på gaden", "B", False, True,
     "CFBU (resultater på områdeniveau)",
     "Opsøgende medarbejdere om aftenen, der bygger bro til klubber, aktiviteter og tilbud.",
     "", "", CRIME),
    (16, "Bemandede klubber og væresteder", "K", (), "10–17 år", "10–17-årige", "B/C", False,
     False, "", "Klubber og væresteder for unge med faste voksne.", "", "", CRIME),
    (17, "Netværksmøder (SSP/politi/boligorganisation)", "K", (), "", "Fagfolk", "C", False,
     True, "", "Faste koordinationsmøder om unge i risiko og om brændpunkter i området.", "", "",
     CRIME),
    (18, "Hotspot-/tryghedssekretariat", "K", (), "", "Hele området", "B", False, True,
     "CFBU 2015 (8 områder over 4 år)",
     "En tidsbegrænset koordinering af den kriminalitetsforebyggende indsats med ledelsens "
     "opbakning.", "", "", CRIME),
    (19, "Tryghedsvandringer", "K", (), "", "Beboere, medarbejdere og politi", "C/B", False,
     True, "CFBU (29 tryghedsvandringer)",
     "En struktureret gåtur, der kortlægger, hvad der gør folk utrygge, og som følges op af en "
     "handleplan.", "Lav; mest personaletid", "", CRIME),
    (20, "Borgerakademi for politiarbejde / dialog politi–beboere", "K", (), "Voksne",
     "Voksne beboere", "A", False, True, "SFI's forskningsoversigt nr. 1 af 4 (2015)",
     "Et kursusforløb, der giver beboerne indblik i politiets arbejde.", "", "", CRIME),
    (21, "Nabohjælp / natteravne / forældrevandring", "K", ("SM",), "", "Beboere", "C", False,
     True, "Det Kriminalpræventive Råds evaluering af Nabohjælp i etageboliger (2016)",
     "Frivillige naboer holder øje og går aftenture i området.", "", "", CRIME),
    (22, "Brandkadetter", "K", (), "12–16 år", "12–16-årige", "B", True, False, "",
     "Et ungdomsforløb hos brandvæsenet, der lærer de unge færdigheder og disciplin.", "", "",
     CRIME),
    (23, "Fritidsaktiviteter / brobygning til foreningsliv", "K", ("SM",), "Børn og unge",
     "Børn og unge", "B", False, True,
     "Evalueringen af »fritidspas« 2009 (kontingentstøtte og vejledning)",
     "Hjælp ind i det almindelige foreningsliv, nogle gange med støtte til kontingent.", "", "",
     CRIME + COHESION),
    (24, "Konfliktmægling mellem naboer", "SM", ("K",), "Voksne", "Beboere i konflikt", "B",
     False, True,
     "Boligkonflikten (89 % når til enighed); Nederlandene (68 % løst)",
     "Neutral mægling med to mæglere som alternativ til en husordenssag.",
     "Ca. 5.000 kr. pr. mægling mod ca. 50.000 kr. pr. klagesag ved beboerklagenævnet",
     "KAB via CFBU/BL", HOUSE_RULES + COHESION),
    (25, "Sociale viceværter", "SM", (), "Voksne",
     "Sårbare lejere (psykisk sygdom, misbrug, isolation)", "B", True, True,
     "CFBU 2017 (effektevaluering; resultatet er ikke fundet)",
     "En opsøgende »social vicevært«, der arbejder sammen med ejendomsdriften, forebygger "
     "udsættelser og mægler.", "BL-pulje 2025 (en del af 13,8 mio. kr. til BL)", "BL",
     ECONOMY + HOUSE_RULES),
    (26, "Økonomisk rådgivning / gældsrådgivning (udsættelsestruede)", "SM", ("B",), "Voksne",
     "Lejere med huslejerestance", "B", False, True, "Rambøll 2020 (6 projekter)",
     "Budget, afdragsordninger og kontakt til kreditorer, sat i gang af huslejerestance.",
     "Statslig pulje på 10 mio. kr. (2023), der finansierer en rådgiverstilling i 6 måneder",
     "Statslig pulje 2023", ECONOMY),
    (27, "Blå Ressourcer (ejendomsfunktionærer som ressource)", "SM", ("K",), "",
     "Ejendomsfunktionærer og beboere", "C", False, False, "",
     "Ejendomsfunktionærer lærer at opdage og henvise sårbare beboere.", "", "",
     ECONOMY + COHESION),
    (28, "Naboskabs- og fællesskabsaktiviteter / velkomst af nye beboere", "SM", (), "",
     "Alle beboere", "C", False, True, "", "Arrangementer, velkomstbesøg og fælles rum.", "", "",
     COHESION),
    (29, "Frivillighed & beboerdemokrati (opkvalificering)", "SM", (), "Voksne",
     "Aktive beboere og afdelingsbestyrelser", "C", False, True, "",
     "Uddannelse og støtte til frivillige og afdelingsbestyrelser.", "", "", COHESION),
    (30, "Sundhedsaktiviteter / sundhedsambassadører", "SM", (), "Voksne", "Voksne", "C", True,
     True, "", "Sundhedsambassadører blandt beboerne og aktiviteter om motion og kost.", "", "",
     COHESION),
]
# fmt: on


def seed(apps, schema_editor) -> None:
    """Write the periods, areas and interventions (idempotent: existing rows are kept)."""
    Period = apps.get_model("catalogue", "LbfPeriod")
    Area = apps.get_model("catalogue", "LbfArea")
    Intervention = apps.get_model("catalogue", "Intervention")
    Indicator = apps.get_model("screening", "Indicator")
    areas = {}
    for code, name, first, last, period_areas in PERIODS:
        period, _ = Period.objects.get_or_create(
            code=code, defaults={"name": name, "first_year": first, "last_year": last}
        )
        for position, (area_code, area_name, text) in enumerate(period_areas):
            area, _ = Area.objects.get_or_create(
                period=period,
                code=area_code,
                defaults={"name": area_name, "description": text, "position": position},
            )
            areas[area_code if code == "2019-26" else f"{code}:{area_code}"] = area
    indicators = {i.code: i for i in Indicator.objects.all()}
    for row in INTERVENTIONS:
        (number, name, main, others, age, who, evidence, uncertain, cfbu, sources, text, cost,
         cost_source, codes) = row
        if Intervention.objects.filter(number=number).exists():
            continue
        item = Intervention.objects.create(
            number=number,
            name=name,
            main_area=areas[main],
            age_band=age,
            target_group=who,
            evidence=evidence,
            evidence_uncertain=uncertain,
            cfbu_checked=cfbu,
            evidence_sources=sources,
            description=text,
            cost=cost,
            cost_source=cost_source,
        )
        item.areas.set([areas[main], *(areas[o] for o in others)])
        item.indicators.set([indicators[c] for c in codes if c in indicators])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("screening", "0006_house_rule_cases_indicator"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
