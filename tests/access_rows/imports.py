"""Access-matrix rows for the import pages (see tests/access_rows/__init__.py).

Importing is for administrators and the roles that manage housing data (head of social services,
forretningsfører): every other logged-in persona gets 403 on every import page. An import of
another organisation is a 404 for an importer who does not manage it; an unknown kind is a 404
for everyone. Undo is for the managers of the import's organisation. The POST-only confirm and
cancel, and the old URLs (permanent redirects), are tested in boligsocial/imports/tests."""

from tests.access_rows.common import MANAGERS_A, only

# The elected organisation board does not import (issue 12): only the forretningsfører, the head
# and administrators (MANAGERS_A).
NOT_IMPORTERS = only(
    "staff_a", "board_a", "caretaker_a", "dept_board_a1", "staff_b", "municipal", "nobody"
)
# The plans' kinds (budget lines, activity logs: tests/access_rows/plans.py) are imported by a
# plan's social workers and the municipal partner too: they reach the import pages, see their
# own imports only (another's is a 404) and get 403 on the housing kinds.
PLAN_IMPORTERS = only("staff_a", "staff_b", "municipal")
NO_IMPORT_AT_ALL = NOT_IMPORTERS - PLAN_IMPORTERS

PAGES: list = [
    ("imports:index", {}, MANAGERS_A | PLAN_IMPORTERS, NO_IMPORT_AT_ALL),
    *(
        ("imports:upload", {"kind": kind}, MANAGERS_A, NOT_IMPORTERS)
        for kind in ("afdelinger", "lejemaal", "vaerdier", "lister")
    ),
    ("imports:upload", {"kind": "x"}, only(), only()),
    ("imports:template", {"kind": "afdelinger", "fmt": "csv"}, MANAGERS_A, NOT_IMPORTERS),
    ("imports:template", {"kind": "lejemaal", "fmt": "xlsx"}, MANAGERS_A, NOT_IMPORTERS),
    ("imports:template", {"kind": "vaerdier", "fmt": "csv"}, MANAGERS_A, NOT_IMPORTERS),
    ("imports:template", {"kind": "lister", "fmt": "xlsx"}, MANAGERS_A, NOT_IMPORTERS),
    ("imports:template", {"kind": "lister", "fmt": "pdf"}, only(), NOT_IMPORTERS),
    ("imports:template", {"kind": "x", "fmt": "csv"}, only(), only()),
    ("imports:batch", {"pk": "import_batch_a"}, MANAGERS_A, NO_IMPORT_AT_ALL),
    ("imports:batch", {"pk": "import_batch_b"}, only("admin"), NO_IMPORT_AT_ALL),
    ("imports:batch", {"pk": 999999}, only(), NO_IMPORT_AT_ALL),
    ("imports:undo", {"pk": "import_batch_a"}, MANAGERS_A, NO_IMPORT_AT_ALL),
    ("imports:undo", {"pk": "import_batch_b"}, only("admin"), NO_IMPORT_AT_ALL),
    ("imports:undo", {"pk": 999999}, only(), NO_IMPORT_AT_ALL),
]
API: list = []
NOT_IN_MATRIX = {
    "imports:confirm",  # POST only
    "imports:cancel",  # POST only
    "imports:legacy_organisation",
    "imports:legacy_organisation_template",
    "imports:legacy_screening",
    "imports:legacy_screening_batch",
    "imports:legacy_screening_template",
}


def extend_world(world, personas) -> None:
    """Two imports: one of organisation A by its head, one of organisation B by the admin."""
    from boligsocial.imports.models import ImportBatch

    if not hasattr(world, "import_batch_a"):
        world.import_batch_a = ImportBatch.objects.create(
            organisation=world.org_a,
            filename="alfa.csv",
            created_by=personas["head_a"],
            status=ImportBatch.Status.DONE,
            rows_total=3,
            rows_done=3,
            created=3,
        )
        world.import_batch_b = ImportBatch.objects.create(
            organisation=world.org_b,
            filename="beta.csv",
            created_by=personas["admin"],
            status=ImportBatch.Status.FAILED,
            errors=[{"row": 2, "column": "vaerdi", "message": "“x” er ikke et tal."}],
        )
