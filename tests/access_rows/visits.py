"""Access-matrix rows for the service visits (see tests/access_rows/__init__.py).

Written by hand from boligsocial/visits/access.py: the social unit (staff_a, head_a) and the
forretningsfører (management_a) of organisation A see its campaigns in full; caretaker_a is
assigned to campaign_a and sees that campaign's phone pages with only the lease assigned to
them (visit_a_mine; visit_a_other is a 404 for them); the organisation board and the
department board of dept_a1 see the findings only (aggregates); staff_b, the municipal
coordinator and users without membership get 404. POST-only URLs are tested in
boligsocial/visits/tests/."""

from tests.access_rows.common import ALL, only

FULL_A = only("admin", "staff_a", "head_a", "management_a")
ASSIGNED_A = FULL_A | only("caretaker_a")
FINDINGS_A = FULL_A | only("board_a", "dept_board_a1")

PAGES: list = [
    ("visits:list", {}, ALL, ()),
    (
        "visits:create",
        {},
        FULL_A | only("staff_b"),  # without ?afdeling: the choice of department
        only("board_a", "dept_board_a1", "caretaker_a", "municipal", "nobody"),
    ),
    ("visits:detail", {"pk": "campaign_a"}, ASSIGNED_A, only("board_a", "dept_board_a1")),
    ("visits:detail", {"pk": "campaign_b"}, only("admin", "staff_b"), ()),
    ("visits:detail", {"pk": 999999}, only(), ()),
    ("visits:field", {"pk": "campaign_a"}, ASSIGNED_A, only("board_a", "dept_board_a1")),
    (
        "visits:visit",
        {"pk": "campaign_a", "visit_pk": "visit_a_mine"},
        ASSIGNED_A,
        only("board_a", "dept_board_a1"),
    ),
    (
        "visits:visit",
        {"pk": "campaign_a", "visit_pk": "visit_a_other"},
        FULL_A,
        only("board_a", "dept_board_a1"),
    ),
    ("visits:visit", {"pk": "campaign_b", "visit_pk": "visit_b"}, only("admin", "staff_b"), ()),
    ("visits:findings", {"pk": "campaign_a"}, FINDINGS_A, only("caretaker_a")),
    ("visits:findings", {"pk": "campaign_b"}, only("admin", "staff_b"), ()),
    (
        "visits:export",
        {"pk": "campaign_a"},
        FULL_A,
        only("board_a", "dept_board_a1", "caretaker_a"),
    ),
    (
        "visits:letters",
        {"pk": "campaign_a"},
        FULL_A,
        only("board_a", "dept_board_a1", "caretaker_a"),
    ),
    (
        "visits:finish",
        {"pk": "campaign_a"},
        FULL_A,
        only("board_a", "dept_board_a1", "caretaker_a"),
    ),
]
API: list = [
    ("api:visit-campaign-list", {}, ALL, ()),
    ("api:visit-campaign-detail", {"pk": "campaign_a"}, FINDINGS_A | only("caretaker_a"), ()),
    ("api:visit-campaign-detail", {"pk": "campaign_b"}, only("admin", "staff_b"), ()),
    ("api:visit-campaign-findings", {"pk": "campaign_a"}, FINDINGS_A, only("caretaker_a")),
    ("api:visit-list", {}, ALL, ()),
]
NOT_IN_MATRIX = {
    "visits:service_worker",  # a script, not a page (tests/e2e/test_visits.py registers it)
    "visits:sync",  # POST only (tests/test_sync.py)
    "visits:assign",
    "visits:follow_up",
    "visits:resolve",
    "visits:photo_upload",  # POST only (boligsocial/visits/tests/test_photos.py)
    "visits:photo",  # a file behind the access check (test_photos.py: who gets 200 and 404)
}


def extend_world(world, personas) -> None:
    """Org A: campaign_a over dept_a1 with two leases, visit_a_mine assigned to caretaker_a,
    visit_a_other to nobody; org B: campaign_b over dept_b1."""
    if hasattr(world, "campaign_a"):
        return
    from datetime import date

    from boligsocial.guides.models import Guide
    from boligsocial.organisations.models import Lease
    from boligsocial.visits.models import Visit, VisitCampaign

    version = Guide.objects.get(key="servicebesoeg").versions.get(number=1)
    today = date.today()

    def campaign(department):
        return VisitCampaign.objects.create(
            organisation=department.organisation, department=department, name="Servicebesøg",
            purpose="Tjek", starts_on=today, ends_on=today, guide_version=version,
        )  # fmt: skip

    world.campaign_a = campaign(world.dept_a1)
    world.campaign_a.staff.add(personas["caretaker_a"])
    other = Lease.objects.create(
        department=world.dept_a1, address="Alfavej 9", unit="", area_m2=60, rooms=2
    )
    world.visit_a_mine = Visit.objects.create(
        campaign=world.campaign_a, lease=world.lease_a1, assignee=personas["caretaker_a"]
    )
    world.visit_a_other = Visit.objects.create(campaign=world.campaign_a, lease=other)
    world.campaign_b = campaign(world.dept_b1)
    world.visit_b = Visit.objects.create(campaign=world.campaign_b, lease=world.lease_b1)
