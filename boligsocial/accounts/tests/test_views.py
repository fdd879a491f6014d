"""The pages of user administration: exactly who is listed, search, filters, sorting and pages
(with their query count), the forms (forged values are form errors and change nothing), the
confirmations, the export and the links that lead to the pages."""

import io
from datetime import date

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from boligsocial.accounts import nav
from boligsocial.audit.models import AccessLogEntry
from boligsocial.organisations.access import scope
from boligsocial.organisations.models import Membership
from boligsocial.organisations.roles import Role
from boligsocial.organisations.tests.factories import UserFactory

User = get_user_model()
PEOPLE = reverse("accounts:people")
# Django's own Danish messages for a value that is not among the choices.
ADMIN_NOT_A_CHOICE = (
    "Marker en gyldig valgmulighed. admin er ikke en af de tilgængelige valgmuligheder."
)
NOT_A_CHOICE = (
    "Marker en gyldig valgmulighed. Det valg, du har foretaget, er ikke blandt de tilgængelige "
    "valgmuligheder."
)
WHOLE_ORGANISATION = (
    "Rollen gælder hele boligorganisationen: vælg boligorganisationen og ingen afdeling."
)
ORG_A_PEOPLE = {
    ("staff-a", "social_staff"),
    ("head-a", "social_head"),
    ("board-a", "org_board"),
    ("management-a", "org_management"),
    ("caretaker-a", "caretaker"),
    ("dept-board-a1", "dept_board"),
}


def rows(response) -> set[tuple[str, str]]:
    return {(m.user.username, m.role) for m in response.context["listing"].page.object_list}


def named(personas, **names):
    """Give personas readable names (the factory's are numbered)."""
    for key, (first, last) in names.items():
        User.objects.filter(pk=personas[key].pk).update(first_name=first, last_name=last)


# --- the list ------------------------------------------------------------------------------------


def test_a_head_sees_exactly_the_roles_of_their_organisation_and_its_departments(world, client_for):
    response = client_for("head_a").get(PEOPLE)
    assert response.status_code == 200
    assert rows(response) == ORG_A_PEOPLE
    assert response.context["can_invite"] is True
    assert response.context["show_organisation_filter"] is False


def test_an_administrator_sees_everyone_with_a_role(world, personas, client_for):
    response = client_for("admin").get(PEOPLE)
    assert rows(response) == ORG_A_PEOPLE | {
        ("staff-b", "social_staff"),
        ("municipal", "municipal"),
        ("admin", "admin"),
    }
    assert response.context["show_organisation_filter"] is True


def test_the_list_page_makes_a_fixed_number_of_queries(
    world, personas, client_for, django_assert_num_queries
):
    client = client_for("head_a")
    client.get(PEOPLE)
    for n in range(30):
        UserFactory(username=f"flere{n}")
        Membership.objects.create(
            user=User.objects.get(username=f"flere{n}"),
            role=Role.CARETAKER,
            organisation=world.org_a,
        )
    # session, user, the user's memberships (scope), count, page, organisations (is there a
    # choice to filter by), and saving the session (savepoint, update, release): 9
    with django_assert_num_queries(9):
        response = client.get(PEOPLE)
    assert len(response.context["listing"].page.object_list) == 25


def test_search_filters_sort_and_pages_keep_each_other(world, personas, client_for):
    named(
        personas,
        staff_a=("Anna", "Andersen"),
        head_a=("Bo", "Bech"),
        board_a=("Carl", "Carlsen"),
        management_a=("Dorte", "Dahl"),
        caretaker_a=("Erik", "Eskildsen"),
        dept_board_a1=("Frida", "Fisker"),
    )
    client = client_for("head_a")
    by_name = client.get(PEOPLE, {"sort": "-name"})
    assert [m.user.first_name for m in by_name.context["listing"].page.object_list] == [
        "Frida",
        "Erik",
        "Dorte",
        "Carl",
        "Bo",
        "Anna",
    ]
    by_role = client.get(PEOPLE, {"sort": "role"})
    assert [m.role for m in by_role.context["listing"].page.object_list] == [
        "social_staff",
        "social_head",
        "org_board",
        "org_management",
        "dept_board",
        "caretaker",
    ]
    assert rows(client.get(PEOPLE, {"q": "caretaker-a@example"})) == {("caretaker-a", "caretaker")}
    assert rows(client.get(PEOPLE, {"q": "dahl"})) == {("management-a", "org_management")}
    assert rows(client.get(PEOPLE, {"role": "org_board"})) == {("board-a", "org_board")}
    forged = client.get(PEOPLE, {"organisation": world.org_b.pk})  # not theirs: ignored
    assert rows(forged) == ORG_A_PEOPLE

    for n in range(30):
        user = UserFactory(username=f"vv{n:02}", first_name="Vicevært", last_name=f"{n:02}")
        Membership.objects.create(user=user, role=Role.CARETAKER, organisation=world.org_a)
    first = client.get(PEOPLE, {"role": "caretaker", "sort": "name"})
    listing = first.context["listing"]
    assert listing.page.paginator.count == 31
    assert listing.next_url == "?sort=name&role=caretaker&page=2"
    assert listing.columns["email"].url == "?sort=email&role=caretaker"
    second = client.get(PEOPLE + listing.next_url)
    assert [m.user.username for m in second.context["listing"].page.object_list] == [
        "vv24",
        "vv25",
        "vv26",
        "vv27",
        "vv28",
        "vv29",
    ]


