"""Checks of the organisations' demo data (organisations, departments, leases, areas, personas),
run by tests/test_demo_data.py against one seeded demo."""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F

from boligsocial.core.demo import DEFAULT_SEED
from boligsocial.organisations import demo as organisations_demo
from boligsocial.organisations.models import Area, Department, Lease, Membership, Organisation
from boligsocial.organisations.roles import Role
from boligsocial.organisations.validators import cvr_is_valid
from boligsocial.site.demo import is_demo_database

User = get_user_model()
ORG_A, ORG_B, ORG_C = (name for _, name, _, _ in organisations_demo.ORGANISATIONS)
LEASES_WITH_DEFAULT_SEED = 18096
ROW_HOUSES_WITH_DEFAULT_SEED = 1118


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


def check_seed_demo_in_empty_database_says_what_it_created(output):
    assert (
        "Boligorganisationer: 3, afdelinger: 60, lejemål: 18096, boligområder: 4, "
        "demobrugere: 9 (Aarhus Kommune)."
    ) in output
    assert f"Demodata oprettet (seed {DEFAULT_SEED}) på " in output


def check_three_demo_organisations_with_valid_cvr_and_lbf_numbers():
    orgs = list(Organisation.objects.order_by("lbf_number"))
    assert [(o.name, o.lbf_number, o.is_demo) for o in orgs] == [
        (ORG_A, 90001, True),
        (ORG_B, 90002, True),
        (ORG_C, 90003, True),
    ]
    assert [o.cvr for o in orgs] == ["99999993", "99999985", "99999977"]
    assert all(cvr_is_valid(o.cvr) and "Demo" in o.name for o in orgs)


def check_sixty_departments_in_aarhus_each_with_exactly_lease_count_leases():
    per_org = dict(Department.objects.values_list("organisation__name").annotate(n=Count("id")))
    assert per_org == {ORG_A: 28, ORG_B: 20, ORG_C: 12}
    assert set(Department.objects.values_list("municipality_id", flat=True)) == {751}
    mismatched = Department.objects.annotate(n=Count("leases")).exclude(n=F("lease_count"))
    assert list(mismatched) == []
    assert Lease.objects.count() == LEASES_WITH_DEFAULT_SEED
    assert sum(Department.objects.values_list("lease_count", flat=True)) == (
        LEASES_WITH_DEFAULT_SEED
    )


def check_departments_have_plausible_sizes_years_names_and_aarhus_postal_districts():
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


def check_leases_are_valid_and_size_follows_rooms():
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
    assert Lease.history.count() == Lease.objects.count()


def check_four_areas_in_aarhus_and_exactly_one_spans_two_organisations():
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


def check_nine_personas_with_their_roles_and_scopes():
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


def check_every_persona_logs_in_with_demo_hashed_by_argon2():
    users = list(User.objects.all())
    assert len(users) == 9
    for user in users:
        assert user.password.startswith("argon2$")
        assert user.check_password("demo")
    assert not users[0].check_password("Demo")


def check_database_counts_as_demo():
    assert is_demo_database() is True


def check_demo_logins_prints_every_persona_with_its_role():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Demo-logins (adgangskode: demo)"
    assert lines[2].split() == ["Brugernavn", "Rolle", "og", "adgang"]
    rows = [tuple(line.split(None, 1)) for line in lines[4:]]
    assert rows == organisations_demo.DEMO_PERSONAS
    assert ("municipal", "Kommunal koordinator i Aarhus Kommune") in rows
