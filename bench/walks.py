"""Benchmarks of the safety walks (issue 15 part 7): organisation A with 20 and then 40 bench
walks of 25 findings each. The walk list, a walk's findings table and its follow-up, as staff-a:
p95 over 100 requests, and the closing-report PDF over 10; queries at 20 and at 40 walks (they
must be the same). Walks are planned with the service; findings are bulk-inserted."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from boligsocial.organisations.models import Department, Organisation
from boligsocial.walks import services
from boligsocial.walks.models import Category, Finding, FindingStatus, Walk
from boligsocial.walks.services import Invited, Point

PREFIX = "BENCH walk"
FINDINGS = 25


def _make(rng, n: int, organisation, departments) -> None:
    for _ in range(n):
        k = Walk.objects.filter(title__startswith=PREFIX).count() + 1
        walk = services.plan_walk(
            organisation=organisation,
            departments=[rng.choice(departments)],
            title=f"{PREFIX} {k}",
            walk_date=date(2026, 1, 1) + timedelta(days=rng.randint(0, 300)),
            points=[Point(f"Punkt {i}") for i in range(1, 9)],
            invited=[Invited("resident", 10), Invited("board", 3), Invited("police", 1)],
            actor=None,
        )
        points = list(walk.points.all())
        Finding.objects.bulk_create(
            Finding(
                walk=walk,
                number=i,
                point=rng.choice(points),
                category=rng.choice(Category.values),
                description="Bench-fund",
                severity="medium",
                owner_kind="housing",
                due_date=walk.walk_date + timedelta(days=60),
                status=rng.choice(FindingStatus.values[:3]),
            )
            for i in range(1, FINDINGS + 1)
        )


def _get(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def run(report) -> None:
    rng = random.Random(2026)
    Walk.objects.filter(title__startswith=PREFIX).delete()
    organisation = Organisation.objects.filter(is_demo=True).order_by("pk").first()
    departments = list(Department.objects.filter(organisation=organisation).order_by("pk")[:5])
    client = Client()
    client.force_login(get_user_model().objects.get(username="staff-a"))
    results = {}
    for size in (20, 40):
        _make(rng, size - Walk.objects.filter(title__startswith=PREFIX).count(), organisation,
              departments)  # fmt: skip
        walk = Walk.objects.filter(title__startswith=PREFIX).order_by("pk").first()
        label = f"{size} walks"
        results[size] = {
            "list": report.time(f"page walks:index ({label})",
                                _get(client, reverse("walks:index")), n=100),
            "findings": report.time(f"page walks:findings, 25 findings ({label})",
                                    _get(client, reverse("walks:findings", args=[walk.pk])), n=100),
            "follow_up": report.time(f"page walks:follow_up ({label})",
                                     _get(client, reverse("walks:follow_up", args=[walk.pk])),
                                     n=100),
        }  # fmt: skip
    report.time(
        "walks:report_pdf, 25 findings",
        _get(client, reverse("walks:report_pdf", args=[walk.pk])),
        n=10,
    )
    for key in results[20]:
        a, b = results[20][key].queries, results[40][key].queries
        report.line(
            f"walks queries {key}: {a} at 20 walks, {b} at 40 -> "
            f"{'constant' if a == b else 'NOT CONSTANT'}"
        )
    Walk.objects.filter(title__startswith=PREFIX).delete()
