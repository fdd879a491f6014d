"""Demo data for the plans (issue 16 part 11): one running 2024–2027 plan of two demo
organisations and the municipality for the demo area, with all four sub-agreements, goals on
screening indicators (baselines frozen from the demo values), 12 activities linked to the
catalogue, two years of activity logs, a budget that adds up with LBF at exactly 75 %, and one
approved revision; and one ended 2019–2022 plan. The budget lines are each activity's (weighted
by its hours a week) and the secretariat's; the running plan has the attachments LBF asks for
as documents (`demo_documents.py`)."""

from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

from django.db import transaction

from boligsocial.catalogue.models import Intervention, LbfArea, LbfPeriod
from boligsocial.core.demo import DemoContext
from boligsocial.plans import reporting, services
from boligsocial.plans.demo_documents import seed_documents
from boligsocial.plans.models import (
    AgeBand,
    DocumentVersion,
    Gender,
    Group,
    GroupKind,
    Partner,
    PartnerKind,
    Plan,
    ReportType,
    Session,
    SessionCount,
    Spending,
)
from boligsocial.screening.models import Indicator

ORDER = 40  # after organisations (10), screening (20) and cases (30)

# area code -> [(activity name, catalogue number)]
ACTIVITIES = {
    "UL": [
        ("Lektiecafé i beboerhuset", 2),
        ("Mødregruppe med sundhedsplejen", 5),
        ("Forældrekursus De Utrolige År", 6),
    ],
    "B": [("Fritidsjob til 13–17-årige", 1), ("Jobcafé", 11), ("Beskæftigelsesmentor", 10)],
    "K": [
        ("Gadeplansarbejde om aftenen", 15),
        ("Tryghedsvandring to gange om året", 19),
        ("Mentorer for unge", 14),
    ],
    "SM": [("Bydelsmødre", 7), ("Gældsrådgivning", 26), ("Konfliktmægling", 24)],
}
# The shared plan's parts (decision 0033): these activities belong to the second organisation
# or to the municipality; the rest are the secretariat's.
OWNED_BY = {
    "Jobcafé": "municipality",
    "Gadeplansarbejde om aftenen": "municipality",
    "Bydelsmødre": "second",
    "Gældsrådgivning": "second",
}
GOALS = {
    "B": ("Færre 18–64-årige uden for arbejde og uddannelse", "outside_work_education", "-1.5"),
    "K": ("Lavere andel dømte 18 år og derover", "convicted", "-0.1"),
    "SM": ("Lavere fraflytning", "move_out_rate", "-0.5"),
}
AGREEMENT = {
    "purpose": "Helhedsplanen skal give flere beboere fodfæste i uddannelse og job, forebygge "
    "kriminalitet blandt børn og unge og styrke fællesskabet i boligområdet.",
    "organisation_text": "En lokal bestyrelse med ledere fra kommunen og boligorganisationerne; "
    "en følgegruppe med skole, politi og beboere; et fælles sekretariat.",
    "interplay": "Indsatsen supplerer kommunens kernedrift og udviklingsplanen for området.",
    "measurements": "Tværgående målinger fra screeningen: beskæftigelse, kriminalitet og "
    "fraflytning, med udgangspunkt ved planens start.",
    "local_evaluation": "Årlig status til bestyrelsen og en midtvejsevaluering.",
    "revision_text": "Delaftalerne revideres årligt; ændringer i den strategiske aftale "
    "godkendes af Landsbyggefonden.",
}


def _plan(ctx, *, name, first_year, organisations, departments):
    return services.create_plan(
        by=None,
        name=name,
        municipality=ctx.objects["municipality"],
        organisations=organisations,
        departments=departments,
        period=LbfPeriod.objects.get(code="2019-26"),
        first_year=first_year,
    )


ACTIVITY_SHARE = Decimal("0.8")  # of each funder's year: the activities; the rest the secretariat


