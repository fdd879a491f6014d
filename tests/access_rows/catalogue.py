"""Access-matrix rows for the intervention catalogue (see tests/access_rows/__init__.py).

The seeded catalogue is reference knowledge: every logged-in persona reads it, also one without
a role. A local intervention is seen by those who see its organisation (organisation A: its
roles, the department board of Alfaparken, the municipal coordinator of Aarhus). Adding a local
intervention is for the social unit (social staff, head) and administrators."""

from tests.access_rows.common import ALL, ORG_A_ROLES, only

SOCIAL = only("admin", "staff_a", "head_a", "staff_b")
NOT_SOCIAL = ALL - SOCIAL

PAGES: list = [
    ("catalogue:index", {}, ALL, ()),
    ("catalogue:export", {}, ALL, ()),
    ("catalogue:create_local", {}, SOCIAL, NOT_SOCIAL),
    ("catalogue:intervention", {"pk": "intervention_1"}, ALL, ()),
    (
        "catalogue:intervention",
        {"pk": "local_intervention_a"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal"),
        (),
    ),
    ("catalogue:intervention", {"pk": 999999}, only(), ()),
]
API: list = [
    ("api:intervention-list", {}, ALL, ()),
    ("api:intervention-detail", {"pk": "intervention_1"}, ALL, ()),
    (
        "api:intervention-detail",
        {"pk": "local_intervention_a"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal"),
        (),
    ),
]
NOT_IN_MATRIX: set = set()


def extend_world(world, personas) -> None:
    from boligsocial.catalogue.models import Intervention, LbfArea

    if hasattr(world, "local_intervention_a"):
        return
    world.intervention_1 = Intervention.objects.get(number=1)
    world.local_intervention_a = Intervention.objects.create(
        name="Alfas jobklub",
        main_area=LbfArea.objects.get(period__code="2019-26", code="B"),
        target_group="Ledige beboere",
        description="Ugentlig jobklub i beboerhuset.",
        organisation=world.org_a,
    )
