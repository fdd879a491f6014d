"""The public complaint form: no login, named (never anonymous), spam guard (honeypot, signed
start time, rate limit per address), a case in "modtaget", a receipt on screen and by e-mail."""

import time

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from boligsocial.cases import intake_forms as forms
from boligsocial.cases.models import Case, Party
from boligsocial.cases.views import public
from boligsocial.core import ratelimit

URL = "/klage/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon():
    c = Client()
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return c


def _data(world, **overrides):
    data = {
        "department": world.dept_a1.pk,
        "name": "Klara Klagesen",
        "address": "Alfavej 1, st. tv.",
        "phone": "20 30 40 50",
        "email": "klara@example.org",
        "category": "noise",
        "respondent": "Familien på 1. th.",
        "happened_at": "2026-03-01T23:30",
        "place": "Lejligheden ovenover",
        "description": "Høj musik til kl. 3 om natten.",
        "website": "",
        "started": forms.new_started_token(time.time() - 60),
    }
    data.update(overrides)
    return data


def test_the_form_is_public_and_says_why_a_complaint_cannot_be_anonymous(world, anon):
    response = anon.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Why you must give your name" in body
    assert "cannot be anonymous" in body
    assert "right to know what it is accused of and to respond" in body
    # the resident picks the department from the organisations' departments
    shown = set(response.context["form"].fields["department"].queryset)
    assert shown == {world.dept_a1, world.dept_a2, world.dept_b1, world.dept_b_other}


def test_the_department_list_can_be_narrowed_to_one_organisation(world, anon):
    response = anon.get(URL, {"organisation": world.org_a.pk})
    shown = set(response.context["form"].fields["department"].queryset)
    assert shown == {world.dept_a1, world.dept_a2}
    forged = anon.get(URL, {"organisation": "999999"})
    assert len(forged.context["form"].fields["department"].queryset) == 4


def test_a_complaint_opens_a_received_case_and_shows_and_mails_the_receipt(world, anon):
    response = anon.post(URL, _data(world))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:intake_receipt", args=[case.reference])
    assert case.status == "received"
    assert case.source == "intake"
    assert case.kind == "inquiry"
    assert case.category == "noise"
    assert case.track == "trivsel"
    assert case.department == world.dept_a1
    # The complainant's own address is on their party row, never the case's (issue 13, item 1).
    assert (case.address, case.lease, case.address_key) == ("", None, "")
    assert Party.objects.get(case=case, role="complainant").address == "Alfavej 1, st. tv."
    assert case.description.startswith("Høj musik til kl. 3 om natten.")
    assert "Lejligheden ovenover" in case.description
    assert "1. marts 2026 23:30" in case.description
    parties = sorted(Party.objects.filter(case=case).values_list("role", "name", "email"))
    assert parties == [
        ("complainant", "Klara Klagesen", "klara@example.org"),
        ("respondent", "Familien på 1. th.", ""),
    ]
    receipt = anon.get(response["Location"])
    assert receipt.status_code == 200
    assert case.reference in receipt.content.decode()
    assert "klara@example.org" in receipt.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["klara@example.org"]
    assert case.reference in mail.outbox[0].subject
    assert case.reference in mail.outbox[0].body
    assert "2 working days" in mail.outbox[0].body


def test_without_e_mail_there_is_a_receipt_on_screen_but_no_mail(world, anon):
    response = anon.post(URL, _data(world, email=""))
    assert response.status_code == 302
    assert mail.outbox == []
    assert Case.objects.count() == 1


def test_the_receipt_is_shown_only_to_the_browser_that_sent_the_complaint(world, anon):
    anon.post(URL, _data(world))
    reference = Case.objects.get().reference
    other = Client()
    response = other.get(reverse("cases:intake_receipt", args=[reference]))
    assert response.status_code == 302
    assert response["Location"] == URL


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"phone": "", "email": ""}, "phone"),
        ({"email": "ikke-en-mail"}, "email"),
        ({"happened_at": "32-13-2026 25:00"}, "happened_at"),
        ({"happened_at": "2099-01-01T10:00"}, "happened_at"),
        ({"department": "999999"}, "department"),
        ({"category": "forged"}, "category"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_input_creates_nothing_and_keeps_what_was_typed(world, anon, overrides, field):
    response = anon.post(URL, _data(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Case.objects.count() == 0
    assert mail.outbox == []
    body = response.content.decode()
    assert "Høj musik til kl. 3 om natten." in body or overrides.get("description") == ""
    assert "Lejligheden ovenover" in body


def test_a_form_sent_faster_than_a_person_can_is_refused_and_kept(world, anon):
    response = anon.post(URL, _data(world, started=forms.new_started_token(time.time() - 1)))
    assert response.status_code == 200
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("The form was sent faster than a person can fill it in")
    )
    assert Case.objects.count() == 0
    assert "Klara Klagesen" in response.content.decode()
    # once enough time has passed, the same form goes through
    token = response.context["form"].data["started"]
    started = forms.signing.loads(token, salt=forms.INTAKE_SALT)
    assert time.time() - started < forms.MIN_FILL_SECONDS


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("", id="missing"),
        pytest.param("forged", id="forged"),
        # the id is fixed: parallel workers must collect the same test names (pytest-xdist)
        pytest.param(forms.signing.dumps(time.time() - 60, salt="x"), id="other-salt"),
    ],
)
def test_a_missing_or_forged_start_time_is_refused(world, anon, token):
    response = anon.post(URL, _data(world, started=token))
    assert response.status_code == 200
    assert Case.objects.count() == 0
    # a fresh, valid token is issued so the person can send the form again
    fresh = response.context["form"].data["started"]
    assert forms.signing.loads(fresh, salt=forms.INTAKE_SALT) > time.time() - 5


