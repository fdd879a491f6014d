"""Access-matrix rows for the screening app (see tests/access_rows/__init__.py)."""

from tests.access_rows.common import ALL, MANAGERS_A, ORG_A_ROLES, only  # noqa: F401

PAGES: list = []
API: list = []
NOT_IN_MATRIX: set[str] = set()


def extend_world(world, personas) -> None:
    """Create the screening objects the rows above refer to."""
