"""Access-matrix rows for the screening API (see tests/access_rows/__init__.py). The import of
screening data is the imports app's (tests/access_rows/imports.py)."""

from tests.access_rows.common import ALL, ORG_A_ROLES, only

PAGES: list = []
SEES_A1 = ORG_A_ROLES | only("admin", "dept_board_a1", "municipal")
SEES_B_OTHER = only("admin", "staff_b")

API: list = [
    ("api:indicator-list", {}, ALL, ()),
    ("api:indicator-detail", {"pk": "indicator_owe"}, ALL, ()),
    ("api:legend-set-list", {}, ALL, ()),
    ("api:legend-set-detail", {"pk": "legend_set_owe"}, ALL, ()),
    ("api:indicator-value-list", {}, ALL, ()),
    ("api:indicator-value-detail", {"pk": "value_a1"}, SEES_A1, ()),
    ("api:indicator-value-detail", {"pk": "value_b_other"}, SEES_B_OTHER, ()),
    ("api:indicator-value-detail", {"pk": "value_area_other"}, SEES_B_OTHER, ()),
    ("api:indicator-value-detail", {"pk": "value_national"}, ALL - {"nobody"}, ()),
    ("api:indicator-value-detail", {"pk": 999999}, only(), ()),
    ("api:light-list", {}, ALL, ()),
    ("api:light-detail", {"pk": "light_a1"}, SEES_A1, ()),
    ("api:light-detail", {"pk": "light_a2"}, ORG_A_ROLES | only("admin", "municipal"), ()),
    ("api:light-detail", {"pk": "light_b_other"}, SEES_B_OTHER, ()),
    ("api:statutory-status-list", {}, ALL, ()),
    ("api:statutory-status-detail", {"pk": "status_shared"}, SEES_A1 | only("staff_b"), ()),
    ("api:statutory-status-detail", {"pk": "status_other"}, SEES_B_OTHER, ()),
]
NOT_IN_MATRIX: set[str] = set()


def extend_world(world, personas) -> None:
    """Create the screening objects the rows above refer to."""
    from boligsocial.screening.models import Indicator, IndicatorValue
    from boligsocial.screening.tests.factories import screening_world

    screening_world(world)
    if not hasattr(world, "indicator_owe"):
        world.indicator_owe = Indicator.objects.get(code="outside_work_education")
        world.legend_set_owe = world.indicator_owe.legend_sets.get(version=1)
        values = IndicatorValue.objects.filter(indicator=world.indicator_owe, year=2024)
        world.value_a1 = values.get(department=world.dept_a1)
        world.value_b_other = values.get(department=world.dept_b_other)
        world.value_area_other = values.get(area=world.area_other)
        world.value_national = values.get(department=None, area=None)
