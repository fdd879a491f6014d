"""Access-matrix rows for the question guides (see tests/access_rows/__init__.py).

Written by hand from boligsocial/guides/access.py: reading for the social unit (staff and
heads) and administrators, a shared guide for all of them and an organisation's own guide for
its social unit; authoring for administrators (every guide) and heads (their organisation's
guides and new ones). Everyone else gets 403 on every guide page. New version and publish are
POST only (boligsocial/guides/tests/test_pages.py)."""

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
NOT_IN_MATRIX = {"guides:new_version", "guides:publish"}  # POST only


def extend_world(world, personas) -> None:
    """The seeded interview guide (shared) and a guide of organisation B's own."""
    if hasattr(world, "guide_shared"):
        return
    from boligsocial.guides import services, spec
    from boligsocial.guides.models import Guide

    world.guide_shared = Guide.objects.get(key="saarbarhedsanalyse")
    world.guide_version_shared = world.guide_shared.versions.get(number=1)
    world.guide_question_shared = world.guide_version_shared.themes.first().questions.first()
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
    world.guide_question_b = version.themes.get().questions.get()
