"""Case services: opening, references, editing with optimistic concurrency, status machine,
parties, attachments, mediation, crisis, sharing, repeats, statistics, person export."""

import threading
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from boligsocial.cases import services, workdays
from boligsocial.cases.models import (
    Attachment,
    Case,
    CaseShare,
    Event,
    Party,
    ReferenceCounter,
    Status,
)
from boligsocial.cases.tests.factories import (
    CaseFactory,
    PartyFactory,
    cases_world,
)
from boligsocial.core.storage import sniff_content_type
from boligsocial.organisations.tests.factories import LeaseFactory, UserFactory

pytestmark = pytest.mark.django_db
CPH = workdays.COPENHAGEN


def at(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=CPH)


def open_(world, **kw):
    kw = {
        "department": world.dept_a1,
        "kind": "house_rules",
        "track": "trivsel",
        "category": "noise",
        "received_at": at(2025, 3, 3),
        **kw,
    }
    return services.open_case(**kw)


def test_open_case_fills_reference_address_and_event(world):
    case = open_(
        world,
        lease=world.lease_a1,
        description="  Musik om natten ",
        parties=[{"role": "complainant", "name": " Karen   Klage ", "phone": "20 30 40 50"}],
    )
    assert case.reference == "BS-2025-0001"
    assert case.organisation == world.org_a
    assert (case.address, case.address_key) == ("Alfavej 1, st. tv.", "alfavej 1 st tv")
    assert case.description == "Musik om natten"
    assert case.status == Status.RECEIVED
    assert list(case.parties.values_list("role", "name", "phone")) == [
        ("complainant", "Karen Klage", "20 30 40 50")
    ]
    assert list(case.events.values_list("kind", "text")) == [("status_change", "Sag modtaget")]
    assert open_(world).reference == "BS-2025-0002"
    assert open_(world, received_at=at(2026, 1, 2)).reference == "BS-2026-0001"


def test_open_case_refuses_bad_input_and_creates_nothing(world):
    with pytest.raises(ValidationError) as e:
        open_(world, lease=world.lease_b1)
    assert e.value.message_dict == {"lease": ["Lejemålet hører ikke til den valgte afdeling."]}
    with pytest.raises(ValidationError):
        open_(world, category="loud")
    with pytest.raises(ValidationError) as e:
        open_(world, parties=[{"role": "complainant", "name": "  "}])
    assert "name" in e.value.message_dict
    with pytest.raises(ValidationError):
        open_(world, received_at=at(2099, 1, 1))
    assert Case.objects.count() == 0
    assert Party.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_references_are_unique_under_concurrency(world):
    refs, errors = [], []

    def work():
        try:
            for _ in range(5):
                refs.append(open_(world).reference)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(refs) == [f"BS-2025-{n:04d}" for n in range(1, 21)]


def test_reference_counter_continues_from_the_row(world):
    ReferenceCounter.objects.create(year=2025, last=41)
    assert open_(world).reference == "BS-2025-0042"
    assert services.next_reference(2025) == "BS-2025-0043"


def test_update_case_checks_the_version(world):
    case = open_(world)
    v1 = case.version
    updated = services.update_case(case, {"description": "Ny tekst", "priority": "high"}, None, v1)
    assert (updated.description, updated.priority, updated.version) == ("Ny tekst", "high", v1 + 1)
    assert updated.events.filter(kind="note").values_list("text", flat=True).get() == (
        "Ændret: beskrivelse, prioritet"
    )
    # A second user still holds v1:
    with pytest.raises(services.StaleCase) as e:
        services.update_case(case, {"description": "Min tekst", "priority": "high"}, None, v1)
    stale = e.value
    assert stale.fields == ["description"]
    assert stale.current == {"description": "Ny tekst", "priority": "high"}
    assert stale.submitted == {"description": "Min tekst", "priority": "high"}
    assert stale.version == v1 + 1
    case.refresh_from_db()
    assert (case.description, case.version) == ("Ny tekst", v1 + 1)


def test_update_case_refuses_another_organisation_and_foreign_lease(world):
    case = open_(world)
    with pytest.raises(ValidationError):
        services.update_case(case, {"department": world.dept_b1}, None, case.version)
    with pytest.raises(ValidationError):
        services.update_case(case, {"lease": world.lease_a2}, None, case.version)
    with pytest.raises(ValueError):
        services.update_case(case, {"status": "closed"}, None, case.version)
    case.refresh_from_db()
    assert (case.department, case.lease, case.version) == (world.dept_a1, None, 1)


