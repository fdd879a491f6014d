"""Access-matrix rows for the resident surveys (see tests/access_rows/__init__.py).

Written by hand from boligsocial/surveys/access.py: running a survey for the organisation's
social unit (staff_a, head_a; staff_b in B) and administrators; following it (the response
rates) also for the organisation board and the forretningsfører; the protected results also for
the department board of a department in the survey and the municipal coordinator of its
municipality; caretakers and users without membership see nothing. The POST-only transitions
and letters and the public answering pages have their own tests (boligsocial/surveys/tests)."""

from tests.access_rows.common import ALL, only

RUN_A = only("admin", "staff_a", "head_a")
FOLLOW_A = RUN_A | only("board_a", "management_a")
RESULTS_A = FOLLOW_A | only("dept_board_a1", "municipal")

PAGES: list = [
    (
        "surveys:list",
        {},
        RESULTS_A | only("staff_b"),
        only("caretaker_a", "nobody"),
    ),
    (
        "surveys:create",
        {},
        RUN_A | only("staff_b"),
        only("board_a", "management_a", "dept_board_a1", "caretaker_a", "municipal", "nobody"),
    ),
    ("surveys:detail", {"pk": "survey_a"}, FOLLOW_A, only("dept_board_a1", "municipal")),
    ("surveys:detail", {"pk": 999999}, only(), ()),
    ("surveys:results", {"pk": "survey_a"}, RESULTS_A, ()),
    ("surveys:results", {"pk": 999999}, only(), ()),
    ("surveys:export", {"pk": "survey_a"}, RESULTS_A, ()),
    (
        "surveys:staff_answer",
        {"pk": "survey_a"},
        RUN_A,
        only("board_a", "management_a", "dept_board_a1", "municipal"),
    ),
    (
        "surveys:confirm_close",
        {"pk": "survey_a"},
        RUN_A,
        only("board_a", "management_a", "dept_board_a1", "municipal"),
    ),
    (
        "surveys:edit",
        {"pk": "survey_a"},
        RUN_A,
        only("board_a", "management_a", "dept_board_a1", "municipal"),
    ),
    ("surveys:edit", {"pk": 999999}, only(), ()),
    (
        "surveys:reissue_list",
        {"pk": "survey_a"},
        RUN_A,
        only("board_a", "management_a", "dept_board_a1", "municipal"),
    ),
    (
        "surveys:reissue",
        {"pk": "survey_a", "invitation": "invitation_a"},
        RUN_A,
        only("board_a", "management_a", "dept_board_a1", "municipal"),
    ),
    # an unknown invitation under survey_a: 404 for those who may manage, 403 as before for
    # those who may only read the survey
    (
        "surveys:reissue",
        {"pk": "survey_a", "invitation": 999999},
        only(),
        only("board_a", "management_a", "dept_board_a1", "municipal"),
    ),
]
API: list = [
    ("api:survey-list", {}, ALL, ()),  # a list: empty outside scope
    ("api:survey-detail", {"pk": "survey_a"}, RESULTS_A, ()),
    ("api:survey-results", {"pk": "survey_a"}, RESULTS_A, ()),
    ("api:survey-detail", {"pk": 999999}, only(), ()),
]
NOT_IN_MATRIX = {
    "surveys:transition",  # POST only (boligsocial/surveys/tests/test_pages.py)
    "surveys:letters",  # POST only
    "surveys:code_entry",  # public (tests/test_anonymous.py)
    "surveys:answer",  # public
    "api:survey-invitations",  # POST only
    "api:survey-answers",  # public POST
}


def extend_world(world, personas) -> None:
    """Org A: an open safety survey of dept_a1 and dept_a2 with one invitation (the lease of
    dept_a1, for the new-letter page)."""
    if hasattr(world, "survey_a"):
        return
    from datetime import date, timedelta

    from boligsocial.guides.models import Guide
    from boligsocial.surveys.models import Survey

    version = Guide.objects.get(key="tryghedsundersoegelse").versions.get(number=1)
    today = date.today()
    world.survey_a = Survey.objects.create(
        organisation=world.org_a,
        name="Tryghed A",
        guide_version=version,
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=5),
        status="open",
        year=today.year,
        index_keys=["tryg_moerke"],
    )
    world.survey_a.departments.set([world.dept_a1, world.dept_a2])
    from boligsocial.surveys.models import Invitation

    world.invitation_a = Invitation.objects.create(
        survey=world.survey_a, lease=world.lease_a1, department=world.dept_a1,
        building=world.lease_a1.address,
        token_hash="matrix-token", code_hash="matrix-code",
    )  # fmt: skip
