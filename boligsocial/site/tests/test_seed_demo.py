"""`manage.py seed_demo` and `manage.py demo_logins`: the seeder's refusals, failures and parts. The
seeded demo itself is checked once for every app by tests/test_demo_data.py."""

import random
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from boligsocial.core.demo import DemoContext
from boligsocial.organisations import demo as organisations_demo
from boligsocial.organisations.models import (
    Area,
    Department,
    Lease,
    Membership,
    Organisation,
)
from boligsocial.organisations.tests.factories import OrganisationFactory, UserFactory
from boligsocial.site.demo import demo_modules, is_demo_database

User = get_user_model()
ORG_A, ORG_B, ORG_C = (name for _, name, _, _ in organisations_demo.ORGANISATIONS)
REAL_ORG_REFUSAL = (
    "The database contains housing organisations that are not demo data. "
    "Demo data can only be created in an empty database or one that holds only demo data. "
    "Nothing was changed."
)


def seed_demo(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "departments": Department.objects.count(),
        "leases": Lease.objects.count(),
        "areas": Area.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "lease_history": Lease.history.count(),
    }


def test_plan_is_the_same_for_the_same_seed_and_differs_for_another():
    def plan(seed):
        return [
            (p.org_key, p.number, p.name, p.postal_code, p.year_built, p.leases)
            for p in organisations_demo.plan_departments(random.Random(seed))
        ]

    assert plan(1) == plan(1)
    assert plan(1) != plan(2)
    assert sum(len(leases) for *_, leases in plan(1)) == sum(
        p.lease_count for p in organisations_demo.plan_departments(random.Random(1))
    )


@pytest.mark.django_db
def test_refuses_database_with_a_non_demo_organisation_and_changes_nothing():
    OrganisationFactory(name="Boligforeningen Virkelighed")
    before = counts()

    with pytest.raises(CommandError) as error:
        seed_demo()

    assert str(error.value) == _(REAL_ORG_REFUSAL)
    assert counts() == before == {**before, "organisations": 1, "users": 0, "leases": 0}


@pytest.mark.django_db
def test_refuses_database_with_a_user_who_is_not_a_demo_persona():
    UserFactory(username="kirsten")
    before = counts()

    with pytest.raises(CommandError) as error:
        seed_demo()

    assert "(kirsten)" in str(error.value)
    assert counts() == before == {**before, "organisations": 0, "users": 1}


@pytest.mark.django_db
def test_real_user_named_like_a_persona_counts_as_real_data():
    UserFactory(username="admin", email="it@boligforening.dk")
    before = counts()

    with pytest.raises(CommandError):
        seed_demo()

    assert counts() == before
    assert is_demo_database() is False


@pytest.mark.django_db
def test_if_empty_leaves_a_database_with_real_data_alone_without_error():
    UserFactory(username="kirsten")
    before = counts()

    output = seed_demo("--if-empty")

    assert output == "Databasen indeholder andet end demodata; intet er ændret.\n"
    assert counts() == before


@pytest.mark.django_db
def test_reset_and_if_empty_cannot_be_combined():
    with pytest.raises(CommandError):
        seed_demo("--reset", "--if-empty")
    assert counts()["organisations"] == 0


@pytest.mark.django_db
def test_failing_seeder_leaves_nothing_behind(monkeypatch):
    def fail(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(organisations_demo, "_create_persona", fail)

    with pytest.raises(RuntimeError):
        seed_demo()

    assert set(counts().values()) == {0}


@pytest.mark.django_db
def test_seeder_exposes_its_objects_to_later_seeders():
    from datetime import date

    ctx = DemoContext(rng=random.Random(1), today=date(2026, 1, 1), log=lambda message: None)

    organisations_demo.seed(ctx)

    objects = ctx.objects
    assert [o.name for o in objects["organisations"]] == [ORG_A, ORG_B, ORG_C]
    assert objects["org_a"].name == ORG_A
    assert objects["org_b"].name == ORG_B
    assert objects["org_c"].name == ORG_C
    assert len(objects["departments"]) == 60
    assert (objects["dept_a1"].organisation, objects["dept_a1"].number) == (objects["org_a"], 1)
    assert len(objects["areas"]) == 4
    assert objects["dept_a1"] in objects["area_shared"].departments.all()
    assert sorted(objects["personas"]) == sorted(organisations_demo.USERNAMES)
    assert objects["municipality"].code == 751


def test_demo_modules_are_found_in_order_without_the_registry_itself():
    names = [m.__name__ for m in demo_modules()]
    assert "boligsocial.organisations.demo" in names
    assert "boligsocial.core.demo" not in names
    orders = [m.ORDER for m in demo_modules()]
    assert orders == sorted(orders)


@pytest.mark.django_db
def test_demo_logins_without_demo_data_prints_only_a_note():
    out, err = StringIO(), StringIO()
    call_command("demo_logins", stdout=out, stderr=err)
    assert out.getvalue() == ""
    assert err.getvalue() == "Ingen demodata i databasen (opret dem med manage.py seed_demo).\n"
