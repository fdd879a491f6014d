"""Demo data (issue 15, part 9): a safety walk held in organisation A's departments in Aarhus
two months ago, with 12 findings (problems to act on), half of them done, the rest open or in
progress with owners and due dates, two of them past due, and two good places; and one walk
planned for next month. Written by the system (actor None)."""

from datetime import timedelta
from decimal import Decimal

from boligsocial.core.demo import DemoContext

ORDER = 45  # after organisations (10), screening (20), cases (30) and analyses/plans (40)

ROUTE = (
    ("Parkeringspladsen ved hovedindgangen", "56.17210", "10.18830"),
    ("Stien bag blok C", "56.17255", "10.18905"),
    ("Cykelskurene ved blok D", "56.17290", "10.18990"),
    ("Legepladsen", "56.17310", "10.19060"),
    ("Stationsforpladsen", "56.17350", "10.19140"),
    ("Beboerhuset", "56.17280", "10.19010"),
)
# (point index, category, severity, description, owner kind, owner, done?, status)
FINDINGS = (
    (
        0,
        "lighting",
        "high",
        "To lamper er gået ud; pladsen er helt mørk om aftenen.",
        "housing",
        "Driften, Boligselskabet Alfa",
        "done",
    ),
    (
        1,
        "sightlines",
        "high",
        "Høje buske langs stien; man kan ikke se, hvem der kommer.",
        "housing",
        "Driften, Boligselskabet Alfa",
        "done",
    ),
    (
        1,
        "lighting",
        "medium",
        "Stien mangler belysning på de sidste 50 meter.",
        "municipality",
        "Aarhus Kommune, Veje og Grønne Områder",
        "in_progress",
    ),
    (
        2,
        "sheds",
        "medium",
        "Cykelskurene spærrer udsynet til indgangen i blok D.",
        "housing",
        "Afdelingsbestyrelsen og driften",
        "open",
    ),
    (
        2,
        "litter",
        "low",
        "Graffiti på skurenes bagside.",
        "housing",
        "Driften, Boligselskabet Alfa",
        "done",
    ),
    (
        3,
        "litter",
        "medium",
        "Henkastet affald og knuste flasker ved bænkene.",
        "housing",
        "Driften, Boligselskabet Alfa",
        "done",
    ),
    (
        3,
        "unused",
        "low",
        "Den gamle boldbane bruges ikke og virker forladt.",
        "housing",
        "Boligsocialt team",
        "open",
    ),
    (
        4,
        "traffic",
        "high",
        "Biler kører for stærkt ved overgangen til stationen.",
        "municipality",
        "Aarhus Kommune, Trafik",
        "in_progress",
    ),
    (
        4,
        "crime",
        "medium",
        "Politiet nævner flere tasketyverier her sidste vinter.",
        "police",
        "Østjyllands Politi, lokalpolitiet",
        "done",
    ),
    (
        5,
        "lighting",
        "low",
        "Lyset ved beboerhusets bagdør tænder for sent.",
        "housing",
        "Driften, Boligselskabet Alfa",
        "done",
    ),
    (
        5,
        "sightlines",
        "medium",
        "Hækken ved beboerhusets indgang skjuler, hvem der står der.",
        "housing",
        "Driften, Boligselskabet Alfa",
        "open",
    ),
    (
        0,
        "traffic",
        "low",
        "Parkeringspladsen bruges som gennemkørsel.",
        "municipality",
        "Aarhus Kommune, Trafik",
        "open",
    ),
    (5, "good", "", "Beboerhuset er godt oplyst og har altid liv om aftenen.", "", "", "done"),
    (3, "good", "", "Legepladsen er åben og overskuelig fra altanerne.", "", "", "done"),
)


def seed(ctx: DemoContext) -> None:
    from boligsocial.walks import services
    from boligsocial.walks.models import WalkStatus
    from boligsocial.walks.services import Invited, Point

    today = ctx.today
    departments = [
        d for d in ctx.objects["departments_by_org"]["org_a"] if d.municipality_id == 751
    ][:2] or list(ctx.objects["departments_by_org"]["org_a"])[:1]
    organisation = departments[0].organisation
    invited = [
        Invited("resident", 8),
        Invited("board", 2, "", "Afdelingsbestyrelsen"),
        Invited("estate", 1, "Driftschef", organisation.name),
        Invited("municipal", 2, "", "Aarhus Kommune, Veje og Grønne Områder"),
        Invited("police", 1, "", "Østjyllands Politi"),
        Invited("social", 2, "", "Boligsocialt team"),
    ]
    held_on = today - timedelta(days=63)
    walk = services.plan_walk(
        organisation=organisation,
        departments=departments,
        title=f"Aftenvandring i {departments[0].name}",
        walk_date=held_on,
        start_time=None,
        meeting_point="Beboerhuset",
        points=[Point(n, Decimal(a), Decimal(b)) for n, a, b in ROUTE],
        invited=invited,
        actor=None,
    )
    services.advance_walk(
        walk=walk,
        to=WalkStatus.HELD,
        actor=None,
        summary=(
            "Deltagerne var enige om, at belysningen og buskene langs stierne er det vigtigste. "
            "Driften beskærer buskene inden for en måned; kommunen ser på stien og overgangen."
        ),
    )
    points = list(walk.points.all())
    for i, (p, category, severity, text, kind, owner, status) in enumerate(FINDINGS):
        finding = services.record_finding(
            walk=walk,
            point=points[p],
            category=category,
            severity=severity,
            description=text,
            actor=None,
        )
        if category == "good":
            continue
        due = held_on + timedelta(days=30 if i < 4 else 120)
        if status != "done" and i == 3:
            due = today - timedelta(days=5)  # past due, like finding 3 (due a month after)
        services.update_finding(
            finding=finding,
            actor=None,
            owner_kind=kind,
            owner_name=owner,
            due_date=due,
            status=status,
            status_note="Udført." if status == "done" else "",
        )
    services.plan_walk(
        organisation=organisation,
        departments=departments[:1],
        title=f"Forårsvandring i {departments[0].name}",
        walk_date=today + timedelta(days=30),
        meeting_point="Parkeringspladsen ved hovedindgangen",
        points=[Point(n) for n, _a, _b in ROUTE[:4]],
        invited=[Invited("resident", 10), Invited("board", 2), Invited("police", 1)],
        actor=None,
    )
    ctx.log("walks: 2 safety walks, 12 findings on the held one (6 done) and 2 good places")
