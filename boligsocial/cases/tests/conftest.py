"""Fixtures shared by the case tests (the world and the personas are in the root conftest.py)."""

import pytest
from django.conf import settings
from django.test import Client

from boligsocial.cases.tests.factories import cases_world


@pytest.fixture
def cw(world, personas):
    """The shared world with the cases of `cases_world` (factories.py). A test module that
    needs more (a reference counter, a private media root) defines its own `cw`."""
    cases_world(world, personas)
    return world


@pytest.fixture
def en(personas):
    """en("staff_a") -> a client logged in as that persona, in English (exact texts stay
    stable when the Danish catalogue changes)."""

    def make(name):
        c = Client()
        c.force_login(personas[name])
        c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return c

    return make
