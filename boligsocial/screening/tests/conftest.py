"""Fixtures shared by the screening tests (the world and the personas are in the root
conftest.py)."""

import pytest

from boligsocial.core.tests.pdf_layout import documents  # noqa: F401 - a fixture
from boligsocial.screening.tests.factories import screening_world


@pytest.fixture
def sw(world, personas):
    """The shared world, screened: values, lights and statutory statuses (`screening_world`).
    A test module that needs it otherwise (without the personas, with cached analyses)
    defines its own `sw`."""
    return screening_world(world)
