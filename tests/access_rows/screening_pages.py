"""Access-matrix rows for the trafiklys pages (see tests/access_rows/__init__.py).

Written out by hand from the `world` fixture: the organisation pages follow the organisation
(visible to its own roles, the department board of one of its departments and the municipality
where it has departments), the department pages the department, the area pages the area.

The municipality sees the lights and values of every department in its municipality (751: org
A's departments and dept_b1), not those elsewhere (dept_b_other, 851): issue 13 item 17,
decision 0024 (small numbers are hidden in what it sees, tested in screening's test_pages)."""

from tests.access_rows.common import ALL, MANAGERS_A, ORG_A_ROLES, only  # noqa: F401

ORG_A = ORG_A_ROLES | only("admin", "dept_board_a1", "municipal")
ORG_B = only("admin", "staff_b", "municipal")
DEPT_A1 = ORG_A_ROLES | only("admin", "dept_board_a1", "municipal")
DEPT_A2 = ORG_A_ROLES | only("admin", "municipal")
DEPT_B_OTHER = only("admin", "staff_b")

PAGES: list = [
    ("screening:index", {}, ALL, ()),
    ("screening:scorecard", {"pk": "org_a"}, ORG_A, ()),
    ("screening:scorecard", {"pk": "org_b"}, ORG_B, ()),
    ("screening:scorecard", {"pk": 999999}, only(), ()),
    ("screening:scorecard_export", {"pk": "org_a"}, ORG_A, ()),
    ("screening:scorecard_export", {"pk": "org_b"}, ORG_B, ()),
    ("screening:organisation_report", {"pk": "org_a"}, ORG_A, ()),
    ("screening:organisation_report", {"pk": "org_b"}, ORG_B, ()),
    ("screening:organisation_report_pdf", {"pk": "org_a"}, ORG_A, ()),
    ("screening:organisation_report_pdf", {"pk": 999999}, only(), ()),
    ("screening:department", {"pk": "dept_a1"}, DEPT_A1, ()),
    ("screening:department", {"pk": "dept_a2"}, DEPT_A2, ()),
    ("screening:department", {"pk": "dept_b_other"}, DEPT_B_OTHER, ()),
    ("screening:department", {"pk": 999999}, only(), ()),
    ("screening:department_report", {"pk": "dept_a1"}, DEPT_A1, ()),
    ("screening:department_report", {"pk": "dept_a2"}, DEPT_A2, ()),
    ("screening:department_report", {"pk": "dept_b_other"}, DEPT_B_OTHER, ()),
    ("screening:organisation_report", {"pk": 999999}, only(), ()),
    ("screening:department_report_pdf", {"pk": "dept_a1"}, DEPT_A1, ()),
    ("screening:department_report_pdf", {"pk": "dept_b_other"}, DEPT_B_OTHER, ()),
    (
        "screening:area",
        {"pk": "area_shared"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal", "staff_b"),
        (),
    ),
    ("screening:area", {"pk": "area_a2"}, ORG_A_ROLES | only("admin", "municipal"), ()),
    ("screening:area", {"pk": "area_other"}, only("admin", "staff_b"), ()),
    ("screening:municipality", {"code": 751}, ALL - {"nobody"}, ()),
    ("screening:municipality", {"code": 851}, only("admin", "staff_b"), ()),
    ("screening:municipality", {"code": 999}, only(), ()),
    ("screening:statutory_lists", {}, ALL, ()),
    ("screening:statutory_lists_csv", {}, ALL, ()),
    ("screening:statutory_lists_xlsx", {}, ALL, ()),
]
API: list = []
NOT_IN_MATRIX: set[str] = set()


def extend_world(world, personas) -> None:
    """The screened world: values, lights and statutory statuses (idempotent)."""
    from boligsocial.screening.tests.factories import screening_world

    screening_world(world)