def test_moving_department_drops_a_lease_of_the_old_department(world):
    case = open_(world, lease=world.lease_a1)
    case = services.update_case(case, {"department": world.dept_a2}, None, case.version)
    assert (case.department, case.lease) == (world.dept_a2, None)


def test_status_machine(world):
    case = open_(world)
    with pytest.raises(ValidationError) as e:
        services.change_status(case, Status.CLOSED, None)
    assert e.value.messages == ["Vælg et resultat for at afslutte sagen."]
    services.change_status(case, Status.IN_PROGRESS, None)
    with pytest.raises(ValidationError) as e:
        services.change_status(case, Status.RECEIVED, None)
    assert e.value.messages == ['En sag kan ikke gå fra "Under behandling" til "Modtaget".']
    services.close_case(case, "resolved_dialogue", None, at=at(2025, 3, 10))
    assert (case.status, case.next_due) == (Status.CLOSED, None)
    with pytest.raises(ValidationError):
        services.record_contact(case, None, at=at(2025, 3, 11))
    with pytest.raises(ValidationError):
        services.change_status(case, Status.IN_PROGRESS, None)
    services.reopen_case(case, None, text="Ny klage")
    case.refresh_from_db()
    assert (case.status, case.closed_at, case.outcome) == (Status.REOPENED, None, "")
    assert case.next_due == date(2025, 3, 5)  # the unmet first-contact deadline is back


def test_english_messages_for_english_users(world):
    from django.utils import translation

    case = open_(world)
    services.change_status(case, Status.IN_PROGRESS, None)
    with translation.override("en"), pytest.raises(ValidationError) as e:
        services.change_status(case, Status.RECEIVED, None)
    assert e.value.messages == ['A case cannot go from "In progress" to "Received".']
    # Texts stored in the case are Danish whatever the user's language.
    with translation.override("en"):
        services.change_status(case, Status.FORWARDED, None)
    assert case.events.last().text == "Status: Videresendt"


def test_record_contact_meets_the_deadline_once(world):
    case = open_(world)
    services.record_contact(case, None, at=at(2025, 3, 4), minutes=20)
    services.record_contact(case, None, at=at(2025, 3, 6), kind="visit")
    case.refresh_from_db()
    # Every open case has a next deadline: the follow-up, 10 working days after the contact.
    assert (case.status, case.first_contact_at, case.next_due) == (
        Status.CONTACTED,
        at(2025, 3, 4),
        date(2025, 3, 18),
    )
    assert case.deadlines.get(kind="first_contact").met_at == at(2025, 3, 4)
    assert list(case.deadlines.filter(met_at=None).values_list("kind", "due")) == [
        ("follow_up", date(2025, 3, 18))
    ]
    with pytest.raises(ValidationError):
        services.record_contact(case, None, at=at(2025, 3, 1))


def test_record_event_validation(world):
    case = open_(world)
    with pytest.raises(ValidationError):
        services.record_event(case, "status_change", None, text="x")
    with pytest.raises(ValidationError):
        services.record_event(case, "note", None, text="  ")
    with pytest.raises(ValidationError):
        services.record_event(case, "call", None, minutes=2000)
    assert case.events.count() == 1
    services.record_event(case, "visit", None, text="Besøg", minutes=45, at=at(2025, 3, 4))
    services.record_event(case, "call", None, minutes=15, at=at(2025, 3, 4))
    assert services.minutes_spent(case) == 60


def test_parties(world):
    case = open_(world)
    p = services.add_party(case, None, role="respondent", name="Rasmus", lease=world.lease_a2)
    assert p.lease == world.lease_a2
    with pytest.raises(ValidationError):
        services.add_party(case, None, role="respondent", name="X", lease=world.lease_b1)
    with pytest.raises(ValidationError):
        services.add_party(case, None, role="respondent", name="X", email="ikke-en-adresse")
    services.update_party(p, None, phone="+45 11 22 33 44")
    assert Party.objects.get(pk=p.pk).phone == "+45 11 22 33 44"
    services.remove_party(p, None)
    assert case.parties.count() == 0


PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 30


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def test_attachments_are_checked_by_content(
    world, private_root, django_capture_on_commit_callbacks
):
    case = open_(world)
    a = services.add_attachment(case, SimpleUploadedFile("klage.png", PDF), None)
    assert (a.content_type, a.original_name, a.size) == ("application/pdf", "klage.png", len(PDF))
    path = private_root / a.file.name
    assert path.read_bytes() == PDF
    assert a.file.name.startswith(f"cases/{case.pk}/")
    with pytest.raises(ValidationError) as e:
        services.add_attachment(case, SimpleUploadedFile("virus.pdf", b"MZ\x90\0" * 10), None)
    assert e.value.message_dict["file"] == [
        "Filtypen er ikke tilladt. Tilladt: PDF, JPEG, PNG, HEIC, DOCX."
    ]
    with pytest.raises(ValidationError):
        services.add_attachment(case, SimpleUploadedFile("tom.pdf", b""), None)
    big = SimpleUploadedFile("stor.png", PNG + b"\0" * services.MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError) as e:
        services.add_attachment(case, big, None)
    assert e.value.message_dict["file"] == [
        "Filen er for stor (10,0 MB). Den må højst fylde 10 MB."
    ]
    assert Attachment.objects.count() == 1
    assert len(list((private_root / "cases" / str(case.pk)).iterdir())) == 1
    with django_capture_on_commit_callbacks(execute=True):  # the file goes when it commits
        services.delete_attachment(a, None)
    assert not path.exists()
    assert Attachment.objects.count() == 0


def test_docx_needs_a_word_document_inside(world, private_root):
    import io
    import zipfile

    def zipped(name):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(name, "<x/>")
        return buf.getvalue()

    case = open_(world)
    ok = services.add_attachment(
        case, SimpleUploadedFile("brev.docx", zipped("word/document.xml")), None
    )
    assert ok.content_type.endswith("wordprocessingml.document")
    with pytest.raises(ValidationError):
        services.add_attachment(case, SimpleUploadedFile("brev.docx", zipped("evil.exe")), None)
    assert sniff_content_type(b"\0\0\0\x18ftypheic\0\0") == "image/heic"
    assert sniff_content_type(b"\xff\xd8\xff\xe0") == "image/jpeg"


def test_mediation_records_no_content(world):
    case = open_(world, kind="mediation")
    services.offer_mediation(case, None, at=at(2025, 3, 4))
    services.record_mediation(
        case, None, held_at=at(2025, 3, 20), mediator="Boligkonflikten", agreement=True
    )
    case.refresh_from_db()
    assert (case.mediation_offered_at, case.mediation_held_at) == (at(2025, 3, 4), at(2025, 3, 20))
    assert (case.mediator, case.mediation_agreement) == ("Boligkonflikten", True)
    assert list(case.events.filter(kind="mediation").values_list("text", flat=True)) == [
        "Mægling tilbudt",
        "Mægling afholdt af Boligkonflikten: aftale",
    ]
    with pytest.raises(TypeError):
        services.record_mediation(  # there is no parameter for what was said
            case, None, held_at=at(2025, 3, 20), mediator="X", agreement=True, text="referat"
        )
    with pytest.raises(ValidationError):
        services.record_mediation(case, None, held_at=at(2025, 3, 20), mediator=" ", agreement=None)


def test_crisis_checklist_and_presence_days(world):
    case = open_(world, kind="crisis", category="violence_threats", track="tryghed")
    services.complete_crisis_task(case, "follow_up_visit", None, at=at(2025, 3, 5), note="Besøgt")
    with pytest.raises(ValidationError):
        services.complete_crisis_task(case, "follow_up_visit", None)
    assert case.deadlines.get(kind="crisis_follow_up").met_at == at(2025, 3, 5)
    services.add_presence_day(case, date(2025, 3, 4), "6,5".replace(",", "."), None)
    with pytest.raises(ValidationError):
        services.add_presence_day(case, date(2025, 3, 4), "25", None)
    with pytest.raises(ValidationError):
        services.add_presence_day(case, date(2025, 3, 4), "mange", None)
    assert list(case.presence_days.values_list("hours", flat=True)) == [Decimal("6.5")]
    qs = Case.objects.all()
    assert list(services.open_crisis_cases(qs)) == [case]
    services.close_case(case, "dropped", None, at=at(2025, 4, 1))
    assert list(services.open_crisis_cases(qs)) == []


def test_sharing_and_revoking(world, personas):
    case = open_(world)
    municipal = personas["municipal"]
    with pytest.raises(ValidationError) as e:
        services.share_case(case, personas["board_a"], "consent", "samtykke", personas["staff_a"])
    assert set(e.value.message_dict) == {"user"}
    with pytest.raises(ValidationError) as e:
        services.share_case(case, municipal, "whim", " ", personas["staff_a"])
    assert set(e.value.message_dict) == {"reason", "explanation"}
    assert CaseShare.objects.count() == 0
    share = services.share_case(
        case, municipal, "legal_basis", "Servicelovens § 11", personas["staff_a"]
    )
    with pytest.raises(ValidationError):
        services.share_case(case, municipal, "consent", "igen", personas["staff_a"])
    services.revoke_share(share, personas["head_a"], explanation="Forløbet er slut")
    share.refresh_from_db()
    assert share.revoked_by == personas["head_a"] and share.revoked_at is not None
    with pytest.raises(ValidationError):
        services.revoke_share(share, personas["head_a"])
    assert case.events.filter(kind="share").count() == 2
    # After revoking, a new share is allowed again.
    services.share_case(case, municipal, "consent", "Nyt samtykke", personas["staff_a"])
    assert CaseShare.objects.filter(revoked_at=None).count() == 1


