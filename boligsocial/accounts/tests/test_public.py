"""The pages used without logging in: the invitation's one-time link and the password reset by
e-mail. Each link works once; a deactivated user's link never works."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from boligsocial.accounts import services
from boligsocial.accounts.views import public
from boligsocial.organisations.roles import Role
from boligsocial.organisations.tests.factories import UserFactory

User = get_user_model()
PASSWORD = "Solsikke-Havevej-2026"


def link_in(mail) -> str:
    return re.search(r"http://testserver(/\S+)", mail.body).group(1)


@pytest.fixture
def invited(world, personas, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.invite_person(
            actor=personas["head_a"],
            email="ida@example.org",
            first_name="Ida",
            last_name="Jensen",
            role=Role.SOCIAL_STAFF,
            organisation=world.org_a,
            base_url="http://testserver/",
        )
    return result.user, link_in(mailoutbox[-1])


def test_the_invitation_link_sets_the_password_once_and_the_person_logs_in(invited):
    user, link = invited
    client = Client()
    first = client.get(link)
    choose = first["Location"]
    assert choose.endswith("/vaelg/")  # the token moves out of the address bar
    page = client.get(choose)
    assert page.context["validlink"] is True
    assert "Dit brugernavn er <strong>ida.jensen</strong>." in page.content.decode()
    done = client.post(choose, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)
    assert done.redirect_chain == [(reverse("login"), 302)]
    assert "Din adgangskode er gemt. Log ind med dit brugernavn ida.jensen." in (
        done.content.decode()
    )
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    login = Client().post(reverse("login"), {"username": "ida.jensen", "password": PASSWORD})
    assert login["Location"] == "/"
    again = Client().get(link)
    assert again.status_code == 200
    assert again.context["validlink"] is False
    assert "Linket virker ikke" in again.content.decode()


def test_a_weak_password_gets_a_danish_message_and_nothing_is_saved(invited):
    user, link = invited
    client = Client()
    choose = client.get(link)["Location"]
    response = client.post(choose, {"new_password1": "kort", "new_password2": "kort"})
    errors = response.context["form"].errors["new_password2"]
    assert "Denne adgangskode er for kort. Den skal indeholde mindst 12 tegn." in errors
    user.refresh_from_db()
    assert user.has_usable_password() is False


def test_a_deactivated_persons_invitation_link_does_not_work(invited, personas):
    user, link = invited
    services.deactivate_user(actor=personas["head_a"], person=user)
    response = Client().get(link)
    assert response.context["validlink"] is False


def test_an_invitation_link_is_no_password_reset_link(invited):
    _user, link = invited
    reset_link = link.replace("/invitation/", "/adgangskode/ny/")
    response = Client().get(reset_link)
    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_the_login_page_links_to_the_password_reset(db):
    page = Client().get(reverse("login")).content.decode()
    assert f'href="{reverse("accounts:password_reset")}"' in page


def test_a_forgotten_password_is_reset_through_the_mailed_link(world, personas, mailoutbox):
    staff = personas["staff_a"]
    client = Client()
    form = client.get(reverse("accounts:password_reset"))
    assert form.status_code == 200
    sent = client.post(reverse("accounts:password_reset"), {"email": "STAFF-A@example.org"})
    assert sent["Location"] == reverse("accounts:password_reset_done")
    [mail] = mailoutbox
    assert mail.to == ["staff-a@example.org"]
    assert mail.subject == "En ny adgangskode til Boligsocial"
    assert "Dit brugernavn: staff-a" in mail.body
    link = link_in(mail)
    choose = client.get(link)["Location"]
    done = client.post(choose, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert "Din nye adgangskode er gemt" in client.get(done["Location"]).content.decode()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)
    assert Client().get(link).context["validlink"] is False  # used


@pytest.mark.parametrize("kind", ["unknown", "inactive", "invited"])
def test_no_mail_for_an_unknown_inactive_or_invited_address_and_the_same_answer(
    world, personas, mailoutbox, kind
):
    if kind == "inactive":
        UserFactory(username="slut", email="x@example.org", is_active=False)
    if kind == "invited":
        user = UserFactory(username="ny", email="x@example.org")
        user.set_unusable_password()
        user.save()
    response = Client().post(reverse("accounts:password_reset"), {"email": "x@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_a_deactivated_users_reset_link_does_not_work(world, personas, mailoutbox):
    Client().post(reverse("accounts:password_reset"), {"email": "staff-a@example.org"})
    link = link_in(mailoutbox[0])
    User.objects.filter(pk=personas["staff_a"].pk).update(is_active=False)
    assert Client().get(link).context["validlink"] is False


# --- the password reset --------------------------------------------------------------------------


def test_password_reset_mails_are_limited_per_address_and_per_mailbox(
    settings, personas, mailoutbox
):
    url = reverse("accounts:password_reset")
    for n in range(public.RESET_MAILS_PER_EMAIL + 2):
        response = Client().post(url, {"email": "staff-a@example.org"}, REMOTE_ADDR=f"81.0.0.{n}")
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_done")
    # the same answer every time, but only three mails to the mailbox
    assert len(mailoutbox) == public.RESET_MAILS_PER_EMAIL
    for n in range(public.RESET_LIMIT_PER_ADDRESS - 1):
        Client().post(url, {"email": f"x{n}@example.org"}, REMOTE_ADDR="81.0.0.0")
    refused = Client().post(url, {"email": "staff-b@example.org"}, REMOTE_ADDR="81.0.0.0")
    assert refused.status_code == 429
    assert "For mange anmodninger om en ny adgangskode fra denne forbindelse" in (
        refused.content.decode()
    )
    assert len(mailoutbox) == public.RESET_MAILS_PER_EMAIL  # no mail to staff-b
    other = Client().post(url, {"email": "staff-b@example.org"}, REMOTE_ADDR="81.0.0.99")
    assert other.status_code == 302
    assert [m.to for m in mailoutbox][-1] == ["staff-b@example.org"]
