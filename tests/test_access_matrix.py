"""Every URL × every persona -> the expected status, and the exact objects on list pages.

Expectations are written out by hand from the `world` fixture (conftest.py) and the rules in
docs/decisions/0002-access-module.md; they are never computed with the access module itself.
`test_every_url_is_in_the_matrix` makes sure a new URL cannot be added without a row here."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from boligsocial.organisations.models import Lease
from conftest import FAST_HASHERS, World, build_personas, build_world, client_as
from tests import access_rows
from tests.access_rows import EXTENDERS, EXTRA_API, EXTRA_NOT_IN_MATRIX, EXTRA_PAGES
from tests.access_rows.common import ALL, ORG_A_ROLES, only
from tests.access_rows.common import MATRIX_PERSONAS as PERSONAS

# (url name, kwargs from world, personas answered 200, personas answered 403; all other logged-in
# personas get 404; anonymous is redirected to login for pages and refused for the API)
PAGES = [
    ("site:home", {}, ALL, ()),
    ("organisations:municipality_list", {}, ALL, ()),
    ("organisations:organisation_list", {}, ALL, ()),
    ("organisations:area_list", {}, ALL, ()),
    (
        "organisations:municipality",
        {"code": 751},
        ALL - {"nobody"},
        (),
    ),
    ("organisations:municipality", {"code": 851}, only("admin", "staff_b"), ()),
    ("organisations:municipality", {"code": 999}, only(), ()),
    (
        "organisations:organisation",
        {"pk": "org_a"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal"),
        (),
    ),
    ("organisations:organisation", {"pk": "org_b"}, only("admin", "staff_b", "municipal"), ()),
    ("organisations:organisation", {"pk": 999999}, only(), ()),
    (
        "organisations:department",
        {"pk": "dept_a1"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal"),
        (),
    ),
    (
        "organisations:department",
        {"pk": "dept_a2"},
        ORG_A_ROLES | only("admin", "municipal"),
        (),
    ),
    ("organisations:department", {"pk": "dept_b1"}, only("admin", "staff_b", "municipal"), ()),
    ("organisations:department", {"pk": "dept_b_other"}, only("admin", "staff_b"), ()),
    ("organisations:department", {"pk": 999999}, only(), ()),
    (
        "organisations:area",
        {"pk": "area_shared"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal", "staff_b"),
        (),
    ),
    ("organisations:area", {"pk": "area_a2"}, ORG_A_ROLES | only("admin", "municipal"), ()),
    ("organisations:area", {"pk": "area_other"}, only("admin", "staff_b"), ()),
    ("api:docs", {}, ALL, ()),
]

API = [
    ("api:schema", {}, ALL, ()),
    ("api:municipality-list", {}, ALL, ()),
    ("api:municipality-detail", {"pk": 751}, ALL - {"nobody"}, ()),
    ("api:municipality-detail", {"pk": 851}, only("admin", "staff_b"), ()),
    ("api:organisation-list", {}, ALL, ()),
    (
        "api:organisation-detail",
        {"pk": "org_a"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal"),
        (),
    ),
    ("api:organisation-detail", {"pk": "org_b"}, only("admin", "staff_b", "municipal"), ()),
    ("api:department-list", {}, ALL, ()),
    (
        "api:department-detail",
        {"pk": "dept_a1"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal"),
        (),
    ),
    ("api:department-detail", {"pk": "dept_b_other"}, only("admin", "staff_b"), ()),
    ("api:area-list", {}, ALL, ()),
    (
        "api:area-detail",
        {"pk": "area_shared"},
        ORG_A_ROLES | only("admin", "dept_board_a1", "municipal", "staff_b"),
        (),
    ),
    ("api:area-detail", {"pk": "area_other"}, only("admin", "staff_b"), ()),
    ("api:lease-list", {}, ALL, ()),
    ("api:lease-detail", {"pk": "lease_a1"}, ORG_A_ROLES | only("admin"), ()),
    ("api:lease-detail", {"pk": "lease_b1"}, only("admin", "staff_b"), ()),
]

# URL names that are public or handled outside this matrix (POST-only, auth itself, Django admin).
NOT_IN_MATRIX = {
    "login",
    "logout",
    "set_language",
    "core:health",
    "api:token",
} | EXTRA_NOT_IN_MATRIX

# Rows for the other apps live in tests/access_rows/<app>.py.
PAGES += EXTRA_PAGES
API += EXTRA_API


# The module's tests share one world, so pytest-xdist runs them on one worker (make test).
pytestmark = pytest.mark.xdist_group("access_matrix")


@dataclass
class Matrix:
    world: World
    personas: dict

    def client(self, persona: str):
        return client_as(self.personas, persona)


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The shared world plus the objects each app's rows refer to (cases, results, ...), built
    once for this module: building it (the screening above all) is the slow part, not asking
    the URLs. It lives in a transaction that is rolled back after the module's last test; each
    test runs in a savepoint inside it (pytest-django's `db`), so whatever a request writes
    (sessions, the access log) is gone before the next test."""
    fast_hashing = override_settings(PASSWORD_HASHERS=FAST_HASHERS)  # as in every test
    with django_db_blocker.unblock(), transaction.atomic(), fast_hashing:
        world = build_world()
        personas = build_personas(world)
        for extend in EXTENDERS:
            extend(world, personas)
        yield Matrix(world, personas)
        transaction.set_rollback(True)