def test_status_filter_and_the_empty_states(world, personas, client_for):
    pending = UserFactory(username="ventende")
    pending.set_unusable_password()
    pending.save()
    Membership.objects.create(user=pending, role=Role.SOCIAL_STAFF, organisation=world.org_a)
    User.objects.filter(pk=personas["caretaker_a"].pk).update(is_active=False)
    client = client_for("head_a")
    assert rows(client.get(PEOPLE, {"status": "pending"})) == {("ventende", "social_staff")}
    assert rows(client.get(PEOPLE, {"status": "deactivated"})) == {("caretaker-a", "caretaker")}
    page = client.get(PEOPLE, {"status": "pending"}).content.decode()
    assert "Inviteret, ingen adgangskode endnu" in page
    none = client.get(PEOPLE, {"q": "findes-ikke"}).content.decode()
    assert "Ingen matcher søgningen." in none


def test_a_head_of_a_new_organisation_sees_the_empty_list_with_an_invitation(world, client_for):
    from boligsocial.organisations.tests.factories import OrganisationFactory

    new_org = OrganisationFactory(name="Nyt Boligselskab")
    head = UserFactory(username="ny-chef")
    Membership.objects.create(user=head, role=Role.SOCIAL_HEAD, organisation=new_org)
    Membership.objects.filter(user=head).delete()
    Membership.objects.create(user=head, role=Role.SOCIAL_HEAD, organisation=new_org)
    client = client_for("staff_a")
    client.force_login(head)
    response = client.get(PEOPLE)
    assert rows(response) == {("ny-chef", "social_head")}


def test_the_navigation_and_the_organisation_page_lead_to_the_list(world, personas, client_for):
    assert [i.url for i in nav.items(personas["head_a"], scope(personas["head_a"]))] == [PEOPLE]
    assert [i.url for i in nav.items(personas["admin"], scope(personas["admin"]))] == [PEOPLE]
    for name in ("staff_a", "board_a", "management_a", "municipal", "nobody"):
        assert nav.items(personas[name], scope(personas[name])) == [], name
    link = f'href="{PEOPLE}?organisation={world.org_a.pk}"'
    org_page = reverse("organisations:organisation", args=[world.org_a.pk])
    assert link in client_for("head_a").get(org_page).content.decode()
    assert link in client_for("admin").get(org_page).content.decode()
    for name in ("staff_a", "board_a", "management_a"):
        assert link not in client_for(name).get(org_page).content.decode(), name


# --- one person ---------------------------------------------------------------------------------


def test_the_person_page_shows_the_roles_and_the_allowed_actions(world, personas, client_for):
    staff = personas["staff_a"]
    Membership.objects.create(user=staff, role=Role.CARETAKER, organisation=world.org_b)
    response = client_for("head_a").get(reverse("accounts:person", args=[staff.pk]))
    # organisation B's role is not head_a's to see
    assert [(m.role, m.organisation_id) for m in response.context["memberships"]] == [
        ("social_staff", world.org_a.pk)
    ]
    assert response.context["may_deactivate"] is False  # also has a role in organisation B
    assert response.context["may_resend"] is False
    own = client_for("head_a").get(reverse("accounts:person", args=[personas["head_a"].pk]))
    assert own.context["is_self"] is True
    assert [(m.may_change, m.may_end) for m in own.context["memberships"]] == [(False, False)]
    assert "Du kan ikke ændre dine egne roller" in own.content.decode()


# --- invite ---------------------------------------------------------------------------------------


def invite_data(world, **overrides):
    return {
        "email": "ny@example.org",
        "first_name": "Nina",
        "last_name": "Nysted",
        "role": "org_board",
        "organisation": world.org_a.pk,
        "department": "",
        "appointed_on": "20-04-2026",
        **overrides,
    }


