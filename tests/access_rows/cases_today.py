"""Access-matrix rows for the today view, the bulk reassignment, the lease picker's search and
the caretaker's own reports (issue 13; see tests/access_rows/__init__.py).

Written out by hand from cases/access.py's docstring: the today view and the lease search for
those who open cases (the social unit and administrators), 403 for the other roles; the
reassignment for the head and administrators; the caretaker's own reports for those who may file
a quick report, and one report only for the caretaker who filed it (404 for everyone else, also
administrators: it is a page of one's own reports, not of the case).
"""

from tests.access_rows.common import ALL, only

CREATORS = only("admin", "staff_a", "head_a", "staff_b")
REPORTERS = only("admin", "staff_a", "head_a", "caretaker_a", "staff_b")

PAGES: list = [
    ("cases:today", {}, CREATORS, ALL - CREATORS),
    ("cases:reassign", {}, only("admin", "head_a"), ALL - only("admin", "head_a")),
    ("cases:lease_search", {}, CREATORS, ALL - CREATORS),
    ("cases:own_reports", {}, REPORTERS, ALL - REPORTERS),
    ("cases:own_report", {"pk": "case_caretaker"}, only("caretaker_a"), ()),
]
API: list = []
NOT_IN_MATRIX: set[str] = set()


def extend_world(world, personas) -> None:
    """A quick report filed by caretaker_a in dept_a1."""
    from boligsocial.cases.tests.factories import CaseFactory

    if hasattr(world, "case_caretaker"):
        return
    world.case_caretaker = CaseFactory(
        reference="BS-2026-0098",
        department=world.dept_a1,
        kind="inquiry",
        source="caretaker",
        created_by=personas["caretaker_a"],
        description="Larm i opgang 3.",
    )
