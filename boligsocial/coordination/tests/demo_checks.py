"""The coordination's demo data (issue 17 part 10; run by tests/test_demo_data.py against one
seeded demo): four municipal efforts in Aarhus, decided overlaps, departments with coordinates."""

from boligsocial.coordination.models import Effort, OverlapDecision
from boligsocial.organisations.models import Department


def check_four_municipal_efforts_and_decided_overlaps():
    assert Effort.objects.filter(owner_kind="municipality").count() == 4
    assert OverlapDecision.objects.filter(decision="coordinated").exists()


def check_the_aarhus_departments_have_coordinates_in_aarhus():
    placed = Department.objects.filter(latitude__isnull=False)
    assert placed.count() == Department.objects.count()
    for lat, lon in placed.values_list("latitude", "longitude"):
        assert 56.0 < float(lat) < 56.3 and 9.9 < float(lon) < 10.4