def test_a_head_invites_a_board_member(
    world, personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("head_a")
    form = client.get(reverse("accounts:invite"))
    assert form.context["form"].initial["organisation"] == world.org_a
    assert "municipality" not in form.context["form"].fields
    assert [v for v, _ in form.context["form"].fields["role"].choices] == [
        "",
        "social_staff",
        "social_head",
        "org_board",
        "org_management",
        "dept_board",
        "caretaker",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:invite"), invite_data(world), follow=True)
    user = User.objects.get(email="ny@example.org")
    assert response.redirect_chain == [(reverse("accounts:person", args=[user.pk]), 302)]
    assert (
        "Nina Nysted er inviteret. E-mailen til ny@example.org har et link til at vælge en "
        "adgangskode; brugernavnet er nina.nysted."
    ) in response.content.decode()
    m = user.memberships.get()
    assert (m.role, m.organisation, m.appointed_on, m.invited_by) == (
        "org_board",
        world.org_a,
        date(2026, 4, 20),
        personas["head_a"],
    )
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"role": "admin"}, "role", ADMIN_NOT_A_CHOICE),
        ({"role": "municipal"}, "role", ADMIN_NOT_A_CHOICE.replace("admin", "municipal")),
        ({"organisation": "org_b"}, "organisation", NOT_A_CHOICE),
        ({"department": "dept_b1", "role": "dept_board"}, "department", NOT_A_CHOICE),
        ({"role": "dept_board"}, "department", "Vælg afdelingen."),
        ({"department": "dept_a1"}, "department", WHOLE_ORGANISATION),
        ({"organisation": ""}, "organisation", "Vælg boligorganisationen."),
        ({"email": "ikke-en-adresse"}, "email", "Angiv en gyldig e-mailadresse."),
        ({"appointed_on": "31-02-2026"}, "appointed_on", "Skriv en dato, fx 24-03-2026."),
        ({"first_name": ""}, "first_name", "Dette felt er påkrævet."),
    ],
)  # fmt: skip
def test_bad_or_forged_input_is_a_danish_form_error_and_changes_nothing(
    world, personas, client_for, mailoutbox, overrides, field, message
):
    resolved = {
        k: getattr(world, v).pk if isinstance(v, str) and hasattr(world, v) else v
        for k, v in overrides.items()
    }
    before = (User.objects.count(), Membership.objects.count())
    response = client_for("head_a").post(reverse("accounts:invite"), invite_data(world, **resolved))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert (User.objects.count(), Membership.objects.count()) == before
    assert mailoutbox == []


def test_an_administrator_chooses_a_municipality_for_a_coordinator(world, client_for):
    response = client_for("admin").post(
        reverse("accounts:invite"),
        invite_data(world, role="municipal", organisation="", municipality=851),
    )
    assert response.status_code == 302
    m = User.objects.get(email="ny@example.org").memberships.get()
    assert (m.role, m.municipality_id, m.organisation_id) == ("municipal", 851, None)


def test_a_second_identical_invitation_is_a_form_error(world, client_for):
    client = client_for("head_a")
    response = client.post(
        reverse("accounts:invite"),
        invite_data(world, email="staff-a@example.org", role="social_staff"),
    )
    assert response.context["form"].non_field_errors() == ["Personen har allerede denne rolle der."]


# --- change, end, deactivate, resend, confirm ---------------------------------------------------


def test_changing_a_role_through_the_page(world, personas, client_for):
    m = personas["board_a"].memberships.get()
    url = reverse("accounts:change_role", args=[m.pk])
    client = client_for("head_a")
    form = client.get(url).context["form"]
    assert [v for v, _ in form.fields["role"].choices] == [
        "social_staff",
        "social_head",
        "org_management",
        "caretaker",
    ]
    forged = client.post(url, {"role": "admin"})
    assert forged.context["form"].errors["role"] == [ADMIN_NOT_A_CHOICE]
    m.refresh_from_db()
    assert m.role == "org_board"
    response = client.post(url, {"role": "org_management"})
    assert response["Location"] == reverse("accounts:person", args=[personas["board_a"].pk])
    m.refresh_from_db()
    assert m.role == "org_management"


def test_a_department_role_may_change_only_to_another_department_role(world, personas, client_for):
    m = personas["dept_board_a1"].memberships.get()
    form = client_for("head_a").get(reverse("accounts:change_role", args=[m.pk])).context["form"]
    assert [v for v, _ in form.fields["role"].choices] == ["caretaker"]


