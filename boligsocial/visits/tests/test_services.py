"""Recording (idempotency, conflicts, revisits), the findings' exact numbers, retention."""

import uuid
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from boligsocial.organisations.models import Lease
from boligsocial.visits import findings, retention, selectors, services
from boligsocial.visits.models import Visit, VisitCampaign, VisitConflict

pytestmark = pytest.mark.django_db

OK = {"bad_stand": "3", "koekken_stand": "2", "ventiler_blokeret": "no"}


@pytest.fixture
def campaign(world, personas):
    for n in range(2, 11):
        Lease.objects.create(
            department=world.dept_a1, address="Alfavej 2", unit=f"{n}.", area_m2=60, rooms=2
        )
    c = services.create_campaign(
        department=world.dept_a1, name="Test", purpose="Tjek", starts_on=date(2026, 1, 5),
        ends_on=date(2026, 1, 30), actor=personas["staff_a"], kits_stock=5,
    )  # fmt: skip
    services.assign(
        campaign=c, user=personas["caretaker_a"], actor=personas["staff_a"], addresses=["Alfavej 2"]
    )
    return c


def item(visit, **extra):
    return {"client_id": str(uuid.uuid4()), "visit": visit.pk, "outcome": "visited",
            "answers": OK, "kits": 1, **extra}  # fmt: skip


def test_a_repeat_is_a_no_op_and_a_second_client_id_is_a_conflict(campaign, personas):
    caretaker, staff = personas["caretaker_a"], personas["staff_a"]
    visit = campaign.visits.filter(assignee=caretaker).first()
    first = item(visit)
    assert services.record_visits(actor=caretaker, items=[first])[0]["status"] == "saved"
    assert services.record_visits(actor=caretaker, items=[first])[0]["status"] == "duplicate"
    other = item(visit, answers={**OK, "ventiler_blokeret": "yes"})
    assert services.record_visits(actor=staff, items=[other])[0]["status"] == "conflict"
    visit.refresh_from_db()
    assert str(visit.client_id) == first["client_id"]
    assert visit.answers["ventiler_blokeret"] == "no"  # never overwritten
    assert visit.attempts == 1
    assert VisitConflict.objects.get().payload["answers"]["ventiler_blokeret"] == "yes"
    assert services.record_visits(actor=staff, items=[other])[0]["status"] == "duplicate"
    assert VisitConflict.objects.count() == 1


def test_a_no_access_lease_is_recorded_again_on_the_revisit(campaign, personas):
    caretaker = personas["caretaker_a"]
    visit = campaign.visits.filter(assignee=caretaker).first()
    first = item(visit, outcome="no_access", answers={}, kits=0, revisit_on="2026-01-20")
    services.record_visits(actor=caretaker, items=[first])
    again = item(visit, base=first["client_id"])
    assert services.record_visits(actor=caretaker, items=[again])[0]["status"] == "saved"
    visit.refresh_from_db()
    assert (visit.outcome, visit.attempts, visit.revisit_on) == ("visited", 2, None)


def test_the_caretaker_records_only_assigned_leases_and_bad_input_changes_nothing(
    campaign, personas
):
    caretaker = personas["caretaker_a"]
    not_mine = campaign.visits.exclude(assignee=caretaker).first()
    mine = campaign.visits.filter(assignee=caretaker).first()
    results = services.record_visits(
        actor=caretaker,
        items=[
            item(not_mine),
            item(mine, answers={"bad_stand": "9"}),
            item(mine, answers={**OK, "bemaerkninger": "CPR 010190-1234"}),
            item(mine, answers={"bad_stand": "3"}),  # required items missing
        ],
    )
    assert [r["status"] for r in results] == ["error"] * 4
    assert "CPR" in results[2]["message"]
    assert Visit.objects.filter(campaign=campaign).exclude(outcome="").count() == 0
    assert (
        personas["staff_b"]
        and services.record_visits(actor=personas["staff_b"], items=[item(mine)])[0]["status"]
        == "error"
    )


def test_findings_exact_and_suppressed(campaign, personas):
    staff = personas["staff_a"]
    visits = list(campaign.visits.order_by("pk"))  # 10 leases
    items = []
    for n, v in enumerate(visits[:8]):  # 8 visited: 3 vents blocked
        items.append(item(v, answers={**OK, "ventiler_blokeret": "yes" if n < 3 else "no"}))
    items.append(item(visits[8], outcome="no_access", answers={}, kits=0))
    services.record_visits(actor=staff, items=items)
    f = selectors.findings(campaign, exact=True)
    assert (f["leases"], f["visited"].figure.value, str(f["visited"].share)) == (10, 8, "80.0")
    assert (f["no_access"].figure.value, str(f["no_access"].share)) == (1, "10.0")
    vents = next(i for i in f["items"] if i["key"] == "ventiler_blokeret")
    assert (vents["headline"].figure.value, str(vents["headline"].share)) == (3, "37.5")
    assert (f["kits"], f["kits_left"]) == (8, -3)
    board = selectors.findings(campaign, exact=False)
    vents = next(i for i in board["items"] if i["key"] == "ventiler_blokeret")
    assert vents["headline"].text == "<5" and vents["headline"].share is None
    # two "<5" cells (no access 1, not visited 1) would be pinned: the 8 is hidden too
    assert (board["visited"].text, board["no_access"].text) == ("x", "<5")
    assert board["by_address"] == []


def test_retention_deletes_lease_data_and_keeps_the_aggregates(campaign, personas):
    staff = personas["staff_a"]
    services.record_visits(actor=staff, items=[item(v) for v in campaign.visits.all()[:6]])
    before = selectors.findings(campaign, exact=True)
    just_before = timezone.make_aware(datetime(2029, 1, 30, 23, 30))  # late in the Danish day
    assert retention.purge_due(now=just_before) == 0
    later = just_before + timedelta(days=1)
    assert retention.purge_due(now=later, dry_run=True) == 1
    assert retention.purge_due(now=later) == 1
    campaign = VisitCampaign.objects.get(pk=campaign.pk)
    assert campaign.visits.count() == 0 and campaign.purged_at is not None
    after = selectors.findings(campaign, exact=True)
    assert after["leases"] == before["leases"] == 10
    assert after["visited"].figure.value == 6
    assert findings.summarise(campaign) == campaign.summary
    assert retention.purge_due(now=later) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"base": False}, "base"),  # DRF's own field read false as the UUID of 0
        ({"client_id": 5}, "client_id"),
    ],
)
def test_the_bulk_api_refuses_what_the_schema_refuses_and_records_nothing(
    campaign, client_for, change, field
):
    visit = campaign.visits.filter(assignee__isnull=False).first()
    body = {"items": [{**item(visit), **change}]}
    client = client_for("staff_a")
    response = client.post("/api/v1/visits/", body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["items"]["0"]) == [field]
    assert Visit.objects.filter(recorded_at__isnull=False).count() == 0
    response = client.post(
        "/api/v1/visits/", {"items": [item(visit)]}, content_type="application/json"
    )
    assert [r["status"] for r in response.json()["results"]] == ["saved"]
    assert Visit.objects.filter(recorded_at__isnull=False).count() == 1


def test_the_schema_bounds_the_bulk_as_the_api_does(client_for):
    schema = client_for("staff_a").get("/api/schema/?format=json").json()
    items = schema["components"]["schemas"]["Bulk"]["properties"]["items"]
    assert (items["minItems"], items["maxItems"]) == (1, services.MAX_BATCH)
