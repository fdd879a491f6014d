"""The screening demo data: ten years, every colour, one area entering a list, one leaving."""

import pytest
from django.core.management import call_command

from boligsocial.screening.models import IndicatorValue, Light, StatutoryStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_screens_ten_years_in_every_colour():
    call_command("seed_demo", verbosity=0)
    years = sorted(set(Light.objects.values_list("year", flat=True)))
    assert years == list(range(2016, 2026))
    assert Light.objects.filter(department__isnull=False).count() == 600
    assert Light.objects.filter(area__isnull=False).count() == 40
    colours = set(Light.objects.filter(year=2025).values_list("colour", flat=True))
    assert colours == {"green", "yellow", "red"}
    national = IndicatorValue.objects.filter(department__isnull=True, area__isnull=True)
    assert national.filter(indicator__code="convicted").count() == 10

    lists = {}
    for status in StatutoryStatus.objects.order_by("area_id", "year"):
        lists.setdefault(status.area_id, []).append("udsat" in status.lists)
    on_list = list(lists.values())
    assert any(not history[0] and history[-1] for history in on_list)  # enters
    assert any(history[0] and not history[-1] for history in on_list)  # leaves

    call_command("seed_demo", "--reset", verbosity=0)
    assert Light.objects.filter(department__isnull=False).count() == 600
    assert national.count() == 110