@pytest.fixture
def matrix_world(matrix, db):
    return matrix.world


@pytest.fixture
def world(matrix, db):
    """The module's world (the conftest fixture would build a second one beside it)."""
    return matrix.world


@pytest.fixture
def client_for(matrix, db):
    return matrix.client


def _resolve_kwargs(world, kwargs):
    return {
        k: getattr(world, v).pk if isinstance(v, str) and hasattr(world, v) else v
        for k, v in kwargs.items()
    }


def _expected(kind, ok, forbidden) -> dict[str, int | str]:
    expected: dict[str, int | str] = {}
    for persona in PERSONAS:
        if persona == "anonymous":
            expected[persona] = "login" if kind == "page" else 403
        elif persona in ok:
            expected[persona] = 200
        elif persona in forbidden:
            expected[persona] = 403
        else:
            expected[persona] = 404
    return expected


def _rows(rows, kind):
    """One test per URL row; it asks the URL as every persona (one world per row, not per
    persona: the world is the slow part) and compares all answers at once."""
    for name, kwargs, ok, forbidden in rows:
        label = f"{name}{sorted(map(str, kwargs.values()))}"
        yield pytest.param(name, kwargs, _expected(kind, ok, forbidden), id=label)


def _outcome(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("login") + "?next="):
        return "login"
    return response.status_code


@pytest.mark.parametrize(("name", "kwargs", "expected"), _rows(PAGES, "page"))
def test_page_access(matrix_world, client_for, name, kwargs, expected):
    url = reverse(name, kwargs=_resolve_kwargs(matrix_world, kwargs))
    answered = {persona: _outcome(client_for(persona).get(url)) for persona in PERSONAS}
    assert answered == expected


@pytest.mark.parametrize(("name", "kwargs", "expected"), _rows(API, "api"))
def test_api_access(matrix_world, client_for, name, kwargs, expected):
    url = reverse(name, kwargs=_resolve_kwargs(matrix_world, kwargs))
    answered = {
        persona: client_for(persona).get(url, HTTP_ACCEPT="application/json").status_code
        for persona in PERSONAS
    }
    assert answered == expected


def _names(resolver, namespace=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.app_name == "admin":
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}"


def test_every_file_of_rows_is_found():
    folder = Path(access_rows.__file__).parent
    files = {p.stem for p in folder.glob("*.py")} - {"__init__", "common"}
    assert {m.__name__.rsplit(".", 1)[1] for m in access_rows.row_modules()} == files
    assert len(files) >= 4  # cases_api, cases_pages, screening_data, screening_pages at least


def test_every_url_is_in_the_matrix():
    covered = {row[0] for row in PAGES + API} | NOT_IN_MATRIX
    assert set(_names(get_resolver())) - covered == set()


# --- exact sets on list pages ----------------------------------------------------------------

DEPARTMENTS_SEEN = {
    "admin": {"dept_a1", "dept_a2", "dept_b1", "dept_b_other"},
    "staff_a": {"dept_a1", "dept_a2"},
    "head_a": {"dept_a1", "dept_a2"},
    "board_a": {"dept_a1", "dept_a2"},
    "caretaker_a": {"dept_a1", "dept_a2"},
    "dept_board_a1": {"dept_a1"},
    "staff_b": {"dept_b1", "dept_b_other"},
    "municipal": {"dept_a1", "dept_a2", "dept_b1"},
    "nobody": set(),
}
ORGANISATIONS_SEEN = {
    "admin": {"org_a", "org_b"},
    "staff_a": {"org_a"},
    "head_a": {"org_a"},
    "board_a": {"org_a"},
    "caretaker_a": {"org_a"},
    "dept_board_a1": {"org_a"},
    "staff_b": {"org_b"},
    "municipal": {"org_a", "org_b"},
    "nobody": set(),
}
AREAS_SEEN = {
    "admin": {"area_shared", "area_a2", "area_other"},
    "staff_a": {"area_shared", "area_a2"},
    "head_a": {"area_shared", "area_a2"},
    "board_a": {"area_shared", "area_a2"},
    "caretaker_a": {"area_shared", "area_a2"},
    "dept_board_a1": {"area_shared"},
    "staff_b": {"area_shared", "area_other"},
    "municipal": {"area_shared", "area_a2"},
    "nobody": set(),
}
MUNICIPALITIES_SEEN = {
    "staff_a": {751},
    "dept_board_a1": {751},
    "staff_b": {751, 851},
    "municipal": {751},
    "nobody": set(),
}


