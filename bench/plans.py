"""Benchmarks of the plans (issue 16 part 13): a municipality with 30 plans × 40 activities ×
4 years of activity logs. The plan page, its activities tab and budget tab, and the
municipality's plan overview, as staff-a: p95 over 100 requests, queries at 15 and at 30 plans
(they must be the same).

Plans are made with the services (create, sub-agreements, budget with a line per activity,
funder and year); activities, sessions and their counts are bulk-inserted (the log of 4 years,
a session every two weeks). The activity page is measured too (its own budget lines)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from boligsocial.catalogue.models import Intervention, LbfArea, LbfPeriod
from boligsocial.organisations.models import Department, Organisation
from boligsocial.plans import services
from boligsocial.plans.models import Activity, Plan, Session, SessionCount

PREFIX = "BENCH plan"
ACTIVITIES = 40
YEARS = 4


def _make(rng, n: int, municipality, orgs, period, areas, interventions) -> None:
    departments = list(Department.objects.filter(organisation__in=orgs).order_by("pk"))
    for _ in range(n):
        plan = services.create_plan(
            by=None,
            name=f"{PREFIX} {Plan.objects.filter(name__startswith=PREFIX).count() + 1}",
            municipality=municipality,
            organisations=orgs,
            departments=rng.sample(departments, 2),
            period=period,
            first_year=2022,
        )
        subs = [services.add_sub_agreement(plan=plan, by=None, area=a) for a in areas]
        activities = Activity.objects.bulk_create(
            Activity(
                plan=plan,
                sub_agreement=subs[a % 4],
                name=f"Aktivitet {a}",
                intervention=rng.choice(interventions),
                first_year=2022,
            )
            for a in range(ACTIVITIES)
        )
        lbf, mun = plan.funders.order_by("pk")[:2]
        # Each activity has a line per funder and year (the budget page's per-activity table),
        # and the secretariat the rest: 40 × 4 × 2 + 8 lines.
        services.set_budget(
            plan=plan,
            by=None,
            pledges={lbf.pk: Decimal("3000000"), mun.pk: Decimal("1000000")},
            lines=[
                *(
                    (f.pk, y, a.name, amount, a.pk)
                    for a in activities
                    for y in plan.years
                    for f, amount in ((lbf, Decimal(15000)), (mun, Decimal(5000)))
                ),
                *(
                    (f.pk, y, "Sekretariat", amount)
                    for y in plan.years
                    for f, amount in ((lbf, Decimal(150000)), (mun, Decimal(50000)))
                ),
            ],
        )
        sessions = []
        for activity in activities:
            day = date(2022, 1, 3) + timedelta(days=rng.randint(0, 13))
            while day.year < 2022 + YEARS:
                sessions.append(Session(activity=activity, held_on=day, participants=6))
                day += timedelta(days=14)
        sessions = Session.objects.bulk_create(sessions, batch_size=2000)
        SessionCount.objects.bulk_create(
            (
                SessionCount(session=s, age_band=band, gender="f", count=3)
                for s in sessions
                for band in ("13-17", "18-29")
            ),
            batch_size=5000,
        )


def _get(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def _measure(report, client, plan, municipality, label):
    rows = {}
    rows["plan"] = report.time(
        f"page plans:plan ({label})", _get(client, reverse("plans:plan", args=[plan.pk])), n=100
    )
    rows["activities"] = report.time(
        f"page plans:activities, 40 activities ({label})",
        _get(client, reverse("plans:activities", args=[plan.pk])),
        n=100,
    )
    rows["budget"] = report.time(
        f"page plans:budget ({label})", _get(client, reverse("plans:budget", args=[plan.pk])), n=100
    )
    activity = plan.activities.order_by("pk").first()
    rows["activity"] = report.time(
        f"page plans:activity, its budget lines ({label})",
        _get(client, reverse("plans:activity", args=[activity.pk])),
        n=100,
    )
    rows["overview"] = report.time(
        f"page plans:index, municipality {municipality.code} ({label})",
        _get(client, reverse("plans:index") + f"?municipality={municipality.code}"),
        n=100,
    )
    return rows


def run(report) -> None:
    rng = random.Random(2026)
    Plan.objects.filter(name__startswith=PREFIX).delete()
    orgs = list(Organisation.objects.filter(is_demo=True).order_by("pk")[:2])
    municipality = Department.objects.filter(organisation=orgs[0]).first().municipality
    period = LbfPeriod.objects.get(code="2019-26")
    areas = list(LbfArea.objects.filter(period=period))
    interventions = list(Intervention.objects.filter(number__isnull=False))
    client = Client()
    client.force_login(get_user_model().objects.get(username="staff-a"))
    results = {}
    for size in (15, 30):
        have = Plan.objects.filter(name__startswith=PREFIX).count()
        _make(rng, size - have, municipality, orgs, period, areas, interventions)
        plan = Plan.objects.filter(name__startswith=PREFIX).order_by("pk").first()
        sessions = Session.objects.filter(activity__plan__name__startswith=PREFIX).count()
        report.line(f"plans: {size} bench plans, {sessions:,} sessions logged")
        results[size] = _measure(report, client, plan, municipality, f"{size} plans")
    for key in results[15]:
        a, b = results[15][key].queries, results[30][key].queries
        report.line(
            f"plans queries {key}: {a} at 15 plans, {b} at 30 -> "
            f"{'constant' if a == b else 'NOT CONSTANT'}"
        )
