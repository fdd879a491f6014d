import pytest
from django.db import IntegrityError, transaction

from boligsocial.cases.models import Case, CaseSettings, CaseShare, Status, settings_for
from boligsocial.cases.tests.factories import cases_world

pytestmark = pytest.mark.django_db


def test_cases_world_is_idempotent(world, personas):
    cases_world(world, personas)
    cases_world(world, personas)
    assert Case.objects.count() == 5
    assert world.case_a1.organisation == world.org_a
    assert world.case_b1.organisation == world.org_b
    assert world.case_closed.status == Status.CLOSED
    assert world.case_closed.closed_at is not None
    assert list(CaseShare.objects.values_list("case__reference", "user__username")) == [
        ("BS-2026-0004", "municipal")
    ]
    assert world.case_a1.parties.count() == 2
    assert world.case_a1.deadlines.get().due.isoformat() == "2026-03-04"


def test_settings_for_gives_defaults_without_a_row(world):
    s = settings_for(world.org_a)
    assert s.pk is None
    assert (s.first_contact_working_days, s.retention_years_after_closing) == (2, 3)
    CaseSettings.objects.create(organisation=world.org_a, first_contact_working_days=1)
    assert settings_for(world.org_a).first_contact_working_days == 1
    assert settings_for(world.org_b.pk).first_contact_working_days == 2


def test_closed_case_needs_closed_at(world, personas):
    cases_world(world, personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=world.case_a1.pk).update(status=Status.CLOSED)
    assert Case.objects.get(pk=world.case_a1.pk).status == Status.RECEIVED


def test_only_one_active_share_per_user_and_case(world, personas):
    cases_world(world, personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseShare.objects.create(
            case=world.case_shared, user=personas["municipal"], reason="consent", explanation="x"
        )
    assert CaseShare.objects.count() == 1
