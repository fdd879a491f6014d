"""Benchmarks of the service visits (issue 14 part 10): the findings page of a campaign of
2,000 leases as staff-a (p95 over 200 requests; queries at 1,000 and 2,000 recorded leases
must be the same), and a bulk sync of 500 queued visits through `services.record_visits`
against a raw bulk insert of the same rows (the ratio)."""

import random
import time
import uuid
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from boligsocial.organisations.models import Department, Lease
from boligsocial.visits import services
from boligsocial.visits.models import Visit, VisitCampaign

PREFIX = "BENCH visits"
LEASES = 2000


def _answers(rng) -> dict:
    return {
        "bad_stand": rng.choice("12345"),
        "koekken_stand": rng.choice("12345"),
        "ventiler_blokeret": rng.choice(("yes", "no", "no")),
        "vaskemaskine_uregistreret": rng.choice(("yes", "no", "no", "no")),
        "gulv_linoleum": rng.choice(("yes", "no")),
        "skade_ansvar": rng.choice(("ingen", "beboer", "afdeling")),
    }


def _department(staff) -> Department:
    department = (
        Department.objects.filter(organisation__memberships__user=staff).order_by("pk").first()
    )
    have = Lease.objects.filter(department=department, address__startswith=PREFIX).count()
    Lease.objects.bulk_create(
        Lease(department=department, address=f"{PREFIX} {i // 20}", unit=f"{i % 20}. th.",
              area_m2=70, rooms=3)
        for i in range(have, LEASES)
    )  # fmt: skip
    return department


def _items(rng, visits) -> list[dict]:
    return [
        {"client_id": str(uuid.uuid4()), "visit": v, "outcome": "visited",
         "answers": _answers(rng), "kits": 1}
        for v in visits
    ]  # fmt: skip


def run(report) -> None:
    rng = random.Random(2026)
    staff = get_user_model().objects.get(username="staff-a")
    VisitCampaign.objects.filter(name__startswith=PREFIX).delete()
    department = _department(staff)
    addresses = sorted(
        set(
            Lease.objects.filter(department=department, address__startswith=PREFIX).values_list(
                "address", flat=True
            )
        )
    )
    today = date.today()

    def campaign(name):
        return services.create_campaign(
            department=department, name=f"{PREFIX} {name}", purpose="Bench", starts_on=today,
            ends_on=today, actor=staff, addresses=addresses,
        )  # fmt: skip

    c = campaign("findings")
    ids = list(Visit.objects.filter(campaign=c).order_by("pk").values_list("pk", flat=True))
    client = Client()
    client.force_login(staff)
    url = reverse("visits:findings", args=[c.pk])

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    queries = {}
    for done in (1000, 2000):
        have = Visit.objects.filter(campaign=c).exclude(outcome="").count()
        for start in range(have, done, 500):
            services.record_visits(actor=staff, items=_items(rng, ids[start : start + 500]))
        row = report.time(
            f"page visits:findings, {LEASES:,} leases, {done:,} recorded",
            get,
            n=int(__import__("os").environ.get("BENCH_VISITS_N", "40")),
        )
        queries[done] = row.queries
    a, b = queries[1000], queries[2000]
    report.line(
        f"visits findings queries: {a} at 1,000 recorded, {b} at 2,000 -> "
        f"{'constant' if a == b else 'NOT CONSTANT'}"
    )

    # Bulk sync of 500 queued visits vs a raw insert of the same rows.
    s = campaign("sync")
    sync_ids = list(Visit.objects.filter(campaign=s).order_by("pk").values_list("pk", flat=True))[
        :500
    ]
    items = _items(rng, sync_ids)
    start = time.perf_counter()
    results = services.record_visits(actor=staff, items=items)
    service_s = time.perf_counter() - start
    assert all(r["status"] == "saved" for r in results)
    again = time.perf_counter()
    assert all(r["status"] == "duplicate" for r in services.record_visits(actor=staff, items=items))
    repeat_s = time.perf_counter() - again
    raw = campaign("raw")
    lease_ids = list(Visit.objects.filter(campaign=raw).values_list("lease_id", flat=True))[:500]
    Visit.objects.filter(campaign=raw).delete()
    import json

    rows = [
        (raw.pk, lid, "visited", json.dumps(i["answers"]), 1, i["client_id"].replace("-", ""), 1)
        for lid, i in zip(lease_ids, _items(rng, lease_ids), strict=True)
    ]
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO visits_visit (campaign_id, lease_id, outcome, answers, kits, client_id,"
            " attempts) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    raw_s = time.perf_counter() - start
    report.line(
        f"visits bulk sync of 500 queued visits: {service_s:.3f} s (validated, audited), "
        f"repeat (all duplicates) {repeat_s:.3f} s; raw insert {raw_s:.3f} s; "
        f"ratio {service_s / raw_s:.1f}x"
    )
    VisitCampaign.objects.filter(name__startswith=PREFIX).delete()
    Lease.objects.filter(department=department, address__startswith=PREFIX).delete()
