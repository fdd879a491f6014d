"""The cases API for letters and the legal track (issue 13, items 1-3): the same services and
access as the pages, Danish 400s with nothing changed, the PDF never cached."""

from datetime import date, timedelta

from django.utils import timezone

from boligsocial.cases.models import Case, LegalProceeding, Letter
from boligsocial.cases.tests import test_api
from boligsocial.cases.tests.test_api_writes import log_rows
from boligsocial.cases.tests.test_letters_protect_complainant import pdf_text

cw = test_api.cw
LIST = "/api/v1/cases/"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_letter_draft_is_made_edited_issued_and_downloaded(cw, client_for):
    client = client_for("staff_a")
    base = f"{LIST}{cw.case_a1.pk}/letters/"
    made = post(client, base, {"kind": "warning"})
    assert made.status_code == 201
    body = made.json()
    assert (body["status"], body["recipient_name"], body["kind"]) == (
        "draft",
        "Rasmus Støjesen",
        "warning",
    )
    url = f"{base}{body['id']}/"
    changed = client.patch(url, {"subject": "Advarsel om støj"}, content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["subject"] == "Advarsel om støj"
    issued = post(client, f"{url}issue/", {})
    assert issued.status_code == 200
    assert issued.json()["status"] == "issued"
    letter = Letter.objects.get()
    assert issued.json()["pdf_sha256"] == letter.pdf_sha256
    pdf = client.get(f"{url}pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "no-store, private"
    assert pdf.content == bytes(letter.pdf)
    assert "Advarsel om støj" in pdf_text(pdf.content)
    refused = client.patch(url, {"subject": "Z"}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json() == {"non_field_errors": ["Brevet er udsendt og kan ikke længere ændres."]}
    assert Letter.objects.get().subject == "Advarsel om støj"
    listed = client.get(base)
    assert [row["id"] for row in listed.json()] == [letter.pk]
    assert ("staff-a", cw.case_a1.pk, "api:case-letter-pdf") in log_rows()


def test_letters_of_another_organisation_are_404_and_reads_are_not_writes(cw, client_for):
    letter = Letter.objects.create(case=cw.case_a1, kind="request", rendered_body="x")
    base = f"{LIST}{cw.case_a1.pk}/letters/"
    for persona in ("staff_b", "board_a", "caretaker_a"):
        client = client_for(persona)
        assert client.get(f"{base}{letter.pk}/pdf/").status_code == 404, persona
        assert post(client, base, {"kind": "warning"}).status_code == 404, persona
    shared = f"{LIST}{cw.case_shared.pk}/letters/"
    assert post(client_for("municipal"), shared, {"kind": "warning"}).status_code == 403
    assert Letter.objects.count() == 1
    wrong_case = client_for("staff_a").get(f"{LIST}{cw.case_a2.pk}/letters/{letter.pk}/")
    assert wrong_case.status_code == 404


def test_a_recipient_from_another_case_is_a_400(cw, client_for):
    other = cw.case_b1.parties.get()
    response = post(
        client_for("staff_a"),
        f"{LIST}{cw.case_a1.pk}/letters/",
        {"kind": "request", "recipient": other.pk},
    )
    assert response.status_code == 400
    assert response.json() == {"recipient": ["Vælg en part i denne sag."]}
    assert not Letter.objects.exists()


def test_the_board_decision_and_the_court_through_the_api(cw, client_for):
    Case.objects.filter(pk=cw.case_a1.pk).update(category="violence_threats")
    client = client_for("staff_a")
    base = f"{LIST}{cw.case_a1.pk}/"
    early = post(
        client, f"{base}board-decision/", {"decided_on": "2026-03-10", "outcome": "warning"}
    )
    assert early.status_code == 400
    assert early.json() == {
        "non_field_errors": [
            "Sagen er ikke indbragt for beboerklagenævnet. Registrér det trin først."
        ]
    }
    step = post(client, f"{base}legal-step/", {"step": "complaints_board", "on": "2026-03-03"})
    assert step.status_code == 200
    assert step.json()["status"] == "forwarded"
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = post(
        client, f"{base}board-decision/", {"decided_on": future, "outcome": "conditional_loss"}
    )
    assert refused.status_code == 400
    assert refused.json() == {"decided_on": ["Datoen kan ikke ligge i fremtiden."]}
    decided = post(
        client,
        f"{base}board-decision/",
        {"decided_on": "2026-03-10", "outcome": "conditional_loss"},
    )
    assert decided.status_code == 200
    assert decided.json()["status"] == "in_progress"
    deadlines = client.get(f"{base}deadlines/").json()
    assert [(d["kind"], d["due"]) for d in deadlines if d["kind"] == "housing_court_window"] == [
        ("housing_court_window", "2026-04-07")
    ]
    track = client.get(f"{base}legal-track/").json()
    assert [(row["key"], row["done_on"]) for row in track] == [
        ("request", None),
        ("warning", None),
        ("complaints_board", "2026-03-03"),
        ("board_decision", "2026-03-10"),
        ("housing_court", None),
        ("court_outcome", None),
    ]
    assert track[4]["problem"] is None
    assert track[5]["problem"] == (
        "Sagen er ikke indbragt for boligretten. Registrér det trin først."
    )
    assert LegalProceeding.objects.get().decided_on == date(2026, 3, 10)
