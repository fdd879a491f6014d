"""Demo cases (`manage.py seed_demo`): about 300 cases over the last two years in the demo
organisations — noise most common, some overdue, repeat addresses, one open crisis case and one
case shared with the demo municipal coordinator. Every name is obviously invented.

Rows are written with bulk_create (not through the services) so seeding stays fast; the values
are what the services would have written (deadlines on working days, next_due, events)."""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db.models import Max

from boligsocial.cases import followup, workdays
from boligsocial.cases.models import (
    Case,
    CaseKind,
    CaseShare,
    CrisisTask,
    CrisisTaskKind,
    Deadline,
    DeadlineKind,
    Event,
    EventKind,
    LegalStep,
    Outcome,
    Party,
    PartyRole,
    PresenceDay,
    ReferenceCounter,
    ShareReason,
    Status,
)
from boligsocial.core.demo import DemoContext
from boligsocial.organisations.models import Lease, Organisation

ORDER = 30  # after organisations (10) and screening (20)

CASES_PER_ORG = {"org_a": 190, "org_b": 80, "org_c": 30}
CATEGORY_WEIGHTS = {
    "noise": 34,
    "waste": 14,
    "pets": 8,
    "harassment": 10,
    "violence_threats": 4,
    "crime_insecurity": 8,
    "neglect": 7,
    "property_damage": 9,
    "other": 6,
}
TRACK = {
    "noise": "trivsel",
    "pets": "trivsel",
    "harassment": "trivsel",
    "other": "trivsel",
    "violence_threats": "tryghed",
    "crime_insecurity": "tryghed",
    "waste": "tag_ansvar",
    "neglect": "tag_ansvar",
    "property_damage": "tag_ansvar",
}
KIND_WEIGHTS = {"house_rules": 58, "inquiry": 26, "mediation": 9, "other": 7}
DESCRIPTIONS = {
    "noise": "Høj musik og råben sent om aftenen (demotekst).",
    "waste": "Affaldssække stillet i opgangen i flere dage (demotekst).",
    "pets": "Hund gør i lange perioder, når beboeren er væk (demotekst).",
    "harassment": "Klager oplever gentagne ubehagelige bemærkninger på trappen (demotekst).",
    "violence_threats": "Trusler i gården ifølge to vidner (demotekst).",
    "crime_insecurity": "Unge samles i kælderen; beboere føler sig utrygge (demotekst).",
    "neglect": "Lugt fra lejligheden; mistanke om vanrøgt (demotekst).",
    "property_damage": "Hærværk på dørtelefon og postkasser (demotekst).",
    "other": "Uenighed om brug af fælles vaskeri (demotekst).",
}
FIRST_NAMES = ("Anna", "Bent", "Camilla", "Dennis", "Eva", "Frank", "Gitte", "Hassan", "Ida")
LAST_NAMES = ("Demosen", "Eksempelsen", "Fiktivsen", "Prøvesen", "Opdigtetsen", "Testgaard")


