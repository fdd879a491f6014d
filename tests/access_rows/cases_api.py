"""Access-matrix rows for the cases API (see tests/access_rows/__init__.py).

Written out by hand from `cases_world` (boligsocial/cases/tests/factories.py) and the rules in
organisations/access.py: case content only for org A's social unit (staff_a, head_a) on org A's
cases, staff_b on org B's, administrators on everything and the municipal user on the one case
shared with them; counts (statistics) for everyone logged in. The POST-only actions answer GET
with 405 and have their own persona table in boligsocial/cases/tests/test_api_writes.py."""

from tests.access_rows.common import ALL, only

CONTENT_A = only("admin", "staff_a", "head_a")  # org A's case, not shared
CONTENT_B = only("admin", "staff_b")
CONTENT_SHARED = only("admin", "staff_a", "head_a", "municipal")

PAGES: list = []
API: list = [
    ("api:case-list", {}, ALL, ()),
    ("api:case-statistics", {}, ALL, ()),
    ("api:case-detail", {"pk": "case_a1"}, CONTENT_A, ()),
    ("api:case-detail", {"pk": "case_closed"}, CONTENT_A, ()),
    ("api:case-detail", {"pk": "case_b1"}, CONTENT_B, ()),
    ("api:case-detail", {"pk": "case_shared"}, CONTENT_SHARED, ()),
    ("api:case-detail", {"pk": 999999}, only(), ()),
    ("api:case-events", {"pk": "case_a1"}, CONTENT_A, ()),
    ("api:case-events", {"pk": "case_b1"}, CONTENT_B, ()),
    ("api:case-events", {"pk": "case_shared"}, CONTENT_SHARED, ()),
    ("api:case-parties", {"pk": "case_a1"}, CONTENT_A, ()),
    ("api:case-parties", {"pk": "case_b1"}, CONTENT_B, ()),
    ("api:case-parties", {"pk": "case_shared"}, CONTENT_SHARED, ()),
    ("api:case-deadlines", {"pk": "case_a1"}, CONTENT_A, ()),
    ("api:case-deadlines", {"pk": "case_b1"}, CONTENT_B, ()),
    ("api:case-deadlines", {"pk": "case_shared"}, CONTENT_SHARED, ()),
]
NOT_IN_MATRIX: set[str] = {
    # POST only; persona × action table in boligsocial/cases/tests/test_api_writes.py
    "api:case-record-contact",
    "api:case-close",
    "api:case-reopen",
    "api:case-legal-step",
}


def extend_world(world, personas) -> None:
    """The cases of `cases_world` (shared with the pages' rows; idempotent)."""
    from boligsocial.cases.tests.factories import cases_world

    cases_world(world, personas)