def _budget(plan, total_per_year: Decimal, activities) -> None:
    """LBF exactly 75 %; the municipality 15 %, the housing organisations the rest. Each
    funder's year goes 80 % to the activities, by their hours a week (rounded down to the øre),
    and the rest to the secretariat, so every funder-year adds up exactly."""
    funders = list(plan.funders.order_by("pk"))
    shares = {"lbf": Decimal("0.75"), "municipality": Decimal("0.15")}
    housing = [f for f in funders if f.kind == "housing"]
    rest = (1 - sum(shares.values())) / len(housing)
    hours = sum(a.hours_per_week for a in activities)
    lines, pledges = [], {}
    for f in funders:
        per_year = (total_per_year * shares.get(f.kind, rest)).quantize(Decimal("0.01"))
        pledges[f.pk] = per_year * len(plan.years)
        for y in plan.years:
            parts = [
                (a, (per_year * ACTIVITY_SHARE * a.hours_per_week / hours).quantize(
                    Decimal("0.01"), rounding=ROUND_FLOOR
                ))
                for a in activities
            ]  # fmt: skip
            lines += [(f.pk, y, a.name, amount, a.pk) for a, amount in parts]
            secretariat = per_year - sum(amount for _a, amount in parts)
            lines.append((f.pk, y, "Sekretariat og fællesudgifter", secretariat, None))
    services.set_budget(plan=plan, by=None, pledges=pledges, lines=lines)


def _approve(plan, orgs, year: int) -> None:
    for org in orgs:
        services.record_approval(
            plan=plan,
            by=None,
            party="housing",
            organisation=org,
            approved_on=date(year - 1, 10, 1),
            approver="Organisationsbestyrelsen",
        )
    services.record_approval(
        plan=plan, by=None, party="council", approved_on=date(year - 1, 11, 15), approver="Byrådet"
    )
    services.record_approval(
        plan=plan,
        by=None,
        party="lbf",
        approved_on=date(year - 1, 12, 10),
        approver="Landsbyggefonden",
    )


def _fill(plan, ctx, departments, *, log_until: date):
    rng = ctx.rng
    catalogue = {i.number: i for i in Intervention.objects.filter(number__isnull=False)}
    indicators = {i.code: i for i in Indicator.objects.all()}
    services.update_agreement(plan=plan, by=None, values=AGREEMENT)
    Group.objects.create(
        plan=plan,
        kind=GroupKind.BOARD,
        name="Bestyrelsen for helhedsplanen",
        members="Direktører fra kommunen og boligorganisationerne, politiet",
    )
    Group.objects.create(
        plan=plan, kind=GroupKind.FOLLOW_UP, name="Følgegruppen", members="Skole, SSP, beboere"
    )
    Group.objects.create(
        plan=plan,
        kind=GroupKind.SECRETARIAT,
        name="Det fælles sekretariat",
        members=f"Ligger hos {plan.secretariat.name}; én indgang for kommunen",
    )
    owners = {"municipality": plan.partners.filter(kind=PartnerKind.MUNICIPALITY).first()}
    others = plan.partners.filter(kind=PartnerKind.HOUSING).exclude(organisation=plan.secretariat)
    owners["second"] = others.order_by("pk").first()
    Partner.objects.create(
        plan=plan,
        kind=PartnerKind.OTHER,
        name="Østjyllands Politi",
        role="Tryghed og kriminalitetsforebyggelse",
    )
    activities = []
    for area in LbfArea.objects.filter(period__code="2019-26"):
        sub = services.add_sub_agreement(
            plan=plan, by=None, area=area, text=f"Delaftale om {area.name.lower()}."
        )
        if area.code in GOALS:
            title, code, step = GOALS[area.code]
            goal = services.add_goal(
                sub_agreement=sub,
                by=None,
                title=title,
                indicator=indicators[code],
                department=departments[0],
                targets={},
            )
            if goal.baseline_value is not None:
                for n, year in enumerate(plan.years, start=1):
                    goal.years.create(year=year, target=goal.baseline_value + Decimal(step) * n)
        else:
            services.add_goal(
                sub_agreement=sub,
                by=None,
                title="Flere børn i lektiecaféen",
                own_measure="Deltagere i lektiecaféen",
                targets={y: Decimal(40 + 5 * n) for n, y in enumerate(plan.years)},
            )
        for name, number in ACTIVITIES[area.code]:
            activities.append(
                services.add_activity(
                    sub_agreement=sub,
                    by=None,
                    name=name,
                    intervention=catalogue[number],
                    target_group=catalogue[number].target_group,
                    staff="Boligsocial medarbejder",
                    hours_per_week=Decimal(rng.choice((4, 6, 8, 10))),
                    owner=owners.get(OWNED_BY.get(name)),
                )
            )
    sessions, counts = [], []
    start = date(plan.first_year, 1, 8)
    for activity in activities:
        day = start + timedelta(days=rng.randint(0, 6))
        while day <= log_until:
            sessions.append(Session(activity=activity, held_on=day, participants=0))
            day += timedelta(days=rng.choice((7, 14)))
    Session.objects.bulk_create(sessions, batch_size=500)
    bands, genders = AgeBand.values, Gender.values
    for session in sessions:
        total = 0
        for band in rng.sample(bands, 2):
            for gender in genders[:2]:
                n = rng.randint(0, 6)
                if n:
                    counts.append(
                        SessionCount(session=session, age_band=band, gender=gender, count=n)
                    )
                    total += n
        session.participants = total
    Session.objects.bulk_update(sessions, ["participants"], batch_size=500)
    SessionCount.objects.bulk_create(counts, batch_size=1000)
    return activities


