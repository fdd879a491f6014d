"""The read-only REST API: exactly the objects each persona may see, the same 404 for objects out of
scope and objects that do not exist, filters, pagination, token authentication and a fixed number
of queries per list.

Expected sets are written out by hand from the `world` fixture (conftest.py) and the rules in
`boligsocial/organisations/access.py`; they are never computed with the access module."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from boligsocial.organisations.models import Municipality
from boligsocial.organisations.tests.factories import (
    AreaFactory,
    DepartmentFactory,
    LeaseFactory,
    OrganisationFactory,
    municipality,
)
from conftest import PERSONAS

URLS = {
    "municipalities": "/api/v1/municipalities/",
    "organisations": "/api/v1/organisations/",
    "departments": "/api/v1/departments/",
    "areas": "/api/v1/areas/",
    "leases": "/api/v1/leases/",
}
ORG_A_ROLES = ("staff_a", "head_a", "board_a", "caretaker_a")
ALL_MUNICIPALITIES = "all 98"


def _per_persona(org_a, dept_board_a1, municipal, staff_b, admin):
    table = dict.fromkeys(ORG_A_ROLES, org_a)
    table.update(dept_board_a1=dept_board_a1, municipal=municipal, staff_b=staff_b, admin=admin)
    table["nobody"] = set()
    return table


SEEN = {
    "municipalities": _per_persona(
        org_a={751}, dept_board_a1={751}, municipal={751}, staff_b={751, 851}, admin=None
    ),
    "organisations": _per_persona(
        org_a={"org_a"},
        dept_board_a1={"org_a"},
        municipal={"org_a", "org_b"},
        staff_b={"org_b"},
        admin={"org_a", "org_b"},
    ),
    "departments": _per_persona(
        org_a={"dept_a1", "dept_a2"},
        dept_board_a1={"dept_a1"},
        municipal={"dept_a1", "dept_a2", "dept_b1"},
        staff_b={"dept_b1", "dept_b_other"},
        admin={"dept_a1", "dept_a2", "dept_b1", "dept_b_other"},
    ),
    "areas": _per_persona(
        org_a={"area_shared", "area_a2"},
        dept_board_a1={"area_shared"},
        municipal={"area_shared", "area_a2"},
        staff_b={"area_shared", "area_other"},
        admin={"area_shared", "area_a2", "area_other"},
    ),
    "leases": _per_persona(
        org_a={"lease_a1", "lease_a2"},
        dept_board_a1=set(),
        municipal=set(),
        staff_b={"lease_b1"},
        admin={"lease_a1", "lease_a2", "lease_b1"},
    ),
}
LOGGED_IN = [p for p in PERSONAS if p != "anonymous"]


def fetch_all(client, url):
    """Every result of a paginated list, following `next`."""
    results = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        url = body["next"]
    return results


def expected_keys(world, endpoint, persona):
    names = SEEN[endpoint][persona]
    if endpoint == "municipalities":
        if names is None:  # the administrator: every municipality loaded by the migration
            return set(Municipality.objects.values_list("code", flat=True))
        return names
    return {getattr(world, name).pk for name in names}


def key_of(endpoint, item):
    return item["code"] if endpoint == "municipalities" else item["id"]


def test_the_routes_live_under_api_v1():
    assert reverse("api:department-list") == "/api/v1/departments/"
    assert reverse("api:municipality-detail", args=[751]) == "/api/v1/municipalities/751/"
    assert reverse("api:token") == "/api/v1/auth/token/"


@pytest.mark.parametrize("endpoint", URLS)
def test_anonymous_is_refused_with_403(world, client_for, endpoint):
    # SessionAuthentication comes first and sends no WWW-Authenticate header, so DRF answers 403.
    response = client_for("anonymous").get(URLS[endpoint])
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("persona", LOGGED_IN)
@pytest.mark.parametrize("endpoint", URLS)
def test_list_shows_exactly_the_objects_the_persona_may_see(world, client_for, endpoint, persona):
    results = fetch_all(client_for(persona), URLS[endpoint])
    keys = [key_of(endpoint, item) for item in results]
    assert len(keys) == len(set(keys))  # no duplicates from joins
    assert set(keys) == expected_keys(world, endpoint, persona)


def test_admin_gets_all_98_municipalities_over_two_pages(world, client_for):
    body = client_for("admin").get(URLS["municipalities"]).json()
    assert body["count"] == 98
    assert len(body["results"]) == 50
    assert body["next"] == "http://testserver/api/v1/municipalities/?page=2"
    assert body["previous"] is None


def test_pagination_has_count_next_previous_and_results(world, client_for):
    body = client_for("admin").get(URLS["departments"], {"page_size": 1, "page": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 4
    # Sorted by organisation name, then number: "Boligforeningen Beta" 1, 2, "Boligselskabet Alfa" …
    assert [d["id"] for d in body["results"]] == [world.dept_b_other.pk]
    assert body["next"] == "http://testserver/api/v1/departments/?page=3&page_size=1"
    assert body["previous"] == "http://testserver/api/v1/departments/?page_size=1"


# --- the fields ------------------------------------------------------------------------------


def test_municipality_fields(world, client_for):
    response = client_for("staff_a").get("/api/v1/municipalities/751/")
    assert response.json() == {
        "code": 751,
        "name": "Aarhus",
        "region_code": 1082,
        "region_name": "Region Midtjylland",
    }


def test_organisation_fields_count_all_its_departments(world, client_for):
    response = client_for("municipal").get(f"/api/v1/organisations/{world.org_b.pk}/")
    # The municipal coordinator sees only dept_b1 of org B, but the count is the organisation's.
    assert response.json() == {
        "id": world.org_b.pk,
        "name": "Boligforeningen Beta",
        "cvr": world.org_b.cvr,
        "lbf_number": world.org_b.lbf_number,
        "department_count": 2,
    }


def test_department_fields(world, client_for):
    d = world.dept_a1
    response = client_for("staff_a").get(f"/api/v1/departments/{d.pk}/")
    assert response.json() == {
        "id": d.pk,
        "organisation": world.org_a.pk,
        "organisation_name": "Boligselskabet Alfa",
        "number": 1,
        "name": "Alfaparken",
        "address": d.address,
        "postal_code": "8000",
        "city": "Aarhus C",
        "municipality": 751,
        "lease_count": 100,
        "year_built": 1970,
        "areas": [world.area_shared.pk],
    }


def test_area_fields_for_staff_a_list_only_its_own_department_but_count_both(world, client_for):
    response = client_for("staff_a").get(f"/api/v1/areas/{world.area_shared.pk}/")
    assert response.json() == {
        "id": world.area_shared.pk,
        "name": "Fællesområdet",
        "municipality": 751,
        "departments": [world.dept_a1.pk],
        "department_count_total": 2,
    }


@pytest.mark.parametrize(
    ("persona", "departments"),
    [
        ("admin", ["dept_a1", "dept_b1"]),
        ("staff_a", ["dept_a1"]),
        ("caretaker_a", ["dept_a1"]),
        ("dept_board_a1", ["dept_a1"]),
        ("municipal", ["dept_a1", "dept_b1"]),
        ("staff_b", ["dept_b1"]),
    ],
)
def test_shared_area_lists_only_the_departments_the_persona_may_see(
    world, client_for, persona, departments
):
    results = fetch_all(client_for(persona), URLS["areas"])
    shared = next(a for a in results if a["id"] == world.area_shared.pk)
    assert shared["departments"] == sorted(getattr(world, n).pk for n in departments)
    assert shared["department_count_total"] == 2


def test_lease_fields_give_the_size_as_a_decimal_string(world, client_for):
    lease = world.lease_a1
    response = client_for("caretaker_a").get(f"/api/v1/leases/{lease.pk}/")
    assert response.json() == {
        "id": lease.pk,
        "department": world.dept_a1.pk,
        "address": "Alfavej 1",
        "unit": "st. tv.",
        "area_m2": "72.5",
        "rooms": 3,
    }


# --- 404: out of scope looks exactly like nonexistent ------------------------------------------

OUT_OF_SCOPE = [
    ("staff_b", "departments", "dept_a1"),
    ("dept_board_a1", "departments", "dept_a2"),
    ("municipal", "departments", "dept_b_other"),
    ("staff_a", "organisations", "org_b"),
    ("staff_a", "areas", "area_other"),
    ("dept_board_a1", "areas", "area_a2"),
    ("staff_a", "leases", "lease_b1"),
    ("dept_board_a1", "leases", "lease_a1"),
    ("municipal", "leases", "lease_a1"),
    ("nobody", "departments", "dept_a1"),
    ("nobody", "municipalities", 751),
    ("staff_a", "municipalities", 851),
    ("municipal", "municipalities", 851),
]


@pytest.mark.parametrize(("persona", "endpoint", "target"), OUT_OF_SCOPE)
def test_object_out_of_scope_is_404_like_a_nonexistent_one(
    world, client_for, persona, endpoint, target
):
    client = client_for(persona)
    key = target if isinstance(target, int) else getattr(world, target).pk
    hidden = client.get(f"{URLS[endpoint]}{key}/")
    missing = client.get(f"{URLS[endpoint]}999999/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


@pytest.mark.parametrize("endpoint", URLS)
@pytest.mark.parametrize("bad_id", ["abc", "1.5", "-1", "99999999999999999999999"])
def test_malformed_or_huge_id_is_404(world, client_for, endpoint, bad_id):
    response = client_for("admin").get(f"{URLS[endpoint]}{bad_id}/")
    assert response.status_code == 404
    assert response.json() == client_for("admin").get(f"{URLS[endpoint]}999999/").json()


@pytest.mark.parametrize(
    ("persona", "endpoint", "target"),
    [
        ("staff_b", "departments", "dept_b_other"),
        ("municipal", "departments", "dept_b1"),
        ("dept_board_a1", "organisations", "org_a"),
        ("staff_b", "areas", "area_shared"),
        ("head_a", "leases", "lease_a2"),
        ("staff_b", "municipalities", 851),
    ],
)
def test_object_in_scope_is_200(world, client_for, persona, endpoint, target):
    key = target if isinstance(target, int) else getattr(world, target).pk
    response = client_for(persona).get(f"{URLS[endpoint]}{key}/")
    assert response.status_code == 200
    assert key_of(endpoint, response.json()) == key


# --- filters, search, ordering -------------------------------------------------------------------


def _ids(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_departments_filter_by_organisation(world, client_for):
    ids = _ids(client_for("municipal"), URLS["departments"], {"organisation": world.org_a.pk})
    assert set(ids) == {world.dept_a1.pk, world.dept_a2.pk}


def test_departments_filter_by_an_organisation_out_of_scope_is_empty_not_an_error(
    world, client_for
):
    client = client_for("staff_a")
    assert _ids(client, URLS["departments"], {"organisation": world.org_b.pk}) == []
    assert _ids(client, URLS["departments"], {"organisation": 999999}) == []


def test_departments_filter_by_municipality(world, client_for):
    ids = _ids(client_for("staff_b"), URLS["departments"], {"municipality": 851})
    assert ids == [world.dept_b_other.pk]


def test_departments_filter_with_a_non_integer_is_400(world, client_for):
    response = client_for("admin").get(URLS["departments"], {"organisation": "abc"})
    assert response.status_code == 400
    assert set(response.json()) == {"organisation"}


def test_departments_search_matches_name_case_insensitively(world, client_for):
    ids = _ids(client_for("admin"), URLS["departments"], {"search": "alfa"})
    assert set(ids) == {world.dept_a1.pk, world.dept_a2.pk}


def test_departments_search_matches_address(world, client_for):
    world.dept_b1.address = "Lyngbyvej 7"
    world.dept_b1.save()
    assert _ids(client_for("admin"), URLS["departments"], {"search": "lyngbyvej"}) == [
        world.dept_b1.pk
    ]


def test_departments_search_stays_within_scope(world, client_for):
    assert _ids(client_for("staff_a"), URLS["departments"], {"search": "Beta"}) == []


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("lease_count", ["dept_b1", "dept_a2", "dept_b_other", "dept_a1"]),
        ("-lease_count", ["dept_a1", "dept_b_other", "dept_a2", "dept_b1"]),
        ("name", ["dept_a2", "dept_a1", "dept_b_other", "dept_b1"]),
        ("-number", ["dept_a2", "dept_b_other", "dept_a1", "dept_b1"]),
    ],
)
def test_departments_ordering(world, client_for, ordering, expected):
    for name, count in [
        ("dept_a1", 400),
        ("dept_a2", 200),
        ("dept_b1", 100),
        ("dept_b_other", 300),
    ]:
        dept = getattr(world, name)
        dept.lease_count = count
        dept.save()
    ids = _ids(client_for("admin"), URLS["departments"], {"ordering": ordering})
    assert ids == [getattr(world, n).pk for n in expected]


def test_departments_ordering_by_an_unlisted_field_is_ignored(world, client_for):
    client = client_for("admin")
    default = _ids(client, URLS["departments"], {})
    assert _ids(client, URLS["departments"], {"ordering": "address"}) == default


def test_leases_filter_by_department(world, client_for):
    client = client_for("staff_a")
    assert _ids(client, URLS["leases"], {"department": world.dept_a1.pk}) == [world.lease_a1.pk]
    assert _ids(client, URLS["leases"], {"department": world.dept_b1.pk}) == []


# --- token authentication ------------------------------------------------------------------------


def test_token_authentication_gives_the_users_own_scope(world, personas):
    token = Token.objects.create(user=personas["staff_b"])
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    results = fetch_all(client, URLS["departments"])
    assert {d["id"] for d in results} == {world.dept_b1.pk, world.dept_b_other.pk}


def test_wrong_token_is_refused(world, personas):
    Token.objects.create(user=personas["staff_b"])
    response = Client(HTTP_AUTHORIZATION="Token " + "0" * 40).get(URLS["departments"])
    assert response.status_code == 403
    assert set(response.json()) == {"detail"}


def test_obtain_token_with_username_and_password(world, personas):
    response = Client().post(reverse("api:token"), {"username": "staff-a", "password": "demo"})
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=personas["staff_a"]).key}


def test_obtain_token_with_wrong_password_creates_no_token(world, personas):
    before = Token.objects.count()
    response = Client().post(reverse("api:token"), {"username": "staff-a", "password": "wrong"})
    assert response.status_code == 400
    assert "token" not in response.json()
    assert Token.objects.count() == before == 0


# --- a fixed number of queries per list --------------------------------------------------------


def grow(world):
    """More rows of every kind, inside the scopes used below."""
    org_c = OrganisationFactory(name="Boligselskabet Gamma")
    copenhagen = municipality(101)
    for n in range(3):
        dept = DepartmentFactory(organisation=world.org_a, number=10 + n, municipality=copenhagen)
        area = AreaFactory(municipality=copenhagen)
        area.departments.set([dept, DepartmentFactory(organisation=org_c, municipality=copenhagen)])
        LeaseFactory.create_batch(2, department=dept)
        DepartmentFactory(organisation=org_c)  # in Aarhus, seen by the municipal coordinator


QUERY_CASES = [
    ("municipalities", "staff_a"),
    ("organisations", "municipal"),
    ("departments", "staff_a"),
    ("areas", "staff_a"),
    ("leases", "staff_a"),
]


@pytest.mark.parametrize(("endpoint", "persona"), QUERY_CASES)
def test_list_runs_a_fixed_number_of_queries(
    world, client_for, django_assert_num_queries, endpoint, persona
):
    client = client_for(persona)
    # session, user, memberships, count, page, one prefetch (departments and areas only), and the
    # session save (SESSION_SAVE_EVERY_REQUEST) wrapped in a savepoint: 3 queries
    expected = 9 if endpoint in ("departments", "areas") else 8
    with django_assert_num_queries(expected):
        before = client.get(URLS[endpoint]).json()["count"]
    grow(world)
    with django_assert_num_queries(expected):
        after = client.get(URLS[endpoint]).json()["count"]
    assert after > before
