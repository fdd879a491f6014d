"""The housing pages: fixed query counts, sorting, searching, paginating, forged parameters."""

import pytest
from django.urls import reverse

from boligsocial.organisations.tests.factories import (
    AreaFactory,
    DepartmentFactory,
    LeaseFactory,
)


def _more_rows(world):
    """Add rows everywhere, so a per-row query would show in the count."""
    for n in range(5):
        dept = DepartmentFactory(organisation=world.org_a, number=100 + n, name=f"Ekstra {n}")
        LeaseFactory.create_batch(3, department=dept)
        AreaFactory(name=f"Ekstraområde {n}").departments.set([dept, world.dept_b1])


# (url name, kwargs, {persona: queries}): the exact count, the same on SQLite and PostgreSQL,
# before and after rows are added everywhere. Each count includes the session, the user and
# the memberships at the start and the session save (a savepoint around one UPDATE) at the end.
PAGES = [
    ("organisations:organisation_list", lambda w: {}, {"staff_a": 8, "municipal": 8, "head_a": 8}),
    ("organisations:municipality_list", lambda w: {}, {"staff_a": 8, "municipal": 8, "head_a": 8}),
    ("organisations:area_list", lambda w: {}, {"staff_a": 9, "municipal": 9, "head_a": 9}),
    (
        "organisations:municipality",
        lambda w: {"code": 751},
        {"staff_a": 13, "municipal": 13, "head_a": 13},
    ),
    (
        "organisations:organisation",
        lambda w: {"pk": w.org_a.pk},
        {"staff_a": 11, "municipal": 11, "head_a": 11},
    ),
    # the municipal user gets a lease summary, not the lease list; a head also the history
    (
        "organisations:department",
        lambda w: {"pk": w.dept_a1.pk},
        {"staff_a": 12, "municipal": 11, "head_a": 13},
    ),
    (
        "organisations:area",
        lambda w: {"pk": w.area_shared.pk},
        {"staff_a": 8, "municipal": 8, "head_a": 8},
    ),
    # home: the tiles of every app; the cases tile counts unassigned and without a next deadline
    # (+2 for staff, issue 13), the analyses' coverage tile (+4, issue 14)
    ("site:home", lambda w: {}, {"staff_a": 28, "municipal": 23, "head_a": 29}),
]


@pytest.mark.parametrize("persona", ["staff_a", "municipal", "head_a"])
@pytest.mark.parametrize(("name", "kwargs", "queries"), PAGES, ids=[p[0] for p in PAGES])
def test_page_query_count_does_not_grow_with_rows(
    world, client_for, django_assert_num_queries, persona, name, kwargs, queries
):
    client = client_for(persona)
    url = reverse(name, kwargs=kwargs(world))
    client.get(url)  # warm up the session
    with django_assert_num_queries(queries[persona]):
        assert client.get(url).status_code == 200
    _more_rows(world)
    LeaseFactory.create_batch(10, department=world.dept_a1)
    with django_assert_num_queries(queries[persona]):
        assert client.get(url).status_code == 200


def test_departments_sort_by_lease_count_both_ways(world, client_for):
    DepartmentFactory(organisation=world.org_a, number=3, name="Stor", lease_count=900)
    client = client_for("staff_a")
    url = reverse("organisations:organisation", args=[world.org_a.pk])
    up = client.get(url, {"sort": "leases"}).context["listing"].page.object_list
    down = client.get(url, {"sort": "-leases"}).context["listing"].page.object_list
    assert [d.name for d in up] == ["Alfaparken", "Alfahaven", "Stor"]
    assert [d.name for d in down] == ["Stor", "Alfahaven", "Alfaparken"]


def test_forged_sort_and_page_parameters_fall_back_instead_of_failing(world, client_for):
    client = client_for("staff_a")
    url = reverse("organisations:organisation", args=[world.org_a.pk])
    for params in (
        {"sort": "password"},
        {"sort": "-organisation__memberships__user__password"},
        {"page": "abc"},
        {"page": "-3"},
        {"page": "999999"},
        {"q": "x" * 5000},
    ):
        response = client.get(url, params)
        assert response.status_code == 200, params
    listing = client.get(url, {"sort": "password"}).context["listing"]
    assert listing.sort == "number"
    assert [d.number for d in listing.page.object_list] == [1, 2]
    assert len(client.get(url, {"q": "x" * 5000}).context["listing"].query) == 100


def test_lease_search_matches_address_and_unit_and_keeps_sort_in_links(world, client_for):
    LeaseFactory(department=world.dept_a1, address="Egevej 2", unit="2. th.")
    LeaseFactory(department=world.dept_a1, address="Bøgevej 9", unit="")
    client = client_for("staff_a")
    url = reverse("organisations:department", args=[world.dept_a1.pk])
    listing = client.get(url, {"q": "egevej", "sort": "-address"}).context["listing"]
    assert [str(lease) for lease in listing.page.object_list] == ["Egevej 2, 2. th."]
    assert listing.columns["m2"].url == "?q=egevej&sort=m2"
    assert listing.url_for_page(2) == "?q=egevej&sort=-address&page=2"


def test_leases_paginate_fifty_per_page(world, client_for):
    for n in range(120):
        LeaseFactory(department=world.dept_a1, address=f"Sidevej {n:03d}", unit="")
    client = client_for("staff_a")
    url = reverse("organisations:department", args=[world.dept_a1.pk])
    page3 = client.get(url, {"page": 3}).context["listing"].page
    assert page3.paginator.count == 121
    assert len(page3.object_list) == 21
    assert page3.object_list[0].address == "Sidevej 099"  # "Alfavej 1" sorts first


def test_htmx_request_gets_only_the_table_partial(world, client_for):
    client = client_for("staff_a")
    url = reverse("organisations:department", args=[world.dept_a1.pk])
    partial = client.get(url, {"q": "Alfa"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    html = partial.content.decode()
    assert "<html" not in html
    assert "Alfavej 1, st. tv." in html
    assert partial["Vary"].count("HX-Request") == 1
    full = client.get(
        url, {"q": "Alfa"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in full.content.decode()


def test_manager_sees_the_change_history_of_a_department(world, client_for, personas):
    world.dept_a1.name = "Alfaparken Nord"
    world.dept_a1._change_reason = "test"
    world.dept_a1.save()
    response = client_for("head_a").get(
        reverse("organisations:department", args=[world.dept_a1.pk])
    )
    changes = response.context["changes"]
    assert changes[0]["fields"] == [
        {"field": "navn", "old": "Alfaparken", "new": "Alfaparken Nord"}
    ]
    assert (
        "changes"
        not in client_for("staff_a")
        .get(reverse("organisations:department", args=[world.dept_a1.pk]))
        .context
    )
