"""The lease picker of the new-case form (issue 13, item 6): an address search over the chosen
department's leases (htmx, and a Search button without JavaScript), never one list of them all;
a lease of another department cannot be chosen (refused in Danish, nothing saved)."""

import pytest
from django.urls import reverse

from boligsocial.cases.models import Case
from boligsocial.cases.tests.test_views import _case_data
from boligsocial.organisations.tests.factories import LeaseFactory

pytestmark = pytest.mark.django_db


def lease_radios(body: str) -> int:
    return body.count('name="lease"')


def test_the_new_case_form_lists_no_leases(cw, client_for):
    for n in range(60):
        LeaseFactory(department=cw.dept_a1, address=f"Alfavej {n + 10}", unit="")
    response = client_for("staff_a").get(reverse("cases:create"))
    body = response.content.decode()
    assert response.status_code == 200
    assert lease_radios(body) == 1  # only "no lease / not known"
    assert "Alfavej 1," not in body and "Alfavej 11" not in body
    assert 'name="lease_q"' in body and f'hx-get="{reverse("cases:lease_search")}"' in body


def test_the_search_finds_the_chosen_departments_leases_only(cw, client_for):
    LeaseFactory(department=cw.dept_a2, address="Alfavej 1", unit="2. th.")  # another dept
    client = client_for("staff_a")
    response = client.get(
        reverse("cases:lease_search"), {"department": cw.dept_a1.pk, "lease_q": "alfavej 1"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'value="{cw.lease_a1.pk}"' in body
    assert "Alfavej 1, st. tv." in body and "2. th." not in body
    assert lease_radios(body) == 2


def test_the_search_by_floor_and_door(cw, client_for):
    response = client_for("staff_a").get(
        reverse("cases:lease_search"), {"department": cw.dept_a1.pk, "lease_q": "st. tv"}
    )
    assert f'value="{cw.lease_a1.pk}"' in response.content.decode()


def test_no_match_says_so_in_danish(cw, client_for):
    response = client_for("staff_a").get(
        reverse("cases:lease_search"), {"department": cw.dept_a1.pk, "lease_q": "Betavej"}
    )
    body = response.content.decode()
    assert "Intet lejemål i afdelingen matcher “Betavej”." in body
    assert lease_radios(body) == 1


def test_another_organisations_department_gives_no_leases(cw, client_for):
    response = client_for("staff_a").get(
        reverse("cases:lease_search"), {"department": cw.dept_b1.pk, "lease_q": "Betavej"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'value="{cw.lease_b1.pk}"' not in body and "Vælg afdelingen først." in body
    assert lease_radios(body) == 1


@pytest.mark.parametrize(("persona", "status"), [("caretaker_a", 403), ("board_a", 403)])
def test_the_search_is_for_those_who_open_cases(cw, client_for, persona, status):
    response = client_for(persona).get(
        reverse("cases:lease_search"), {"department": cw.dept_a1.pk, "lease_q": "Alfavej"}
    )
    assert response.status_code == status


def test_a_lease_of_another_department_is_refused_in_danish(cw, client_for):
    before = Case.objects.count()
    response = client_for("staff_a").post(
        reverse("cases:create"), _case_data(cw, lease=cw.lease_a2.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["lease"] == [
        "Lejemålet ligger ikke i den valgte afdeling."
    ]
    assert Case.objects.count() == before


def test_a_lease_outside_the_users_scope_is_refused_in_danish(cw, client_for):
    before = Case.objects.count()
    response = client_for("staff_a").post(
        reverse("cases:create"), _case_data(cw, lease=cw.lease_b1.pk)
    )
    assert response.context["form"].errors["lease"] == ["Vælg et lejemål i den valgte afdeling."]
    assert Case.objects.count() == before


def test_without_javascript_the_search_button_shows_the_matches_and_saves_nothing(cw, client_for):
    before = Case.objects.count()
    data = _case_data(cw, lease="", lease_q="Alfavej", lease_search="1")
    response = client_for("staff_a").post(reverse("cases:create"), data)
    assert response.status_code == 200
    assert Case.objects.count() == before
    body = response.content.decode()
    assert f'value="{cw.lease_a1.pk}"' in body and "Hunden gør om natten." in body
    assert not response.context["form"].is_bound  # no errors shown for the half-filled form
    # then choosing the found lease opens the case with its address
    response = client_for("staff_a").post(
        reverse("cases:create"), _case_data(cw, lease=cw.lease_a1.pk, lease_q="Alfavej")
    )
    assert response.status_code == 302
    assert Case.objects.get(description="Hunden gør om natten.").address == "Alfavej 1, st. tv."


def test_the_edit_form_shows_the_cases_lease_as_chosen(cw, client_for):
    body = client_for("staff_a").get(reverse("cases:edit", args=[cw.case_a1.pk])).content.decode()
    assert f'value="{cw.lease_a1.pk}" checked' in body
    assert lease_radios(body) == 2


def test_the_form_has_a_fixed_number_of_queries(cw, client_for, django_assert_max_num_queries):
    client = client_for("staff_a")
    client.get(reverse("cases:create"))
    with django_assert_max_num_queries(20) as first:
        client.get(reverse("cases:create"))
    for n in range(40):
        LeaseFactory(department=cw.dept_a1, address=f"Gammavej {n}", unit="")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("cases:create"))
