"""Issue 13, item 2: the template fills a per-case draft the caseworker edits; issuing renders
the PDF once, stores it on the letter and the timeline, and it never changes afterwards."""

import hashlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.cases import services
from boligsocial.cases.models import IssuedLetterIsFinal, Letter
from boligsocial.cases.tests.test_letters_protect_complainant import pdf_text


def draft(cw, en, kind="warning"):
    en("staff_a").post(reverse("cases:letter_create", args=[cw.case_a1.pk, kind]))
    return Letter.objects.get(kind=kind)


def test_the_draft_is_edited_and_the_edit_is_in_the_change_log(cw, en):
    letter = draft(cw, en)
    url = reverse("cases:letter_edit", args=[cw.case_a1.pk, letter.pk])
    response = en("staff_a").post(
        url,
        {
            "recipient_name": "Rasmus Støjesen",
            "recipient_address": "Alfavej 1, st. tv.\n8000 Aarhus C",
            "subject": "Advarsel om støj",
            "rendered_body": "Kære Rasmus\r\n\r\nSkru ned efter kl. 22.",
        },
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.subject, letter.rendered_body, letter.status) == (
        "Advarsel om støj",
        "Kære Rasmus\n\nSkru ned efter kl. 22.",
        "draft",
    )
    entry = ChangeLogEntry.objects.filter(action="update", object_id=str(letter.pk)).get()
    assert sorted(entry.changes) == ["rendered_body", "subject"]


def test_an_empty_text_is_refused_in_danish_and_nothing_changes(cw, personas):
    letter = services.render_letter(cw.case_a1, "request", personas["staff_a"])
    before = (letter.subject, letter.rendered_body)
    with pytest.raises(ValidationError) as error, _danish():
        services.update_letter_draft(letter=letter, user=personas["staff_a"], rendered_body="  ")
    assert error.value.message_dict == {"rendered_body": ["Skriv brevets tekst."]}
    letter.refresh_from_db()
    assert (letter.subject, letter.rendered_body) == before


def _danish():
    from django.utils import translation

    return translation.override("da")


