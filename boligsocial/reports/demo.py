"""Demo data of the styringsdialog (issue 18 part 8): organisation A's finalised report of last
year with the meeting's minutes and five agreements (two done, one late), and this year's draft
with the department report of Egeparken, on which its board added two points for the agenda.

The report's year is the year of its figures: the latest year of the screening ("this year")
and the year before ("last year")."""

from datetime import date, timedelta
from decimal import Decimal

from boligsocial.core.demo import DemoContext
from boligsocial.reports import services
from boligsocial.reports.models import AgreementStatus, Report
from boligsocial.screening.models import Light

ORDER = 50  # after plans and analyses (40)

AGREEMENTS = (  # what, who, days after the meeting, status, note
    (
        "Fælles tryghedsvandring i Egeparken med politiet",
        "Kommunen og boligorganisationen",
        120,
        AgreementStatus.DONE,
        "Gennemført i foråret.",
    ),
    (
        "Lektiecaféen udvides til to dage om ugen",
        "Den boligsociale enhed",
        150,
        AgreementStatus.DONE,
        "",
    ),
    (
        "Plan for nedbringelse af huslejerestancer med gældsrådgivning",
        "Boligorganisationen",
        200,
        AgreementStatus.IN_PROGRESS,
        "Udkast drøftet i afdelingsbestyrelsen.",
    ),
    (
        "Kommunal anvisning: ny aftale om fleksibel udlejning",
        "Kommunen",
        430,
        AgreementStatus.OPEN,
        "",
    ),
    (
        "Fælles status på helhedsplanens beskæftigelsesmål",
        "Kommunen og boligorganisationen",
        520,
        AgreementStatus.OPEN,
        "",
    ),
)
POINTS = (
    (
        "Belysning på stierne mellem blokkene",
        "Beboerne oplever stierne som utrygge om aftenen; vi ønsker en fælles plan med kommunen.",
    ),
    (
        "Flere aktiviteter for de 13–17-årige",
        "Klubtilbuddet lukker kl. 18; vi foreslår et samarbejde med fritidsjob-indsatsen.",
    ),
)


def seed(ctx: DemoContext) -> None:
    org = ctx.objects["org_a"]
    personas = ctx.objects["personas"]
    seed_mentor_plan(ctx)
    head, board = personas["head-a"], personas["dept-board-a1"]
    years = sorted(
        Light.objects.filter(department__organisation=org).values_list("year", flat=True).distinct()
    )
    if len(years) < 2:
        return
    this_year, last_year = years[-1], years[-2]
    meeting = date(ctx.today.year - 1, 10, 15)
    last = services.create_report(by=head, organisation=org, year=last_year)
    last.is_demo = True
    last.save(update_fields=["is_demo"])
    services.set_narrative(
        report=last,
        by=head,
        section="economy",
        text="Regnskabet for organisationen er godkendt uden bemærkninger fra revisionen.",
        internal=False,
    )
    services.finalise(report=last, by=head, today=meeting - timedelta(days=14))
    services.save_minutes(
        report=last,
        by=head,
        meeting_date=meeting,
        minutes="Mødet gennemgik rapporten. Kommunen og organisationen indgik fem aftaler.",
    )
    for what, who, days, status, note in AGREEMENTS:
        agreement = services.add_agreement(
            report=last, by=head, what=what, who=who, due_date=meeting + timedelta(days=days)
        )
        if status != AgreementStatus.OPEN or note:
            services.update_agreement(agreement=agreement, by=head, status=status, note=note)
    draft = services.create_report(by=head, organisation=org, year=this_year)
    department = org.departments.order_by("number").first()
    board_report = services.create_report(
        by=head, organisation=org, department=department, year=this_year
    )
    Report.objects.filter(pk__in=[draft.pk, board_report.pk]).update(is_demo=True)
    for title, text in POINTS:
        services.add_agenda_point(
            report=board_report, by=board, title=title, text=text, internal=False, department=None
        )
    seed_economics(ctx)
    ctx.log(
        f"reports: styringsdialog {last_year} finalised with {len(AGREEMENTS)} agreements, "
        f"{this_year} draft with {len(POINTS)} board points"
    )


def delete_demo_data() -> None:
    from boligsocial.reports.models import BusinessCase, EffectMeasurement, OutcomeContract

    Report.objects.filter(is_demo=True).delete()
    BusinessCase.objects.filter(is_demo=True).delete()
    EffectMeasurement.objects.filter(is_demo=True).delete()
    OutcomeContract.objects.filter(is_demo=True).delete()


# --- where the employment mentor also ran (for the effect measurement) -------------------------

MENTOR_NUMBER = 10  # the catalogue's Beskæftigelsesmentor
MENTOR_PLAN = "Helhedsplan for Hasselhaven og Hasselgården 2020–2023"


