"""Persona sets shared by the access-matrix rows."""

from conftest import PERSONAS

ALL = frozenset(PERSONAS) - {"anonymous"}
ORG_A_ROLES = frozenset({"staff_a", "head_a", "board_a", "caretaker_a"})
MANAGERS_A = frozenset({"admin", "head_a", "board_a"})


def only(*names):
    return frozenset(names)