def _pick(rng, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _name(rng) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _received(rng, ctx: DemoContext, days_ago: int) -> datetime:
    day = ctx.today - timedelta(days=days_ago)
    moment = time(rng.randint(7, 18), rng.choice((0, 15, 30, 45)))
    return datetime.combine(day, moment, tzinfo=workdays.COPENHAGEN)


def seed(ctx: DemoContext) -> None:
    rng, objects = ctx.rng, ctx.objects
    personas = objects.get("personas", {})
    staff = {"org_a": personas.get("staff-a"), "org_b": personas.get("staff-b"), "org_c": None}
    heads = {"org_a": personas.get("head-a")}
    now = datetime.combine(ctx.today, time(7), tzinfo=workdays.COPENHAGEN)

    planned = []  # (org_key, department, lease or None, received_at)
    for org_key, n in CASES_PER_ORG.items():
        departments = objects["departments_by_org"][org_key][:12]
        leases = {
            d.pk: list(
                Lease.objects.filter(department=d)
                .only("id", "department_id", "address", "unit")
                .order_by("id")[:40]
            )
            for d in departments
        }
        hot = [rng.choice(leases[d.pk]) for d in departments[:5] for _ in range(2)]  # repeats
        for _ in range(n):
            dept = departments[min(int(rng.expovariate(0.35)), len(departments) - 1)]
            if rng.random() < 0.2:
                lease = rng.choice(hot)
                dept = next(d for d in departments if d.pk == lease.department_id)
            elif rng.random() < 0.8:
                lease = rng.choice(leases[dept.pk])
            else:
                lease = None
            planned.append((org_key, dept, lease, _received(rng, ctx, rng.randint(1, 729))))
    planned.sort(key=lambda p: p[3])

    counters: dict[int, int] = defaultdict(int)
    cases, extras = [], []
    for org_key, dept, lease, received in planned:
        year = received.year
        counters[year] += 1
        category = _pick(rng, CATEGORY_WEIGHTS)
        kind = _pick(rng, KIND_WEIGHTS)
        due = workdays.add_working_days(received, 2)
        age = (now - received).days
        contacted = None
        forgotten = 4 <= age <= 40 and rng.random() < 0.3  # no contact yet: overdue
        if not forgotten and (age > 3 or rng.random() < 0.5):
            # most within the deadline, some late
            hours = rng.choice((2, 4, 20, 26, 45, 70, 100)) if rng.random() < 0.8 else 150
            contacted = min(received + timedelta(hours=hours), now)
        if age > 45 and (rng.random() < 0.97 or kind != CaseKind.HOUSE_RULES):
            status = Status.CLOSED
        elif contacted is None:
            status = Status.RECEIVED
        else:
            status = rng.choice((Status.CONTACTED, Status.IN_PROGRESS, Status.IN_PROGRESS))
        outcome, closed_at, legal_step = "", None, ""
        if status == Status.CLOSED:
            contacted = contacted or received + timedelta(hours=24)
            closed_at = min(contacted + timedelta(days=rng.randint(3, 40)), now)
            if kind == CaseKind.HOUSE_RULES:
                outcome = rng.choice(
                    [Outcome.RESOLVED_DIALOGUE] * 4
                    + [Outcome.REQUEST] * 3
                    + [Outcome.WARNING] * 2
                    + [Outcome.COMPLAINTS_BOARD, Outcome.DROPPED]
                )
            elif kind == CaseKind.MEDIATION:
                outcome = rng.choice([Outcome.MEDIATION_AGREEMENT] * 8 + [Outcome.DROPPED])
            else:
                outcome = rng.choice((Outcome.RESOLVED_DIALOGUE, Outcome.DROPPED))
            legal_step = {
                Outcome.REQUEST: LegalStep.REQUEST,
                Outcome.WARNING: LegalStep.WARNING,
                Outcome.COMPLAINTS_BOARD: LegalStep.COMPLAINTS_BOARD,
            }.get(outcome, "")
        if outcome == Outcome.COMPLAINTS_BOARD and category != "violence_threats":
            legal_step = LegalStep.COMPLAINTS_BOARD  # a warning came first (see events)
        address = (
            (f"{lease.address}, {lease.unit}" if lease.unit else lease.address) if lease else ""
        )
        mediation = kind == CaseKind.MEDIATION and contacted is not None
        cases.append(
            Case(
                reference=f"BS-{year}-{counters[year]:04d}",
                organisation=objects[org_key],
                department=dept,
                lease=lease,
                address=address,
                address_key=" ".join(address.lower().replace(",", " ").replace(".", " ").split()),
                kind=kind,
                track=TRACK[category],
                category=category,
                description=DESCRIPTIONS[category],
                priority=rng.choice(("normal",) * 6 + ("low", "high")),
                assignee=staff[org_key],
                status=status,
                outcome=outcome,
                received_at=received,
                first_contact_due=due,
                first_contact_at=contacted,
                closed_at=closed_at,
                # Every open case has a next deadline (cases/followup.py): first contact, then
                # the follow-up — so the old open cases show as overdue, never silent.
                next_due=None
                if status == Status.CLOSED
                else (followup.follow_up_due(contacted) if contacted else due),
                source=rng.choice(("staff",) * 6 + ("intake", "intake", "caretaker")),
                created_by=staff[org_key],
                legal_step=legal_step,
                mediation_offered_at=contacted if mediation else None,
                mediation_held_at=(contacted + timedelta(days=10))
                if mediation and status == Status.CLOSED
                else None,
                mediator="Demomæglerne" if mediation and status == Status.CLOSED else "",
                mediation_agreement=(outcome == Outcome.MEDIATION_AGREEMENT)
                if mediation and status == Status.CLOSED
                else None,
            )
        )
        extras.append(org_key)

    # One open crisis case in organisation A's department 1, received four days ago.
    crisis_received = _received(rng, ctx, 4)
    year = crisis_received.year
    counters[year] += 1
    dept_a1 = objects["dept_a1"]
    crisis = Case(
        reference=f"BS-{year}-{counters[year]:04d}",
        organisation=objects["org_a"],
        department=dept_a1,
        kind=CaseKind.CRISIS,
        track="tryghed",
        category="violence_threats",
        description="Voldelig episode i gården; beboerne er utrygge (demotekst).",
        priority="urgent",
        assignee=staff["org_a"],
        status=Status.IN_PROGRESS,
        received_at=crisis_received,
        incident_at=crisis_received - timedelta(hours=14),
        first_contact_due=workdays.add_working_days(crisis_received, 2),
        first_contact_at=crisis_received + timedelta(hours=2),
        next_due=workdays.add_working_days(crisis_received, 10),
        created_by=heads.get("org_a"),
        address=dept_a1.address,
        address_key=" ".join(dept_a1.address.lower().split()),
    )
    cases.append(crisis)
    extras.append("org_a")
    Case.objects.bulk_create(cases, batch_size=500)

    parties, events, deadlines = [], [], []
    for case in cases:
        deadlines.append(
            Deadline(
                case=case,
                kind=DeadlineKind.FIRST_CONTACT,
                due=case.first_contact_due,
                met_at=case.first_contact_at,
            )
        )
        if case.kind != CaseKind.CRISIS and case.status != Status.CLOSED and case.first_contact_at:
            deadlines.append(Deadline(case=case, kind=DeadlineKind.FOLLOW_UP, due=case.next_due))
        events.append(
            Event(
                case=case,
                kind=EventKind.STATUS_CHANGE,
                occurred_at=case.received_at,
                text="Sag modtaget",
                created_by=case.created_by,
            )
        )
        if case.first_contact_at:
            events.append(
                Event(
                    case=case,
                    kind=rng.choice((EventKind.CALL, EventKind.CALL, EventKind.VISIT)),
                    occurred_at=case.first_contact_at,
                    minutes=rng.choice((10, 15, 20, 30, 45, 60)),
                    text="Talt med parterne (demotekst).",
                    created_by=case.assignee,
                )
            )
        if case.legal_step in (LegalStep.WARNING, LegalStep.COMPLAINTS_BOARD):
            events.append(
                Event(
                    case=case,
                    kind=EventKind.LEGAL_STEP,
                    occurred_at=case.first_contact_at + timedelta(days=2),
                    text="Advarsel",
                    created_by=case.assignee,
                )
            )
        if case.closed_at:
            events.append(
                Event(
                    case=case,
                    kind=EventKind.STATUS_CHANGE,
                    occurred_at=case.closed_at,
                    text=f"Afsluttet: {Outcome(case.outcome).label}",
                    created_by=case.assignee,
                )
            )
        if case.kind != CaseKind.CRISIS:
            parties.append(Party(case=case, role=PartyRole.COMPLAINANT, name=_name(rng)))
            parties.append(
                Party(
                    case=case,
                    role=PartyRole.RESPONDENT,
                    name=_name(rng),
                    lease=case.lease,
                    phone="+45 99 " + " ".join(str(rng.randint(10, 99)) for _ in range(3)),
                )
            )
    deadlines.append(Deadline(case=crisis, kind=DeadlineKind.CRISIS_FOLLOW_UP, due=crisis.next_due))
    Party.objects.bulk_create(parties, batch_size=500)
    Event.objects.bulk_create(events, batch_size=500)
    Deadline.objects.bulk_create(deadlines, batch_size=500)
    CrisisTask.objects.bulk_create(
        CrisisTask(
            case=crisis,
            kind=kind,
            done_at=crisis_received + timedelta(hours=5 + i * 20)
            if kind in (CrisisTaskKind.POLICE_CONTACT, CrisisTaskKind.RESIDENTS_MEETING)
            else None,
            done_by=staff["org_a"]
            if kind in (CrisisTaskKind.POLICE_CONTACT, CrisisTaskKind.RESIDENTS_MEETING)
            else None,
        )
        for i, kind in enumerate(CrisisTaskKind)
    )
    PresenceDay.objects.bulk_create(
        PresenceDay(case=crisis, date=crisis_received.date() + timedelta(days=i), hours=h)
        for i, h in enumerate(("6.0", "4.5", "3.0"))
    )

    # The most recent open case of organisation A shared with the demo municipal coordinator.
    municipal = personas.get("municipal")
    shared = next(
        (
            c
            for c in reversed(cases)
            if c.organisation == objects["org_a"]
            and c.status != Status.CLOSED
            and c.kind != CaseKind.CRISIS
        ),
        None,
    )
    if municipal and shared:
        CaseShare.objects.create(
            case=shared,
            user=municipal,
            reason=ShareReason.CONSENT,
            explanation="Familien har givet skriftligt samtykke til, at kommunen ser sagen "
            "(demotekst).",
            created_by=staff["org_a"],
        )
    for y, last in counters.items():
        ReferenceCounter.objects.update_or_create(year=y, defaults={"last": last})
    _seed_board_decision(ctx, cases, objects["org_a"])
    overdue = sum(1 for c in cases if c.next_due and c.next_due < ctx.today)
    # The screening's house-rule indicator for the complete demo years (the departments are
    # re-screened); the current year is fed once it is over (see services.indicator).
    from boligsocial.cases.services.indicator import feed_screening

    for y in sorted({c.received_at.year for c in cases} - {ctx.today.year}):
        feed_screening(y)
    ctx.log(
        f"Sager: {len(cases)} (åbne: {sum(1 for c in cases if c.status != Status.CLOSED)}, "
        f"overskredne: {overdue}, 1 krisesag, 1 delt med kommunen)."
    )


def _seed_board_decision(ctx: DemoContext, cases, organisation) -> None:
    """The newest open house-rule case of organisation A goes the legal track through the
    services: a henstilling drafted to the household complained about, an advarsel, the
    complaints board and its decision 3 days ago, so the 4-week deadline to bring it before
    the housing court is on the case (issue 13). Written as the system (no actor), so a reset
    that deletes the demo users is not held up by their change-log entries."""
    from boligsocial.cases import services
    from boligsocial.cases.models import DecisionOutcome

    decided_on = ctx.today - timedelta(days=3)
    case = next(
        (
            c
            for c in reversed(cases)
            if c.organisation == organisation
            and c.status == Status.IN_PROGRESS
            and c.kind == CaseKind.HOUSE_RULES
            and workdays.local_date(c.received_at) <= ctx.today - timedelta(days=20)
        ),
        None,
    )
    if case is None:
        return
    user = None
    case.refresh_from_db()
    warned_on = workdays.local_date(case.received_at) + timedelta(days=2)
    # A draft, not issued: issuing renders the PDF, which needs the collected static files
    # that a freshly seeded database may not have yet.
    services.create_letter_draft(case=case, kind="request", user=user)
    services.take_legal_step(case, LegalStep.WARNING, user, on=warned_on)
    services.take_legal_step(
        case, LegalStep.COMPLAINTS_BOARD, user, on=min(warned_on + timedelta(days=7), decided_on)
    )
    services.record_board_decision(case, decided_on, user, outcome=DecisionOutcome.CONDITIONAL_LOSS)


def delete_demo_data() -> None:
    """Remove the cases of the demo organisations (before the organisations go)."""
    org_ids = Organisation.objects.filter(is_demo=True).values("id")
    Case.objects.filter(organisation_id__in=org_ids).delete()
    # Counters follow what is left, so a re-seed numbers from 1 again.
    left = dict(
        Case.objects.values_list("received_at__year")
        .annotate(m=Max("id"))
        .values_list("received_at__year", "m")
    )
    ReferenceCounter.objects.exclude(year__in=list(left)).delete()
