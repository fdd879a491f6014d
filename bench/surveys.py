"""Benchmarks of the resident surveys (issue 15, part 11).

1. Households answering through the public view: each household POSTs its first page and then
   hands in on the last page (two requests, as on a phone), through Django's test client:
   requests per second and p95. `SURVEY_BENCH_HOUSEHOLDS` (default the issue's 20,000, about
   six minutes; 2,000 for a quick look) sets how many; leases are added to organisation A's
   departments when it has fewer.
2. The results page of a survey with 100 departments (5 buildings each) and 50,000 answers, as
   staff-a: cold (the first view after an answer: count, protect and store the results of the
   new answers version; `SURVEY_BENCH_COLD_RUNS`, default 10) and warm (the stored results
   read: p50/p95 over 50 requests, and with a department chosen over 30), and the queries at
   50 and at 100 departments (they must be the same)."""

import os
import random
import statistics
import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import Client
from django.urls import reverse

from boligsocial.guides.models import Guide
from boligsocial.guides.services import current_version
from boligsocial.organisations.models import Department, Lease, Organisation
from boligsocial.surveys import services, tokens
from boligsocial.surveys.models import Invitation, Survey, SurveyAnswer

PREFIX = "BENCH survey"
COLD_RUNS = int(os.environ.get("SURVEY_BENCH_COLD_RUNS", "10"))


def _survey(org, departments, name):
    today = date.today()
    survey = services.create_survey(
        organisation=org, name=name, actor=None, departments=departments,
        guide_version=current_version(Guide.objects.get(key="tryghedsundersoegelse")),
        opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=30),
        index_keys=["tryg_moerke", "tryg_grundlaeggende"],
    )  # fmt: skip
    return services.open_survey(survey=survey, actor=None)


def _bulk_invite(survey, leases):
    """Invitations for many leases at once (the service makes them one by one, with a retry
    on a code collision; here the tokens are kept for the benchmark's households)."""
    pairs = []
    rows = []
    for lease in leases:
        token = tokens.new_token()
        code = tokens.code_for(token)
        pairs.append(token)
        rows.append(
            Invitation(
                survey=survey,
                lease=lease,
                department_id=lease.department_id,
                building=lease.address,
                token_hash=tokens.token_hash(token),
                code_hash=tokens.code_hash(code),
            )
        )
    Invitation.objects.bulk_create(rows, batch_size=2000)
    return pairs


def _households(report, rng) -> None:
    count = int(os.environ.get("SURVEY_BENCH_HOUSEHOLDS", "20000"))
    org = Organisation.objects.filter(is_demo=True).order_by("pk").first()
    departments = list(Department.objects.filter(organisation=org).order_by("pk"))
    missing = count - Lease.objects.filter(department__in=departments).count()
    if missing > 0:  # organisation A has ~9,000 leases: more households for a larger run
        Lease.objects.bulk_create(
            (
                Lease(
                    department=departments[i % len(departments)],
                    address=f"{PREFIX}vej {i // 8 + 1}",
                    unit=f"{i % 8}. th.",
                    area_m2=70,
                    rooms=3,
                )
                for i in range(missing)
            ),
            batch_size=2000,
            ignore_conflicts=True,
        )
    leases = list(Lease.objects.filter(department__in=departments).order_by("pk")[:count])
    survey = _survey(org, departments, f"{PREFIX} households")
    pairs = _bulk_invite(survey, leases)
    client = Client()
    times = []
    started = time.perf_counter()
    for token in pairs:
        url = reverse("surveys:answer", args=[token])
        for data, side in (
            (
                {
                    "q:tryg_moerke": str(rng.randint(1, 5)),
                    "q:tryg_grundlaeggende": "3",
                    "next": "1",
                },
                1,
            ),
            ({"q:steder": "", "send": "1"}, 4),
        ):
            t = time.perf_counter()
            response = client.post(f"{url}?sprog=da&side={side}", data)
            times.append(time.perf_counter() - t)
            assert response.status_code == 302, response.status_code
    elapsed = time.perf_counter() - started
    answered = SurveyAnswer.objects.filter(survey=survey, submitted=True).count()
    assert answered == len(pairs)
    p95 = statistics.quantiles(times, n=20)[-1] * 1000
    report.line(
        f"surveys: {len(pairs):,} households answered through the public view "
        f"({len(times):,} POSTs) in {elapsed:.1f} s: {len(times) / elapsed:.0f} requests/s, "
        f"{len(pairs) / elapsed:.0f} households/s, p50 {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95:.1f} ms"
    )