def seed(ctx: DemoContext) -> None:
    objects = ctx.objects
    orgs = objects["organisations"][:2]
    departments = [objects["departments_by_org"][key][0] for key in ("org_a", "org_b")]
    running = _plan(
        ctx,
        name="Helhedsplan for demoområdet 2024–2027",
        first_year=2024,
        organisations=orgs,
        departments=departments,
    )
    activities = _fill(running, ctx, departments, log_until=date(2025, 12, 31))
    _budget(running, Decimal("2000000.00"), activities)
    services.submit_plan(plan=running, by=None)
    _approve(running, orgs, 2024)
    services.start_plan(plan=running, by=None)
    for f in running.funders.all():
        for year in (2024, 2025):
            Spending.objects.create(
                plan=running,
                funder=f,
                year=year,
                amount=(f.pledged / 4 * Decimal("0.9")).quantize(Decimal("0.01")),
            )
    services.add_activity(
        sub_agreement=activities[0].sub_agreement,
        by=None,
        name="Sommerskole",
        intervention=activities[0].intervention,
        reason="Bestyrelsen besluttede en sommerskole efter midtvejsdrøftelsen.",
    )
    ended = _plan(
        ctx,
        name="Helhedsplan for demoområdet 2019–2022",
        first_year=2019,
        organisations=orgs[:1],
        departments=departments[:1],
    )
    ended_activities = _fill(ended, ctx, departments[:1], log_until=date(2022, 12, 31))
    _budget(ended, Decimal("1500000.00"), ended_activities)
    services.submit_plan(plan=ended, by=None)
    _approve(ended, orgs[:1], 2019)
    services.start_plan(plan=ended, by=None)
    services.end_plan(plan=ended, by=None)
    for title, due, done in (
        ("Lokal bestyrelse konstitueret", date(2024, 2, 1), date(2024, 1, 25)),
        ("Midtvejsevaluering sendt til Landsbyggefonden", date(2026, 3, 1), None),
        ("Slutevaluering", date(2028, 3, 1), None),
    ):
        milestone = services.add_milestone(plan=running, by=None, title=title, due_on=due)
        if done:
            services.complete_milestone(milestone=milestone, by=None, done_on=done)
    final = ReportType.objects.get(code="final")
    reporting.save_report(
        plan=ended,
        by=None,
        report_type=final,
        year=2022,
        narrative={
            "Resultater i forhold til målene": "Flere unge fik fritidsjob, og fraflytningen "
            "faldt i planens sidste to år.",
            "Læring": "Aktiviteter med en fast voksen virkede bedst.",
            "Forankring efter planens udløb": "Lektiecaféen drives videre af frivillige.",
        },
    )
    reporting.add_board_comment(
        plan=ended,
        by=None,
        report_type=final,
        year=2022,
        text="Bestyrelsen tager slutevalueringen til efterretning.",
    )
    for plan in (running, ended):
        plan.partners.filter(kind=PartnerKind.MUNICIPALITY).update(
            email="helhedsplaner@kommune.example"
        )
    files = seed_documents(running, approved_activity_ids={a.pk for a in activities})
    Plan.objects.filter(pk__in=[running.pk, ended.pk]).update(is_demo=True)
    ctx.log(
        f"plans: 2 plans, {len(activities) + 1} activities and {files} document files in the "
        "running plan"
    )


def delete_demo_data() -> None:
    """The demo plans, and their documents' files once the deletion is committed."""
    stored = DocumentVersion.objects.filter(document__plan__is_demo=True).values_list(
        "file", flat=True
    )
    storage = DocumentVersion._meta.get_field("file").storage
    names = [name for name in stored if name]
    Plan.objects.filter(is_demo=True).delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
