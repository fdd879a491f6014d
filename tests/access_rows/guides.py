"""Access-matrix rows for the question guides (see tests/access_rows/__init__.py).

Written by hand from boligsocial/guides/access.py: reading for the social unit (staff and
heads) and administrators, a shared guide for all of them and an organisation's own guide for
its social unit; authoring for administrators (every guide) and heads (their organisation's
guides and new ones). Everyone else gets 403 on every guide page. New version, publish and the
up/down moves are POST only (boligsocial/guides/tests/test_pages.py, test_authoring.py).

The authoring pages (editor, theme and question forms, the removal confirmations) are rowed on
three guides: the shared interview guide (administrators only), organisation A's own guide
(administrators and head_a; staff_a reads it but gets 403) and organisation B's (administrators;
staff_b 403; A's personas 404)."""

from tests.access_rows.common import only

READERS = only("admin", "staff_a", "head_a", "staff_b")
NOT_READERS = only("board_a", "management_a", "dept_board_a1", "caretaker_a", "municipal", "nobody")

PAGES: list = [
    ("guides:list", {}, READERS, NOT_READERS),
    ("guides:import", {}, only("admin", "head_a"), NOT_READERS | only("staff_a", "staff_b")),
    ("guides:detail", {"pk": "guide_shared"}, READERS, NOT_READERS),
    ("guides:detail", {"pk": "guide_b"}, only("admin", "staff_b"), NOT_READERS),
    ("guides:detail", {"pk": 999999}, only(), NOT_READERS),
    ("guides:preview", {"pk": "guide_version_shared"}, READERS, NOT_READERS),
    ("guides:preview", {"pk": "guide_version_b"}, only("admin", "staff_b"), NOT_READERS),
    ("guides:xlsform", {"pk": "guide_version_shared"}, READERS, NOT_READERS),
    (
        "guides:question_edit",
        {"pk": "guide_question_shared"},
        only("admin"),
        NOT_READERS | only("staff_a", "head_a", "staff_b"),
    ),
    (
        "guides:question_edit",
        {"pk": "guide_question_b"},
        only("admin"),
        NOT_READERS | only("staff_b"),
    ),
]
API: list = [
    ("api:guide-list", {}, READERS, NOT_READERS),
    ("api:guide-detail", {"pk": "guide_shared"}, READERS, NOT_READERS),
    ("api:guide-detail", {"pk": "guide_b"}, only("admin", "staff_b"), NOT_READERS),
    ("api:guide-xlsform", {"pk": "guide_shared"}, READERS, NOT_READERS),
]
AUTHOR_A = only("admin", "head_a")
NOT_AUTHOR_A = NOT_READERS | only("staff_a")
for _name, _key in (
    ("guides:edit", "version"),
    ("guides:theme_add", "version"),
    ("guides:theme_edit", "theme"),
    ("guides:theme_delete", "theme"),
    ("guides:question_add", "theme"),
    ("guides:question_delete", "question"),
):
    PAGES += [
        (
            _name,
            {"pk": f"guide_{_key}_shared"},
            only("admin"),
            NOT_AUTHOR_A | only("head_a", "staff_b"),
        ),
        (_name, {"pk": f"guide_{_key}_a"}, AUTHOR_A, NOT_AUTHOR_A),
        (_name, {"pk": f"guide_{_key}_b"}, only("admin"), NOT_READERS | only("staff_b")),
    ]
PAGES += [
    ("guides:create", {}, AUTHOR_A, NOT_AUTHOR_A | only("staff_b")),
    ("guides:question_edit", {"pk": "guide_question_a"}, AUTHOR_A, NOT_AUTHOR_A),
    ("guides:edit", {"pk": 999999}, only(), NOT_READERS),
]
NOT_IN_MATRIX = {  # POST only
    "guides:new_version",
    "guides:publish",
    "guides:theme_move",
    "guides:question_move",
}


def extend_world(world, personas) -> None:
    """The seeded interview guide (shared) and a guide of organisation B's own."""
    if hasattr(world, "guide_shared"):
        return
    from boligsocial.guides import services, spec
    from boligsocial.guides.models import Guide

    world.guide_shared = Guide.objects.get(key="saarbarhedsanalyse")
    world.guide_version_shared = world.guide_shared.versions.get(number=1)
    world.guide_theme_shared = world.guide_version_shared.themes.first()
    world.guide_question_shared = world.guide_theme_shared.questions.first()
    version_a = services.store_guide(
        guide=spec.Guide(
            key="alfa_tjek",
            name="Alfas tjekliste",
            kind=spec.CHECKLIST,
            themes=(
                spec.Theme(
                    "opgang",
                    "Opgangen",
                    questions=(spec.Question("lys", "Virker lyset?", spec.TEXT),),
                ),
            ),
        ),
        actor=personas["head_a"],
        organisation=world.org_a,
    )
    world.guide_a = version_a.guide
    world.guide_version_a = version_a
    world.guide_theme_a = version_a.themes.get()
    world.guide_question_a = world.guide_theme_a.questions.get()
    version = services.store_guide(
        guide=spec.Guide(
            key="beta_tjek",
            name="Betas tjekliste",
            kind=spec.CHECKLIST,
            themes=(
                spec.Theme("t", "Tema", questions=(spec.Question("q", "Spørgsmål?", spec.TEXT),)),
            ),
        ),
        actor=personas["staff_b"],
        organisation=world.org_b,
    )
    world.guide_b = version.guide
    world.guide_version_b = version
    world.guide_theme_b = version.themes.get()
    world.guide_question_b = world.guide_theme_b.questions.get()
