"""Access-matrix rows for the case pages (see tests/access_rows/__init__.py).

Written out by hand from cases_world and the rules in cases/access.py's docstring:
case content for the owning organisation's social unit (staff_a, head_a for org A; staff_b for
org B), administrators and a municipal user the case is currently shared with (read only);
counts for everyone; the access and change logs, person export and letter templates for heads
and admins; quick reports for caretakers and the social unit. Outside scope: 404; visible but
not allowed: 403.
"""

from tests.access_rows.common import ALL, only

SOCIAL_A = only("admin", "staff_a", "head_a")
HEADS_A = only("admin", "head_a")
NOT_HEAD = only(
    "staff_a", "board_a", "management_a", "dept_board_a1", "caretaker_a", "staff_b", "municipal"
)
NO_CREATE = only("board_a", "management_a", "dept_board_a1", "caretaker_a", "municipal", "nobody")

# Pages about one case of organisation A that only its social unit may use.
_A_CASE_PAGES = (
    "cases:detail",
    "cases:edit",
    "cases:contact",
    "cases:event",
    "cases:status",
    "cases:close",
    "cases:party_add",
    "cases:attachment_add",
    "cases:mediation",
    "cases:share",
)

PAGES: list = [
    ("cases:list", {}, ALL, ()),
    ("cases:overdue", {}, ALL, ()),
    ("cases:due_soon", {}, ALL, ()),
    ("cases:list_export", {}, ALL, ()),  # only the cases the user may read (maybe none)
    ("cases:statistics", {}, ALL, ()),
    ("cases:statistics_export", {}, ALL, ()),
    ("cases:create", {}, only("admin", "staff_a", "head_a", "staff_b"), NO_CREATE),
    ("cases:access_log", {}, HEADS_A, ALL - HEADS_A),
    ("cases:change_log", {}, HEADS_A, ALL - HEADS_A),
    ("cases:person_export", {}, HEADS_A, ALL - HEADS_A),
    ("cases:letter_templates", {}, HEADS_A, ALL - HEADS_A),
    (
        "cases:letter_template_edit",
        {"organisation_pk": "org_a", "kind": "warning"},
        HEADS_A,
        NOT_HEAD - {"staff_b"},
    ),
    (
        "cases:letter_template_edit",
        {"organisation_pk": "org_b", "kind": "request"},
        only("admin"),
        only("staff_b", "municipal"),
    ),
    *[(name, {"pk": "case_a1"}, SOCIAL_A, ()) for name in _A_CASE_PAGES],
    ("cases:detail", {"pk": "case_b1"}, only("admin", "staff_b"), ()),
    ("cases:edit", {"pk": "case_b1"}, only("admin", "staff_b"), ()),
    ("cases:detail", {"pk": "case_closed"}, SOCIAL_A, ()),
    ("cases:reopen", {"pk": "case_closed"}, SOCIAL_A, ()),
    # Shared with the municipal persona: read only.
    ("cases:detail", {"pk": "case_shared"}, SOCIAL_A | only("municipal"), ()),
    ("cases:edit", {"pk": "case_shared"}, SOCIAL_A, only("municipal")),
    ("cases:contact", {"pk": "case_shared"}, SOCIAL_A, only("municipal")),
    ("cases:share", {"pk": "case_shared"}, SOCIAL_A, only("municipal")),
    (
        "cases:share_revoke",
        {"pk": "case_shared", "share_pk": "share"},
        SOCIAL_A,
        only("municipal"),
    ),
    ("cases:legal_step", {"pk": "case_a1", "step": "warning"}, SOCIAL_A, ()),
    ("cases:legal_step", {"pk": "case_b1", "step": "request"}, only("admin", "staff_b"), ()),
    ("cases:letter_create", {"pk": "case_a1", "kind": "warning"}, SOCIAL_A, ()),
    ("cases:letter_pdf", {"pk": "case_a1", "letter_pk": "letter_a1"}, SOCIAL_A, ()),
    ("cases:attachment", {"pk": "case_a1", "attachment_pk": "attachment_a1"}, SOCIAL_A, ()),
    # Corrections (GDPR art. 16): the social unit only; a municipal share is read only.
    *[
        (name, {"pk": "case_a1", key: obj}, SOCIAL_A, ())
        for name, key, obj in (
            ("cases:party_edit", "party_pk", "party_a1"),
            ("cases:party_delete", "party_pk", "party_a1"),
            ("cases:event_edit", "event_pk", "event_a1"),
            ("cases:event_delete", "event_pk", "event_a1"),
            ("cases:attachment_delete", "attachment_pk", "attachment_a1"),
        )
    ],
    (
        "cases:party_edit",
        {"pk": "case_shared", "party_pk": "party_shared"},
        SOCIAL_A,
        only("municipal"),
    ),
    ("cases:crisis", {"pk": "case_crisis"}, SOCIAL_A, ()),
    (
        "cases:quick_report",
        {},
        only("admin", "staff_a", "head_a", "caretaker_a", "staff_b"),
        only("board_a", "management_a", "dept_board_a1", "municipal", "nobody"),
    ),
    (
        "cases:quick_report_done",
        {},
        only("admin", "staff_a", "head_a", "caretaker_a", "staff_b"),
        only("board_a", "management_a", "dept_board_a1", "municipal", "nobody"),
    ),
]
API: list = []
# POST-only (tested in cases/tests/test_views_actions.py) and public (tests/test_anonymous.py).
NOT_IN_MATRIX: set[str] = {
    "cases:crisis_task",
    "cases:crisis_meeting",
    "cases:intake",
    "cases:intake_receipt",
}


def extend_world(world, personas) -> None:
    """cases_world plus a crisis case, a letter and an attachment on case_a1."""
    from django.core.files.base import ContentFile

    from boligsocial.cases.models import Attachment, CaseKind, Letter, LetterKind, Track
    from boligsocial.cases.tests.factories import CaseFactory, cases_world

    cases_world(world, personas)
    if hasattr(world, "case_crisis"):
        return
    world.party_a1 = world.case_a1.parties.order_by("id").first()
    world.event_a1 = world.case_a1.events.get(kind="call")
    world.party_shared = world.case_shared.parties.create(role="complainant", name="Karen Klage")
    world.case_crisis = CaseFactory(
        reference="BS-2026-0099",
        department=world.dept_a1,
        kind=CaseKind.CRISIS,
        track=Track.TRYGHED,
        description="Voldsom hændelse i opgang 3.",
    )
    world.letter_a1 = Letter.objects.create(
        case=world.case_a1,
        kind=LetterKind.WARNING,
        subject="Advarsel",
        rendered_body="Kære Rasmus Støjesen\n\nDette er en advarsel.",
        created_by=personas["staff_a"],
    )
    attachment = Attachment(
        case=world.case_a1,
        original_name="klage.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=personas["staff_a"],
    )
    attachment.file.save("klage.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    world.attachment_a1 = attachment
