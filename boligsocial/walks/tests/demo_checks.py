"""The walks' demo data (issue 15 part 9; run by tests/test_demo_data.py against one seeded demo):
a held walk with 12 findings, half done, and 2 good places; a planned walk."""

from boligsocial.walks.models import Walk


def check_a_held_walk_with_twelve_findings_half_done_and_a_planned_walk():
    held = Walk.objects.get(status="held")
    problems = held.findings.exclude(category="good")
    assert problems.count() == 12
    assert problems.filter(status="done").count() == 6
    assert held.findings.filter(category="good").count() == 2
    assert Walk.objects.filter(status="planned").count() == 1
