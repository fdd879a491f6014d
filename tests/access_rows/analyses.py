"""Access-matrix rows for the vulnerability analyses (see tests/access_rows/__init__.py).

Written by hand from boligsocial/analyses/access.py: planning and conducting for the
organisation's social unit (staff_a, head_a; staff_b in B) and administrators; results for
those, the organisation board and the forretningsfører, and the department board of the
analysis's department; coverage per department for the same organisation roles, per
organisation (counts) for the municipal coordinator; caretakers and users without membership
see nothing. The POST-only autosave and action URLs have persona tables in
boligsocial/analyses/tests/test_pages.py and test_actions.py."""

from tests.access_rows.common import ALL, only

SOCIAL_A = only("admin", "staff_a", "head_a")
RESULTS_A = SOCIAL_A | only("board_a", "management_a")
NOT_SOCIAL = only("board_a", "management_a", "dept_board_a1", "caretaker_a", "municipal", "nobody")

PAGES: list = [
    (
        "analyses:coverage",
        {},
        RESULTS_A | only("staff_b", "municipal"),
        only("dept_board_a1", "caretaker_a", "nobody"),
    ),
    ("analyses:generate_plan", {}, SOCIAL_A | only("staff_b"), NOT_SOCIAL),
    ("analyses:plan", {"department": "dept_a1"}, SOCIAL_A, NOT_SOCIAL),
    ("analyses:plan", {"department": "dept_b_other"}, only("admin", "staff_b"), NOT_SOCIAL),
    ("analyses:plan", {"department": 999999}, only(), NOT_SOCIAL),
    ("analyses:detail", {"pk": "analysis_a1"}, RESULTS_A | only("dept_board_a1"), ()),
    ("analyses:detail", {"pk": "analysis_a2"}, RESULTS_A, ()),
    ("analyses:detail", {"pk": "analysis_b1"}, only("admin", "staff_b"), ()),
    ("analyses:detail", {"pk": 999999}, only(), ()),
    ("analyses:pdf", {"pk": "analysis_a1"}, RESULTS_A | only("dept_board_a1"), ()),
    ("analyses:plan_edit", {"pk": "analysis_a2"}, SOCIAL_A, only("board_a", "management_a")),
    ("analyses:plan_edit", {"pk": "analysis_b2"}, only("admin", "staff_b"), ()),
    ("analyses:conduct", {"pk": "analysis_a2"}, SOCIAL_A, only("board_a", "management_a")),
    ("analyses:conduct", {"pk": "analysis_b2"}, only("admin", "staff_b"), ()),
    ("analyses:complete", {"pk": "analysis_a2"}, SOCIAL_A, only("board_a", "management_a")),
    ("analyses:interval", {}, only("admin", "head_a"), ALL - only("admin", "head_a")),
    # The XLSX import of planned analyses (analyses/import_kinds.py): heads and administrators.
    (
        "imports:upload",
        {"kind": "planlagte-analyser"},
        only("admin", "head_a"),
        ALL - only("admin", "head_a"),
    ),
    (
        "imports:template",
        {"kind": "planlagte-analyser", "fmt": "xlsx"},
        only("admin", "head_a"),
        ALL - only("admin", "head_a"),
    ),
]
API: list = [
    ("api:vulnerability-analysis-list", {}, ALL, ()),  # a list: empty outside scope
    (
        "api:vulnerability-analysis-detail",
        {"pk": "analysis_a1"},
        RESULTS_A | only("dept_board_a1"),
        (),
    ),
    ("api:vulnerability-analysis-detail", {"pk": "analysis_b1"}, only("admin", "staff_b"), ()),
    ("api:vulnerability-analysis-detail", {"pk": 999999}, only(), ()),
]
NOT_IN_MATRIX = {
    "analyses:autosave",  # POST only (test_pages.py)
    "analyses:action_add",  # POST only (test_actions.py)
    "analyses:action_status",
    "analyses:action_case",
    "analyses:action_campaign",  # POST only (test_interval_and_campaign.py)
}


def extend_world(world, personas) -> None:
    """Org A: a held analysis of dept_a1 (last year, with a participant and an action) and a
    planned one of dept_a2 (this year); org B: a held one and a planned one of dept_b1.
    Written directly, not through the services, so the screening's values stay as they are."""
    if hasattr(world, "analysis_a1"):
        return
    from datetime import date

    from boligsocial.analyses.models import Analysis, FollowUpAction, Participant
    from boligsocial.guides.models import Guide

    version = Guide.objects.get(key="saarbarhedsanalyse").versions.get(number=1)
    year = date.today().year

    def analysis(department, year, status, **extra):
        return Analysis.objects.create(
            department=department,
            organisation=department.organisation,
            year=year,
            planned_date=date(year, 3, 2),
            status=status,
            guide_version=version,
            **extra,
        )

    world.analysis_a1 = analysis(
        world.dept_a1,
        year - 1,
        "done",
        held_on=date(year - 1, 3, 2),
        score="42.5",
        band="yellow",
        theme_scores={"husorden": {"score": "75.0", "scored": 1, "missing": 2}},
        notes={"husorden": "Støj i opgang 3"},
    )
    Participant.objects.create(analysis=world.analysis_a1, role="board_chair", name="Hanne")
    world.action_a1 = FollowUpAction.objects.create(
        analysis=world.analysis_a1, title="Møde om støj", owner=personas["staff_a"]
    )
    world.analysis_a2 = analysis(world.dept_a2, year, "planned")
    world.analysis_b1 = analysis(
        world.dept_b1, year - 1, "done", held_on=date(year - 1, 3, 2), score="10.0", band="green"
    )
    world.analysis_b2 = analysis(world.dept_b1, year, "planned")
