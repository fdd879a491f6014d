"""Access-matrix rows for the screening import and API (see tests/access_rows/__init__.py).

Importing is for administrators and the managers of a housing organisation (head of social
services, organisation board): every other logged-in persona gets 403 on the import pages. An
import of another organisation is a 404 for an importer who does not manage it."""

from tests.access_rows.common import ALL, MANAGERS_A, ORG_A_ROLES, only  # noqa: F401

NOT_IMPORTERS = only("staff_a", "caretaker_a", "dept_board_a1", "staff_b", "municipal", "nobody")

PAGES: list = [
    ("screening:import", {}, MANAGERS_A, NOT_IMPORTERS),
    (
        "screening:import_template",
        {"kind": "vaerdier", "fmt": "csv"},
        MANAGERS_A,
        NOT_IMPORTERS,
    ),
    ("screening:import_template", {"kind": "lister", "fmt": "xlsx"}, MANAGERS_A, NOT_IMPORTERS),
    ("screening:import_template", {"kind": "x", "fmt": "csv"}, only(), NOT_IMPORTERS),
    ("screening:import_batch", {"pk": "import_batch_a"}, MANAGERS_A, NOT_IMPORTERS),
    ("screening:import_batch", {"pk": "import_batch_b"}, only("admin"), NOT_IMPORTERS),
    ("screening:import_batch", {"pk": 999999}, only(), NOT_IMPORTERS),
]
API: list = []
NOT_IN_MATRIX: set[str] = set()


def extend_world(world, personas) -> None:
    """Create the screening objects the rows above refer to."""
    from boligsocial.screening.models import ImportBatch
    from boligsocial.screening.tests.factories import screening_world

    screening_world(world)
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
