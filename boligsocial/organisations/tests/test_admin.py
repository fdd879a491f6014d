"""The admin pages administrators use to maintain the housing model and give roles."""

import pytest
from django.urls import reverse

from boligsocial.organisations.models import Membership
from boligsocial.organisations.roles import Role


@pytest.mark.parametrize(
    "name",
    [
        "organisations_organisation_changelist",
        "organisations_department_changelist",
        "organisations_area_changelist",
        "organisations_lease_changelist",
        "organisations_membership_changelist",
        "organisations_municipality_changelist",
        "organisations_membership_add",
    ],
)
def test_admin_pages_open_for_the_administrator(client_for, name):
    assert client_for("admin").get(reverse(f"admin:{name}")).status_code == 200


def test_staff_without_is_staff_cannot_use_the_admin(client_for):
    response = client_for("head_a").get(reverse("admin:organisations_membership_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_role_with_the_wrong_scope_is_refused_by_the_database(personas, world):
    from django.db import IntegrityError, transaction

    before = Membership.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=personas["nobody"], role=Role.DEPT_BOARD, organisation=world.org_a
        )
    assert Membership.objects.count() == before
