from datetime import date, timedelta

import pytest

from boligsocial.guides.models import Guide
from boligsocial.guides.services import current_version
from boligsocial.organisations.tests.factories import LeaseFactory
from boligsocial.surveys import services

INDEX_KEYS = ["tryg_moerke", "tryg_grundlaeggende"]


@pytest.fixture
def safety_version(db):
    return current_version(Guide.objects.get(key="tryghedsundersoegelse"))


def make_survey(world, personas, version, *, leases=(7, 3), status="open", k=5):
    """An open survey of dept_a1 and dept_a2 with `leases` extra leases each and their
    invitations; returns (survey, {department id: [IssuedInvitation]})."""
    for department, n in zip((world.dept_a1, world.dept_a2), leases, strict=True):
        for i in range(n):
            LeaseFactory(
                department=department, address=f"{department.name}vej {1 + i % 2}", unit=f"{i}. th."
            )
    today = date.today()
    survey = services.create_survey(
        organisation=world.org_a, name="Tryghed test", guide_version=version,
        departments=[world.dept_a1, world.dept_a2], opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=20), actor=personas["staff_a"], min_count=k,
        languages=["ar"], index_keys=INDEX_KEYS,
    )  # fmt: skip
    if status == "open":
        services.open_survey(survey=survey, actor=personas["staff_a"])
    issued = {
        d.id: services.create_invitations(survey=survey, department=d, actor=personas["staff_a"])
        for d in (world.dept_a1, world.dept_a2)
    }
    survey.refresh_from_db()
    return survey, issued


@pytest.fixture
def open_survey(world, personas, safety_version):
    return make_survey(world, personas, safety_version)
