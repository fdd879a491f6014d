"""Access-matrix rows for letters and the legal track (issue 13, items 1-3; see
tests/access_rows/__init__.py).

Written by hand from cases/access.py: a letter is case content, so its pages and PDF are for the
owning organisation's social unit and administrators; a municipal user a case is shared with
reads the letter's PDF but edits nothing (403); the sender details are the head's (like the
templates). Everyone else: 404."""

from tests.access_rows.common import only

SOCIAL_A = only("admin", "staff_a", "head_a")
HEADS_A = only("admin", "head_a")
NOT_HEAD = only(
    "staff_a", "board_a", "management_a", "dept_board_a1", "caretaker_a", "staff_b", "municipal"
)
CONTENT_A = SOCIAL_A
CONTENT_B = only("admin", "staff_b")
CONTENT_SHARED = SOCIAL_A | only("municipal")

PAGES: list = [
    ("cases:letter_edit", {"pk": "case_a1", "letter_pk": "letter_a1"}, SOCIAL_A, ()),
    ("cases:letter_discard", {"pk": "case_a1", "letter_pk": "letter_a1"}, SOCIAL_A, ()),
    (
        "cases:letter_edit",
        {"pk": "case_shared", "letter_pk": "letter_shared"},
        SOCIAL_A,
        only("municipal"),
    ),
    ("cases:letter_pdf", {"pk": "case_shared", "letter_pk": "letter_shared"}, CONTENT_SHARED, ()),
    ("cases:board_decision", {"pk": "case_a1"}, SOCIAL_A, ()),
    ("cases:court_outcome", {"pk": "case_a1"}, SOCIAL_A, ()),
    ("cases:board_decision", {"pk": "case_b1"}, CONTENT_B, ()),
    ("cases:board_decision", {"pk": "case_shared"}, SOCIAL_A, only("municipal")),
    ("cases:legal_step", {"pk": "case_shared", "step": "warning"}, SOCIAL_A, only("municipal")),
    ("cases:letter_sender_edit", {"organisation_pk": "org_a"}, HEADS_A, NOT_HEAD - {"staff_b"}),
    (
        "cases:letter_sender_edit",
        {"organisation_pk": "org_b"},
        only("admin"),
        only("staff_b", "municipal"),
    ),
]
API: list = [
    ("api:case-letters", {"pk": "case_a1"}, CONTENT_A, ()),
    ("api:case-letters", {"pk": "case_b1"}, CONTENT_B, ()),
    ("api:case-letters", {"pk": "case_shared"}, CONTENT_SHARED, ()),
    ("api:case-letter", {"pk": "case_a1", "letter_pk": "letter_a1"}, CONTENT_A, ()),
    ("api:case-letter", {"pk": "case_shared", "letter_pk": "letter_shared"}, CONTENT_SHARED, ()),
    ("api:case-letter", {"pk": "case_b1", "letter_pk": "letter_a1"}, only(), ()),
    ("api:case-letter-pdf", {"pk": "case_a1", "letter_pk": "letter_a1"}, CONTENT_A, ()),
    ("api:case-legal-track", {"pk": "case_a1"}, CONTENT_A, ()),
    ("api:case-legal-track", {"pk": "case_shared"}, CONTENT_SHARED, ()),
]
NOT_IN_MATRIX: set[str] = {
    # POST only: cases/tests/test_letter_drafts.py, test_legal_decisions.py and
    # test_api_letters_legal.py
    "cases:letter_issue",
    "api:case-board-decision",
    "api:case-court-outcome",
    "api:case-letter-issue",
}


def extend_world(world, personas) -> None:
    """The case rows' world (cases_pages.extend_world makes letter_a1) plus a letter on the
    case shared with the municipal persona."""
    from boligsocial.cases.models import Letter, LetterKind
    from tests.access_rows import cases_pages

    cases_pages.extend_world(world, personas)
    if hasattr(world, "letter_shared"):
        return
    world.letter_shared = Letter.objects.create(
        case=world.case_shared,
        kind=LetterKind.REQUEST,
        subject="Henstilling",
        recipient_name="Familien Samtykke",
        rendered_body="Kære familie\n\nDette er en henstilling.",
        created_by=personas["staff_a"],
    )