def test_repeats_by_lease_or_normalised_address(world):
    first = open_(world, lease=world.lease_a1)
    typed = open_(world, address="ALFAVEJ 1 st. tv.")
    other = open_(world, address="Alfavej 3")
    elsewhere = CaseFactory(department=world.dept_b1, address="Alfavej 1, st. tv.")
    assert list(services.repeats_of(first)) == [typed]
    assert list(services.repeats_of(typed)) == [first]
    assert list(services.repeats_of(other)) == []
    assert elsewhere not in services.repeats_of(first)


def test_statistics(world):
    a = open_(world, lease=world.lease_a1, received_at=at(2025, 3, 3))  # due 5 March
    services.record_contact(a, None, at=at(2025, 3, 4, 16))  # 1 working day, 30 hours
    b = open_(world, lease=world.lease_a1, received_at=at(2025, 3, 3), category="waste")
    services.record_contact(b, None, at=at(2025, 3, 7, 10))  # 4 working days, late
    open_(world, department=world.dept_a2, received_at=at(2025, 3, 3), kind="inquiry")  # overdue
    open_(world, received_at=at(2024, 5, 1))  # another year
    stats = services.statistics(Case.objects.all(), 2025, today=date(2025, 6, 1))
    assert stats["total"] == 3
    assert stats["open"] == 3
    assert stats["overdue"] == 3  # and a's, b's follow-ups (18, 21 March) have passed by June
    assert stats["by_category"] == {"noise": 2, "waste": 1}
    assert stats["by_kind"] == {"house_rules": 2, "inquiry": 1}
    assert [(d["name"], d["count"]) for d in stats["by_department"]] == [
        ("Alfaparken", 2),
        ("Alfahaven", 1),
    ]
    assert stats["median_working_days_to_first_contact"] == 2.5
    assert stats["median_hours_to_first_contact"] == 63.0  # (30 + 96) / 2
    assert (stats["first_contact_decided"], stats["first_contact_within_deadline"]) == (3, 1)
    assert stats["share_within_deadline"] == 0.333
    assert (stats["repeat_addresses"], stats["repeat_leases"]) == (1, 1)
    assert services.statistics(Case.objects.all())["total"] == 4


def test_house_rule_cases_per_100(world):
    # dept_a1 and dept_a2 have 100 leases (factory); org B uses no cases -> left out.
    for _ in range(3):
        open_(world, received_at=at(2025, 2, 3))
    open_(world, received_at=at(2025, 2, 3), kind="inquiry")
    open_(world, received_at=at(2024, 2, 5))
    world.dept_a2.lease_count = 300
    world.dept_a2.save()
    open_(world, department=world.dept_a2, received_at=at(2025, 2, 3))
    assert services.house_rule_cases_per_100(2025) == {
        world.dept_a1.pk: Decimal("3.0"),
        world.dept_a2.pk: Decimal("0.3"),
    }
    assert services.house_rule_cases_per_100(2023) == {
        world.dept_a1.pk: Decimal("0.0"),
        world.dept_a2.pk: Decimal("0.0"),
    }


def test_person_export(world, personas):
    cases_world(world, personas)
    PartyFactory(case=world.case_a2, role="witness", name="klara klagesen", phone="+45 2000 0199")
    PartyFactory(case=world.case_b1, role="witness", name="Klara Klagesen")
    first = world.case_a1.parties.get(name="Klara Klagesen")
    from boligsocial.cases import access

    export = services.person_export(
        access.visible_cases(personas["staff_a"]), name="Klara Klagesen"
    )
    assert [p.case.reference for p in export.parties] == ["BS-2026-0001", "BS-2026-0002"]
    assert export.case_ids == [world.case_a1.pk, world.case_a2.pk]  # not org B's case
    by_phone = services.person_export(Case.objects.all(), phone=first.phone.replace(" ", ""))
    assert [p.pk for p in by_phone.parties] == [first.pk]
    assert services.person_export(Case.objects.all()).cases == []
    assert len(export.cases[0].events.all()) == 1  # prefetched content comes along


def test_user_factory_email_for_reminders(world):
    assert UserFactory(username="x").email == "x@example.org"
    assert LeaseFactory(department=world.dept_a1).department == world.dept_a1
    assert Event.objects.count() == 0