def seed_mentor_plan(ctx: DemoContext):
    """An ended 2020–2023 plan of organisation A for its housing area Hasselhaven/Hasselgården
    with an employment mentor (catalogue no. 10), so the mentor has run in three of A's
    departments (Egeparken from 2019 in the plans' demo, these two from 2020) and the effect
    measurement has enough departments with years before and after (catalogue.outcomes
    MIN_TREATED = 3; the demo area's third department is organisation B's, which A's twins do
    not reach). Through the plans' own services: budget with LBF at 75 %, approvals, started,
    ended. Returns the plan, or None when the demo has no such area."""
    from boligsocial.catalogue.models import Intervention, LbfArea, LbfPeriod
    from boligsocial.organisations.models import Area
    from boligsocial.plans import services as plans
    from boligsocial.plans.models import Plan

    org = ctx.objects["org_a"]
    departments = ctx.objects["departments_by_org"]["org_a"][2:4]
    area = (
        Area.objects.filter(departments=departments[0]).filter(departments=departments[-1]).first()
    )
    mentor = Intervention.objects.filter(number=MENTOR_NUMBER).first()
    if area is None or mentor is None:
        return None
    first_year = 2020
    plan = plans.create_plan(
        by=None,
        name=MENTOR_PLAN,
        municipality=ctx.objects["municipality"],
        organisations=[org],
        departments=departments,
        areas=[area],
        period=LbfPeriod.objects.get(code="2019-26"),
        first_year=first_year,
    )
    sub = plans.add_sub_agreement(
        plan=plan,
        by=None,
        area=LbfArea.objects.get(period__code="2019-26", code="B"),
        text="Delaftale om beskæftigelse: en mentor for ledige 18–64-årige i begge afdelinger.",
    )
    plans.add_activity(
        sub_agreement=sub,
        by=None,
        name="Beskæftigelsesmentor",
        intervention=mentor,
        target_group=mentor.target_group,
        staff="Boligsocial medarbejder",
        hours_per_week=Decimal(30),
    )
    shares = {"lbf": Decimal("0.75"), "municipality": Decimal("0.15"), "housing": Decimal("0.10")}
    per_year = Decimal("600000.00")
    funders = list(plan.funders.order_by("pk"))
    plans.set_budget(
        plan=plan,
        by=None,
        pledges={f.pk: per_year * shares[f.kind] * len(plan.years) for f in funders},
        lines=[
            (f.pk, year, "Mentor, løn og drift", per_year * shares[f.kind])
            for f in funders
            for year in plan.years
        ],
    )
    plans.submit_plan(plan=plan, by=None)
    for party, organisation, day, approver in (
        ("housing", org, date(first_year - 1, 10, 1), "Organisationsbestyrelsen"),
        ("council", None, date(first_year - 1, 11, 15), "Byrådet"),
        ("lbf", None, date(first_year - 1, 12, 10), "Landsbyggefonden"),
    ):
        plans.record_approval(
            plan=plan,
            by=None,
            party=party,
            organisation=organisation,
            approved_on=day,
            approver=approver,
        )
    plans.start_plan(plan=plan, by=None)
    plans.end_plan(plan=plan, by=None)
    Plan.objects.filter(pk=plan.pk).update(is_demo=True)
    return plan


# --- the economics (decision 0038) -------------------------------------------------------------

EMPLOYMENT_PRICES = (  # seeded price name, payer chosen here (the source does not split it)
    ("Person på kontanthjælp i fuldtidsjob: bedre offentlige finanser", "kommune"),
    ("Kommunal beskæftigelsesindsats pr. fuldtidsperson", "kommune"),
)


def _price(name: str):
    from boligsocial.reports.models import UnitPrice

    return UnitPrice.objects.get(seeded=True, name=name)


