"""The screening demo data: ten years, every colour, one area entering a list, one leaving (run by
tests/test_demo_data.py against one seeded demo)."""

from boligsocial.screening.models import IndicatorValue, Light, StatutoryStatus


def check_ten_years_of_lights_in_every_colour():
    years = sorted(set(Light.objects.values_list("year", flat=True)))
    assert years == list(range(2016, 2026))
    assert Light.objects.filter(department__isnull=False).count() == 600
    assert Light.objects.filter(area__isnull=False).count() == 40
    colours = set(Light.objects.filter(year=2025).values_list("colour", flat=True))
    assert colours == {"green", "yellow", "red"}
    national = IndicatorValue.objects.filter(department__isnull=True, area__isnull=True)
    assert national.filter(indicator__code="convicted").count() == 10
    assert national.count() == 110


def check_one_area_enters_a_list_and_one_leaves():
    lists = {}
    for status in StatutoryStatus.objects.order_by("area_id", "year"):
        lists.setdefault(status.area_id, []).append("udsat" in status.lists)
    on_list = list(lists.values())
    assert any(not history[0] and history[-1] for history in on_list)  # enters
    assert any(history[0] and not history[-1] for history in on_list)  # leaves