def test_an_expired_start_time_is_refused(world, anon):
    old = forms.new_started_token(time.time() - forms.MAX_FORM_AGE_SECONDS - 10)
    response = anon.post(URL, _data(world, started=old))
    assert response.status_code == 200
    assert Case.objects.count() == 0


def test_the_honeypot_field_filled_in_is_refused(world, anon):
    response = anon.post(URL, _data(world, website="http://spam.example"))
    assert response.status_code == 200
    assert response.context["form"].is_spam is True
    assert Case.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(world, anon):
    body = anon.get(URL).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in body
    assert 'name="website" id="id_website" value="" tabindex="-1" autocomplete="off"' in body


def test_more_than_the_hourly_limit_from_one_address_is_refused(world, anon):
    for n in range(public.INTAKE_LIMIT_PER_HOUR):
        response = anon.post(URL, _data(world, name=f"Beboer {n}"), REMOTE_ADDR="10.0.0.7")
        assert response.status_code == 302
    response = anon.post(URL, _data(world, name="En for meget"), REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert response.context["rate_limited"] is True
    assert "Too many complaints from this connection" in response.content.decode()
    assert "En for meget" in response.content.decode()
    assert Case.objects.count() == public.INTAKE_LIMIT_PER_HOUR
    # another address is not affected
    assert anon.post(URL, _data(world), REMOTE_ADDR="10.0.0.8").status_code == 302
    assert Case.objects.count() == public.INTAKE_LIMIT_PER_HOUR + 1


def test_behind_a_proxy_the_forwarded_address_is_limited(world, anon, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    for n in range(public.INTAKE_LIMIT_PER_HOUR):
        anon.post(
            URL,
            _data(world, name=f"Beboer {n}"),
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="192.0.2.1",
        )
    refused = anon.post(
        URL, _data(world), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1"
    )
    other = anon.post(URL, _data(world), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert (refused.status_code, other.status_code) == (429, 302)


def test_a_start_token_is_accepted_once_across_workers(world, anon):
    """A signed start token replayed (a bot that waited 5 s once) is refused the second time,
    in any worker: the use is marked in the cache all workers share (core/ratelimit.py)."""
    from django.core.cache.backends.db import DatabaseCache

    token = forms.new_started_token(time.time() - 60)
    first = anon.post(URL, _data(world, started=token), REMOTE_ADDR="10.0.0.1")
    assert first.status_code == 302
    # another worker's cache client sees the use
    other_worker = DatabaseCache("boligsocial_cache", {})
    assert ratelimit.is_claimed(f"cases:intake-started:{token}", cache=other_worker) is True
    replay = Client().post(URL, _data(world, started=token, name="Igen"), REMOTE_ADDR="10.0.0.2")
    assert replay.status_code == 200
    assert replay.context["form"].errors.as_data()["__all__"][0].code == "reused"
    assert "Denne formular er allerede sendt" in replay.content.decode()
    assert "Igen" in replay.content.decode()  # the input is kept
    assert replay.context["form"].data["started"] != token  # and a fresh token issued
    assert list(Case.objects.values_list("parties__name", flat=True).order_by("parties__name")) == [
        "Familien på 1. th.",
        "Klara Klagesen",
    ]


def test_a_form_refused_for_a_missing_contact_keeps_its_token_usable(world, anon):
    token = forms.new_started_token(time.time() - 60)
    refused = anon.post(URL, _data(world, started=token, phone="", email=""))
    assert refused.status_code == 200
    assert Case.objects.count() == 0
    assert anon.post(URL, _data(world, started=token)).status_code == 302
    assert Case.objects.count() == 1
