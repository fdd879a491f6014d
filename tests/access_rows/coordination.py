"""Access-matrix rows for the coordination (issue 17).

Aarhus (751) has a municipal effort (Børn og Unge) and an effort of organisation A; Aalborg
(851) has an effort of organisation B (Betabakken). The picture of a municipality: the municipal
coordinator of it, the social unit of every organisation with a department there, admins;
boards, caretakers and the forretningsfører see the municipality but not the coordination
(403). Aalborg's effort is invisible to the Aarhus coordinator: isolation."""

from tests.access_rows.common import ALL, only

SEES_751 = only("admin", "staff_a", "head_a", "staff_b", "municipal")
READS_751 = only("board_a", "management_a", "caretaker_a", "dept_board_a1")
SEES_851 = only("admin", "staff_b")
_PICTURE = (
    "coordination:municipality",
    "coordination:efforts",
    "coordination:overlaps",
    "coordination:gaps",
    "coordination:contacts",
    "coordination:map",
    "coordination:map_data",
    "coordination:export",
    "coordination:report_pdf",
    "coordination:create_effort",
)

PAGES: list = [
    ("coordination:index", {}, ALL, ()),
    ("coordination:target_groups", {}, ALL, ()),
    (
        "coordination:add_target_group",
        {},
        only("admin", "municipal", "head_a"),
        ALL - only("admin", "municipal", "head_a"),
    ),
    *(
        (name, {"code": 751}, SEES_751, READS_751)
        for name in _PICTURE
        if name != "coordination:report_pdf"
    ),
    *(
        (name, {"code": 851}, SEES_851, ())
        for name in ("coordination:municipality", "coordination:map")
    ),
    ("coordination:municipality", {"code": 999}, only(), ()),
    ("coordination:effort", {"pk": "effort_municipal"}, SEES_751, ()),
    ("coordination:effort", {"pk": "effort_aalborg"}, SEES_851, ()),
    ("coordination:effort", {"pk": 999999}, only(), ()),
    (
        "coordination:edit_effort",
        {"pk": "effort_municipal"},
        only("admin", "municipal"),
        only("staff_a", "head_a", "staff_b"),
    ),
    (
        "coordination:edit_effort",
        {"pk": "effort_a"},
        only("admin", "staff_a", "head_a"),
        only("municipal", "staff_b"),
    ),
    (
        "coordination:delete_effort",
        {"pk": "effort_a"},
        only("admin", "staff_a", "head_a"),
        only("municipal", "staff_b"),
    ),
    ("coordination:edit_effort", {"pk": "effort_aalborg"}, only("admin", "staff_b"), ()),
    (
        "coordination:decide",
        {"code": 751, "a": "effort_municipal", "b": "effort_a"},
        only("admin", "municipal", "staff_a", "head_a"),
        only("staff_b") | READS_751,
    ),
    (
        "coordination:edit_target_group",
        {"pk": "target_group"},
        only("admin", "municipal", "head_a"),
        ALL - only("admin", "municipal", "head_a"),
    ),
]
API: list = [
    ("api:effort-list", {}, ALL, ()),
    ("api:effort-detail", {"pk": "effort_municipal"}, SEES_751, ()),
    ("api:effort-detail", {"pk": "effort_aalborg"}, SEES_851, ()),
    ("api:target-group-list", {}, ALL, ()),
    ("api:target-group-detail", {"pk": "target_group"}, ALL, ()),
]
# The PDF renders with WeasyPrint (slow; its access is the page's, tested in the app's tests);
# the overlap, gap and map endpoints need ?municipality= (isolation tested in the app's tests).
NOT_IN_MATRIX = {
    "coordination:report_pdf",
    "api:coordination-overlap-list",
    "api:coordination-gap-list",
    "api:coordination-map-list",
}


def extend_world(world, personas) -> None:
    from datetime import date

    from boligsocial.coordination import services
    from boligsocial.coordination.models import OwnerKind, PlaceKind, TargetGroup
    from boligsocial.organisations.models import Municipality

    if hasattr(world, "effort_municipal"):
        return
    youth = TargetGroup.objects.get(name="Unge i risiko for kriminalitet")
    world.target_group = youth
    common = {"by": None, "target_groups": [youth], "starts_on": date(2025, 1, 1)}
    world.effort_municipal = services.create_effort(
        municipality=Municipality.objects.get(code=751),
        name="SSP-indsats",
        owner_kind=OwnerKind.MUNICIPALITY,
        owner_name="Børn og Unge",
        place_kind=PlaceKind.AREA,
        area=world.area_shared,
        **common,
    )
    world.effort_a = services.create_effort(
        municipality=Municipality.objects.get(code=751),
        name="Gadeplansarbejde",
        owner_kind=OwnerKind.HOUSING,
        owner_organisation=world.org_a,
        place_kind=PlaceKind.DEPARTMENT,
        department=world.dept_a1,
        **common,
    )
    world.effort_aalborg = services.create_effort(
        municipality=Municipality.objects.get(code=851),
        name="Nattevandring",
        owner_kind=OwnerKind.HOUSING,
        owner_organisation=world.org_b,
        place_kind=PlaceKind.DEPARTMENT,
        department=world.dept_b_other,
        **common,
    )
