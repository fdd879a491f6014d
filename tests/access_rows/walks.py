"""Access-matrix rows for the safety walks (see tests/access_rows/__init__.py).

Walk A is organisation A's walk in Alfaparken (Aarhus), planned, with one finding; walk B is
organisation B's in Aalborg. Reading: everyone with a membership of the walk's organisation, the
department board of its department, the municipal coordinator of its municipality. Managing:
the organisation's social unit (and administrators); the others get 403."""

from tests.access_rows.common import ALL, ORG_A_ROLES, only

SEES_A = ORG_A_ROLES | only("admin", "dept_board_a1", "municipal")
MANAGERS_A = only("admin", "staff_a", "head_a")
READERS_A = SEES_A - MANAGERS_A
SEES_B = only("admin", "staff_b")
PLANNERS = only("admin", "staff_a", "head_a", "staff_b")

_VIEW = (
    "walks:detail",
    "walks:findings",
    "walks:findings_export",
    "walks:follow_up",
    "walks:report",
    "walks:report_pdf",
)
_MANAGE = ("walks:update", "walks:record")

PAGES: list = [
    ("walks:index", {}, ALL, ()),
    ("walks:index_export", {}, ALL, ()),
    ("walks:create", {}, PLANNERS, ALL - PLANNERS),
    *((name, {"pk": "walk_a"}, SEES_A, ()) for name in _VIEW),
    ("walks:detail", {"pk": "walk_b"}, SEES_B, ()),
    ("walks:findings", {"pk": "walk_b"}, SEES_B, ()),
    ("walks:detail", {"pk": 999999}, only(), ()),
    *((name, {"pk": "walk_a"}, MANAGERS_A, READERS_A) for name in _MANAGE),
    ("walks:record", {"pk": "walk_b"}, SEES_B, ()),
    ("walks:advance", {"pk": "walk_a", "to": "held"}, MANAGERS_A, READERS_A),
    ("walks:finding", {"pk": "finding_a"}, SEES_A, ()),
    ("walks:finding", {"pk": "finding_b"}, SEES_B, ()),
    # the finding has no photo: nobody gets one (the photo itself: walks/tests)
    ("walks:photo", {"pk": "finding_a"}, only(), ()),
]
API: list = [
    ("api:walk-list", {}, ALL, ()),
    ("api:walk-detail", {"pk": "walk_a"}, SEES_A, ()),
    ("api:walk-detail", {"pk": "walk_b"}, SEES_B, ()),
    ("api:walk-findings", {"pk": "walk_a"}, SEES_A, ()),
    ("api:walk-findings", {"pk": "walk_b"}, SEES_B, ()),
]
NOT_IN_MATRIX: set = set()


def extend_world(world, personas) -> None:
    from datetime import date, timedelta

    from boligsocial.walks import services
    from boligsocial.walks.services import Invited, Point

    if hasattr(world, "walk_a"):
        return
    day = date.today() - timedelta(days=3)
    for key, org, dept in (
        ("a", world.org_a, world.dept_a1),
        ("b", world.org_b, world.dept_b_other),
    ):
        walk = services.plan_walk(
            organisation=org,
            departments=[dept],
            title=f"Vandring {key}",
            walk_date=day,
            points=[Point("Pladsen")],
            invited=[Invited("resident", 5)],
            actor=None,
        )
        finding = services.record_finding(
            walk=walk,
            point=walk.points.get(),
            category="lighting",
            severity="high",
            description="Mørkt",
            actor=None,
        )
        setattr(world, f"walk_{key}", walk)
        setattr(world, f"finding_{key}", finding)
