"""Demo data for the housing model: three fictional housing organisations in Aarhus Kommune with
60 departments, about 18,000 leases, four housing areas and the demo personas.

Everything here is invented (names, addresses, CVR and LBF numbers); only the municipality, its
postal districts and the shape of the data are real. The same seed gives the same data.
The plan is made first in plain Python (`plan_departments`), then written by `seed`."""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from simple_history.utils import bulk_create_with_history

from boligsocial.audit.models import AccessLogEntry, ChangeLogEntry
from boligsocial.core.demo import DEMO_PASSWORD, DemoContext, demo_email, demo_users_q
from boligsocial.organisations.models import (
    Area,
    Department,
    Lease,
    Membership,
    Municipality,
    Organisation,
)
from boligsocial.organisations.roles import Role
from boligsocial.organisations.validators import CVR_WEIGHTS

ORDER = 10
MUNICIPALITY_CODE = 751  # Aarhus

ORGANISATIONS = (  # ctx.objects key, name, LBF number, number of departments
    ("org_a", "Demoboligselskabet Egeskov", 90001, 28),
    ("org_b", "Demo Boligforening Lindely", 90002, 20),
    ("org_c", "Demoboliger Bøgelund", 90003, 12),
)
FIRST_DEPARTMENT = "Egeparken"  # organisation A's department 1, named in DEMO_PERSONAS

# Four housing areas: a postal district and (organisation key, department index) pairs.
# The first spans two organisations; its first department is organisation A's department 1.
AREAS = (
    ("8220", (("org_a", 0), ("org_a", 1), ("org_b", 0))),
    ("8210", (("org_a", 2), ("org_a", 3))),
    ("8200", (("org_b", 1), ("org_b", 2))),
    ("8260", (("org_c", 0), ("org_c", 1))),
)

# Department sizes: (how many, fewest leases, most leases, most common). Housing areas get
# departments from the two larger bands (an area under § 61a has at least 1,000 residents).
SIZE_BANDS = ((7, 20, 49, 30), (30, 50, 300, 120), (14, 300, 600, 400), (9, 600, 900, 700))

POSTAL_DISTRICTS = (  # postal code, city, weight (all in Aarhus Kommune)
    ("8000", "Aarhus C", 2),
    ("8200", "Aarhus N", 4),
    ("8210", "Aarhus V", 4),
    ("8220", "Brabrand", 5),
    ("8230", "Åbyhøj", 2),
    ("8240", "Risskov", 2),
    ("8250", "Egå", 1),
    ("8260", "Viby J", 4),
    ("8270", "Højbjerg", 3),
    ("8310", "Tranbjerg J", 2),
    ("8381", "Tilst", 1),
    ("8520", "Lystrup", 2),
)
CITIES = {code: city for code, city, _ in POSTAL_DISTRICTS}

TREES = ("Ege", "Bøge", "Linde", "Hassel", "Ahorn", "Elme", "Birke", "Rønne", "Pile", "Kastanje")
TREES += ("Hylde", "Tjørne", "Syrene", "Æble", "Pære", "Kirsebær", "Poppel", "Gran")
PLACES = ("Sol", "Kilde", "Mølle", "Skov", "Sø", "Vester", "Øster", "Sønder", "Stjerne", "Nørre")
BIRDS = ("Lærke", "Svane", "Vibe", "Drossel", "Stær", "Ugle", "Falke", "Svale", "Mejse", "Spurve")
FLOWERS = ("Rosen", "Kløver", "Valmue", "Anemone", "Tulipan", "Lupin", "Hyben", "Blåklokke")
DEPARTMENT_PREFIXES = TREES + PLACES + ("Lærke", "Svane", "Vibe", "Rosen", "Kløver", "Hjorte")
DEPARTMENT_SUFFIXES = ("parken", "haven", "gården", "bakken", "høj", "lunden", "vænget", "engen")
DEPARTMENT_SUFFIXES += ("toften", "hegnet", "gårdene")
STREET_PREFIXES = TREES + PLACES + BIRDS + FLOWERS
STREET_SUFFIXES = ("vej", "gade", "stien", "vænget", "toften", "allé", "haven", "parken")

