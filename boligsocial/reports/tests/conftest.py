"""The reports' world, built once per test module (the screening is the slow part): the shared
world screened (screening_world, years 2022–2024) and house-rule cases of 2024 in organisation A:
6 in Alfaparken, 2 in Alfahaven (a count below 5). It lives in a transaction rolled back after the
module's last test; each test runs in a savepoint inside it (pytest-django's `db`), as in
tests/test_access_matrix.py."""

from datetime import UTC, datetime

import pytest
from django.db import transaction
from django.test import override_settings

from boligsocial.core.tests.pdf_layout import documents  # noqa: F401 - a fixture
from conftest import FAST_HASHERS, build_personas, build_world

YEAR = 2024


@pytest.fixture(scope="module")
def _reports_world(django_db_setup, django_db_blocker):
    from boligsocial.cases.tests.factories import CaseFactory
    from boligsocial.screening.tests.factories import screening_world

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
    ):
        world = build_world()
        personas = build_personas(world)
        screening_world(world)
        for department, n in ((world.dept_a1, 6), (world.dept_a2, 2)):
            for i in range(n):
                CaseFactory(
                    department=department, received_at=datetime(YEAR, 3, 1 + i, 10, tzinfo=UTC)
                )
        world.year = YEAR
        yield world, personas
        transaction.set_rollback(True)


@pytest.fixture
def rw(_reports_world, db):
    return _reports_world[0]


@pytest.fixture
def personas(_reports_world, db):
    return _reports_world[1]
