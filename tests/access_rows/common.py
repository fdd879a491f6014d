"""Persona sets shared by the access-matrix rows."""

from conftest import PERSONAS

# The matrix asks every URL as conftest's PERSONAS and the forretningsfører (issue 12), who is in
# the `personas` fixture but not in the per-persona tables of the apps' own tests.
MATRIX_PERSONAS = (*PERSONAS, "management_a")
ALL = frozenset(MATRIX_PERSONAS) - {"anonymous"}
ORG_A_ROLES = frozenset({"staff_a", "head_a", "board_a", "management_a", "caretaker_a"})
# Import and edit housing data and indicator values: not the elected board (issue 12).
MANAGERS_A = frozenset({"admin", "head_a", "management_a"})


def only(*names):
    return frozenset(names)