def _results_survey(rng, org, n_departments: int, answers: int):
    existing = Department.objects.filter(organisation=org, name__startswith=PREFIX).count()
    base = 90000
    from boligsocial.organisations.tests.factories import municipality

    city = municipality(751)
    Department.objects.bulk_create(
        Department(
            organisation=org, number=base + i, name=f"{PREFIX} {i}", address=f"Benchvej {i}",
            postal_code="8000", city="Aarhus C", municipality=city, lease_count=100,
            year_built=1970,
        )
        for i in range(existing, n_departments)
    )  # fmt: skip
    departments = list(
        Department.objects.filter(organisation=org, name__startswith=PREFIX).order_by("number")[
            :n_departments
        ]
    )
    survey = _survey(org, departments, f"{PREFIX} results {n_departments}")
    buildings = [f"Benchvej {b}" for b in range(5)]
    leases = []
    for d in departments:
        for b in buildings:
            leases.append(Lease(department=d, address=b, unit="", area_m2="70", rooms=3))
    Lease.objects.bulk_create(leases, batch_size=2000, ignore_conflicts=True)
    leases = list(Lease.objects.filter(department__in=departments, unit=""))
    Invitation.objects.bulk_create(
        (
            Invitation(
                survey=survey, lease=lease, department_id=lease.department_id,
                building=lease.address, token_hash=f"b{survey.pk}-{lease.pk}",
                code_hash=f"c{survey.pk}-{lease.pk}",
            )
            for lease in leases
        ),
        batch_size=2000,
    )  # fmt: skip
    rows = []
    for i in range(answers):
        d = departments[i % len(departments)]
        rows.append(
            SurveyAnswer(
                survey=survey,
                department=d,
                building=rng.choice(buildings),
                channel="web",
                values={
                    "tryg_moerke": str(rng.randint(1, 5)),
                    "tryg_grundlaeggende": str(rng.randint(1, 7)),
                    "problemer": rng.sample(["affald", "unge", "belysning", "ingen"], 1),
                    "hjaelp_politi": str(rng.randint(1, 4)),
                    "hjaelp_naboer": str(rng.randint(1, 4)),
                },
                submitted=True,
            )
        )
    SurveyAnswer.objects.bulk_create(rows, batch_size=5000)
    Survey.objects.filter(pk=survey.pk).update(answers_version=1)
    survey.refresh_from_db()
    return survey


def _results(report, rng) -> None:
    """Warm: the stored results of the current answers version are read. Cold: the first view
    after an answer (the answers version bumped before each request): count, protect, store,
    then read."""
    org = Organisation.objects.filter(is_demo=True).order_by("pk").first()
    client = Client()
    client.force_login(get_user_model().objects.get(username="staff-a"))
    queries = {}
    for n, answers in ((50, 25_000), (100, 50_000)):
        survey = _results_survey(rng, org, n, answers)
        url = reverse("surveys:results", args=[survey.pk])
        chosen = f"{url}?afdeling={survey.departments.order_by('number').first().pk}"

        def call(url=url):
            response = client.get(url)
            assert response.status_code == 200
            return response

        cold = []
        for _ in range(COLD_RUNS):
            Survey.objects.filter(pk=survey.pk).update(answers_version=F("answers_version") + 1)
            t = time.perf_counter()
            call()
            cold.append((time.perf_counter() - t) * 1000)
        cold.sort()
        report.line(
            f"surveys: results page COLD (first view after an answer), {n} departments, "
            f"{answers:,} answers, n={COLD_RUNS}: p50 {statistics.median(cold):.0f} ms, "
            f"p95 {cold[int(0.95 * (len(cold) - 1))]:.0f} ms"
        )
        row = report.time(
            f"page surveys:results WARM, {n} departments, {answers:,} answers", call, n=50
        )
        chosen_row = report.time(
            f"page surveys:results WARM with a department chosen, {n} departments",
            lambda chosen=chosen: call(chosen),
            n=30,
        )
        queries[n] = (row.queries, chosen_row.queries)
    a, b = queries[50], queries[100]
    report.line(
        f"surveys results queries (overview, department chosen): {a} at 50 departments, {b} at "
        f"100 -> {'constant' if a == b else 'NOT CONSTANT'}"
    )


def run(report) -> None:
    from django.core.management import call_command

    call_command("createcachetable")  # the public view's rate limit is in the shared DB cache
    rng = random.Random(2026)
    Survey.objects.filter(name__startswith=PREFIX).delete()
    _households(report, rng)
    _results(report, rng)
