"""The findings page reads in a constant number of queries whatever the campaign's size (issue
14 part 10): the lease-level table is paged, the checklist read once."""

import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse

from boligsocial.organisations.models import Lease
from boligsocial.visits import services

pytestmark = pytest.mark.django_db
OK = {"bad_stand": "3", "koekken_stand": "2", "ventiler_blokeret": "yes"}


def _campaign(world, staff, leases: int, name: str):
    Lease.objects.bulk_create(
        Lease(department=world.dept_a1, address=f"{name} 1", unit=f"{n}.", area_m2=50, rooms=2)
        for n in range(leases)
    )
    c = services.create_campaign(
        department=world.dept_a1, name=name, purpose="Tjek", starts_on=date.today(),
        ends_on=date.today() + timedelta(days=7), actor=staff, addresses=[f"{name} 1"],
    )  # fmt: skip
    services.record_visits(
        actor=staff,
        items=[
            {"client_id": str(uuid.uuid4()), "visit": v.pk, "outcome": "visited", "answers": OK}
            for v in c.visits.all()
        ],
    )
    return c


def test_the_findings_page_makes_the_same_queries_at_4_and_60_recorded_leases(
    world, personas, client_for, django_assert_num_queries
):
    staff = personas["staff_a"]
    small, large = _campaign(world, staff, 4, "Lillevej"), _campaign(world, staff, 60, "Storvej")
    client = client_for("staff_a")
    client.get(reverse("visits:findings", args=[small.pk]))  # warm the content-type cache
    pages = {}
    for c in (small, large):
        with django_assert_num_queries(17):
            pages[c.pk] = client.get(reverse("visits:findings", args=[c.pk])).content.decode()
    assert "Lejemål for lejemål (60)" in pages[large.pk]
    assert pages[large.pk].count('<td lang="da">Storvej 1, ') == 50  # one page of the lease table
    assert "Side 1 af 2" in pages[large.pk]
    assert "Lejemål for lejemål (4)" in pages[small.pk]