DOORS = {2: ("tv.", "th."), 3: ("tv.", "mf.", "th.")}
ROOM_AREAS = {1: (35, 52), 2: (50, 75), 3: (68, 95), 4: (85, 115), 5: (100, 130)}  # m²
BLOCK_ROOMS = {1: 2, 2: 5, 3: 6, 4: 3, 5: 1}  # rooms -> weight
ROW_HOUSE_ROOMS = {2: 2, 3: 5, 4: 4, 5: 2}


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    scope: str  # the ctx.objects key of the organisation/department/municipality; "" = global
    description: str  # Danish, printed by `manage.py demo_logins`


_ORG_A, _ORG_B = ORGANISATIONS[0][1], ORGANISATIONS[1][1]
PERSONAS = (
    Persona(
        "admin",
        "Anders",
        "Demosen",
        Role.ADMIN,
        "",
        "Administrator: konfiguration, brugere og import (hele systemet)",
    ),
    Persona(
        "staff-a",
        "Sofie",
        "Eksempelsen",
        Role.SOCIAL_STAFF,
        "org_a",
        f"Boligsocial medarbejder i {_ORG_A}",
    ),
    Persona(
        "head-a",
        "Henrik",
        "Prøvesen",
        Role.SOCIAL_HEAD,
        "org_a",
        f"Chef for sociale indsatser i {_ORG_A}",
    ),
    Persona(
        "board-a",
        "Birthe",
        "Mønstergaard",
        Role.ORG_BOARD,
        "org_a",
        f"Organisationsbestyrelse (valgt medlem) i {_ORG_A}: ser og rapporterer",
    ),
    Persona(
        "management-a",
        "Frederik",
        "Forretningsen",
        Role.ORG_MANAGEMENT,
        "org_a",
        f"Forretningsfører i {_ORG_A}: også import af stamdata og indikatorværdier",
    ),
    Persona(
        "dept-board-a1",
        "Jens",
        "Afdelingsen",
        Role.DEPT_BOARD,
        "dept_a1",
        f"Afdelingsbestyrelse i afdeling 1 {FIRST_DEPARTMENT} ({_ORG_A})",
    ),
    Persona(
        "caretaker-a",
        "Kurt",
        "Viceværtsen",
        Role.CARETAKER,
        "org_a",
        f"Ejendomsfunktionær i {_ORG_A}",
    ),
    Persona(
        "staff-b",
        "Maja",
        "Fiktivsen",
        Role.SOCIAL_STAFF,
        "org_b",
        f"Boligsocial medarbejder i {_ORG_B}",
    ),
    Persona(
        "municipal",
        "Lene",
        "Kommunesen",
        Role.MUNICIPAL,
        "municipality",
        "Kommunal koordinator i Aarhus Kommune",
    ),
)
DEMO_PERSONAS = [(p.username, p.description) for p in PERSONAS]
USERNAMES = frozenset(p.username for p in PERSONAS)


def demo_cvr(n: int) -> str:
    """The n-th valid CVR number counting down from 99999999 (a range not yet allocated)."""
    found = -1
    for candidate in range(99999999, 10000000, -1):
        digits = str(candidate)
        if sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11 == 0:
            found += 1
            if found == n:
                return digits
    raise ValueError(n)


@dataclass
class DepartmentPlan:
    org_key: str
    number: int
    name: str
    postal_code: str
    lease_count: int
    year_built: int = 0
    leases: list[tuple[str, str, Decimal, int]] = field(default_factory=list)

    @property
    def city(self) -> str:
        return CITIES[self.postal_code]

    @property
    def address(self) -> str:
        return self.leases[0][0]


