"""The actions on one case: contact, timeline, status, close, reopen, parties, attachments,
legal steps, mediation, crisis, sharing, and the caretaker's quick report. Refusals change
nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from boligsocial.cases.models import (
    Attachment,
    Case,
    CaseShare,
    CrisisTask,
    Event,
    Party,
    PresenceDay,
    ReferenceCounter,
)
from boligsocial.cases.tests.factories import CaseFactory, cases_world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def cw(world, personas, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cases_world(world, personas)
    ReferenceCounter.objects.update_or_create(year=2026, defaults={"last": 500})
    return world


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def test_recording_contact_meets_the_first_contact_deadline(cw, en):
    case = cw.case_a1
    response = en("staff_a").post(
        url("contact", case),
        {"kind": "visit", "occurred_at": "2026-03-03T10:15", "minutes": "30", "text": "Besøg."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "contacted"
    assert case.first_contact_at.isoformat() == "2026-03-03T09:15:00+00:00"
    assert case.deadlines.get(kind="first_contact").met_at == case.first_contact_at
    assert case.events.filter(kind="visit", minutes=30, text="Besøg.").count() == 1


def test_contact_before_the_case_was_received_is_refused(cw, en):
    case = cw.case_a1
    response = en("staff_a").post(
        url("contact", case), {"kind": "call", "occurred_at": "2026-01-01T10:00", "text": ""}
    )
    assert response.status_code == 200
    assert "The contact cannot be before the case was received." in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.first_contact_at) == ("received", None)


def test_an_event_goes_on_the_timeline(cw, en):
    case = cw.case_a1
    response = en("staff_a").post(
        url("event", case),
        {"kind": "note", "occurred_at": "2026-03-03T12:00", "minutes": "", "text": "Notat."},
    )
    assert response.status_code == 302
    assert case.events.filter(kind="note", text="Notat.").count() == 1
    page = en("staff_a").get(url("detail", case)).content.decode()
    assert "Notat." in page


def test_status_change_offers_only_allowed_steps(cw, en):
    case = cw.case_a1
    response = en("staff_a").get(url("status", case))
    assert [v for v, _ in response.context["form"].fields["status"].choices] == [
        "in_progress",
        "forwarded",
    ]
    forged = en("staff_a").post(url("status", case), {"status": "closed"})
    assert forged.status_code == 200
    case.refresh_from_db()
    assert case.status == "received"
    assert en("staff_a").post(url("status", case), {"status": "forwarded"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "forwarded"


def test_close_needs_an_outcome_and_reopen_opens_again(cw, en):
    case = cw.case_a1
    refused = en("staff_a").post(url("close", case), {"outcome": ""})
    assert refused.status_code == 200
    case.refresh_from_db()
    assert case.status == "received"
    closed = en("staff_a").post(url("close", case), {"outcome": "warning", "note": "Ro nu."})
    assert closed.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "warning")
    assert en("staff_a").get(url("close", case)).status_code == 302  # already closed
    assert en("staff_a").post(url("reopen", case), {"note": "Ny klage."}).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.closed_at, case.outcome) == ("reopened", None, "")


def test_a_party_is_added_with_name_lease_phone_and_email_only(cw, en):
    case = cw.case_a1
    response = en("staff_a").post(
        url("party_add", case),
        {"role": "witness", "name": "Vera Vidne", "lease": cw.lease_a1.pk, "phone": "12345678"},
    )
    assert response.status_code == 302
    party = Party.objects.get(name="Vera Vidne")
    assert (party.role, party.lease, party.phone, party.email) == (
        "witness",
        cw.lease_a1,
        "12345678",
        "",
    )
    other_org = en("staff_a").post(
        url("party_add", case), {"role": "witness", "name": "X", "lease": cw.lease_b1.pk}
    )
    assert other_org.status_code == 200
    assert not Party.objects.filter(name="X").exists()


def test_attachment_upload_checks_the_content_and_download_goes_through_access(cw, en):
    case = cw.case_a1
    staff = en("staff_a")
    fake = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused = staff.post(url("attachment_add", case), {"file": fake})
    assert refused.status_code == 200
    assert "The file type is not allowed" in refused.content.decode()
    assert Attachment.objects.count() == 0
    ok = staff.post(
        url("attachment_add", case), {"file": SimpleUploadedFile("foto.png", PNG, "image/png")}
    )
    assert ok.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.content_type) == ("foto.png", "image/png")
    response = staff.get(url("attachment", case, attachment.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="foto.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert en("staff_b").get(url("attachment", case, attachment.pk)).status_code == 404
    assert en("board_a").get(url("attachment", case, attachment.pk)).status_code == 404
    # an attachment id from another case is a 404 too
    assert staff.get(url("attachment", cw.case_a2, attachment.pk)).status_code == 404


def test_the_complaints_board_is_refused_without_a_warning_with_the_reason(cw, en):
    case = cw.case_a1
    staff = en("staff_a")
    page = staff.get(url("legal_step", case, "complaints_board"))
    assert "only takes a house-rule case when the tenant has already been given a written" in (
        page.content.decode()
    )
    refused = staff.post(url("legal_step", case, "complaints_board"), {"note": ""})
    assert refused.status_code == 200
    assert refused.context["refused"]
    case.refresh_from_db()
    assert case.legal_step == ""
    warned = staff.post(url("legal_step", case, "warning"), {"note": ""})
    assert warned.status_code == 302
    assert warned["Location"] == url("letter_create", case, "warning")
    assert staff.post(url("legal_step", case, "complaints_board"), {}).status_code == 302
    case.refresh_from_db()
    assert case.legal_step == "complaints_board"


def test_violence_goes_to_the_board_without_a_warning(cw, en):
    case = CaseFactory(department=cw.dept_a1, category="violence_threats")
    response = en("staff_a").post(url("legal_step", case, "complaints_board"), {})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.legal_step == "complaints_board"


def test_an_unknown_legal_step_is_a_404(cw, en):
    assert en("staff_a").get(url("legal_step", cw.case_a1, "fogedret")).status_code == 404


def test_mediation_records_only_that_it_happened(cw, en):
    case = cw.case_a1
    response = en("staff_a").post(
        url("mediation", case),
        {
            "offered_at": "2026-03-03T09:00",
            "held_at": "2026-03-10T17:00",
            "mediator": "Boligkonflikten",
            "agreement": "yes",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.mediator == "Boligkonflikten"
    assert case.mediation_agreement is True
    assert case.mediation_held_at.isoformat() == "2026-03-10T16:00:00+00:00"
    page = en("staff_a").get(url("mediation", case)).content.decode()
    assert "The content of the mediation and of any agreement is not recorded" in page
    assert "textarea" not in page


def test_mediation_held_before_it_was_offered_is_refused(cw, en):
    case = cw.case_a1
    response = en("staff_a").post(
        url("mediation", case),
        {"offered_at": "2026-03-10T09:00", "held_at": "2026-03-05T09:00", "mediator": "A"},
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert (case.mediation_offered_at, case.mediation_held_at) == (None, None)


def test_crisis_checklist_presence_days_and_meetings(cw, en):
    from boligsocial.cases import services

    case = services.open_case(
        department=cw.dept_a1, kind="crisis", track="tryghed", category="violence_threats"
    )
    staff = en("staff_a")
    page = staff.get(url("crisis", case))
    assert [t["kind"] for t in page.context["tasks"]] == [
        "residents_meeting",
        "safety_walk",
        "police_contact",
        "municipality_contact",
        "follow_up_visit",
    ]
    assert (
        staff.post(url("crisis_task", case, "safety_walk"), {"note": "Kl. 19"}).status_code == 302
    )
    task = CrisisTask.objects.get(case=case, kind="safety_walk")
    assert task.note == "Kl. 19" and task.done_at is not None
    assert staff.post(url("crisis_task", case, "nonsense"), {}).status_code == 404
    ok = staff.post(
        url("crisis", case),
        {"presence-date": "2026-03-02", "presence-hours": "6,5", "presence-note": "Opgang 3"},
    )
    assert ok.status_code in (200, 302)
    bad = staff.post(url("crisis", case), {"presence-date": "2026-03-02", "presence-hours": "30"})
    assert bad.status_code == 200
    assert PresenceDay.objects.filter(case=case).count() == (1 if ok.status_code == 302 else 0)
    meeting = staff.post(
        url("crisis_meeting", case),
        {
            "meeting-kind": "meeting",
            "meeting-occurred_at": "2026-03-02T18:00",
            "meeting-minutes": "90",
            "meeting-text": "Beboermøde i fælleshuset.",
        },
    )
    assert meeting.status_code == 302
    assert case.events.filter(kind="meeting", minutes=90).count() == 1
    assert staff.get(url("crisis", cw.case_a1)).status_code == 404  # not a crisis case


def test_an_empty_crisis_meeting_names_the_missing_fields_and_keeps_what_was_typed(cw, client_for):
    """Issue 13 item 21: it redirected with "Dette felt er påkrævet." naming no field and lost
    the note; now the page comes back with the errors on their fields and the input kept."""
    case = CaseFactory(department=cw.dept_a1, kind="crisis", track="tryghed")
    response = client_for("staff_a").post(
        url("crisis_meeting", case),
        {
            "meeting-kind": "meeting",
            "meeting-occurred_at": "",
            "meeting-minutes": "45",
            "meeting-text": "Møde med politiet\r\nog skolen.",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a href="#id_meeting-occurred_at">Hvornår: Dette felt er påkrævet.</a>' in body
    assert "Møde med politiet\nog skolen.</textarea>" in body
    assert 'name="meeting-minutes" value="45"' in body
    assert 'aria-invalid="true"' in body
    assert case.events.filter(kind="meeting").count() == 0
    empty = client_for("staff_a").post(url("crisis_meeting", case), {})
    body = empty.content.decode()
    assert empty.status_code == 200
    assert "Hvornår: Dette felt er påkrævet." in body and "Notat: Dette felt er påkrævet." in body
    assert case.events.filter(kind="meeting").count() == 0


def test_sharing_needs_a_reason_and_an_explanation_and_can_be_revoked(cw, en, personas):
    case = cw.case_a1
    staff = en("staff_a")
    municipal = personas["municipal"]
    refused = staff.post(url("share", case), {"user": municipal.pk, "reason": "consent"})
    assert refused.status_code == 200
    assert "explanation" in refused.context["form"].errors
    assert not CaseShare.objects.filter(case=case).exists()
    forged = staff.post(
        url("share", case),
        {"user": personas["staff_b"].pk, "reason": "consent", "explanation": "x"},
    )
    assert forged.status_code == 200
    assert not CaseShare.objects.filter(case=case).exists()
    ok = staff.post(
        url("share", case),
        {"user": municipal.pk, "reason": "legal_basis", "explanation": "Underretning."},
    )
    assert ok.status_code == 302
    share = CaseShare.objects.get(case=case)
    assert en("municipal").get(url("detail", case)).status_code == 200
    confirm = staff.get(url("share_revoke", case, share.pk))
    assert "Revoke the share?" in confirm.content.decode()
    assert staff.post(url("share_revoke", case, share.pk), {"note": ""}).status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None
    assert en("municipal").get(url("detail", case)).status_code == 404


def test_the_municipal_user_cannot_post_to_a_shared_case(cw, en):
    case = cw.case_shared
    before = Event.objects.filter(case=case).count()
    response = en("municipal").post(
        url("event", case), {"kind": "note", "occurred_at": "2026-03-03T12:00", "text": "x"}
    )
    assert response.status_code == 403
    assert Event.objects.filter(case=case).count() == before


def test_caretaker_quick_report_creates_a_case_and_shows_only_a_confirmation(cw, en, personas):
    caretaker = en("caretaker_a")
    page = caretaker.get(reverse("cases:quick_report"))
    assert set(page.context["form"].fields["department"].queryset) == {cw.dept_a1, cw.dept_a2}
    response = caretaker.post(
        reverse("cases:quick_report"),
        {
            "department": cw.dept_a2.pk,
            "category": "waste",
            "note": "Storskrald i gården",
            "photo": SimpleUploadedFile("gaard.png", PNG, "image/png"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:quick_report_done")
    case = Case.objects.get(source="caretaker")
    assert (case.department, case.category, case.status, case.track) == (
        cw.dept_a2,
        "waste",
        "received",
        "tag_ansvar",
    )
    assert case.created_by == personas["caretaker_a"]
    assert case.attachments.get().original_name == "gaard.png"
    done = caretaker.get(response["Location"]).content.decode()
    assert case.reference not in done
    assert caretaker.get(url("detail", case)).status_code == 404


def test_quick_report_preselects_a_single_department(world, personas, client_for):
    from boligsocial.organisations.models import Membership
    from boligsocial.organisations.tests.factories import UserFactory

    user = UserFactory(username="vicevaert")
    Membership.objects.create(user=user, role="caretaker", department=world.dept_a1)
    c = Client()
    c.force_login(user)
    form = c.get(reverse("cases:quick_report")).context["form"]
    assert form["department"].value() == world.dept_a1.pk


def test_a_quick_report_with_a_bad_photo_creates_nothing(cw, en):
    response = en("caretaker_a").post(
        reverse("cases:quick_report"),
        {
            "department": cw.dept_a1.pk,
            "category": "noise",
            "photo": SimpleUploadedFile("x.png", b"not an image at all", "image/png"),
        },
    )
    assert response.status_code == 200
    assert not Case.objects.filter(source="caretaker").exists()
    assert Attachment.objects.count() == 0


def test_a_quick_report_for_another_organisations_department_is_refused(cw, en):
    response = en("caretaker_a").post(
        reverse("cases:quick_report"), {"department": cw.dept_b1.pk, "category": "noise"}
    )
    assert response.status_code == 200
    assert not Case.objects.filter(source="caretaker").exists()