def test_ending_a_role_asks_first_then_ends_it(world, personas, client_for):
    m = personas["caretaker_a"].memberships.get()
    url = reverse("accounts:end_membership", args=[m.pk])
    client = client_for("head_a")
    page = client.get(url).content.decode()
    assert "Afslut rollen?" in page
    assert Membership.objects.filter(pk=m.pk).exists()
    response = client.post(url)
    assert response["Location"] == PEOPLE  # no roles left that head_a administers
    assert not Membership.objects.filter(pk=m.pk).exists()


def test_deactivating_asks_first_then_deactivates(world, personas, client_for):
    staff = personas["staff_a"]
    url = reverse("accounts:deactivate", args=[staff.pk])
    client = client_for("head_a")
    assert "Deaktivér brugeren?" in client.get(url).content.decode()
    staff.refresh_from_db()
    assert staff.is_active is True
    response = client.post(url, follow=True)
    staff.refresh_from_db()
    assert staff.is_active is False
    assert "kan ikke længere logge ind" in response.content.decode()
    assert client.get(url).status_code == 403  # already deactivated


def test_resending_an_invitation(
    world, personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("head_a")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:invite"), invite_data(world))
    user = User.objects.get(email="ny@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_invitation", args=[user.pk]))
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == ["ny@example.org"]


def test_the_yearly_review_lists_board_members_appointed_a_year_ago_or_more(
    world, personas, client_for
):
    from django.utils import timezone

    from boligsocial.accounts.grants import one_year_before

    today = timezone.localdate()
    due, not_yet = one_year_before(today), one_year_before(today).replace(day=1)
    board = personas["board_a"].memberships.get()
    dept = personas["dept_board_a1"].memberships.get()
    Membership.objects.filter(pk=board.pk).update(appointed_on=due)
    Membership.objects.filter(pk=dept.pk).update(appointed_on=not_yet, reviewed_on=today)
    Membership.objects.filter(user=personas["staff_a"]).update(appointed_on=date(2000, 1, 1))
    client = client_for("head_a")
    response = client.get(reverse("accounts:review"))
    assert [
        (m.user.username, m.review_from) for m in response.context["listing"].page.object_list
    ] == [("board-a", due)]
    assert client.get(reverse("accounts:confirm", args=[board.pk])).status_code == 405
    client.post(reverse("accounts:confirm", args=[board.pk]))
    board.refresh_from_db()
    assert board.reviewed_on == today
    after = client.get(reverse("accounts:review"))
    assert list(after.context["listing"].page.object_list) == []
    assert "Ingen bestyrelsesmedlemmer skal gennemgås." in after.content.decode()


def test_confirming_a_role_of_another_organisation_is_a_404(world, personas, client_for):
    other = UserFactory(username="bestyrelse-b")
    m = Membership.objects.create(
        user=other, role=Role.ORG_BOARD, organisation=world.org_b, appointed_on=date(2000, 1, 1)
    )
    assert client_for("head_a").post(reverse("accounts:confirm", args=[m.pk])).status_code == 404
    assert client_for("staff_a").post(reverse("accounts:confirm", args=[m.pk])).status_code == 403
    m.refresh_from_db()
    assert m.reviewed_on is None


# --- export -------------------------------------------------------------------------------------


def test_the_export_is_the_filtered_list_as_excel_and_logs_one_read_per_person(
    world, personas, client_for
):
    named(personas, board_a=("Carl", "Carlsen"))
    Membership.objects.filter(user=personas["board_a"]).update(
        appointed_on=date(2025, 4, 1), invited_by=personas["head_a"]
    )
    User.objects.filter(pk=personas["head_a"].pk).update(first_name="Bo", last_name="Bech")
    response = client_for("head_a").get(reverse("accounts:export"), {"role": "org_board"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        [
            "Navn",
            "E-mail",
            "Brugernavn",
            "Rolle",
            "Boligorganisation eller kommune",
            "Afdeling",
            "Udpeget",
            "Senest bekræftet",
            "Inviteret af",
            "Status",
        ],
        [
            "Carl Carlsen",
            "board-a@example.org",
            "board-a",
            "Organisationsbestyrelse (valgt medlem)",
            "Boligselskabet Alfa",
            None,
            sheet["G2"].value,  # a date: checked below
            None,
            "Bo Bech",
            "Aktiv",
        ],
    ]
    assert sheet["G2"].value.date() == date(2025, 4, 1)
    reads = AccessLogEntry.objects.filter(route="accounts:export")
    assert [(r.user.username, r.object_id) for r in reads] == [
        ("head-a", str(personas["board_a"].pk))
    ]