def _ids(world, names):
    return {getattr(world, n).pk for n in names}


@pytest.mark.parametrize("persona", sorted(ORGANISATIONS_SEEN))
def test_organisation_list_shows_exactly_the_visible_organisations(world, client_for, persona):
    response = client_for(persona).get(reverse("organisations:organisation_list"))
    shown = {o.pk for o in response.context["listing"].page.object_list}
    assert shown == _ids(world, ORGANISATIONS_SEEN[persona])


@pytest.mark.parametrize("persona", sorted(AREAS_SEEN))
def test_area_list_shows_exactly_the_visible_areas(world, client_for, persona):
    response = client_for(persona).get(reverse("organisations:area_list"))
    shown = {a.pk for a in response.context["listing"].page.object_list}
    assert shown == _ids(world, AREAS_SEEN[persona])


@pytest.mark.parametrize("persona", sorted(MUNICIPALITIES_SEEN))
def test_municipality_list_shows_exactly_the_visible_municipalities(client_for, persona):
    response = client_for(persona).get(reverse("organisations:municipality_list"))
    shown = {m.code for m in response.context["listing"].page.object_list}
    assert shown == MUNICIPALITIES_SEEN[persona]


def test_admin_sees_all_98_municipalities(client_for, world):
    response = client_for("admin").get(reverse("organisations:municipality_list"))
    assert response.context["listing"].page.paginator.count == 98


@pytest.mark.parametrize("persona", sorted(DEPARTMENTS_SEEN))
def test_departments_on_organisation_pages_are_exactly_the_visible_ones(world, client_for, persona):
    client = client_for(persona)
    shown = set()
    for org in (world.org_a, world.org_b):
        response = client.get(reverse("organisations:organisation", args=[org.pk]))
        if response.status_code == 200:
            shown |= {d.pk for d in response.context["listing"].page.object_list}
    assert shown == _ids(world, DEPARTMENTS_SEEN[persona])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", {"dept_a1", "dept_a2", "dept_b1"}),
        ("staff_a", {"dept_a1", "dept_a2"}),
        ("dept_board_a1", {"dept_a1"}),
        ("staff_b", {"dept_b1"}),
        ("municipal", {"dept_a1", "dept_a2", "dept_b1"}),
    ],
)
def test_municipality_page_lists_only_visible_departments(world, client_for, persona, expected):
    response = client_for(persona).get(reverse("organisations:municipality", args=[751]))
    shown = {d.pk for d in response.context["listing"].page.object_list}
    assert shown == _ids(world, expected)


@pytest.mark.parametrize(
    ("persona", "lists_leases"),
    [
        ("admin", True),
        ("staff_a", True),
        ("head_a", True),
        ("board_a", True),
        ("caretaker_a", True),
        ("dept_board_a1", False),
        ("municipal", False),
    ],
)
def test_department_page_lists_leases_only_for_roles_that_may(
    world, client_for, persona, lists_leases
):
    response = client_for(persona).get(reverse("organisations:department", args=[world.dept_a1.pk]))
    assert response.status_code == 200
    # the world's leases of dept_a1: lease_a1 (3 rooms, 72.5 m²) and the visits rows' second
    # lease (tests/access_rows/visits.py: Alfavej 9, 2 rooms, 60 m²)
    leases = Lease.objects.filter(department=world.dept_a1)
    assert sorted(leases.values_list("address", "rooms")) == [("Alfavej 1", 3), ("Alfavej 9", 2)]
    if lists_leases:
        listed = [lease.pk for lease in response.context["listing"].page.object_list]
        assert sorted(listed) == sorted(leases.values_list("pk", flat=True))
        assert "lease_summary" not in response.context
    else:
        assert "listing" not in response.context
        assert response.context["lease_summary"] == [
            {"rooms": 2, "count": 1, "average_m2": pytest.approx(60)},
            {"rooms": 3, "count": 1, "average_m2": pytest.approx(72.5)},
        ]
        html = response.content.decode()
        assert "Alfavej 1" not in html and "Alfavej 9" not in html


def test_area_page_shows_only_visible_departments_and_counts_the_rest(world, client_for):
    response = client_for("staff_a").get(reverse("organisations:area", args=[world.area_shared.pk]))
    assert [d.pk for d in response.context["departments"]] == [world.dept_a1.pk]
    assert response.context["hidden_count"] == 1
    assert "Betagården" not in response.content.decode()
