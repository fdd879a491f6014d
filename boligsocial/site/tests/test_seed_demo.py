"""`manage.py seed_demo` and `manage.py demo_logins`, with the housing-model seeder."""

import hashlib
import random
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F
from django.utils.translation import gettext as _

from boligsocial.audit.models import AccessLogEntry
from boligsocial.core.demo import DEFAULT_SEED, DemoContext
from boligsocial.organisations import demo as organisations_demo
from boligsocial.organisations.models import (
    Area,
    Department,
    Lease,
    Membership,
    Organisation,
)
from boligsocial.organisations.roles import Role
from boligsocial.organisations.tests.factories import OrganisationFactory, UserFactory
from boligsocial.organisations.validators import cvr_is_valid
from boligsocial.site.demo import delete_demo_data, demo_modules, is_demo_database

User = get_user_model()
ORG_A, ORG_B, ORG_C = (name for _, name, _, _ in organisations_demo.ORGANISATIONS)
LEASES_WITH_DEFAULT_SEED = 18096
ROW_HOUSES_WITH_DEFAULT_SEED = 1118
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


def membership_table() -> set[tuple]:
    return {
        (
            m.user.username,
            m.role,
            m.organisation.name if m.organisation else None,
            (m.department.organisation.name, m.department.number) if m.department else None,
            m.municipality_id,
        )
        for m in Membership.objects.select_related(
            "user", "organisation", "department__organisation"
        )
    }


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Demo data seeded once for the read-only tests of one class, removed afterwards."""
    with django_db_blocker.unblock():
        output = seed_demo()
    yield output
    with django_db_blocker.unblock():
        delete_demo_data(demo_modules())


@pytest.mark.django_db
@pytest.mark.argon2  # the personas' passwords are checked with the production hasher
@pytest.mark.usefixtures("seeded")
@pytest.mark.xdist_group("seeded_demo")  # seeded once: keep the class on one worker
class TestSeededDatabase:
    def test_seed_demo_in_empty_database_says_what_it_created(self, seeded):
        assert (
            "Boligorganisationer: 3, afdelinger: 60, lejemål: 18096, boligområder: 4, "
            "demobrugere: 9 (Aarhus Kommune)."
        ) in seeded
        assert f"Demodata oprettet (seed {DEFAULT_SEED}) på " in seeded

    def test_three_demo_organisations_with_valid_cvr_and_lbf_numbers(self):
        orgs = list(Organisation.objects.order_by("lbf_number"))
        assert [(o.name, o.lbf_number, o.is_demo) for o in orgs] == [
            (ORG_A, 90001, True),
            (ORG_B, 90002, True),
            (ORG_C, 90003, True),
        ]
        assert [o.cvr for o in orgs] == ["99999993", "99999985", "99999977"]
        assert all(cvr_is_valid(o.cvr) and "Demo" in o.name for o in orgs)

    def test_sixty_departments_in_aarhus_each_with_exactly_lease_count_leases(self):
        per_org = dict(Department.objects.values_list("organisation__name").annotate(n=Count("id")))
        assert per_org == {ORG_A: 28, ORG_B: 20, ORG_C: 12}
        assert set(Department.objects.values_list("municipality_id", flat=True)) == {751}
        mismatched = Department.objects.annotate(n=Count("leases")).exclude(n=F("lease_count"))
        assert list(mismatched) == []
        assert Lease.objects.count() == LEASES_WITH_DEFAULT_SEED
        assert sum(Department.objects.values_list("lease_count", flat=True)) == (
            LEASES_WITH_DEFAULT_SEED
        )

    def test_departments_have_plausible_sizes_years_names_and_aarhus_postal_districts(self):
        departments = list(Department.objects.all())
        for d in departments:
            d.full_clean()
            assert organisations_demo.CITIES[d.postal_code] == d.city
            assert 1950 <= d.year_built <= 2015
            assert 20 <= d.lease_count <= 900
            assert d.leases.filter(address=d.address).exists()
        sizes = [d.lease_count for d in departments]
        assert sum(n < 50 for n in sizes) == 7
        assert sum(50 <= n <= 300 for n in sizes) == 30
        assert sum(300 < n < 600 for n in sizes) == 14
        assert sum(n >= 600 for n in sizes) == 9
        assert len({d.name for d in departments}) == 60
        first = Department.objects.get(organisation__name=ORG_A, number=1)
        assert first.name == organisations_demo.FIRST_DEPARTMENT

    def test_leases_are_valid_and_size_follows_rooms(self):
        unit_pattern = re.compile(r"((st\.|[1-8]\.) (tv\.|mf\.|th\.))?")
        for address, unit, area_m2, rooms in Lease.objects.values_list(
            "address", "unit", "area_m2", "rooms"
        ):
            lo, hi = organisations_demo.ROOM_AREAS[rooms]
            assert lo <= area_m2 <= hi, (address, unit, area_m2, rooms)
            assert unit_pattern.fullmatch(unit), unit
            assert re.fullmatch(r"\w+ \d+", address), address
        for department in Department.objects.all():
            department.leases.first().full_clean()
        units = Lease.objects.values_list("unit", flat=True)
        assert units.filter(unit="").count() == ROW_HOUSES_WITH_DEFAULT_SEED
        assert units.filter(unit="st. tv.").exists()
        assert history_count_equals_lease_count()

    def test_four_areas_in_aarhus_and_exactly_one_spans_two_organisations(self):
        areas = Area.objects.annotate(orgs=Count("departments__organisation", distinct=True))
        assert sorted((a.municipality_id, a.orgs) for a in areas) == [
            (751, 1),
            (751, 1),
            (751, 1),
            (751, 2),
        ]
        shared = areas.get(orgs=2)
        members = {(d.organisation.name, d.number) for d in shared.departments.all()}
        assert (ORG_A, 1) in members
        assert {org for org, _ in members} == {ORG_A, ORG_B}

    def test_nine_personas_with_their_roles_and_scopes(self):
        dept_a1 = Department.objects.get(organisation__name=ORG_A, number=1)
        assert membership_table() == {
            ("admin", Role.ADMIN, None, None, None),
            ("staff-a", Role.SOCIAL_STAFF, ORG_A, None, None),
            ("head-a", Role.SOCIAL_HEAD, ORG_A, None, None),
            ("board-a", Role.ORG_BOARD, ORG_A, None, None),
            ("management-a", Role.ORG_MANAGEMENT, ORG_A, None, None),
            ("dept-board-a1", Role.DEPT_BOARD, None, (ORG_A, 1), None),
            ("caretaker-a", Role.CARETAKER, ORG_A, None, None),
            ("staff-b", Role.SOCIAL_STAFF, ORG_B, None, None),
            ("municipal", Role.MUNICIPAL, None, None, 751),
        }
        shared_orgs = dept_a1.areas.get().departments.values("organisation").distinct()
        assert shared_orgs.count() == 2

        flags = set(User.objects.values_list("username", "is_superuser", "is_staff"))
        assert ("admin", True, True) in flags
        assert {f for f in flags if f[1] or f[2]} == {("admin", True, True)}

    def test_every_persona_logs_in_with_demo_hashed_by_argon2(self):
        users = list(User.objects.all())
        assert len(users) == 9
        for user in users:
            assert user.password.startswith("argon2$")
            assert user.check_password("demo")
        assert not users[0].check_password("Demo")

    def test_database_counts_as_demo(self):
        assert is_demo_database() is True

    def test_demo_logins_prints_every_persona_with_its_role(self):
        out = StringIO()
        call_command("demo_logins", stdout=out)
        lines = out.getvalue().splitlines()
        assert lines[0] == "Demo-logins (adgangskode: demo)"
        assert lines[2].split() == ["Brugernavn", "Rolle", "og", "adgang"]
        rows = [tuple(line.split(None, 1)) for line in lines[4:]]
        assert rows == organisations_demo.DEMO_PERSONAS
        assert ("municipal", "Kommunal koordinator i Aarhus Kommune") in rows


def history_count_equals_lease_count() -> bool:
    return Lease.history.count() == Lease.objects.count()


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
def test_second_run_changes_nothing_and_says_so():
    seed_demo()
    before, content, max_id = counts(), digest(), Lease.objects.order_by("-id").first().id

    output = seed_demo()
    if_empty_output = seed_demo("--if-empty")

    assert output.startswith("Demodata findes allerede; intet er ændret.")
    assert if_empty_output.startswith("Demodata findes allerede; intet er ændret.")
    assert counts() == before
    assert digest() == content
    assert Lease.objects.order_by("-id").first().id == max_id


@pytest.mark.django_db
def test_reset_recreates_identical_data_with_the_same_seed_and_other_data_with_another():
    seed_demo()
    first, first_counts = digest(), counts()
    old_user_ids = set(User.objects.values_list("id", flat=True))
    staff_a = User.objects.get(username="staff-a")
    AccessLogEntry.objects.create(
        user=staff_a,
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

    seed_demo("--reset", "--seed", "7")

    assert digest() != first
    assert Organisation.objects.count() == 3
    assert Department.objects.count() == 60
    assert sum(Department.objects.values_list("lease_count", flat=True)) == (Lease.objects.count())
    assert history_count_equals_lease_count()


@pytest.mark.django_db
def test_refuses_database_with_a_non_demo_organisation_and_changes_nothing():
    OrganisationFactory(name="Boligforeningen Virkelighed")
    before = counts()

    with pytest.raises(CommandError) as error:
        seed_demo()

    assert str(error.value) == _(REAL_ORG_REFUSAL)
    assert counts() == before == {**before, "organisations": 1, "users": 0, "leases": 0}


@pytest.mark.django_db
def test_reset_refuses_when_real_organisation_was_added_to_demo_data():
    seed_demo()
    OrganisationFactory(name="Boligforeningen Virkelighed")
    before, content = counts(), digest()

    with pytest.raises(CommandError) as error:
        seed_demo("--reset")

    assert str(error.value) == _(REAL_ORG_REFUSAL)
    assert counts() == before
    assert digest() == content


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
