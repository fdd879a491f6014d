"""Demo data for the coordination (issue 17, part 10), in Aarhus: plausible coordinates for the
demo departments (around the centre of their postal district), two districts of the
municipality, the demo plans' activities as efforts, the Beredskab's standing work of each
organisation, and four municipal efforts, two of which overlap housing-side efforts (one
coordinated, one not). Departments that are red with no effort at all stay so and are gaps.
Everything is invented: names, contacts (example.org style addresses on the demo domain)."""

from datetime import date
from decimal import Decimal

from boligsocial.coordination import services
from boligsocial.coordination.models import (
    Decision,
    District,
    Effort,
    OverlapDecision,
    OwnerKind,
    PlaceKind,
    Source,
    TargetGroup,
)
from boligsocial.coordination.sync import sync_plan
from boligsocial.core.demo import DemoContext, demo_email

ORDER = 60  # after organisations (10), screening (20), cases (30) and plans (40)

# Approximate centres of Aarhus Kommune's postal districts (WGS 84).
CENTRES = {
    "8000": (56.1572, 10.2107),
    "8200": (56.1870, 10.1880),
    "8210": (56.1640, 10.1450),
    "8220": (56.1520, 10.1080),
    "8230": (56.1560, 10.1650),
    "8240": (56.1930, 10.2350),
    "8250": (56.2150, 10.2800),
    "8260": (56.1250, 10.1550),
    "8270": (56.1120, 10.2050),
}


def _coordinates(ctx: DemoContext) -> None:
    from boligsocial.organisations.models import Department

    changed = []
    for d in ctx.objects["departments"]:
        lat, lon = CENTRES.get(d.postal_code, (56.1500, 10.2000))
        d.latitude = Decimal(str(round(lat + ctx.rng.uniform(-0.012, 0.012), 5)))
        d.longitude = Decimal(str(round(lon + ctx.rng.uniform(-0.02, 0.02), 5)))
        changed.append(d)
    Department.objects.bulk_update(changed, ["latitude", "longitude"])


def _group(name: str) -> TargetGroup:
    return TargetGroup.objects.get(name=name)


def seed(ctx: DemoContext) -> None:
    from boligsocial.plans.models import Plan

    municipality = ctx.objects["municipality"]
    _coordinates(ctx)
    west = District.objects.create(
        municipality=municipality, name="Brabrand/Gellerup", postal_codes=["8220"], is_demo=True
    )
    north = District.objects.create(
        municipality=municipality, name="Aarhus N", postal_codes=["8200"], is_demo=True
    )
    for plan in Plan.objects.filter(is_demo=True):
        sync_plan(plan)
    areas = ctx.objects["areas"]
    year = ctx.today.year
    orgs = dict(zip(("org_a", "org_b", "org_c"), ctx.objects["organisations"], strict=False))
    beredskab_places = {"org_a": areas[1], "org_b": areas[2], "org_c": areas[3]}
    for key, org in orgs.items():
        services.create_effort(
            by=None,
            municipality=municipality,
            target_groups=[_group("Beboere med gæld eller risiko for udsættelse")],
            name=f"Beredskabet: udsættelsestruede lejere ({org.name})",
            description="Beredskabets faste arbejde: opsøgende kontakt ved restancer og "
            "klager, samarbejde med kommunens boligsociale team.",
            source=Source.BEREDSKAB,
            owner_kind=OwnerKind.HOUSING,
            owner_organisation=org,
            owner_name="",
            contact_name="Beredskabets vagttelefon",
            contact_phone="70 00 00 0" + str(list(orgs).index(key) + 1),
            themes=["Økonomisk rådgivning og forebyggelse af udsættelser"],
            place_kind=PlaceKind.AREA,
            area=beredskab_places[key],
            starts_on=date(year - 2, 1, 1),
            ends_on=None,
            budget=Decimal("250000"),
        )
    municipal = [
        # name, owner, groups, place kind, place, themes, start, end, contact
        (
            "SSP-indsats for unge 14–17 i Brabrand/Gellerup",
            "Børn og Unge",
            ["Unge i risiko for kriminalitet"],
            PlaceKind.DISTRICT,
            {"district": west},
            ["Kriminalitetsforebyggelse"],
            date(year - 1, 1, 1),
            date(year + 1, 12, 31),
            "Mette SSP-konsulent",
        ),
        (
            "Jobcentrets virksomhedsrettede indsats",
            "Jobcenter Aarhus",
            ["Ledige voksne"],
            PlaceKind.AREA,
            {"area": areas[0]},
            ["Beskæftigelse"],
            date(year, 1, 1),
            date(year + 2, 12, 31),
            "Karim Jobkonsulent",
        ),
        (
            "Seniorcafé og besøgsvenner",
            "Sundhed og Omsorg",
            ["Ensomme ældre"],
            PlaceKind.DISTRICT,
            {"district": north},
            ["Sammenhængskraft og medborgerskab"],
            date(year - 1, 3, 1),
            None,
            "Birte Aktivitetsmedarbejder",
        ),
        (
            "Sprogstimulering i dagtilbud",
            "Børn og Unge",
            ["Småbørn og deres familier"],
            PlaceKind.AREA,
            {"area": areas[1]},
            ["Uddannelse og livschancer"],
            date(year, 8, 1),
            date(year + 1, 7, 31),
            "Dagtilbudsleder Hanne",
        ),
    ]
    created = []
    for name, owner, groups, kind, place, themes, start, end, contact in municipal:
        username = contact.split()[-1].lower()
        created.append(
            services.create_effort(
                by=None,
                municipality=municipality,
                target_groups=[_group(g) for g in groups],
                name=name,
                description="",
                source=Source.REGISTERED,
                owner_kind=OwnerKind.MUNICIPALITY,
                owner_organisation=None,
                owner_name=owner,
                contact_name=contact,
                contact_email=demo_email(username),
                themes=themes,
                place_kind=kind,
                starts_on=start,
                ends_on=end,
                **place,
            )
        )
    # The SSP effort and the plan's work with young people overlap: agreed in the local board.
    # The job centre's overlap with the plan's employment activities is left open.
    from boligsocial.coordination import selectors

    efforts = list(selectors.efforts_of(Effort.objects.all(), municipality))
    for row in selectors.overlap_rows(efforts, selectors.places(municipality)):
        if created[0].pk in (row.a.pk, row.b.pk):
            services.decide_overlap(
                a=row.a,
                b=row.b,
                by=None,
                decision=Decision.COORDINATED,
                agreed_by="SSP-konsulenten og helhedsplanens koordinator",
                note="Gadeplansarbejdet tager aftenerne, SSP skolerne; fælles netværksmøde "
                "hver måned.",
            )
    Effort.objects.filter(municipality=municipality).update(is_demo=True)
    ctx.log(
        f"coordination: {Effort.objects.filter(is_demo=True).count()} efforts, "
        f"{OverlapDecision.objects.count()} decided overlap"
    )


def delete_demo_data() -> None:
    from boligsocial.organisations.models import Department

    OverlapDecision.objects.filter(effort_a__is_demo=True).delete()
    Effort.objects.filter(is_demo=True).delete()
    District.objects.filter(is_demo=True).delete()
    Department.objects.filter(organisation__is_demo=True).update(latitude=None, longitude=None)
