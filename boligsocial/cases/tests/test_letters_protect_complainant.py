"""Issue 13, item 1: a letter to the household complained about never reveals the
complainant. A public complaint keeps the complainant's address on their party row; the case
knows separately which lease the complaint is about; the letter is addressed to one party."""

import io
import time

import pypdfium2
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from boligsocial.cases import intake_forms, services
from boligsocial.cases.models import Case, Letter, Party
from boligsocial.organisations.tests.factories import LeaseFactory


def pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(io.BytesIO(content))
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def complain(world) -> Case:
    """A complaint through the public form, from Klara at Alfavej 1, st. tv."""
    anon = Client()
    anon.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = anon.post(
        "/klage/",
        {
            "department": world.dept_a1.pk,
            "name": "Klara Klagesen",
            "address": "Alfavej 1, st. tv.",
            "phone": "20 30 40 50",
            "email": "klara@example.org",
            "category": "noise",
            "respondent": "Familien Støj",
            "happened_at": "2026-03-01T23:30",
            "place": "Lejligheden ovenover",
            "description": "Høj musik til kl. 3 om natten.",
            "website": "",
            "started": intake_forms.new_started_token(time.time() - 60),
        },
    )
    assert response.status_code == 302
    return Case.objects.get()


COMPLAINANT_DATA = ("Klara", "Klagesen", "st. tv", "20 30 40 50", "klara@example.org", "ovenover")


def test_a_public_complaint_keeps_the_complainants_address_off_the_case(world):
    case = complain(world)
    assert (case.address, case.lease_id, case.address_key) == ("", None, "")
    complainant = Party.objects.get(case=case, role="complainant")
    assert (complainant.name, complainant.address, complainant.lease_id) == (
        "Klara Klagesen",
        "Alfavej 1, st. tv.",
        None,
    )
    assert "st. tv." not in case.search_text.split("\n")[1]


def test_a_henstilling_to_the_neighbour_holds_no_complainant_data(world, personas, en):
    case = complain(world)
    about = LeaseFactory(department=world.dept_a1, address="Alfavej 1", unit="1. th.")
    staff = en("staff_a")
    case = services.update_case(case, {"lease": about}, personas["staff_a"], case.version)
    assert (case.lease, case.address) == (about, "Alfavej 1, 1. th.")
    created = staff.post(reverse("cases:letter_create", args=[case.pk, "request"]))
    letter = Letter.objects.get()
    assert created.status_code == 302
    assert created["Location"] == (
        reverse("cases:letter_edit", args=[case.pk, letter.pk]) + f"#letter-{letter.pk}"
    )
    assert letter.status == "draft"
    assert letter.recipient == Party.objects.get(case=case, role="respondent")
    assert letter.recipient_name == "Familien Støj"
    assert letter.recipient_address == "Alfavej 1, 1. th.\n8000 Aarhus C"
    issued = staff.post(reverse("cases:letter_issue", args=[case.pk, letter.pk]))
    assert issued.status_code == 302
    letter.refresh_from_db()
    assert letter.status == "issued"
    pdf = staff.get(reverse("cases:letter_pdf", args=[case.pk, letter.pk]))
    assert pdf["Cache-Control"] == "no-store, private"
    text = pdf_text(pdf.content)
    for forbidden in COMPLAINANT_DATA:
        assert forbidden not in text, forbidden
        assert forbidden not in letter.rendered_body + letter.subject + letter.recipient_address
    for expected in (
        "Familien Støj",
        "Alfavej 1, 1. th.",
        "8000 Aarhus C",
        "Boligselskabet Alfa",
        case.reference,
        "Henstilling om husordenen",
        "Sagsbehandler",
    ):
        assert expected in text, expected


def test_without_an_about_lease_the_letter_to_the_neighbour_has_no_address_and_is_not_issued(
    world, en
):
    case = complain(world)
    staff = en("staff_a")
    staff.post(reverse("cases:letter_create", args=[case.pk, "request"]))
    letter = Letter.objects.get()
    assert (letter.recipient_name, letter.recipient_address) == ("Familien Støj", "")
    assert "Alfavej" not in letter.rendered_body
    page = staff.get(reverse("cases:letter_edit", args=[case.pk, letter.pk]))
    assert page.context["issue_problem"] == (
        "Write the recipient's name and address before the letter is issued."
    )
    assert 'disabled aria-describedby="issue-problem"' in page.content.decode()
    refused = staff.post(reverse("cases:letter_issue", args=[case.pk, letter.pk]))
    assert refused.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.pdf, letter.issued_at) == ("draft", None, None)


def test_the_closing_letter_goes_to_the_complainant_and_names_no_neighbour(world, en):
    case = complain(world)
    en("staff_a").post(reverse("cases:letter_create", args=[case.pk, "closing"]))
    letter = Letter.objects.get()
    assert letter.recipient.role == "complainant"
    assert letter.recipient_name == "Klara Klagesen"
    assert letter.recipient_address == "Alfavej 1, st. tv.\n8000 Aarhus C"
    assert letter.rendered_body.startswith("Kære Klara Klagesen\n\nTak for din henvendelse om støj")
    assert "Støj" not in letter.rendered_body.replace("støj", "")  # not the neighbour's name


def test_the_caseworker_chooses_another_recipient(world, en):
    case = complain(world)
    complainant = Party.objects.get(case=case, role="complainant")
    staff = en("staff_a")
    preview = staff.get(
        reverse("cases:letter_create", args=[case.pk, "meeting"]),
        {"recipient": complainant.pk},
    )
    assert preview.context["preview"].recipient_name == "Klara Klagesen"
    staff.post(
        reverse("cases:letter_create", args=[case.pk, "meeting"]), {"recipient": complainant.pk}
    )
    assert Letter.objects.get().recipient == complainant
    nobody = staff.post(
        reverse("cases:letter_create", args=[case.pk, "hearing"]), {"recipient": ""}
    )
    assert nobody.status_code == 302
    assert Letter.objects.filter(kind="hearing").get().recipient is None


def test_a_party_of_another_case_cannot_be_the_recipient(cw, en):
    other = Party.objects.get(case=cw.case_b1)
    response = en("staff_a").post(
        reverse("cases:letter_create", args=[cw.case_a1.pk, "request"]), {"recipient": other.pk}
    )
    assert response.status_code == 200
    assert "recipient" in response.context["form"].errors
    assert not Letter.objects.exists()
