"""The demo data of every app, seeded once: `manage.py seed_demo` runs one time for this module
(inside a transaction rolled back after its last test, like the access matrix's world), and each
app's checks of its part of the story run against it.

An app adds its checks in `boligsocial/<app>/tests/demo_checks.py`: module-level functions named
`check_*`, taking no argument or `output` (what seed_demo printed). They only read, or change
what the test's own savepoint rolls back. Seeding the whole demo costs ~10 s; one seed for all
apps instead of one per app keeps `make test` inside its budget (decision 0017).

After the checks: a second run changes nothing, `--reset` gives the same data and every check
holds again, another seed gives other organisations' data, and a reset refuses once real data
is present."""

import hashlib
import importlib
import inspect
import random
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from boligsocial.audit.models import AccessLogEntry
from boligsocial.core.demo import DemoContext
from boligsocial.organisations.models import Area, Department, Lease, Membership, Organisation
from boligsocial.organisations.tests.factories import OrganisationFactory
from boligsocial.site.demo import delete_demo_data, demo_modules, run_seeders

# argon2: the personas' hashes are checked with the production hasher (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.argon2, pytest.mark.xdist_group("demo_data")]

User = get_user_model()
REAL_ORG_REFUSAL = (
    "The database contains housing organisations that are not demo data. "
    "Demo data can only be created in an empty database or one that holds only demo data. "
    "Nothing was changed."
)


def _checks() -> list:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("boligsocial."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.demo_checks")
        except ModuleNotFoundError as error:
            if error.name not in (f"{config.name}.tests", f"{config.name}.tests.demo_checks"):
                raise
            continue
        for name, function in vars(module).items():
            if name.startswith("check_") and inspect.isfunction(function):
                found.append(pytest.param(function, id=f"{config.label}.{name}"))
    return found


CHECKS = _checks()


def _run(check, output: str) -> None:
    if "output" in inspect.signature(check).parameters:
        check(output=output)
    else:
        check()


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


def digest() -> str:
    """The content of the demo data, independent of primary keys."""
    h = hashlib.sha256()
    leases = Lease.objects.order_by(
        "department__organisation__name", "department__number", "address", "unit"
    ).values_list(
        "department__organisation__name",
        "department__organisation__cvr",
        "department__number",
        "department__name",
        "department__address",
        "department__postal_code",
        "department__city",
        "department__year_built",
        "department__lease_count",
        "address",
        "unit",
        "area_m2",
        "rooms",
    )
    for row in leases:
        h.update(repr(row).encode())
    for area in Area.objects.order_by("name"):
        members = area.departments.order_by("organisation__name", "number")
        h.update(repr((area.name, [(d.organisation.name, d.number) for d in members])).encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """seed_demo with the default seed, once, with the production password hasher (the
    personas' argon2 hashes are checked)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield seed_demo()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_app_that_seeds_demo_data_has_checks():
    seeding = {module.__name__.split(".")[1] for module in demo_modules()}
    checked = {p.id.split(".")[0] for p in CHECKS}
    assert seeding - checked == set()


@pytest.mark.parametrize("check", CHECKS)
def test_demo_data(check, demo_output):
    _run(check, demo_output)


def test_a_second_run_changes_nothing_and_says_so(demo_output):
    before, content, max_id = counts(), digest(), Lease.objects.order_by("-id").first().id

    output = seed_demo()
    if_empty_output = seed_demo("--if-empty")

    assert output.startswith("Demodata findes allerede; intet er ændret.")
    assert if_empty_output.startswith("Demodata findes allerede; intet er ændret.")
    assert counts() == before
    assert digest() == content
    assert Lease.objects.order_by("-id").first().id == max_id


def test_reset_recreates_identical_data_where_every_check_holds_and_another_seed_differs(
    demo_output,
):
    first, first_counts = digest(), counts()
    old_user_ids = set(User.objects.values_list("id", flat=True))
    AccessLogEntry.objects.create(
        user=User.objects.get(username="staff-a"),
        content_type=ContentType.objects.get_for_model(User),
        object_id="1",
        object_repr="x",
        route="test",
    )

    output = seed_demo("--reset")

    assert "Eksisterende demodata er slettet." in output
    assert digest() == first
    assert counts() == first_counts  # history of the old demo data is gone too
    assert AccessLogEntry.objects.count() == 0
    assert set(User.objects.values_list("id", flat=True)).isdisjoint(old_user_ids)
    for param in CHECKS:
        _run(param.values[0], output)

    # Another seed gives other data. The digest reads what the organisations' seeder makes (the
    # other seeders build on it), so that seeder alone runs with seed 7: a second instead of a
    # whole demo (decision 0045; `seed_demo --seed 7` itself runs in the schema contract test).
    modules = demo_modules()
    delete_demo_data(modules)
    run_seeders(
        [m for m in modules if m.__name__ == "boligsocial.organisations.demo"],
        DemoContext(rng=random.Random(7), today=timezone.localdate(), log=lambda _: None, seed=7),
    )

    assert digest() != first
    assert Organisation.objects.count() == 3
    assert Department.objects.count() == 60
    assert sum(Department.objects.values_list("lease_count", flat=True)) == Lease.objects.count()
    assert Lease.history.count() == Lease.objects.count()


def test_reset_refuses_when_real_organisation_was_added_to_demo_data(demo_output):
    from django.utils.translation import gettext as _

    OrganisationFactory(name="Boligforeningen Virkelighed")
    before, content = counts(), digest()

    with pytest.raises(CommandError) as error:
        seed_demo("--reset")

    assert str(error.value) == _(REAL_ORG_REFUSAL)
    assert counts() == before
    assert digest() == content