def _compounds(prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> list[str]:
    """Prefix + suffix, skipping clumsy joins such as "Ege" + "engen"."""
    return [p + s for p in prefixes for s in suffixes if p[-1] != s[0]]


def _lease_counts(rng) -> tuple[list[int], list[int]]:
    """(counts for the area departments, counts for the rest), both in random order."""
    bands = [
        [round(rng.triangular(lo, hi, mode)) for _ in range(n)] for n, lo, hi, mode in SIZE_BANDS
    ]
    small = bands[0] + bands[1]
    large = bands[2] + bands[3]
    rng.shuffle(large)
    in_areas = sum(len(members) for _, members in AREAS)
    rest = small + large[in_areas:]
    rng.shuffle(rest)
    return large[:in_areas], rest


def _flat_type(rng, weights: dict[int, int]) -> tuple[Decimal, int]:
    rooms = rng.choices(list(weights), weights=list(weights.values()))[0]
    lo, hi = ROOM_AREAS[rooms]
    return (Decimal(rng.randint(lo * 10, hi * 10)) / 10).quantize(Decimal("0.1")), rooms


def _addresses(rng, first_street: str, streets: Iterator[str], per_street) -> Iterator[str]:
    """House numbers along one street after another: all odd, all even or consecutive."""
    street = first_street
    while True:
        step = rng.choice((1, 2))
        number = 1 if step == 1 else rng.choice((1, 2))
        for _ in range(rng.randint(*per_street)):
            yield f"{street} {number}"
            number += step
        street = next(streets)


def _plan_leases(rng, plan: DepartmentPlan, streets: Iterator[str]) -> None:
    n = plan.lease_count
    row_houses = (n < 60 and rng.random() < 0.7) or (n <= 250 and rng.random() < 0.3)
    first_street = plan.name if rng.random() < 0.35 else next(streets)
    if row_houses:
        plan.year_built = rng.randint(1968, 2015)
        types = [_flat_type(rng, ROW_HOUSE_ROOMS) for _ in range(rng.randint(2, 3))]
        addresses = _addresses(rng, first_street, streets, (16, 40))
        plan.leases = [(next(addresses), "", *rng.choice(types)) for _ in range(n)]
        return
    plan.year_built = rng.randint(1962, 1976) if n >= 600 else rng.randint(1950, 2012)
    storeys = rng.randint(6, 8) if n >= 600 else rng.randint(2, 4)  # above the ground floor
    floors = ["st.", *(f"{i}." for i in range(1, storeys + 1))]
    doors = DOORS[rng.choice((2, 2, 3))]
    types = [_flat_type(rng, BLOCK_ROOMS) for _ in range(rng.randint(3, 5))]
    addresses = _addresses(rng, first_street, streets, (6, 24))
    while len(plan.leases) < n:
        address = next(addresses)
        layout = [rng.choice(types) for _ in doors]  # every floor of a stairwell is alike
        for floor, (door, flat) in itertools.product(floors, zip(doors, layout, strict=True)):
            if len(plan.leases) < n:
                plan.leases.append((address, f"{floor} {door}", *flat))


def plan_departments(rng) -> list[DepartmentPlan]:
    """The departments and their leases, in organisation and number order."""
    area_counts, other_counts = _lease_counts(rng)
    area_slots = {slot: code for code, members in AREAS for slot in members}
    names = [
        n for n in _compounds(DEPARTMENT_PREFIXES, DEPARTMENT_SUFFIXES) if n != FIRST_DEPARTMENT
    ]
    rng.shuffle(names)
    names.insert(0, FIRST_DEPARTMENT)
    postal_codes, weights = [c for c, _, _ in POSTAL_DISTRICTS], [w for *_, w in POSTAL_DISTRICTS]
    plans = []
    for org_key, _, _, count in ORGANISATIONS:
        number = 0
        for index in range(count):
            number += 1 if index == 0 else rng.choice((1, 1, 1, 2))  # gaps after number 1
            in_area = area_slots.get((org_key, index))
            plans.append(
                DepartmentPlan(
                    org_key=org_key,
                    number=number,
                    name=names.pop(0),
                    postal_code=in_area or rng.choices(postal_codes, weights=weights)[0],
                    lease_count=area_counts.pop(0) if in_area else other_counts.pop(0),
                )
            )
    used = {p.name for p in plans}
    street_pool = [s for s in _compounds(STREET_PREFIXES, STREET_SUFFIXES) if s not in used]
    rng.shuffle(street_pool)
    streets = iter(street_pool)
    for plan in plans:
        _plan_leases(rng, plan, streets)
    return plans


def seed(ctx: DemoContext) -> None:
    municipality = Municipality.objects.get(code=MUNICIPALITY_CODE)
    objects = ctx.objects
    objects["municipality"] = municipality
    for index, (key, name, lbf_number, _) in enumerate(ORGANISATIONS):
        org = Organisation(name=name, cvr=demo_cvr(index), lbf_number=lbf_number, is_demo=True)
        org.full_clean()
        org.save()
        objects[key] = org
    objects["organisations"] = [objects[key] for key, *_ in ORGANISATIONS]

    plans = plan_departments(ctx.rng)
    departments, leases = [], []
    for plan in plans:
        department = Department(
            organisation=objects[plan.org_key],
            number=plan.number,
            name=plan.name,
            address=plan.address,
            postal_code=plan.postal_code,
            city=plan.city,
            municipality=municipality,
            lease_count=plan.lease_count,
            year_built=plan.year_built,
        )
        department.full_clean()
        department.save()
        departments.append(department)
        leases += [
            Lease(department=department, address=a, unit=u, area_m2=m2, rooms=r)
            for a, u, m2, r in plan.leases
        ]
    bulk_create_with_history(leases, Lease, batch_size=500, default_change_reason="Demodata")
    objects["departments"] = departments
    by_org = {
        key: [d for d, p in zip(departments, plans, strict=True) if p.org_key == key]
        for key, *_ in ORGANISATIONS
    }
    objects["departments_by_org"] = by_org
    objects["dept_a1"] = by_org["org_a"][0]

    areas = []
    for _, members in AREAS:
        area_departments = [by_org[key][index] for key, index in members]
        area = Area(name="/".join(d.name for d in area_departments), municipality=municipality)
        area.full_clean()
        area.save()
        area.departments.set(area_departments)
        areas.append(area)
    objects["areas"] = areas
    objects["area_shared"] = areas[0]

    # One Argon2 hash for all: the password is published, and each hash takes about half a second.
    password = make_password(DEMO_PASSWORD)
    objects["personas"] = {p.username: _create_persona(p, objects, password) for p in PERSONAS}
    ctx.log(
        f"Boligorganisationer: {len(ORGANISATIONS)}, afdelinger: {len(departments)}, "
        f"lejemål: {len(leases)}, boligområder: {len(areas)}, demobrugere: {len(PERSONAS)} "
        f"({municipality})."
    )


def _create_persona(persona: Persona, objects: dict, password: str):
    user = get_user_model()(
        username=persona.username,
        password=password,
        first_name=persona.first_name,
        last_name=persona.last_name,
        email=demo_email(persona.username),
        is_staff=persona.role == Role.ADMIN,
        is_superuser=persona.role == Role.ADMIN,
    )
    user.save()
    scope = {}
    if persona.scope:
        target = objects[persona.scope]
        field_name = {Organisation: "organisation", Department: "department"}.get(
            type(target), "municipality"
        )
        scope = {field_name: target}
    Membership.objects.create(user=user, role=persona.role, **scope)
    return user


def delete_demo_data() -> None:
    """Remove the demo organisations, their departments, leases and areas, the demo users, and
    the history, access log and change log rows of the demo users (a later app's demo may act
    as a persona, e.g. the head agreeing a styringsdialog agreement)."""
    org_ids = list(Organisation.objects.filter(is_demo=True).values_list("id", flat=True))
    dept_ids = list(
        Department.objects.filter(organisation_id__in=org_ids).values_list("id", flat=True)
    )
    area_ids = list(
        Area.objects.filter(departments__in=dept_ids).values_list("id", flat=True).distinct()
    )
    users = get_user_model().objects.filter(demo_users_q(USERNAMES))
    user_ids = list(users.values_list("id", flat=True))

    AccessLogEntry.objects.filter(user_id__in=user_ids).delete()
    ChangeLogEntry.objects.filter(actor_id__in=user_ids).delete()
    Area.objects.filter(id__in=area_ids).delete()
    # One DELETE instead of ~18,000 deletes each writing a history row that is purged below.
    leases = Lease.objects.filter(department_id__in=dept_ids)
    leases._raw_delete(leases.db)
    Department.objects.filter(id__in=dept_ids).delete()
    Organisation.objects.filter(id__in=org_ids).delete()
    users.delete()  # and their memberships

    Lease.history.filter(department_id__in=dept_ids).delete()
    Department.history.filter(id__in=dept_ids).delete()
    Organisation.history.filter(id__in=org_ids).delete()
    Area.history.filter(id__in=area_ids).delete()
    Membership.history.filter(user_id__in=user_ids).delete()
