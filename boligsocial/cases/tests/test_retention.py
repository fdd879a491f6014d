"""Retention: closed cases are anonymised after the retention period (default 3 years)."""

from datetime import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command

from boligsocial.cases import services, workdays
from boligsocial.cases.models import Attachment, Case, CaseSettings, Event, Party
from boligsocial.cases.tests.factories import CaseFactory, EventFactory, PartyFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 12, tzinfo=workdays.COPENHAGEN)


@pytest.fixture
def setup(world, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path

    def closed(ref, closed_at, dept=world.dept_a1):
        case = CaseFactory(
            reference=ref,
            department=dept,
            lease=world.lease_a1 if dept == world.dept_a1 else None,
            status="closed",
            received_at=closed_at.replace(month=1, day=5),
            description="Følsom beskrivelse",
            mediator="Navngiven Mægler",
        )
        Case.objects.filter(pk=case.pk).update(closed_at=closed_at)
        PartyFactory(case=case)
        EventFactory(case=case, text="Referat af samtale", minutes=30)
        att = Attachment(case=case, original_name="a.pdf", content_type="application/pdf", size=5)
        att.file.save("a.pdf", ContentFile(b"%PDF-"), save=True)
        return case

    due = closed("BS-2023-0001", datetime(2023, 11, 19, 9, tzinfo=workdays.COPENHAGEN))
    not_yet = closed("BS-2023-0002", datetime(2023, 11, 21, 9, tzinfo=workdays.COPENHAGEN))
    other_org = closed(
        "BS-2024-0001", datetime(2024, 6, 1, tzinfo=workdays.COPENHAGEN), dept=world.dept_b1
    )
    CaseSettings.objects.create(organisation=world.org_b, retention_years_after_closing=2)
    open_case = CaseFactory(reference="BS-2020-0001", department=world.dept_a1)
    return {"due": due, "not_yet": not_yet, "other_org": other_org, "open": open_case}


def snapshot():
    return (
        list(Case.objects.order_by("pk").values_list("description", "address", "anonymised_at")),
        Party.objects.count(),
        list(Event.objects.values_list("text", flat=True)),
        Attachment.objects.count(),
    )


def test_dry_run_lists_and_changes_nothing(setup, tmp_path):
    before = snapshot()
    files_before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    rows = services.anonymise_due(NOW, dry_run=True)
    assert [(r["reference"], r["attachments"]) for r in rows] == [
        ("BS-2023-0001", 1),
        ("BS-2024-0001", 1),
    ]
    assert snapshot() == before
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == files_before


def test_real_run_anonymises_exactly_the_due_ones(setup, tmp_path):
    due_files = [tmp_path / a.file.name for a in Attachment.objects.filter(case=setup["due"])]
    kept_file = tmp_path / Attachment.objects.get(case=setup["not_yet"]).file.name
    rows = services.anonymise_due(NOW, dry_run=False)
    assert [r["reference"] for r in rows] == ["BS-2023-0001", "BS-2024-0001"]
    case = Case.objects.get(pk=setup["due"].pk)
    assert (case.description, case.address, case.address_key, case.lease, case.mediator) == (
        "",
        "",
        "",
        None,
        "",
    )
    assert case.anonymised_at == NOW
    # kept for statistics
    assert (case.department_id, case.category, case.status, case.outcome) == (
        setup["due"].department_id,
        "noise",
        "closed",
        "resolved_dialogue",
    )
    assert list(case.events.values_list("text", "minutes")) == [("", 30)]
    assert case.parties.count() == 0
    assert case.attachments.count() == 0
    assert not any(p.exists() for p in due_files)
    assert kept_file.exists()
    untouched = Case.objects.get(pk=setup["not_yet"].pk)
    assert (untouched.description, untouched.anonymised_at) == ("Følsom beskrivelse", None)
    assert untouched.parties.count() == 1
    assert Case.objects.get(pk=setup["open"].pk).anonymised_at is None
    assert services.anonymise_due(NOW, dry_run=False) == []  # idempotent


def test_anonymised_case_cannot_be_changed(setup):
    services.anonymise_due(NOW, dry_run=False)
    case = Case.objects.get(pk=setup["due"].pk)
    with pytest.raises(ValidationError):
        services.update_case(case, {"description": "x"}, None, case.version)
    assert Case.objects.get(pk=case.pk).description == ""


def test_retention_command(setup):
    out = StringIO()
    call_command("cases_retention", "--dry-run", "--date", "2026-11-20", stdout=out)
    assert out.getvalue().splitlines() == [
        "BS-2023-0001\t2023-11-19\t1 attachment(s)",
        "BS-2024-0001\t2024-06-01\t1 attachment(s)",
        "2 case(s) would be anonymised.",
    ]
    assert Case.objects.filter(anonymised_at__isnull=False).count() == 0


def test_retention_command_refuses_a_bad_date(setup):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("cases_retention", "--date", "20-11-2026")
    assert Case.objects.filter(anonymised_at__isnull=False).count() == 0


def test_anonymising_removes_letters_and_board_notes_and_keeps_the_decision(setup):
    from datetime import date

    from boligsocial.cases.models import LegalProceeding, Letter

    case = setup["due"]
    Letter.objects.create(case=case, kind="warning", recipient_name="Navn", rendered_body="x")
    LegalProceeding.objects.create(
        case=case,
        forum="complaints_board",
        brought_on=date(2023, 3, 1),
        decided_on=date(2023, 4, 1),
        outcome="warning",
        note="Navngiven beboer mødte op",
    )
    services.anonymise_due(NOW, dry_run=False)
    assert not Letter.objects.filter(case=case).exists()
    assert list(LegalProceeding.objects.filter(case=case).values_list("note", "outcome")) == [
        ("", "warning")
    ]