def seed_economics(ctx: DemoContext) -> None:
    """A business case for the demo plan's employment activity (the employment mentor) and one
    for its neighbour mediation (the housing organisation's own gain), both on seeded, sourced
    unit prices; an effect measurement of the employment mentor; one outcome contract."""

    from boligsocial.plans.models import Activity
    from boligsocial.reports import economics_services as econ
    from boligsocial.reports.models import BusinessCase, EffectMeasurement, OutcomeContract

    org = ctx.objects["org_a"]
    head = ctx.objects["personas"]["head-a"]
    mentor = (
        Activity.objects.filter(plan__organisations=org, intervention__number=10)
        .select_related("plan", "intervention")
        .order_by("-plan__first_year")
        .first()
    )
    if mentor is None:
        return
    plan = mentor.plan
    case = econ.save_case(
        by=head,
        organisation=org,
        title=f"{mentor.name} i {plan.name.removeprefix('Helhedsplan for ')}",
        intervention=mentor.intervention,
        plan=plan,
        description=(
            "Budgetøkonomisk business case for helhedsplanens beskæftigelsesmentor. Målgruppen, "
            "omkostningen og satserne er demoens antagelser; enhedspriserne er fra pristabellen "
            "med kilde. Kilden fordeler ikke gevinsten ved job på kommune og stat; den er her lagt "
            "hos kommunen (det offentlige i alt afhænger ikke af valget). Diskonteringsrenten "
            "er demoens valg."
        ),
        kind="budget",
        start_year=plan.first_year,
        horizon_years=10,
        discount_rate=Decimal("0.035"),
    )
    for year in range(plan.last_year - plan.first_year + 1):
        econ.add_cost(
            by=head,
            case=case,
            label="Mentor, løn og drift (Landsbyggefonden)",
            year=year,
            payer="andre",
            amount=Decimal("337500"),
        )
        econ.add_cost(
            by=head,
            case=case,
            label="Mentor, kommunal medfinansiering",
            year=year,
            payer="kommune",
            amount=Decimal("112500"),
        )
    outcome = econ.save_outcome(
        by=head,
        case=case,
        name="Fra kontanthjælp til job",
        persons=40,
        success_rate=Decimal("0.2"),
        success_low=Decimal("0.1"),
        success_high=Decimal("0.3"),
        deadweight=Decimal("0.25"),
        deadweight_low=Decimal("0.1"),
        deadweight_high=Decimal("0.4"),
        attribution=Decimal("0.8"),
        success_source="Demoens antagelse",
    )
    for name, payer in EMPLOYMENT_PRICES:
        econ.add_consequence(
            by=head,
            outcome=outcome,
            price=_price(name),
            payer=payer,
            share=Decimal(1),
            first_year=1,
            last_year=5,
        )
    mediation = econ.save_case(
        by=head,
        organisation=org,
        title="Konfliktmægling i stedet for retlige husordenssager",
        intervention=None,
        plan=plan,
        description=(
            "Boligorganisationens egen gevinst: en mægling koster cirka 5.000 kr. mod cirka "
            "50.000 kr. for en retlig husordenssag (KAB, via CFBU 2016). Antallet af sager og "
            "satserne er demoens antagelser."
        ),
        kind="budget",
        start_year=plan.first_year,
        horizon_years=4,
        discount_rate=Decimal("0.035"),
    )
    for year in range(4):
        econ.add_cost(
            by=head,
            case=mediation,
            label="Konfliktmægling, 12 sager à 5.000 kr.",
            year=year,
            payer="boligorganisation",
            amount=Decimal("60000"),
        )
    saved = econ.save_outcome(
        by=head,
        case=mediation,
        name="Retlige husordenssager undgået",
        persons=12,
        success_rate=Decimal("0.5"),
        success_low=Decimal("0.3"),
        success_high=Decimal("0.7"),
        deadweight=Decimal("0.2"),
        deadweight_low=Decimal("0.1"),
        deadweight_high=Decimal("0.3"),
        attribution=Decimal(1),
        success_source="Demoens antagelse",
    )
    econ.add_consequence(
        by=head,
        outcome=saved,
        price=_price("Retlig husordenssag"),
        payer="boligorganisation",
        share=Decimal(1),
        first_year=0,
        last_year=3,
    )
    measurement = econ.measure_effect(by=head, organisation=org, intervention=mentor.intervention)
    contract = econ.save_contract(
        by=head,
        organisation=org,
        title="Resultatkontrakt: fra ledighed til job i demoområdet",
        plan=plan,
        metric="Deltager selvforsørgende i mindst 6 måneder i træk",
        measurement=(
            "Jobcentrets registerudtræk pr. kvartal; kommunens økonomiafdeling verificerer før "
            "udbetaling. Ingen navne i systemet, kun antal pr. hold."
        ),
        price_per_outcome=Decimal("120000"),
        cap=Decimal("3600000"),
        start_date=date(plan.first_year, 1, 1),
        end_date=date(plan.last_year, 12, 31),
    )
    authority = econ.add_party(
        by=head, contract=contract, name=plan.municipality.name, role="authority"
    )
    investor = econ.add_party(
        by=head, contract=contract, name="Demo Social Investeringsfond", role="investor"
    )
    econ.add_party(by=head, contract=contract, name=org.name, role="supplier")
    for reference, n, days in (("Hold 1", 4, 400), ("Hold 2", 3, 200)):
        reached = max(min(ctx.today - timedelta(days=days), contract.end_date), contract.start_date)
        econ.record_event(
            by=head,
            contract=contract,
            reference=reference,
            outcomes=n,
            occurred_on=reached,
            verified_on=min(reached + timedelta(days=45), ctx.today),
            verified_by="Kommunens økonomiafdeling",
        )
    for year, share in (
        (plan.first_year + 1, "0.5"),
        (plan.first_year + 2, "1"),
        (plan.last_year, "1"),
    ):
        econ.add_repayment(
            by=head,
            contract=contract,
            due_date=date(year, 12, 31),
            payer=authority,
            payee=investor,
            share=Decimal(share),
            note="Udbetaling for verificerede resultater",
        )
    BusinessCase.objects.filter(pk__in=[case.pk, mediation.pk]).update(is_demo=True)
    EffectMeasurement.objects.filter(pk=measurement.pk).update(is_demo=True)
    OutcomeContract.objects.filter(pk=contract.pk).update(is_demo=True)
    ctx.log("reports: 2 business cases, 1 effect measurement, 1 outcome contract")
