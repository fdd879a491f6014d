"""Case.search_text: reference, address and party names, lower-cased, kept current by every write
that changes them, so the case search (page and API) is one LIKE on one column."""

from datetime import timedelta

import pytest
from django.utils import timezone

from boligsocial.cases import services
from boligsocial.cases.models import Case, Party, PartyRole, Status, refresh_search_text
from boligsocial.cases.tests.factories import CaseFactory, PartyFactory

pytestmark = pytest.mark.django_db


def _text(case) -> str:
    return Case.objects.get(pk=case.pk).search_text


def test_a_new_case_and_its_parties_are_in_the_search_text():
    case = CaseFactory(reference="BS-T-77777", address="Æblevej 3, st. TV")
    assert _text(case) == "bs-t-77777\næblevej 3, st. tv"
    PartyFactory(case=case, name="Ida ØSTERGÅRD")
    PartyFactory(case=case, name="Bo Berg")
    assert _text(case) == "bs-t-77777\næblevej 3, st. tv\nida østergård\nbo berg"


def test_changing_and_removing_parties_and_the_address_updates_it(world):
    case = CaseFactory(reference="BS-T-77778", address="Havevej 1", department=world.dept_a1)
    party = services.add_party(case, None, role=PartyRole.COMPLAINANT, name="Karl Klagesen")
    assert _text(case) == "bs-t-77778\nhavevej 1\nkarl klagesen"
    services.update_party(party, None, name="Karla Klagesen")
    assert _text(case) == "bs-t-77778\nhavevej 1\nkarla klagesen"
    case.refresh_from_db()
    services.update_case(case, {"address": "Skovvej  9"}, None, case.version)
    assert _text(case) == "bs-t-77778\nskovvej 9\nkarla klagesen"
    Party.objects.get(pk=party.pk).delete()
    assert _text(case) == "bs-t-77778\nskovvej 9"


def test_bulk_inserted_parties_refresh_it():
    case = CaseFactory(reference="BS-T-77779", address="")
    Party.objects.bulk_create([Party(case=case, role=PartyRole.WITNESS, name="Vibeke Vidne")])
    assert _text(case) == "bs-t-77779\n\nvibeke vidne"


def test_anonymisation_leaves_only_the_reference():
    closed = timezone.now() - timedelta(days=4 * 366)
    case = CaseFactory(
        reference="BS-T-77780", address="Havevej 2", status=Status.CLOSED, closed_at=closed
    )
    PartyFactory(case=case, name="Anne Anonym")
    services.anonymise_due(dry_run=False)
    assert Case.objects.get(pk=case.pk).anonymised_at is not None
    assert _text(case) == "bs-t-77780\n"


def test_refresh_recomputes_a_stale_text():
    case = CaseFactory(reference="BS-T-77781", address="Bakken 4")
    PartyFactory(case=case, name="Per Part")
    Case.objects.filter(pk=case.pk).update(search_text="")
    refresh_search_text([case.pk])
    assert _text(case) == "bs-t-77781\nbakken 4\nper part"


def test_a_case_with_hundreds_of_parties_saves_and_keeps_at_most_2000_bytes_of_search_text():
    """The search text is in a covering index; PostgreSQL refuses index entries over 2,704
    bytes, so the text is cut at 2,000 bytes (whole characters) and the case still saves."""
    case = CaseFactory(reference="BS-T-77779", address="Ørnevej 12")
    for n in range(300):  # random-looking, incompressible names with 2-byte letters
        PartyFactory(case=case, name=f"Åse Ø{n:03d} {hex(n * 7919**3)[2:]} Æbelø")
    text = _text(case)
    assert len(text.encode()) <= 2_000
    assert len(text.encode()) > 1_990  # cut near the limit, not far below it
    assert text.startswith("bs-t-77779\nørnevej 12\nåse ø000 ")
    assert Case.objects.filter(search_text__contains="bs-t-77779").count() == 1
    assert "åse ø299" not in text  # the names beyond the limit are not searchable