def test_issuing_stores_the_pdf_on_the_letter_and_the_timeline(cw, en, personas):
    letter = draft(cw, en)
    staff = en("staff_a")
    response = staff.post(reverse("cases:letter_issue", args=[cw.case_a1.pk, letter.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#letter-{letter.pk}")
    letter.refresh_from_db()
    assert letter.status == "issued"
    assert letter.issued_by == personas["staff_a"]
    assert letter.letter_date == timezone.localdate(letter.issued_at)  # the Danish day
    stored = bytes(letter.pdf)
    assert stored.startswith(b"%PDF-")
    assert letter.pdf_sha256 == hashlib.sha256(stored).hexdigest()
    texts = list(cw.case_a1.events.filter(kind="letter").values_list("text", flat=True))
    assert texts == [
        "Brevudkast: Advarsel",
        "Brev udsendt: Advarsel – Advarsel om overtrædelse af husordenen",
    ]
    text = pdf_text(stored)
    assert "Dato:" in text
    assert "Sagsnummer: BS-2026-0001" in text
    assert "UDKAST" not in text
    assert ChangeLogEntry.objects.filter(action="transition", object_id=str(letter.pk)).count() == 1


def test_an_issued_letter_never_changes(cw, en, personas):
    letter = draft(cw, en)
    staff = en("staff_a")
    staff.post(reverse("cases:letter_issue", args=[cw.case_a1.pk, letter.pk]))
    letter.refresh_from_db()
    first = bytes(letter.pdf)
    # the template, the sender and the case change afterwards ...
    services.save_letter_template(cw.org_a, "warning", "Ny", "Helt ny tekst", personas["head_a"])
    services.save_letter_sender(cw.org_a, personas["head_a"], unit="Ny enhed", contact="Ny vej 1")
    # ... editing, issuing again and deleting are refused ...
    edit = staff.post(
        reverse("cases:letter_edit", args=[cw.case_a1.pk, letter.pk]),
        {"recipient_name": "X", "recipient_address": "Y", "subject": "Z", "rendered_body": "W"},
    )
    assert edit.status_code == 200
    again = staff.post(reverse("cases:letter_issue", args=[cw.case_a1.pk, letter.pk]))
    assert again.status_code == 302
    discard = staff.post(reverse("cases:letter_discard", args=[cw.case_a1.pk, letter.pk]))
    assert discard.status_code == 200
    with pytest.raises(ValidationError):
        services.update_letter_draft(letter=letter, user=None, subject="Z")
    with pytest.raises(ValidationError):
        services.issue_letter(letter=letter, user=None)
    letter.subject = "Z"
    with pytest.raises(IssuedLetterIsFinal):
        letter.save()
    # ... and the PDF is byte for byte the one issued.
    stored = Letter.objects.get(pk=letter.pk)
    assert (stored.subject, bytes(stored.pdf)) == ("Advarsel om overtrædelse af husordenen", first)
    download = staff.get(reverse("cases:letter_pdf", args=[cw.case_a1.pk, letter.pk]))
    assert download.content == first
    assert cw.case_a1.events.filter(kind="letter").count() == 2


def test_a_draft_pdf_is_a_marked_preview_and_stored_nowhere(cw, en):
    letter = draft(cw, en)
    response = en("staff_a").get(reverse("cases:letter_pdf", args=[cw.case_a1.pk, letter.pk]))
    assert response["Cache-Control"] == "no-store, private"
    assert "UDKAST – ikke udsendt" in pdf_text(response.content)
    letter.refresh_from_db()
    assert (letter.pdf, letter.status) == (None, "draft")


def test_a_marked_place_left_in_the_text_blocks_issuing_with_the_reason(cw, en):
    letter = draft(cw, en, kind="meeting")
    page = en("staff_a").get(reverse("cases:letter_edit", args=[cw.case_a1.pk, letter.pk]))
    assert page.context["issue_problem"] == (
        "Fill in the marked places ([udfyld: …]) in the text before issuing the letter."
    )
    en("staff_a").post(reverse("cases:letter_issue", args=[cw.case_a1.pk, letter.pk]))
    letter.refresh_from_db()
    assert letter.status == "draft"


def test_a_draft_is_deleted_after_confirmation(cw, en):
    letter = draft(cw, en)
    url = reverse("cases:letter_discard", args=[cw.case_a1.pk, letter.pk])
    confirm = en("staff_a").get(url)
    assert confirm.status_code == 200
    assert Letter.objects.filter(pk=letter.pk).exists()
    assert en("staff_a").post(url).status_code == 302
    assert not Letter.objects.filter(pk=letter.pk).exists()


def test_six_kinds_have_a_default_text_and_the_head_resets_an_own_text(cw, en, personas):
    for kind in ("request", "warning", "hearing", "meeting", "board_referral", "closing"):
        subject, body = services.letter_template(cw.org_a, kind)
        assert subject and "{{ reference }}" in body
    services.save_letter_template(cw.org_a, "hearing", "Egen", "Egen tekst", personas["head_a"])
    url = reverse("cases:letter_template_edit", args=[cw.org_a.pk, "hearing"])
    assert en("head_a").post(url, {"reset": "1"}).status_code == 302
    assert services.letter_template(cw.org_a, "hearing")[0] == "Partshøring i husordenssag"


def test_the_head_sets_the_sender_printed_in_letters(cw, en):
    url = reverse("cases:letter_sender_edit", args=[cw.org_a.pk])
    assert en("staff_a").get(url).status_code == 403
    response = en("head_a").post(
        url, {"unit": "Den boligsociale enhed", "contact": "Alfavej 10, tlf. 70 10 20 30"}
    )
    assert response.status_code == 302
    letter = draft(cw, en, kind="request")
    en("staff_a").post(reverse("cases:letter_issue", args=[cw.case_a1.pk, letter.pk]))
    letter.refresh_from_db()
    assert letter.sender.split("\n") == [
        "Boligselskabet Alfa",
        "Den boligsociale enhed",
        "Sagsbehandler: " + letter.case.assignee.get_full_name(),
        *([letter.case.assignee.email] if letter.case.assignee.email else []),
        "Alfavej 10, tlf. 70 10 20 30",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_two_issues_at_once_give_one_issued_letter_and_one_refusal(cw, personas):
    letter = services.render_letter(cw.case_a1, "warning", personas["staff_a"])
    outcomes = []

    def work():
        try:
            services.issue_letter(letter=Letter.objects.get(pk=letter.pk), user=None)
            outcomes.append("issued")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["issued", "refused"]
    assert cw.case_a1.events.filter(kind="letter", text__startswith="Brev udsendt").count() == 1
