"""Corrections (issue 13, item 5; GDPR art. 16): parties, timeline entries and attachments are
corrected or deleted by the social unit, in the change log with personal values masked, each
deletion confirmed first; a closed case offers nothing but reopening (pages and API)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.cases import services, workdays
from boligsocial.cases.models import Attachment, Case, Event, Party

pytestmark = pytest.mark.django_db


def _changes(model, pk) -> list:
    return list(
        ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
        )
        .order_by("id")
        .values_list("action", "changes")
    )


def _respondent(case) -> Party:
    return case.parties.get(name="Rasmus Støjesen")


def _call(case) -> Event:
    return case.events.get(kind="call")


def _attachment(case, personas) -> Attachment:
    row = Attachment(
        case=case,
        original_name="klage.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=personas["staff_a"],
    )
    row.file.save("klage.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return row


# --- parties -----------------------------------------------------------------------------------


def test_a_party_is_corrected_on_its_page_and_the_change_log_masks_the_name(cw, en):
    case = cw.case_a1
    party = _respondent(case)
    url = reverse("cases:party_edit", args=[case.pk, party.pk])
    page = en("staff_a").get(url)
    assert page.status_code == 200
    assert page.context["form"]["name"].value() == "Rasmus Støjesen"
    response = en("staff_a").post(
        url,
        {
            "role": "respondent",
            "name": "Rasmus Støjberg",
            "lease": party.lease_id,
            "phone": party.phone,
            "email": party.email,
        },
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.name == "Rasmus Støjberg"
    assert _changes(Party, party.pk) == [("update", {"name": ["•••", "•••"]})]
    case.refresh_from_db()
    assert case.version == 2


def test_deleting_a_party_asks_first_then_deletes_it(cw, en):
    case = cw.case_a1
    party = _respondent(case)
    url = reverse("cases:party_delete", args=[case.pk, party.pk])
    page = en("staff_a").get(url)
    assert page.status_code == 200
    assert "Delete the party?" in page.content.decode()
    assert Party.objects.filter(pk=party.pk).exists()  # asking deletes nothing
    assert en("staff_a").post(url).status_code == 302
    assert not Party.objects.filter(pk=party.pk).exists()
    assert _changes(Party, party.pk) == [
        (
            "delete",
            {
                "role": ["respondent", None],
                "name": ["•••", "•••"],
                "lease": ["•••", "•••"],
                "phone": ["•••", "•••"],
                "email": ["•••", "•••"],
            },
        )
    ]


@pytest.mark.parametrize(("persona", "status"), [("staff_b", 404), ("municipal", 403)])
def test_others_cannot_correct_or_delete_a_party(cw, client_for, persona, status):
    case = cw.case_shared
    party = case.parties.create(role="complainant", name="Karen Klage")
    for name in ("party_edit", "party_delete"):
        url = reverse(f"cases:{name}", args=[case.pk, party.pk])
        assert client_for(persona).post(url, {"role": "witness", "name": "X"}).status_code == (
            status
        )
    party.refresh_from_db()
    assert (party.role, party.name) == ("complainant", "Karen Klage")
    assert _changes(Party, party.pk) == []


# --- timeline entries ----------------------------------------------------------------------------


def test_a_timeline_entry_is_corrected_with_a_note_that_says_so(cw, en):
    case = cw.case_a1
    call = _call(case)
    url = reverse("cases:event_edit", args=[case.pk, call.pk])
    when = call.occurred_at.astimezone(workdays.COPENHAGEN)
    response = en("staff_a").post(
        url,
        {
            "kind": "call",
            "occurred_at": when.strftime("%d-%m-%Y %H:%M"),
            "minutes": "20",
            "text": "Talt med den indklagede i telefon.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    call.refresh_from_db()
    assert (call.text, call.minutes) == ("Talt med den indklagede i telefon.", 20)
    assert _changes(Event, call.pk)[-1] == (
        "update",
        {"text": ["•••", "•••"], "minutes": [15, 20]},
    )
    note = case.events.filter(kind="note").latest("id")
    assert note.text.startswith("Rettet på tidslinjen: telefonopkald ")


def test_the_cases_own_history_cannot_be_corrected(cw, en, personas):
    case = cw.case_a1
    services.change_status(case, "in_progress", personas["staff_a"])
    history = case.events.get(kind="status_change", text="Status: Under behandling")
    url = reverse("cases:event_edit", args=[case.pk, history.pk])
    assert en("staff_a").get(url).status_code == 404
    assert (
        en("staff_a").post(reverse("cases:event_delete", args=[case.pk, history.pk])).status_code
        == 404
    )
    with pytest.raises(ValidationError) as refused, translation.override("da"):
        services.delete_event(entry=history, user=personas["staff_a"])
    assert refused.value.messages == [
        "Kun poster, som en sagsbehandler har skrevet, kan rettes – ikke sagens historik."
    ]
    assert Event.objects.filter(pk=history.pk).exists()


def test_deleting_a_timeline_entry_asks_first(cw, en):
    case = cw.case_a1
    call = _call(case)
    url = reverse("cases:event_delete", args=[case.pk, call.pk])
    page = en("staff_a").get(url)
    assert page.status_code == 200
    assert "Talt med klager i telefon." in page.content.decode()
    assert Event.objects.filter(pk=call.pk).exists()
    assert en("staff_a").post(url).status_code == 302
    assert not Event.objects.filter(pk=call.pk).exists()
    assert _changes(Event, call.pk)[-1][0] == "delete"
    note = case.events.filter(kind="note").latest("id")
    assert note.text.startswith("Slettet fra tidslinjen: telefonopkald ")
    assert "Talt med klager" not in note.text


# --- attachments ---------------------------------------------------------------------------------


def test_deleting_an_attachment_removes_the_file_only_when_committed(cw, personas):
    case = cw.case_a1
    row = _attachment(case, personas)
    storage, path, pk = row.file.storage, row.file.name, row.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        services.delete_attachment(row, personas["staff_a"])
        raise RuntimeError("the request failed after the delete")
    assert storage.exists(path)  # rolled back: the row is there, and so is its file
    assert Attachment.objects.filter(pk=pk).exists()
    row = Attachment.objects.get(pk=pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        with transaction.atomic():
            services.delete_attachment(row, personas["staff_a"])
        assert storage.exists(path)  # not committed yet
        raise RuntimeError("roll back the outer one too")
    assert storage.exists(path)


def test_deleting_an_attachment_on_its_confirmation_page(
    cw, en, personas, django_capture_on_commit_callbacks
):
    case = cw.case_a1
    row = _attachment(case, personas)
    storage, path = row.file.storage, row.file.name
    url = reverse("cases:attachment_delete", args=[case.pk, row.pk])
    assert en("staff_a").get(url).status_code == 200
    assert storage.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        assert en("staff_a").post(url).status_code == 302
    assert not Attachment.objects.filter(pk=row.pk).exists()
    assert not storage.exists(path)
    assert _changes(Attachment, row.pk)[-1] == ("delete", {"original_name": ["•••", "•••"]})


# --- a closed case: nothing but reopen -----------------------------------------------------------


def test_a_closed_case_page_offers_only_reopen(cw, en):
    case = cw.case_closed
    case.parties.create(role="complainant", name="Karen Klage")
    body = en("staff_a").get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:reopen", args=[case.pk]) in body
    for name in (
        "contact",
        "event",
        "edit",
        "status",
        "close",
        "party_add",
        "attachment_add",
        "mediation",
        "share",
    ):
        assert reverse(f"cases:{name}", args=[case.pk]) not in body, name
    assert "/parter/" not in body.replace(reverse("cases:detail", args=[case.pk]), "")


@pytest.mark.parametrize("name", ["contact", "event", "edit", "party_add", "attachment_add"])
def test_a_closed_case_sends_action_pages_back_to_the_case(cw, en, name):
    case = cw.case_closed
    before = Case.objects.values().get(pk=case.pk)
    response = en("staff_a").post(reverse(f"cases:{name}", args=[case.pk]), {"name": "X"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert Case.objects.values().get(pk=case.pk) == before


def test_a_closed_case_refuses_corrections_and_additions_in_the_services(cw, personas):
    case = cw.case_closed
    user = personas["staff_a"]
    party = case.parties.create(role="complainant", name="Karen Klage")
    entry = case.events.create(
        kind="note", text="Notat", occurred_at=case.closed_at - timedelta(hours=1)
    )
    attempts = [
        lambda: services.add_party(case, user, role="witness", name="Vera Vidne"),
        lambda: services.update_party(party, user, name="Karen Klagesen"),
        lambda: services.remove_party(party, user),
        lambda: services.record_event(case, "note", user, text="Mere"),
        lambda: services.correct_event(
            entry=entry, user=user, text="Rettet", occurred_at=entry.occurred_at
        ),
        lambda: services.delete_event(entry=entry, user=user),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.messages == ["Sagen er afsluttet. Genåbn den først."]
    party.refresh_from_db()
    entry.refresh_from_db()
    assert (party.name, entry.text) == ("Karen Klage", "Notat")
    assert case.parties.count() == 1
    assert case.events.count() == 1


def test_the_api_refuses_an_event_on_a_closed_case_and_can_reopen_it(cw, client_for):
    case = cw.case_closed
    client = client_for("staff_a")
    events = client.post(
        f"/api/v1/cases/{case.pk}/events/",
        {"kind": "note", "text": "Mere", "occurred_at": "2026-01-05T10:00:00+01:00"},
        content_type="application/json",
    )
    assert events.status_code == 400
    assert events.json() == {"non_field_errors": ["Sagen er afsluttet. Genåbn den først."]}
    assert case.events.count() == 0
    reopened = client.post(
        f"/api/v1/cases/{case.pk}/reopen/", {"text": "Ny klage"}, content_type="application/json"
    )
    assert reopened.status_code == 200
    assert (reopened.json()["status"], reopened.json()["closed_at"]) == ("reopened", None)
    again = client.post(f"/api/v1/cases/{case.pk}/reopen/", {}, content_type="application/json")
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["Kun en afsluttet sag kan genåbnes."]}
